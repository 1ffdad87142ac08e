package cli_test

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/cli"
	"github.com/ferry-s3/ferry/internal/faultproxy"
	"github.com/ferry-s3/ferry/s3ops"
)

func syncMain(ctx context.Context, connect cli.Connector, args []string, stdout, stderr io.Writer) int {
	return cli.RunTree(ctx, connect, append([]string{"sync"}, args...), stdout, stderr)
}

// objectKeys lists every key under prefix in the test bucket, as
// `ferry ls -r` shows them (relative to prefix, sorted).
func objectKeys(t *testing.T, c *s3ops.Client, prefix string) []string {
	t.Helper()
	code, out, errOut := runMain(t, c, cli.LsMain, "-r", "s3://docs/"+prefix)
	if code != 0 && !strings.Contains(errOut, "no such") {
		t.Fatalf("ls -r %s: exit %d %s", prefix, code, errOut)
	}
	got := lines(out)
	sort.Strings(got)
	return got
}

// sameSizeEdit rewrites a file with different bytes of the same length.
func sameSizeEdit(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 0xff
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestSyncKeepsAFolderAndAPrefixInStepBothWays(t *testing.T) {
	t.Parallel()
	stateDir(t)
	c := connect(t, nil)
	src := writeTree(t, map[string]string{
		"a.txt":                 "alpha",
		"sub/b c+d%e=f.txt":     "odd name",
		"sub/deeper/ünïcødé.md": "unicode",
		"big.bin":               randomString(t, 11<<20+12345), // 3 parts of 5 MiB
		"sub/empty.txt":         "",
	})
	parts := []string{"--part-size", "5MiB", "--multipart-threshold", "5M"}
	up := append([]string{src, "s3://docs/backup"}, parts...)

	code, out, errOut := runMain(t, c, syncMain, up...)
	if code != 0 || len(lines(out)) != 5 || !strings.Contains(errOut, "ferry sync: 5 files copied") {
		t.Fatalf("first sync: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = runMain(t, c, syncMain, up...)
	if code != 0 || out != "" || !strings.Contains(errOut, "nothing copied; 5 unchanged") {
		t.Fatalf("a sync in step copied something: exit %d\n%s\n%s", code, out, errOut)
	}

	// Same sizes, other bytes: a small file and the multipart one.
	sameSizeEdit(t, filepath.Join(src, "a.txt"))
	sameSizeEdit(t, filepath.Join(src, "big.bin"))
	code, out, errOut = runMain(t, c, syncMain, up...)
	if got := lines(out); code != 0 || len(got) != 2 || !strings.Contains(errOut, "2 files copied") || !strings.Contains(errOut, "; 3 unchanged") {
		t.Fatalf("after two same-size edits: exit %d\n%s\n%s", code, out, errOut)
	}

	dl := filepath.Join(t.TempDir(), "restore")
	down := append([]string{"s3://docs/backup/", dl}, parts...)
	if code, _, errOut := runMain(t, c, syncMain, down...); code != 0 {
		t.Fatalf("sync down: exit %d %s", code, errOut)
	}
	sameTree(t, readTree(t, dl), readTree(t, src))

	sameSizeEdit(t, filepath.Join(dl, "big.bin"))
	code, out, errOut = runMain(t, c, syncMain, down...)
	if code != 0 || len(lines(out)) != 1 || !strings.Contains(out, "big.bin") {
		t.Fatalf("a local same-size edit was not put right: exit %d\n%s\n%s", code, out, errOut)
	}
	sameTree(t, readTree(t, dl), readTree(t, src))
}

func TestSyncDeletesOnlyWhenAskedAndNeverFromAnEmptySource(t *testing.T) {
	t.Parallel()
	stateDir(t)
	c := connect(t, map[string]string{"site/old.html": "gone", "site/index.html": "stale", "other/keep.txt": "k"})
	src := writeTree(t, map[string]string{"index.html": "<h1>new</h1>", "css/a.css": "a{}"})

	code, out, errOut := runMain(t, c, syncMain, "--dry-run", "--json", src, "s3://docs/site/")
	var planned []string
	for _, l := range lines(out) {
		var p struct{ Op, Path, Why string }
		if err := json.Unmarshal([]byte(l), &p); err != nil {
			t.Fatalf("dry-run line %q: %v", l, err)
		}
		planned = append(planned, p.Op+" "+p.Path+" "+p.Why)
	}
	sort.Strings(planned)
	want := []string{"upload css/a.css missing", "upload index.html size"}
	if code != 0 || strings.Join(planned, "|") != strings.Join(want, "|") {
		t.Fatalf("dry run without --delete: exit %d %q %s", code, planned, errOut)
	}
	if code, out, _ := runMain(t, c, syncMain, "--dry-run", "--delete", src, "s3://docs/site/"); code != 0 || !strings.Contains(out, "delete   old.html") {
		t.Fatalf("dry run with --delete: exit %d %q", code, out)
	}
	if got := objectKeys(t, c, "site/"); strings.Join(got, ",") != "index.html,old.html" {
		t.Fatalf("a dry run changed DEST: %v", got)
	}

	// No terminal to ask on: copies happen, the delete does not, exit 1.
	code, _, errOut = runMain(t, c, syncMain, "--delete", src, "s3://docs/site/")
	if code != 1 || !strings.Contains(errOut, "not deleting 1 file only at DEST: no terminal") {
		t.Fatalf("--delete without -f and no terminal: exit %d %s", code, errOut)
	}
	if got := objectKeys(t, c, "site/"); strings.Join(got, ",") != "css/a.css,index.html,old.html" {
		t.Fatalf("after an unconfirmed --delete: %v", got)
	}
	code, out, errOut = runMain(t, c, syncMain, "--delete", "-f", src, "s3://docs/site/")
	if code != 0 || strings.TrimSpace(out) != "delete: s3://docs/site/old.html" || !strings.Contains(errOut, "1 file deleted at DEST") {
		t.Fatalf("--delete -f: exit %d\n%s\n%s", code, out, errOut)
	}
	if got := objectKeys(t, c, "site/"); strings.Join(got, ",") != "css/a.css,index.html" {
		t.Fatalf("after --delete -f: %v", got)
	}

	empty := t.TempDir()
	code, _, errOut = runMain(t, c, syncMain, "--delete", "-f", empty, "s3://docs/site/")
	if code != 1 || !strings.Contains(errOut, "SOURCE lists no files") || len(objectKeys(t, c, "site/")) != 2 {
		t.Fatalf("an empty SOURCE with --delete: exit %d %s", code, errOut)
	}
	if code, _, errOut := runMain(t, c, syncMain, "--delete", "-f", "--allow-empty-source", empty, "s3://docs/site/"); code != 0 || len(objectKeys(t, c, "site/")) != 0 {
		t.Fatalf("--allow-empty-source: exit %d %s", code, errOut)
	}
	if got := objectKeys(t, c, "other/"); len(got) != 1 {
		t.Fatalf("a sync of site/ touched other/: %v", got)
	}
}

func TestSyncLeavesExcludedPathsAloneOnBothSides(t *testing.T) {
	t.Parallel()
	stateDir(t)
	c := connect(t, map[string]string{"p/only-at-dest.log": "x", "p/build/out.o": "o"})
	src := writeTree(t, map[string]string{"main.go": "package main", "debug.log": "log", "build/app": "bin", "docs/build/keep.md": "nested"})

	code, out, errOut := runMain(t, c, syncMain, "--delete", "-f", "--exclude", "*.log", "--exclude", "/build/", src, "s3://docs/p/")
	if code != 0 {
		t.Fatalf("exit %d %s", code, errOut)
	}
	got := strings.Join(objectKeys(t, c, "p/"), ",")
	if got != "build/out.o,docs/build/keep.md,main.go,only-at-dest.log" {
		t.Fatalf("excluded paths were touched, or others missed: %s\n%s", got, out)
	}

	dl := t.TempDir()
	if code, _, errOut := runMain(t, c, syncMain, "--include", "*.md", "s3://docs/p/", dl); code != 0 {
		t.Fatalf("--include: exit %d %s", code, errOut)
	}
	if got := keys(readTree(t, dl)); strings.Join(got, ",") != "docs/build/keep.md" {
		t.Fatalf("--include *.md fetched %v", got)
	}
}

func TestSyncBetweenPrefixesCopiesOnTheServer(t *testing.T) {
	t.Parallel()
	stateDir(t)
	c, proxy := throttled(t)
	local := writeTree(t, map[string]string{"x/1.txt": "one", "x/2.txt": "two", "x/d/3.txt": "three"})
	if code, _, errOut := runMain(t, c, syncMain, filepath.Join(local, "x"), "s3://docs/a/"); code != 0 {
		t.Fatal(errOut)
	}
	gets := faultproxy.Match{Method: "GET", Path: "/docs/a/"}
	before := proxy.Count(gets)
	code, out, errOut := runMain(t, c, syncMain, "s3://docs/a/", "s3://docs/b/")
	if code != 0 || len(lines(out)) != 3 || !strings.HasPrefix(out, "copy: ") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	if got := objectKeys(t, c, "b/"); strings.Join(got, ",") != "1.txt,2.txt,d/3.txt" {
		t.Fatalf("b/ holds %v", got)
	}
	if n := proxy.Count(gets) - before; n != 0 {
		t.Fatalf("a server-side sync downloaded %d objects", n)
	}
	if code, out, errOut := runMain(t, c, syncMain, "s3://docs/a/", "s3://docs/b/"); code != 0 || out != "" || !strings.Contains(errOut, "3 unchanged") {
		t.Fatalf("second run: exit %d %s %s", code, out, errOut)
	}

	// Downloading what was just listed asks for no HEAD per file.
	heads := faultproxy.Match{Method: "HEAD"}
	before = proxy.Count(heads)
	dl := t.TempDir()
	if code, _, errOut := runMain(t, c, syncMain, "s3://docs/b/", dl); code != 0 {
		t.Fatalf("sync down: exit %d %s", code, errOut)
	}
	if n := proxy.Count(heads) - before; n != 0 {
		t.Fatalf("the sync down asked %d HEADs for 3 listed files", n)
	}
	sameTree(t, readTree(t, dl), readTree(t, filepath.Join(local, "x")))
}

func TestSyncRunAgainFinishesAnInterruptedSync(t *testing.T) {
	t.Parallel()
	state := stateDir(t)
	c, proxy := throttled(t)
	body := randomString(t, 60<<20)
	local := writeTree(t, map[string]string{"big.bin": body, "small.txt": "s"})
	args := []string{local, "s3://docs/bk/", "--part-size", "5M", "--multipart-threshold", "5M", "--parts-per-file", "1"}

	code, errOut := runInterrupted(t, c, syncMain, filepath.Join(state, "ferry", "cp"), `"parts":[`, args...)
	if code != 130 || !strings.Contains(errOut, "run the same command again") {
		t.Fatalf("interrupted: exit %d %q", code, errOut)
	}

	parts := faultproxy.Match{Method: "PUT", Query: []string{"partNumber"}}
	before := proxy.Count(parts)
	code, _, errOut = runMain(t, c, syncMain, args...)
	if code != 0 || !strings.Contains(errOut, "finishing 1 file left by an interrupted run") {
		t.Fatalf("run again: exit %d\n%s", code, errOut)
	}
	if sent := proxy.Count(parts) - before; sent >= 12 {
		t.Fatalf("the finished sync sent %d of big.bin's 12 parts again", sent)
	}
	if got := download(t, c, "s3://docs/bk/big.bin"); got != body {
		t.Fatalf("big.bin differs after the resumed sync (%d bytes)", len(got))
	}
	if got := objectKeys(t, c, "bk/"); strings.Join(got, ",") != "big.bin,small.txt" {
		t.Fatalf("bk/ holds %v", got)
	}
}

func TestSyncUsageErrorsExit2(t *testing.T) {
	t.Parallel()
	stateDir(t)
	dir := t.TempDir()
	file := filepath.Join(writeTree(t, map[string]string{"f": "x"}), "f")
	for _, tc := range []struct {
		args []string
		say  string
	}{
		{[]string{dir, t.TempDir()}, "neither side is an s3:// location"},
		{[]string{dir}, "name a SOURCE and a DEST"},
		{[]string{"-f", dir, "s3://docs/x/"}, "-f goes with --delete"},
		{[]string{"--size-only", "--mtime", dir, "s3://docs/x/"}, "exclude each other"},
		{[]string{"--conflict", "skip", dir, "s3://docs/x/"}, "--conflict is for cp"},
		{[]string{file, "s3://docs/x/"}, "is not a folder"},
		{[]string{"--exclude", "a[", dir, "s3://docs/x/"}, "a["},
	} {
		code, _, errOut := runMain(t, nil, syncMain, tc.args...)
		if code != 2 || !strings.Contains(errOut, tc.say) {
			t.Errorf("sync %q: exit %d %q; want 2 and %q", tc.args, code, errOut, tc.say)
		}
	}
}
