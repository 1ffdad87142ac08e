package localops

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/preview"
)

func TestMkdirCreatesAndRefusesTakenNames(t *testing.T) {
	dir := t.TempDir()
	p, err := Mkdir(dir, "new folder ü")
	if fi, serr := os.Stat(p); err != nil || serr != nil || !fi.IsDir() || p != filepath.Join(dir, "new folder ü") {
		t.Fatalf("%s %v", p, err)
	}
	if p, err := Mkdir(dir, "a/b/c"); err != nil || !exists(filepath.Join(dir, "a", "b", "c")) {
		t.Fatalf("nested: %s %v", p, err)
	}
	if _, err := Mkdir(dir, "new folder ü"); !errors.Is(err, ErrDestinationExists) {
		t.Fatalf("existing: %v", err)
	}
	writeTree(t, dir, map[string]string{"file": "x"})
	if _, err := Mkdir(dir, "file"); !errors.Is(err, ErrDestinationExists) {
		t.Fatalf("a file has the name: %v", err)
	}
	for _, bad := range []string{"", ".", "..", "a/../b", "/abs", "trail/", "nul\x00", "tab\t"} {
		if _, err := Mkdir(dir, bad); err == nil {
			t.Errorf("Mkdir(%q) accepted", bad)
		}
	}
}

func TestRemoveDeletesForGoodButNotThroughSymlinks(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"keep/precious.txt": "p", "doomed/a/b.txt": "b", "file.txt": "f"})
	if err := os.Symlink(filepath.Join(dir, "keep"), filepath.Join(dir, "doomed", "link")); err != nil {
		t.Fatal(err)
	}
	if err := Remove(filepath.Join(dir, "doomed")); err != nil {
		t.Fatal(err)
	}
	if err := Remove(filepath.Join(dir, "file.txt")); err != nil {
		t.Fatal(err)
	}
	got := readTree(t, dir)
	if len(got) != 2 || got["keep/precious.txt"] != "p" {
		t.Fatalf("left = %v", got)
	}
	if err := Remove(filepath.Join(dir, "missing")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("missing: %v", err)
	}
	home := t.TempDir()
	t.Setenv("HOME", home)
	for _, vital := range []string{"/", home} {
		if err := Remove(vital); err == nil || !exists(vital) {
			t.Fatalf("Remove(%s) = %v", vital, err)
		}
	}
}

func TestReadHeadReadsOnlyTheBeginning(t *testing.T) {
	dir := t.TempDir()
	content := bytes.Repeat([]byte("0123456789"), 10000)
	writeTree(t, dir, map[string]string{"big.txt": string(content), "notes.md": "# hi\n", "empty": ""})
	h, err := ReadHead(filepath.Join(dir, "big.txt"), 1000)
	if err != nil || !bytes.Equal(h.Data, content[:1000]) || h.Size != int64(len(content)) || !h.Truncated ||
		!strings.HasPrefix(h.ContentType, "text/plain") {
		t.Fatalf("big: %d bytes, %+v %v", len(h.Data), h.Size, err)
	}
	h, err = ReadHead(filepath.Join(dir, "notes.md"), 0)
	if err != nil || string(h.Data) != "# hi\n" || h.Truncated || preview.Detect(h.Data, "notes.md") != preview.Markdown {
		t.Fatalf("small: %+v %v", h, err)
	}
	if h, err := ReadHead(filepath.Join(dir, "empty"), 0); err != nil || len(h.Data) != 0 || h.Size != 0 || h.Truncated {
		t.Fatalf("empty: %+v %v", h, err)
	}
	if _, err := ReadHead(dir, 0); err == nil || !strings.Contains(err.Error(), "it is a folder") {
		t.Fatalf("folder: %v", err)
	}
	if _, err := ReadHead(filepath.Join(dir, "missing"), 0); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("missing: %v", err)
	}
}

func TestNumberedNamesKeepTheExtension(t *testing.T) {
	cases := []struct {
		name string
		i    int
		sep  string
		want string
	}{
		{"report.pdf", 1, ".", "report.pdf"},
		{"report.pdf", 2, ".", "report.2.pdf"},
		{"archive.tar.gz", 3, " ", "archive.tar 3.gz"},
		{".bashrc", 2, ".", ".bashrc.2"},
		{"Makefile", 2, " ", "Makefile 2"},
	}
	for _, c := range cases {
		if got := numbered(c.name, c.i, c.sep); got != c.want {
			t.Errorf("numbered(%q, %d) = %q, want %q", c.name, c.i, got, c.want)
		}
	}
}
