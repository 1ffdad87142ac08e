package cli_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/gateway/gwtest"
	"github.com/ferry-s3/ferry/internal/faultproxy"
	"github.com/ferry-s3/ferry/s3ops"
)

// Copies between two connections (issue 16): work and lab are two
// gateways with their own keys (see twoStores), each reached through a
// proxy that counts what ferry sends it. lab2 is a third name for the
// work store with work's own keys.
type xstores struct {
	work, lab           *gwtest.Server
	workProxy, labProxy *faultproxy.Proxy
}

func xcopyStores(t *testing.T) xstores {
	t.Helper()
	work, lab := startTwoStores(t)
	x := xstores{work: work, lab: lab, workProxy: faultproxy.Start(t, work.Endpoint), labProxy: faultproxy.Start(t, lab.Endpoint)}
	nameStores(t, work, lab, x.workProxy.URL(), x.labProxy.URL(),
		fmt.Sprintf("\n[connections.lab2]\nendpoint_url = %q\nprofile = \"work\"\nregion = %q\n", x.workProxy.URL(), work.Region))
	return x
}

// client connects straight to a gateway (not through its proxy).
func (x xstores) client(t *testing.T, srv *gwtest.Server) *s3ops.Client {
	t.Helper()
	c, err := s3ops.Connect(context.Background(), s3ops.Settings{EndpointURL: srv.Endpoint, Region: srv.Region,
		AccessKey: srv.AccessKey, SecretKey: srv.SecretKey})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func sha(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }

// storedSHA hashes an object as the gateway stored it on its disk.
func storedSHA(t *testing.T, srv *gwtest.Server, bucket, key string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(srv.Dir, bucket, filepath.FromSlash(key)))
	if err != nil {
		return "missing: " + err.Error()
	}
	return sha(b)
}

// emptyDirs points TMPDIR and the working directory at new empty folders
// and returns a check that they stayed empty.
func emptyDirs(t *testing.T) func() {
	tmp, cwd := t.TempDir(), t.TempDir()
	t.Setenv("TMPDIR", tmp)
	t.Chdir(cwd)
	return func() {
		for _, d := range []string{tmp, cwd} {
			if ents, _ := os.ReadDir(d); len(ents) > 0 {
				t.Fatalf("the copy wrote to %s: %v", d, ents)
			}
		}
	}
}

// A 100 MiB object goes from work to lab byte-exact, with its content
// type and metadata, and nothing is written to TMPDIR or the working
// directory on the way.
func TestCpStreamsBetweenConnectionsWithoutTouchingTheDisk(t *testing.T) {
	x := xcopyStores(t)
	ctx := context.Background()
	body := randomString(t, 100<<20)
	src := filepath.Join(writeTree(t, map[string]string{"big.bin": body}), "big.bin")
	if code, _, errOut := ferryHere(ctx, t, "cp", src, "work:s3://shared/big.bin"); code != 0 {
		t.Fatalf("seed: %s", errOut)
	}
	work := x.client(t, x.work)
	if err := work.SetMetadata(ctx, s3ops.Location{Bucket: "shared", Key: "big.bin"},
		s3ops.Metadata{ContentType: "application/x-ferry", User: map[string]string{"origin": "work"}}); err != nil {
		t.Fatal(err)
	}
	stayedEmpty := emptyDirs(t)
	start := time.Now()
	code, out, errOut := ferryHere(ctx, t, "cp", "--json", "work:s3://shared/big.bin", "lab:s3://shared/copies/")
	took := time.Since(start)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	t.Logf("streamed 100 MiB in %s (%.0f MiB/s)", took.Round(time.Millisecond), 100/took.Seconds())
	stayedEmpty()
	var it map[string]any
	if err := json.Unmarshal([]byte(out), &it); err != nil || it["op"] != "copy" || it["status"] != "done" || it["key"] != "copies/big.bin" {
		t.Fatalf("json: %q %v", out, err)
	}
	if got := storedSHA(t, x.lab, "shared", "copies/big.bin"); got != sha([]byte(body)) {
		t.Fatalf("the copy differs from the source (%s)", got)
	}
	info, err := x.client(t, x.lab).Head(ctx, s3ops.Location{Bucket: "shared", Key: "copies/big.bin"})
	if err != nil || info.ContentType != "application/x-ferry" || info.Metadata["origin"] != "work" {
		t.Fatalf("attributes not carried over: %+v %v", info, err)
	}
}

