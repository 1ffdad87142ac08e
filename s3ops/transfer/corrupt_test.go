package transfer

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/internal/faultproxy"
)

// A download whose bytes arrive altered (one bit flipped, complete and
// of the right length) fails its MD5 check and is fetched whole again;
// bytes that never check out are never saved, not even as a temp file,
// and the job says why.
func TestACorruptedDownloadIsFetchedAgainAndNeverSaved(t *testing.T) {
	t.Parallel()
	ff := newFaultFixture(t, 1)
	src := ff.seed(t, "c/doc.bin", 3*mib, 21, Options{JournalPath: "-"})
	getDoc := faultproxy.Match{Method: "GET", Path: "doc.bin"}
	e, statuses := ff.faultEngine(Options{})

	// Once: the download is fetched again and lands intact.
	once := ff.fp.AddRule(faultproxy.Rule{Name: "one bit flip", Match: getDoc,
		Fault: faultproxy.Fault{Kind: faultproxy.Corrupt, After: mib}, MaxHits: 1})
	first := t.TempDir()
	if _, err := e.Download(context.Background(), ff.loc("c/doc.bin"), first, Ask); err != nil {
		t.Fatal(err)
	}
	wait(t, e, Done)
	if once.Hits() != 1 {
		t.Fatalf("the body was not corrupted (%d hits)", once.Hits())
	}
	if fileSHA(t, filepath.Join(first, "doc.bin")) != fileSHA(t, src) {
		t.Fatal("the download differs from the source")
	}
	if got := strings.Join(statuses.all(), "\n"); !strings.Contains(got, "does not match the object") || !strings.Contains(got, "downloading it again") {
		t.Fatalf("no status said the download was fetched again: %q", got)
	}
	e.ClearFinished()

	// Every time: the job fails with the reason and leaves nothing.
	always := ff.fp.AddRule(faultproxy.Rule{Name: "bit flips", Match: getDoc,
		Fault: faultproxy.Fault{Kind: faultproxy.Corrupt, After: 2 * mib}})
	second := t.TempDir()
	b, err := e.Download(context.Background(), ff.loc("c/doc.bin"), second, Ask)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	s, _ := e.Job(b.Jobs[0])
	if s.State != Failed || !strings.Contains(s.Err, "does not match the object") || !strings.Contains(s.Err, "gave up after 3 attempts") {
		t.Fatalf("job %s: %q, want failed after 3 attempts with the mismatch", s.State, s.Err)
	}
	if always.Hits() != maxMismatches {
		t.Fatalf("%d corrupted fetches, want %d", always.Hits(), maxMismatches)
	}
	if ents, _ := os.ReadDir(second); len(ents) != 0 {
		t.Fatalf("the download folder holds %v after the check failed", ents)
	}

	// Once the path is sound again, a retry brings it whole.
	always.Remove()
	if err := e.Retry(b.Jobs[0]); err != nil {
		t.Fatal(err)
	}
	wait(t, e, Done)
	if fileSHA(t, filepath.Join(second, "doc.bin")) != fileSHA(t, src) {
		t.Fatal("the retried download differs from the source")
	}
}

// An upload whose bytes arrive altered is never stored as they arrived:
// a single PUT and every part carry their CRC64NVME in a signed header,
// which the server checks (BadDigest). Either is sent again. (A store
// without checksums: TestAStoreThatRefusesChecksumsGetsUploadsCheckedByMD5.)
func TestACorruptedUploadIsSentAgainAndStoredExact(t *testing.T) {
	t.Parallel()
	ff := newFaultFixture(t, 1)
	dir := t.TempDir()
	small, big := filepath.Join(dir, "small.bin"), filepath.Join(dir, "big.bin")
	writeRandom(t, small, 3*mib, 31)
	writeRandom(t, big, 12*mib, 32) // three 5 MiB parts
	var flips []*faultproxy.Handle
	for _, key := range []string{"small.bin", "big.bin"} {
		flips = append(flips, ff.fp.AddRule(faultproxy.Rule{Name: "flip " + key, Match: faultproxy.Match{Method: "PUT", Path: "up/" + key},
			Fault: faultproxy.Fault{Kind: faultproxy.Corrupt, After: 4 * mib / 3}, MaxHits: 1}))
	}
	e, statuses := ff.faultEngine(smallParts(""))
	for _, src := range []string{small, big} {
		if _, err := e.Upload(context.Background(), src, ff.loc("up/"+filepath.Base(src))); err != nil {
			t.Fatal(err)
		}
	}
	wait(t, e, Done)
	for _, h := range flips {
		if h.Hits() != 1 {
			t.Fatalf("an upload was not altered (%d hits)", h.Hits())
		}
	}
	for _, src := range []string{small, big} {
		if ff.storedSHA(t, "up/"+filepath.Base(src)) != fileSHA(t, src) {
			t.Fatalf("%s is stored with other bytes than sent", filepath.Base(src))
		}
	}
	got := strings.Join(statuses.all(), "\n")
	if !strings.Contains(got, "upload: the server rejected the request as invalid (BadDigest)") {
		t.Errorf("the server did not refuse the altered single PUT: %q", got)
	}
	if !regexp.MustCompile(`part \d: the server rejected the request as invalid \(BadDigest\)`).MatchString(got) {
		t.Errorf("the server did not refuse the altered part: %q", got)
	}
	if ups := ff.uploadsLeft(t, "up/"); len(ups) != 0 {
		t.Fatalf("uploads left: %+v", ups)
	}
}

