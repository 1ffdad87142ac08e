package cli_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/cli"
	"github.com/ferry-s3/ferry/gateway/gwtest"
	"github.com/ferry-s3/ferry/internal/faultproxy"
	"github.com/ferry-s3/ferry/s3ops"
)

func TestCpFolderRoundTripKeepsEveryByteAndOddName(t *testing.T) {
	t.Parallel()
	stateDir(t)
	c := connect(t, nil)
	files := map[string]string{
		"a.txt":                    "alpha",
		"sub/b c+d%e=f.txt":        "odd name",
		"sub/deeper/ünïcødé.md":    "unicode",
		"big.bin":                  randomString(t, 11<<20+12345), // 3 parts of 5 MiB
		"sub/empty.txt":            "",
		"sub/deeper/../../dots.md": "dots resolve locally",
	}
	src := filepath.Join(writeTree(t, nil), "photos")
	for p, body := range files {
		full := filepath.Join(src, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want := readTree(t, src)

	code, out, errOut := runMain(t, c, cli.CpMain, "-r", src, "s3://docs/backup/", "--part-size", "5MiB", "--multipart-threshold", "5M")
	if code != 0 {
		t.Fatalf("upload: exit %d\n%s", code, errOut)
	}
	if got := lines(out); len(got) != len(want) || !strings.HasPrefix(got[0], "upload: ") || strings.Contains(out, "\x1b[") {
		t.Fatalf("want one plain line per file, got:\n%s", out)
	}
	if !strings.Contains(errOut, fmt.Sprintf("ferry cp: %d files copied", len(want))) {
		t.Fatalf("summary: %q", errOut)
	}

	dl := t.TempDir()
	code, _, errOut = runMain(t, c, cli.CpMain, "--recursive", "s3://docs/backup/photos/", dl)
	if code != 0 {
		t.Fatalf("download: exit %d\n%s", code, errOut)
	}
	sameTree(t, readTree(t, filepath.Join(dl, "photos")), want)
}

func TestCpSingleFilesLandWhereCpWouldPutThem(t *testing.T) {
	t.Parallel()
	stateDir(t)
	c := connect(t, map[string]string{"folder/old.txt": "x"})
	local := writeTree(t, map[string]string{"note.txt": "a note"})
	note := filepath.Join(local, "note.txt")
	for _, tc := range []struct{ dst, key string }{
		{"s3://docs/renamed.txt", "renamed.txt"}, // a new name
		{"s3://docs/inbox/", "inbox/note.txt"},   // a prefix
		{"s3://docs/folder", "folder/note.txt"},  // an existing folder without "/"
		{"s3://docs", "note.txt"},                // a bucket
	} {
		if code, _, errOut := runMain(t, c, cli.CpMain, note, tc.dst); code != 0 {
			t.Fatalf("cp to %s: exit %d %s", tc.dst, code, errOut)
		}
		if info, err := c.Head(context.Background(), s3ops.Location{Bucket: "docs", Key: tc.key}); err != nil || info.Size != 6 {
			t.Fatalf("cp to %s: %s: %+v %v", tc.dst, tc.key, info, err)
		}
	}
	dl := t.TempDir()
	if code, _, errOut := runMain(t, c, cli.CpMain, "s3://docs/inbox/note.txt", filepath.Join(dl, "copy.txt")); code != 0 {
		t.Fatal(errOut)
	}
	if code, _, errOut := runMain(t, c, cli.CpMain, "s3://docs/renamed.txt", "s3://docs/inbox/note.txt", dl+"/"); code != 0 {
		t.Fatal(errOut)
	}
	sameTree(t, readTree(t, dl), map[string]string{"copy.txt": "a note", "renamed.txt": "a note", "note.txt": "a note"})
}

func TestCpNeverOverwritesUnlessAsked(t *testing.T) {
	t.Parallel()
	stateDir(t)
	c := connect(t, nil)
	local := writeTree(t, map[string]string{"d/a.txt": "v1", "d/b.txt": "b"})
	if code, _, errOut := runMain(t, c, cli.CpMain, "-r", filepath.Join(local, "d"), "s3://docs/"); code != 0 {
		t.Fatal(errOut)
	}
	os.WriteFile(filepath.Join(local, "d/a.txt"), []byte("v2"), 0o644)

	code, out, errOut := runMain(t, c, cli.CpMain, "-r", filepath.Join(local, "d"), "s3://docs/")
	if code != 0 || strings.Count(out, "skipped: ") != 2 || !strings.Contains(errOut, "2 skipped (already exists)") ||
		!strings.Contains(errOut, "--conflict overwrite") {
		t.Fatalf("default skip: exit %d\n%s\n%s", code, out, errOut)
	}
	if got := download(t, c, "s3://docs/d/a.txt"); got != "v1" {
		t.Fatalf("skip replaced the object: %q", got)
	}

	code, _, errOut = runMain(t, c, cli.CpMain, filepath.Join(local, "d/a.txt"), "s3://docs/d/", "--conflict", "keep-both")
	if code != 0 || download(t, c, "s3://docs/d/a (1).txt") != "v2" || download(t, c, "s3://docs/d/a.txt") != "v1" {
		t.Fatalf("keep-both: exit %d %s", code, errOut)
	}
	code, _, errOut = runMain(t, c, cli.CpMain, "-r", filepath.Join(local, "d"), "s3://docs/", "--conflict", "overwrite")
	if code != 0 || download(t, c, "s3://docs/d/a.txt") != "v2" {
		t.Fatalf("overwrite: exit %d %s", code, errOut)
	}

	// Downloads: an existing local file is kept the same way.
	dl := writeTree(t, map[string]string{"a.txt": "mine"})
	code, out, _ = runMain(t, c, cli.CpMain, "s3://docs/d/a.txt", dl)
	if code != 0 || !strings.HasPrefix(out, "skipped: ") || readTree(t, dl)["a.txt"] != "mine" {
		t.Fatalf("download skip: exit %d %q %v", code, out, readTree(t, dl))
	}
	code, _, _ = runMain(t, c, cli.CpMain, "s3://docs/d/a.txt", dl, "--conflict", "keep-both")
	if got := readTree(t, dl); code != 0 || got["a.txt"] != "mine" || got["a (1).txt"] != "v2" {
		t.Fatalf("download keep-both: exit %d %v", code, got)
	}
	if code, _, errOut := runMain(t, c, cli.CpMain, "s3://docs/d/a.txt", dl, "--conflict", "ask"); code != 2 ||
		!strings.Contains(errOut, "needs the TUI") {
		t.Fatalf("ask: exit %d %s", code, errOut)
	}
}

// download reads an object through a headless download.
func download(t *testing.T, c *s3ops.Client, uri string) string {
	t.Helper()
	dir := t.TempDir()
	target := filepath.Join(dir, "object")
	if code, _, errOut := runMain(t, c, cli.CpMain, uri, target); code != 0 {
		return "download failed: " + errOut
	}
	b, _ := os.ReadFile(target)
	return string(b)
}

func TestCpWithinS3CopiesOnTheServer(t *testing.T) {
	t.Parallel()
	stateDir(t)
	c := connect(t, map[string]string{"site/index.html": "<h1>hi</h1>", "site/css/a b.css": "body{}", "one.txt": "1"})
	if err := c.CreateBucket(context.Background(), "mirror", ""); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runMain(t, c, cli.CpMain, "-r", "s3://docs/site", "s3://mirror/")
	if code != 0 || len(lines(out)) != 2 || !strings.HasPrefix(out, "copy: s3://docs/site/") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	if got := download(t, c, "s3://mirror/site/css/a b.css"); got != "body{}" {
		t.Fatalf("copied object: %q", got)
	}
	if code, _, errOut := runMain(t, c, cli.CpMain, "s3://docs/one.txt", "s3://mirror/two.txt"); code != 0 || download(t, c, "s3://mirror/two.txt") != "1" {
		t.Fatalf("single copy: %s", errOut)
	}
	code, out, _ = runMain(t, c, cli.CpMain, "s3://docs/one.txt", "s3://mirror/two.txt")
	if code != 0 || !strings.HasPrefix(out, "skipped: ") {
		t.Fatalf("copy over an existing object: exit %d %q", code, out)
	}
	code, _, errOut = runMain(t, c, cli.CpMain, "-r", "s3://docs/site/", "s3://docs/site/inner/")
	if code != 1 || !strings.Contains(errOut, "into itself") {
		t.Fatalf("into itself: exit %d %s", code, errOut)
	}
}

func TestCpJSONPrintsOneObjectPerFinishedFile(t *testing.T) {
	t.Parallel()
	stateDir(t)
	c := connect(t, map[string]string{"d/old.txt": "old"})
	local := writeTree(t, map[string]string{"d/new.txt": "new data", "d/old.txt": "old"})
	code, out, errOut := runMain(t, c, cli.CpMain, "--json", "-r", filepath.Join(local, "d"), "s3://docs/")
	if code != 0 {
		t.Fatalf("exit %d %s", code, errOut)
	}
	got := map[string]map[string]any{}
	for _, l := range lines(out) {
		var obj map[string]any
		if err := json.Unmarshal([]byte(l), &obj); err != nil {
			t.Fatalf("not JSON: %q", l)
		}
		for _, f := range []string{"key", "bytes", "seconds", "status"} {
			if _, ok := obj[f]; !ok {
				t.Fatalf("%q has no %s", l, f)
			}
		}
		got[obj["key"].(string)] = obj
	}
	if n := got["d/new.txt"]; len(got) != 2 || n["status"] != "done" || n["bytes"] != float64(8) || n["seconds"].(float64) <= 0 {
		t.Fatalf("items: %v", got)
	}
	if o := got["d/old.txt"]; o["status"] != "skipped" || o["error"] != "already exists" {
		t.Fatalf("skipped item: %v", o)
	}
}

func TestCpFailuresExitNonZeroAndSayWhy(t *testing.T) {
	t.Parallel()
	stateDir(t)
	srv := gwtest.Start(t)
	c := connectWith(t, srv, s3ops.Settings{AccessKey: srv.AccessKey, SecretKey: srv.SecretKey}, map[string]string{"a.txt": "A"})
	local := writeTree(t, map[string]string{"f.txt": "F", "dir/x": "x"})
	f := filepath.Join(local, "f.txt")
	cases := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"missing bucket", []string{f, "s3://nobucket/f.txt"}, 1, "no such bucket"},
		{"missing object", []string{"s3://docs/typo.txt", local}, 1, "s3://docs/typo.txt -> " + local + ": no such object"},
		{"missing file", []string{filepath.Join(local, "gone.txt"), "s3://docs/"}, 1, "no such file or directory"},
		{"folder without -r", []string{filepath.Join(local, "dir"), "s3://docs/"}, 1, "is a folder: add -r"},
		{"folder onto a file", []string{"-r", "s3://docs/", f}, 1, f + " is a file, not a folder"},
		{"bad URI", []string{f, "s3://x/"}, 2, "3 to 63 characters"},
		{"other scheme", []string{"https://example.com/a", local}, 2, "only local paths and s3:// URIs"},
		{"local to local", []string{f, local}, 2, "neither side"},
		{"one argument", []string{f}, 2, "name a SOURCE and a DEST"},
		{"bad part size", []string{f, "s3://docs/", "--part-size", "1M"}, 2, "at least 5MiB"},
		{"bad size", []string{f, "s3://docs/", "--multipart-threshold", "lots"}, 2, "not a size"},
		{"unknown flag", []string{"--bogus", f, "s3://docs/"}, 2, "unknown flag: --bogus"},
	}
	for _, tc := range cases {
		code, _, errOut := runMain(t, c, cli.CpMain, tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.msg) {
			t.Errorf("%s: exit %d, stderr %q; want %d and %q", tc.name, code, errOut, tc.code, tc.msg)
		}
	}

	// One bad source among good ones: the rest are copied, the summary
	// names the failure, the exit status is 1.
	code, out, errOut := runMain(t, c, cli.CpMain, f, filepath.Join(local, "gone.txt"), "s3://docs/in/")
	if code != 1 || !strings.Contains(out, "upload: ") || !strings.Contains(errOut, "1 file copied") ||
		!strings.Contains(errOut, "1 failed:\n  "+filepath.Join(local, "gone.txt")) {
		t.Fatalf("partial: exit %d\n%s\n%s", code, out, errOut)
	}

	// A wrong secret key is a real signature failure at the gateway.
	bad, err := s3ops.Connect(context.Background(), s3ops.Settings{EndpointURL: srv.Endpoint, Region: srv.Region,
		AccessKey: srv.AccessKey, SecretKey: "not-the-secret"})
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{f, "s3://docs/g.txt"}, {"s3://docs/a.txt", local}} {
		code, _, errOut := runMain(t, bad, cli.CpMain, args...)
		if code != 1 || !strings.Contains(errOut, "signature was rejected") {
			t.Errorf("wrong secret %v: exit %d %q", args, code, errOut)
		}
	}
}

