package transfer

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/internal/faultproxy"
	"github.com/ferry-s3/ferry/s3ops"
)

// A download of an object uploaded in parts is checked against its ETag
// (the MD5 of the parts' MD5s): one bit altered on the way is caught and
// the object fetched again, whether its parts are the size ferry's own
// uploads use, another even size (the server tells part 1's), or uneven
// (the server tells each part's). A sound download of uneven parts is
// never taken for altered.
func TestADownloadOfAnObjectInPartsIsCheckedByItsParts(t *testing.T) {
	t.Parallel()
	ff := newFaultFixture(t, 1)
	src := ff.seed(t, "p/even.bin", 12*mib, 71, smallParts("-")) // 5, 5 and 2 MiB parts
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	uneven := ff.uploadInParts(t, "p/uneven.bin", data, []int64{5 * mib, 6 * mib, mib}) // 5, 6 and 1 MiB
	if !strings.HasSuffix(uneven, "-3") {
		t.Fatalf("the uneven object's ETag is %q, want a multipart one", uneven)
	}
	ff.withoutStoredChecksums() // the ETag is what is left to check by
	headParts := ff.fp.AddRule(faultproxy.Rule{Name: "count part HEADs", Match: faultproxy.Match{Method: "HEAD", Query: []string{"partNumber"}}})

	for _, c := range []struct {
		name      string
		key       string
		partSize  int64
		wantHeads int // part HEADs for one sound download
	}{
		{"ferry's own part size", "p/even.bin", 5 * mib, 0},
		{"another even part size", "p/even.bin", 6 * mib, 1},
		{"uneven parts", "p/uneven.bin", 5 * mib, 3},
	} {
		o := smallParts("")
		o.PartSize = c.partSize
		e, statuses := ff.faultEngine(o)

		before := headParts.Hits()
		sound := t.TempDir()
		ff.downloadTo(t, e, c.key, sound)
		if got := strings.Join(statuses.all(), "\n"); strings.Contains(got, "does not match") {
			t.Fatalf("%s: a sound download was taken for altered: %q", c.name, got)
		}
		if n := headParts.Hits() - before; n != c.wantHeads {
			t.Errorf("%s: %d part HEADs, want %d", c.name, n, c.wantHeads)
		}
		if readFile(t, filepath.Join(sound, filepath.Base(c.key))) != string(data) {
			t.Fatalf("%s: the download differs from the source", c.name)
		}

		flip := ff.fp.AddRule(faultproxy.Rule{Name: "one bit flip", Match: faultproxy.Match{Method: "GET", Path: c.key},
			Fault: faultproxy.Fault{Kind: faultproxy.Corrupt, After: 3 * mib}, MaxHits: 1})
		altered := t.TempDir()
		ff.downloadTo(t, e, c.key, altered)
		if flip.Hits() != 1 {
			t.Fatalf("%s: the body was not altered", c.name)
		}
		if got := strings.Join(statuses.all(), "\n"); !strings.Contains(got, "do not give its ETag") || !strings.Contains(got, "downloading it again") {
			t.Fatalf("%s: the altered download was not caught: %q", c.name, got)
		}
		if readFile(t, filepath.Join(altered, filepath.Base(c.key))) != string(data) {
			t.Fatalf("%s: the download fetched again differs from the source", c.name)
		}
	}
}

func TestMultipartETagsAreToldFromOthers(t *testing.T) {
	t.Parallel()
	for etag, want := range map[string]int{
		"0cc175b9c0f1b6a831c399e269772661-3":     3,
		"0cc175b9c0f1b6a831c399e269772661-10000": 10000,
		"0cc175b9c0f1b6a831c399e269772661":       0,
		"0cc175b9c0f1b6a831c399e269772661-0":     0,
		"0cc175b9c0f1b6a831c399e269772661-x":     0,
		"nothex-3":                               0,
	} {
		if got := partsETagCount(etag); got != want {
			t.Errorf("%q: %d parts, want %d", etag, got, want)
		}
	}
}