// A part replaced on the server after it was sent (as a part request cut
// off earlier and still landing can do) makes Complete answer
// InvalidPart: the parts are checked against the file again, the one
// that differs is sent again, and the upload completes exact.
func TestAPartReplacedBeforeCompleteIsSentAgain(t *testing.T) {
	t.Parallel()
	ff := newFaultFixture(t, 1)
	src := filepath.Join(t.TempDir(), "big.bin")
	writeRandom(t, src, 12*mib, 41) // parts of 5, 5 and 2 MiB
	loc := ff.loc("rp/big.bin")
	held := ff.fp.AddRule(faultproxy.Rule{Name: "slow complete", Match: faultproxy.Match{Method: "POST", Path: "rp/big.bin", Query: []string{"uploadId"}},
		Fault: faultproxy.Fault{Kind: faultproxy.Latency, Latency: 5 * time.Second}, MaxHits: 1})
	e, statuses := ff.faultEngine(smallParts(""))
	if _, err := e.Upload(context.Background(), src, loc); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the complete request", func() bool { return held.Matched() > 0 })
	// While Complete waits in the proxy, part 2 is replaced on the server.
	ups := ff.uploadsLeft(t, "rp/")
	if len(ups) != 1 {
		t.Fatalf("uploads: %+v", ups)
	}
	p, err := ff.c.PresignUploadPart(context.Background(), loc, ups[0].UploadID, 2, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPut, p.URL, bytes.NewReader(bytes.Repeat([]byte("x"), 5*mib)))
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("replacing part 2: %v %v", resp, err)
	}
	resp.Body.Close()
	wait(t, e, Done)
	if ff.storedSHA(t, "rp/big.bin") != fileSHA(t, src) {
		t.Fatal("the object differs from the source")
	}
	if got := strings.Join(statuses.all(), "\n"); !strings.Contains(got, "checking the parts again") {
		t.Fatalf("no status said the parts were checked again: %q", got)
	}
}

// An object encrypted with KMS (or a customer key) has an ETag that is
// not the MD5 of its bytes, and the store's answers say it is encrypted
// that way. Its download, in one GET or in ranges, must not be taken for
// corrupt: it is checked by size and lands exact. The gateway plays such
// a store through the proxy: HEAD answers a KMS-like ETag, GETs say
// aws:kms, and the If-Match carrying that ETag is not passed on.
func TestAnObjectEncryptedWithKMSIsNotTakenForCorrupt(t *testing.T) {
	t.Parallel()
	ff := newFaultFixture(t, 1)
	src := ff.seed(t, "k/kms.bin", 12*mib, 51, Options{JournalPath: "-", MultipartThreshold: 64 * mib}) // one PUT: an MD5 ETag
	const kmsETag = `"8e2f7b0c1a9d4e6f8a7b6c5d4e3f2a1b"`                                                // not the MD5 of the bytes
	kms := "aws:kms"
	ff.fp.AddRule(faultproxy.Rule{Name: "KMS-like HEAD", Match: faultproxy.Match{Method: "HEAD", Path: "kms.bin"},
		Fault: faultproxy.Fault{Headers: &faultproxy.Headers{SetResponse: map[string]string{
			"ETag": kmsETag, "X-Amz-Server-Side-Encryption": kms}}}})
	gets := ff.fp.AddRule(faultproxy.Rule{Name: "KMS-like GET", Match: faultproxy.Match{Method: "GET", Path: "kms.bin"},
		Fault: faultproxy.Fault{Headers: &faultproxy.Headers{DropRequest: []string{"If-Match"},
			SetResponse: map[string]string{"ETag": kmsETag, "X-Amz-Server-Side-Encryption": kms}}}})
	for _, o := range []Options{{}, smallParts("")} { // one GET; ranges
		e, statuses := ff.faultEngine(o)
		dir := t.TempDir()
		ff.downloadTo(t, e, "k/kms.bin", dir)
		if fileSHA(t, filepath.Join(dir, "kms.bin")) != fileSHA(t, src) {
			t.Fatalf("part size %d: the download differs from the source", o.PartSize)
		}
		if got := strings.Join(statuses.all(), "\n"); strings.Contains(got, "does not match") {
			t.Fatalf("part size %d: the download was taken for corrupt: %q", o.PartSize, got)
		}
	}
	if gets.Hits() < 2 {
		t.Fatalf("%d GETs went through the KMS rule", gets.Hits())
	}
}

// Uploads to a store that answers "aws:kms" (ETags not compared with the
// MD5s, parts named to Complete by the ETags the server gave) complete
// and store the bytes exact, in one PUT and in parts.
func TestUploadsToAKMSEncryptingStoreComplete(t *testing.T) {
	t.Parallel()
	ff := newFaultFixture(t, 1)
	dir := t.TempDir()
	small, big := filepath.Join(dir, "small.bin"), filepath.Join(dir, "big.bin")
	writeRandom(t, small, 3*mib, 61)
	writeRandom(t, big, 12*mib, 62) // three parts
	puts := ff.fp.AddRule(faultproxy.Rule{Name: "KMS-like PUT", Match: faultproxy.Match{Method: "PUT", Path: "ku/"},
		Fault: faultproxy.Fault{Headers: &faultproxy.Headers{SetResponse: map[string]string{"X-Amz-Server-Side-Encryption": "aws:kms"}}}})
	e, _ := ff.faultEngine(smallParts(""))
	for _, src := range []string{small, big} {
		if _, err := e.Upload(context.Background(), src, ff.loc("ku/"+filepath.Base(src))); err != nil {
			t.Fatal(err)
		}
	}
	wait(t, e, Done)
	for _, src := range []string{small, big} {
		if ff.storedSHA(t, "ku/"+filepath.Base(src)) != fileSHA(t, src) {
			t.Fatalf("%s is stored with other bytes than sent", filepath.Base(src))
		}
	}
	if puts.Hits() != 4 {
		t.Fatalf("%d PUTs answered aws:kms, want 4 (one object, three parts)", puts.Hits())
	}
}