func TestCpHelpWorksWithoutAConnection(t *testing.T) {
	t.Parallel()
	for name, main := range map[string]mainFunc{"cp": cli.CpMain, "ls": cli.LsMain, "rm": cli.RmMain} {
		var out, errOut strings.Builder
		never := func(context.Context) (*s3ops.Client, error) { t.Fatal("connected for --help"); return nil, nil }
		if code := main(context.Background(), never, []string{"--help"}, &out, &errOut); code != 0 ||
			!strings.Contains(out.String(), "USAGE") || !strings.Contains(out.String(), "ferry "+name+" ") ||
			!strings.Contains(out.String(), "--json") || errOut.Len() != 0 {
			t.Errorf("%s --help: exit %d %q %q", name, code, out.String(), errOut.String())
		}
	}
}

// throttled connects through a proxy that moves data bodies at 30 MB/s,
// so a 60 MiB copy lasts about two seconds on any machine: long enough
// to be interrupted half-way.
func throttled(t *testing.T) (*s3ops.Client, *faultproxy.Proxy) {
	t.Helper()
	srv := gwtest.Start(t)
	connectWith(t, srv, s3ops.Settings{AccessKey: srv.AccessKey, SecretKey: srv.SecretKey}, nil)
	p := faultproxy.Start(t, srv.Endpoint)
	p.AddRule(faultproxy.Rule{Name: "slow link", Fault: faultproxy.Fault{Kind: faultproxy.Throttle,
		RequestBPS: 30 << 20, ResponseBPS: 30 << 20}})
	c, err := s3ops.Connect(context.Background(), s3ops.Settings{EndpointURL: p.URL(), Region: srv.Region,
		AccessKey: srv.AccessKey, SecretKey: srv.SecretKey})
	if err != nil {
		t.Fatal(err)
	}
	return c, p
}

