package transfer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/s3ops"
)

// roundTrip uploads each local file to its key, downloads every key into
// a fresh folder and checks the bytes are identical.
func TestFilesOfEveryBoundarySizeRoundTripByteExact(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	e := f.engine(smallParts(""))
	const part = 5 * mib
	sizes := []int64{0, 1, part - 1, part, part + 1, 3*part + 12345}
	src := t.TempDir()
	for i, size := range sizes {
		p := filepath.Join(src, fmt.Sprintf("file-%d.bin", size))
		writeRandom(t, p, size, uint64(i))
		if _, err := e.Upload(context.Background(), p, f.loc("sizes/")); err != nil {
			t.Fatal(err)
		}
	}
	wait(t, e, Done)
	uploads := f.proxy.log(true)
	dst := t.TempDir()
	for _, size := range sizes {
		key := fmt.Sprintf("sizes/file-%d.bin", size)
		info, err := f.c.Head(context.Background(), f.loc(key))
		if err != nil || info.Size != size {
			t.Fatalf("head %s: %+v %v", key, info, err)
		}
		if _, err := e.Download(context.Background(), f.loc(key), dst, Ask); err != nil {
			t.Fatal(err)
		}
	}
	wait(t, e, Done)
	for _, size := range sizes {
		name := fmt.Sprintf("file-%d.bin", size)
		if a, b := fileSHA(t, filepath.Join(src, name)), fileSHA(t, filepath.Join(dst, name)); a != b {
			t.Errorf("%s: sha256 %s after the round trip, want %s", name, b, a)
		}
	}
	// The large files went as parts of at most 5 MiB, the small ones whole.
	parts := map[string]int{}
	for _, r := range uploads {
		if r.Method == "PUT" && r.Part() > 0 && r.Status == 200 {
			parts[r.Key]++
		}
	}
	want := map[string]int{"sizes/file-5242881.bin": 2, fmt.Sprintf("sizes/file-%d.bin", 3*part+12345): 4}
	for k, n := range want {
		if parts[k] != n {
			t.Errorf("%s went in %d parts, want %d (all: %v)", k, parts[k], n, parts)
		}
	}
	if parts["sizes/file-5242880.bin"] != 0 || parts["sizes/file-0.bin"] != 0 {
		t.Errorf("files up to the threshold must go as one PUT: %v", parts)
	}
	assertNoLeftovers(t, dst)
}

func TestContentTypeIsSignedFromExtensionOrSniffed(t *testing.T) {
	t.Parallel()
	f := newFixture(t, false)
	e := f.engine(smallParts(""))
	dir := t.TempDir()
	files := map[string]string{"page.html": "<p>hi</p>", "data.json": "{}", "noext": "%PDF-1.4 fake", "big.csv": ""}
	for name, body := range files {
		if name == "big.csv" {
			writeRandom(t, filepath.Join(dir, name), 6*mib, 9)
			continue
		}
		os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644)
	}
	for name := range files {
		if _, err := e.Upload(context.Background(), filepath.Join(dir, name), f.loc("ct/")); err != nil {
			t.Fatal(err)
		}
	}
	wait(t, e, Done)
	want := map[string]string{"page.html": "text/html", "data.json": "application/json", "noext": "application/pdf", "big.csv": "text/csv"}
	for name, ct := range want {
		info, err := f.c.Head(context.Background(), f.loc("ct/"+name))
		if err != nil || !strings.HasPrefix(info.ContentType, ct) {
			t.Errorf("%s: Content-Type %q (%v), want %s", name, info.ContentType, err, ct)
		}
	}
}