// A prefix of 300 small files is copied whole; the same command again
// keeps what is there, as cp does for S3 destinations.
func TestCpCopiesAPrefixBetweenConnections(t *testing.T) {
	x := xcopyStores(t)
	ctx := context.Background()
	files := map[string]string{}
	for i := range 300 {
		files[fmt.Sprintf("tree/d%d/f%03d.txt", i%7, i)] = fmt.Sprintf("file %d %s", i, strings.Repeat("x", i))
	}
	root := writeTree(t, files)
	if code, _, errOut := ferryHere(ctx, t, "cp", "-r", filepath.Join(root, "tree"), "work:s3://shared/"); code != 0 {
		t.Fatalf("seed: %s", errOut)
	}
	stayedEmpty := emptyDirs(t)
	code, _, errOut := ferryHere(ctx, t, "cp", "-r", "work:s3://shared/tree/", "lab:s3://shared/backup/")
	if code != 0 || !strings.Contains(errOut, "300") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	stayedEmpty()
	for name, body := range files {
		if got := storedSHA(t, x.lab, "shared", "backup/"+name); got != sha([]byte(body)) {
			t.Fatalf("%s: %s", name, got)
		}
	}
	code, _, errOut = ferryHere(ctx, t, "cp", "-r", "work:s3://shared/tree/", "lab:s3://shared/backup/")
	if code != 0 || !strings.Contains(errOut, "300 skipped") {
		t.Fatalf("again: exit %d: %s", code, errOut)
	}
}

// A copy interrupted once a part is journaled resumes when the same
// command runs again, sending only the parts the destination lacks.
func TestCpBetweenConnectionsResumesSendingOnlyMissingParts(t *testing.T) {
	x := xcopyStores(t)
	state := givenDirs(t).State
	ctx := context.Background()
	body := randomString(t, 40<<20)
	src := filepath.Join(writeTree(t, map[string]string{"big.bin": body}), "big.bin")
	if code, _, errOut := ferryHere(ctx, t, "cp", src, "work:s3://shared/big.bin"); code != 0 {
		t.Fatalf("seed: %s", errOut)
	}
	x.labProxy.AddRule(faultproxy.Rule{Name: "slow link", Fault: faultproxy.Fault{Kind: faultproxy.Throttle,
		RequestBPS: 30 << 20, ResponseBPS: 30 << 20}})
	args := []string{"cp", "work:s3://shared/big.bin", "lab:s3://shared/big.bin", "--part-size", "5M", "--multipart-threshold", "5M", "--parts-per-file", "1"}
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	var code int
	var errOut string
	go func() {
		defer close(done)
		code, _, errOut = ferryHere(runCtx, t, args...)
	}()
	waitForJournal(t, filepath.Join(state, "ferry", "cp"), `"parts":[`, done)
	cancel()
	<-done
	if code != 130 || !strings.Contains(errOut, "run the same command again to resume") {
		t.Fatalf("interrupted: exit %d %q", code, errOut)
	}
	kept := journaledParts(t, filepath.Join(state, "ferry", "cp"))
	x.labProxy.WaitIdle(time.Minute)
	parts := faultproxy.Match{Method: "PUT", Query: []string{"partNumber"}}
	before := x.labProxy.Count(parts)
	code, _, errOut = ferryHere(ctx, t, args...)
	if code != 0 || !strings.Contains(errOut, "resuming 1 file") {
		t.Fatalf("resume: exit %d: %s", code, errOut)
	}
	// A part that arrived but was not journaled yet is kept too, so the
	// run may send fewer than the parts the journal lacks, never more.
	if sent := x.labProxy.Count(parts) - before; kept == 0 || sent < 1 || sent > 8-kept {
		t.Fatalf("the resumed copy sent %d parts; %d of 8 were journaled", sent, kept)
	}
	if got := storedSHA(t, x.lab, "shared", "big.bin"); got != sha([]byte(body)) {
		t.Fatal("the resumed copy differs from the source")
	}
}