func TestCpRunAgainResumesAnInterruptedUpload(t *testing.T) {
	t.Parallel()
	state := stateDir(t)
	c, proxy := throttled(t)
	body := randomString(t, 60<<20)
	local := writeTree(t, map[string]string{"big.bin": body})
	args := []string{filepath.Join(local, "big.bin"), "s3://docs/big.bin", "--part-size", "5M", "--multipart-threshold", "5M", "--parts-per-file", "1"}

	code, errOut := runInterrupted(t, c, cli.CpMain, filepath.Join(state, "ferry", "cp"), `"parts":[`, args...)
	if code != 130 || !strings.Contains(errOut, "run the same command again to resume") {
		t.Fatalf("interrupted: exit %d %q", code, errOut)
	}
	ups, err := c.ListMultipartUploads(context.Background(), s3ops.Location{Bucket: "docs"})
	if err != nil || len(ups) != 1 {
		t.Fatalf("the interrupted upload should stay on the server to resume: %v %v", ups, err)
	}

	parts := faultproxy.Match{Method: "PUT", Query: []string{"partNumber"}}
	before := proxy.Count(parts)
	code, out, errOut := runMain(t, c, cli.CpMain, args...)
	if code != 0 || !strings.Contains(errOut, "resuming 1 file") || !strings.HasPrefix(out, "upload: ") {
		t.Fatalf("resume: exit %d\n%s\n%s", code, out, errOut)
	}
	if sent := proxy.Count(parts) - before; sent >= 12 {
		t.Fatalf("the resumed upload sent %d of its 12 parts again", sent)
	}
	if got := download(t, c, "s3://docs/big.bin"); got != body {
		t.Fatalf("resumed object differs (%d bytes)", len(got))
	}
	if entries, _ := os.ReadDir(filepath.Join(state, "ferry", "cp")); len(entries) != 0 {
		t.Fatalf("journal left after a complete run: %v", entries)
	}
}