func TestFolderTreeWithOddNamesRoundTrips(t *testing.T) {
	t.Parallel()
	f := newFixture(t, false)
	e := f.engine(smallParts(""))
	src := filepath.Join(t.TempDir(), "tree")
	names := []string{"top.txt", "a/one.bin", "a/b/c/deep.txt", "with space/x y.txt", "plus+eq=/p%20q#h?.txt",
		"ünïcödé/日本語.txt", "a/b/big.bin"}
	for i, n := range names {
		size := int64(100 + i)
		if n == "a/b/big.bin" {
			size = 7 * mib
		}
		writeRandom(t, filepath.Join(src, filepath.FromSlash(n)), size, uint64(i))
	}
	os.MkdirAll(filepath.Join(src, "empty"), 0o755)
	os.Symlink(filepath.Join(src, "top.txt"), filepath.Join(src, "link.txt"))
	b, err := e.Upload(context.Background(), src, f.loc("up/"))
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Jobs) != len(names) || len(b.Skipped) != 1 || !strings.Contains(b.Skipped[0].Reason, "symbolic link") {
		t.Fatalf("batch: %d jobs, skipped %+v", len(b.Jobs), b.Skipped)
	}
	wait(t, e, Done)
	var keys []string
	f.c.List(context.Background(), f.loc("up/"), s3ops.ListOptions{Recursive: true}, func(p s3ops.Page) bool {
		for _, ent := range p.Entries {
			keys = append(keys, strings.TrimPrefix(ent.Key, "up/tree/"))
		}
		return true
	})
	slices.Sort(keys)
	wantKeys := slices.Sorted(slices.Values(names))
	if !slices.Equal(keys, wantKeys) {
		t.Fatalf("keys %q, want %q", keys, wantKeys)
	}
	dst := t.TempDir()
	db, err := e.Download(context.Background(), f.loc("up/tree/"), dst, Ask)
	if err != nil || len(db.Jobs) != len(names) {
		t.Fatalf("download batch %+v %v", db, err)
	}
	wait(t, e, Done)
	for _, n := range names {
		if a, b := fileSHA(t, filepath.Join(src, n)), fileSHA(t, filepath.Join(dst, "tree", n)); a != b {
			t.Errorf("%s differs after the round trip", n)
		}
	}
	assertNoLeftovers(t, dst)
}

func TestUnsafeKeysAndLinkedFoldersNeverWriteOutsideTheTarget(t *testing.T) {
	t.Parallel()
	f := newFixture(t, false)
	// The posix gateway cannot hold "../" keys (the table test and
	// FuzzKeyToPath cover those); it does hold control characters.
	for _, k := range []string{"evil/ok.txt", "evil/del\x7f.txt", "evil/sub/x.txt"} {
		putBytes(t, f, k, []byte(k))
	}
	e := f.engine(smallParts(""))
	dst, outside := t.TempDir(), t.TempDir()
	os.MkdirAll(filepath.Join(dst, "evil"), 0o755)
	os.Symlink(outside, filepath.Join(dst, "evil", "sub")) // a link planted in the target
	b, err := e.Download(context.Background(), f.loc("evil/"), dst, Ask)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Jobs) != 2 || len(b.Skipped) != 1 || !strings.Contains(b.Skipped[0].Reason, "control character U+007F") {
		t.Fatalf("jobs %d, skipped %+v", len(b.Jobs), b.Skipped)
	}
	e.Wait(context.Background())
	for _, j := range e.Jobs() {
		switch j.Remote.Key {
		case "evil/ok.txt":
			if j.State != Done {
				t.Errorf("ok.txt: %s %s", j.State, j.Err)
			}
		case "evil/sub/x.txt":
			if j.State != Failed || !strings.Contains(j.Err, "symbolic link") {
				t.Errorf("sub/x.txt through a link: %s %q", j.State, j.Err)
			}
		}
	}
	if ents, _ := os.ReadDir(outside); len(ents) != 0 {
		t.Fatalf("wrote through the link: %v", ents)
	}
}

// putBytes stores body at key through the engine's own path (a presigned PUT).
func putBytes(t testing.TB, f *fixture, key string, body []byte) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "body")
	os.WriteFile(p, body, 0o644)
	e := New(f.c, Options{JournalPath: "-"})
	defer e.Close()
	if _, err := e.Upload(context.Background(), p, f.loc(key)); err != nil {
		t.Fatal(err)
	}
	wait(t, e, Done)
}

// assertNoLeftovers fails if a temp file of ferry is left under dir.
func assertNoLeftovers(t testing.TB, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".ferry-") {
			t.Errorf("temp file left behind: %s", p)
		}
		return nil
	})
}