// downloadTo downloads key into dir with e and waits for it to be done.
func (ff *faultFixture) downloadTo(t *testing.T, e *Engine, key, dir string) {
	t.Helper()
	b, err := e.Download(context.Background(), ff.loc(key), dir, Ask)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	if s, _ := e.Job(b.Jobs[0]); s.State != Done {
		t.Fatalf("download of %s: %s %q", key, s.State, s.Err)
	}
	e.ClearFinished()
}

// uploadInParts stores data under key as a multipart upload with the
// given part sizes, straight to the gateway, and returns the ETag.
func (ff *faultFixture) uploadInParts(t *testing.T, key string, data []byte, sizes []int64) string {
	t.Helper()
	ctx, loc := context.Background(), ff.loc(key)
	id, err := ff.c.CreateMultipartUpload(ctx, loc, "")
	if err != nil {
		t.Fatal(err)
	}
	var parts []s3ops.Part
	var off int64
	for i, size := range sizes {
		p, err := ff.c.PresignUploadPart(ctx, loc, id, int32(i+1), time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		req, _ := http.NewRequest(p.Method, p.URL, bytes.NewReader(data[off:off+size]))
		for k, v := range p.Header {
			req.Header[k] = v
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("part %d: %v %v", i+1, err, resp)
		}
		resp.Body.Close()
		parts = append(parts, s3ops.Part{Number: int32(i + 1), ETag: strings.Trim(resp.Header.Get("ETag"), `"`)})
		off += size
	}
	etag, err := ff.c.CompleteMultipartUpload(ctx, loc, id, parts)
	if err != nil {
		t.Fatal(err)
	}
	return etag
}

// With SizeOnlyDownloads nothing is hashed: a bit altered on the way goes
// unnoticed (what the setting trades for CPU), and the download is not
// fetched again.
func TestDownloadsCheckedBySizeOnlyHashNothing(t *testing.T) {
	t.Parallel()
	ff := newFaultFixture(t, 1)
	src := ff.seed(t, "s/parts.bin", 12*mib, 81, smallParts("-"))
	small := ff.seed(t, "s/small.bin", mib, 82, Options{JournalPath: "-"})
	o := smallParts("")
	o.SizeOnlyDownloads = true
	e, statuses := ff.faultEngine(o)
	for key, local := range map[string]string{"s/parts.bin": src, "s/small.bin": small} {
		flip := ff.fp.AddRule(faultproxy.Rule{Name: "one bit flip", Match: faultproxy.Match{Method: "GET", Path: key},
			Fault: faultproxy.Fault{Kind: faultproxy.Corrupt, After: mib / 2}, MaxHits: 1})
		dir := t.TempDir()
		ff.downloadTo(t, e, key, dir)
		got := readFile(t, filepath.Join(dir, filepath.Base(key)))
		if flip.Hits() != 1 || len(got) != len(readFile(t, local)) || got == readFile(t, local) {
			t.Fatalf("%s: %d flips; want the altered bytes kept, checked by size only", key, flip.Hits())
		}
	}
	if s := statuses.all(); len(s) != 0 {
		t.Fatalf("statuses %q: nothing should have been fetched again", s)
	}
}

// withoutStoredChecksums makes the gateway look like a store that keeps
// no checksums (older S3-compatible servers): its HEADs say none, so
// downloads are checked by their ETags.
func (ff *faultFixture) withoutStoredChecksums() {
	ff.fp.AddRule(faultproxy.Rule{Name: "no stored checksums",
		Match: faultproxy.Match{Func: func(r faultproxy.Record) bool { return r.Method == "HEAD" && !r.Query.Has("partNumber") }},
		Fault: faultproxy.Fault{Headers: &faultproxy.Headers{SetResponse: map[string]string{
			"x-amz-checksum-crc64nvme": "", "x-amz-checksum-crc32c": "", "x-amz-checksum-crc32": "", "x-amz-checksum-type": ""}}}})
}