// runInterrupted runs a command and interrupts it (as Ctrl-C does) once
// a journal in journalDir holds want; it returns the exit code and
// stderr.
func runInterrupted(t *testing.T, c *s3ops.Client, main mainFunc, journalDir, want string, args ...string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan struct{})
	var code int
	var errOut string
	go func() {
		defer close(done)
		code, _, errOut = runMainCtx(ctx, t, c, main, args...)
	}()
	waitForJournal(t, journalDir, want, done)
	cancel()
	<-done
	return code, errOut
}

// waitForJournal waits until a cp journal holds want (a sent part, a
// received range).
func waitForJournal(t *testing.T, dir, want string, done <-chan struct{}) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		select {
		case <-done:
			t.Fatal("the copy finished before it could be interrupted")
		default:
		}
		matches, _ := filepath.Glob(filepath.Join(dir, "*.journal"))
		for _, m := range matches {
			if b, _ := os.ReadFile(m); strings.Contains(string(b), want) {
				return
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("the journal never held %s", want)
}

func TestCpRunAgainResumesAnInterruptedDownload(t *testing.T) {
	t.Parallel()
	state := stateDir(t)
	c, proxy := throttled(t)
	body := randomString(t, 60<<20)
	local := writeTree(t, map[string]string{"big.bin": body})
	if code, _, errOut := runMain(t, c, cli.CpMain, filepath.Join(local, "big.bin"), "s3://docs/big.bin"); code != 0 {
		t.Fatal(errOut)
	}
	dl := t.TempDir()
	args := []string{"s3://docs/big.bin", dl, "--part-size", "5M", "--multipart-threshold", "5M", "--parts-per-file", "1"}

	code, errOut := runInterrupted(t, c, cli.CpMain, filepath.Join(state, "ferry", "cp"), `"ranges":"`, args...)
	if code != 130 || !strings.Contains(errOut, "run the same command again to resume") {
		t.Fatalf("interrupted: exit %d %q", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dl, "big.bin")); err == nil {
		t.Fatal("an interrupted download left a file under its final name")
	}

	before := len(proxy.Requests())
	code, out, errOut := runMain(t, c, cli.CpMain, args...)
	if code != 0 || !strings.Contains(errOut, "resuming 1 file") || !strings.HasPrefix(out, "download: ") {
		t.Fatalf("resume: exit %d\n%s\n%s", code, out, errOut)
	}
	// The journal may hold part of a range only (what arrived of it is
	// kept), so the resumed run can ask for every range again: what it
	// must not do is fetch every byte again.
	var fetched int64
	for _, r := range proxy.Requests()[before:] {
		if r.Method == "GET" && r.Range != "" {
			fetched += r.BytesOut
		}
	}
	if fetched >= int64(len(body)) {
		t.Fatalf("the resumed download fetched %d of its %d bytes again", fetched, len(body))
	}
	if got := readTree(t, dl); len(got) != 1 || got["big.bin"] != body {
		t.Fatalf("resumed download: %d files, big.bin %d bytes", len(got), len(got["big.bin"]))
	}
}