// journaledParts counts the parts the one journal under dir holds.
func journaledParts(t *testing.T, dir string) int {
	t.Helper()
	matches, _ := filepath.Glob(filepath.Join(dir, "*.journal"))
	if len(matches) != 1 {
		t.Fatalf("journals: %v", matches)
	}
	b, _ := os.ReadFile(matches[0])
	return strings.Count(string(b), `{"n":`)
}

// Two names for one store and one identity copy on the server side: the
// body is never read through the proxy.
func TestCpBetweenNamesOfOneIdentityStaysServerSide(t *testing.T) {
	x := xcopyStores(t)
	ctx := context.Background()
	src := filepath.Join(writeTree(t, map[string]string{"a.txt": "same store, same keys"}), "a.txt")
	if code, _, errOut := ferryHere(ctx, t, "cp", src, "work:s3://shared/a.txt"); code != 0 {
		t.Fatalf("seed: %s", errOut)
	}
	x.workProxy.ResetLog()
	if code, _, errOut := ferryHere(ctx, t, "cp", "work:s3://shared/a.txt", "lab2:s3://shared/b.txt"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if n := x.workProxy.Count(faultproxy.Match{Method: "GET", Path: "/shared/a.txt"}); n != 0 {
		t.Fatalf("the body was read %d times: not a server-side copy", n)
	}
	if got := storedSHA(t, x.work, "shared", "b.txt"); got != sha([]byte("same store, same keys")) {
		t.Fatalf("b.txt: %s", got)
	}
}

// ferry sync between two connections streams what differs, and a run
// after it finds both sides equal (compared by checksum across stores).
func TestSyncBetweenConnectionsStreamsWhatDiffers(t *testing.T) {
	x := xcopyStores(t)
	ctx := context.Background()
	files := map[string]string{"tree/big.bin": randomString(t, 20<<20)}
	for i := range 20 {
		files[fmt.Sprintf("tree/f%02d.txt", i)] = fmt.Sprintf("file %d", i)
	}
	root := writeTree(t, files)
	if code, _, errOut := ferryHere(ctx, t, "cp", "-r", filepath.Join(root, "tree"), "work:s3://shared/"); code != 0 {
		t.Fatalf("seed: %s", errOut)
	}
	done := func(out string) int { return strings.Count(out, `"status":"done"`) }
	stayedEmpty := emptyDirs(t)
	code, out, errOut := ferryHere(ctx, t, "sync", "--json", "work:s3://shared/tree/", "lab:s3://shared/mirror/")
	if code != 0 || done(out) != 21 {
		t.Fatalf("sync: exit %d, %d done\n%s\n%s", code, done(out), out, errOut)
	}
	stayedEmpty()
	for name, body := range files {
		if got := storedSHA(t, x.lab, "shared", "mirror/"+strings.TrimPrefix(name, "tree/")); got != sha([]byte(body)) {
			t.Fatalf("%s: %s", name, got)
		}
	}
	os.WriteFile(filepath.Join(root, "tree", "f03.txt"), []byte("changed"), 0o644)
	if code, _, errOut := ferryHere(ctx, t, "cp", "--conflict", "overwrite", filepath.Join(root, "tree", "f03.txt"), "work:s3://shared/tree/f03.txt"); code != 0 {
		t.Fatalf("change: %s", errOut)
	}
	code, out, errOut = ferryHere(ctx, t, "sync", "--json", "work:s3://shared/tree/", "lab:s3://shared/mirror/")
	if code != 0 || done(out) != 1 || !strings.Contains(out, "mirror/f03.txt") {
		t.Fatalf("sync again: exit %d, %d done\n%s\n%s", code, done(out), out, errOut)
	}
	if got := storedSHA(t, x.lab, "shared", "mirror/f03.txt"); got != sha([]byte("changed")) {
		t.Fatalf("f03.txt: %s", got)
	}
}
