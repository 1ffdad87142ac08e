package source

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func listAll(t *testing.T, s Source) []Entry {
	t.Helper()
	var all []Entry
	if err := s.List(context.Background(), func(p []Entry) bool { all = append(all, p...); return true }); err != nil {
		t.Fatal(err)
	}
	return all
}

func TestLocalListsInPagesAndFollowsSymlinks(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "real"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "file"), []byte("12345"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "real"), filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "nowhere"), filepath.Join(dir, "dangling")); err != nil {
		t.Fatal(err)
	}
	byName := map[string]Entry{}
	for _, e := range listAll(t, NewLocal(dir)) {
		byName[e.Name] = e
	}
	if e := byName["link"]; !e.IsDir || !e.Link {
		t.Fatalf("symlink to a dir: %+v", e)
	}
	if e := byName["dangling"]; e.IsDir || !e.Link {
		t.Fatalf("dangling symlink: %+v", e)
	}
	if e := byName["file"]; e.Size != 5 || e.Key != filepath.Join(dir, "file") {
		t.Fatalf("file: %+v", e)
	}
	in, ok := NewLocal(dir).Open(byName["link"])
	if !ok || in.String() != filepath.Join(dir, "link") {
		t.Fatalf("open link: %v %v", in, ok)
	}
	up, name, ok := in.Parent()
	if !ok || up.String() != dir || name != "link" {
		t.Fatalf("parent: %v %q %v", up, name, ok)
	}
	d, err := NewLocal(dir).Details(context.Background(), byName["dangling"])
	if err != nil || !strings.Contains(d.Fields[1].Value, "symbolic link → "+filepath.Join(dir, "nowhere")) {
		t.Fatalf("details: %+v %v", d, err)
	}
}

func TestLocalListingOfAMissingDirIsASentence(t *testing.T) {
	err := NewLocal("/definitely/not/here").List(context.Background(), func([]Entry) bool { return true })
	if err == nil || err.Error() != "/definitely/not/here does not exist (any more)" {
		t.Fatalf("err = %v", err)
	}
}

func TestLocalListingStreamsPages(t *testing.T) {
	dir := t.TempDir()
	for i := range localPage + 5 {
		f, err := os.Create(filepath.Join(dir, strings.Repeat("x", 1+i%7)+string(rune('a'+i%26))+strconv.Itoa(i)))
		if err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	pages := 0
	NewLocal(dir).List(context.Background(), func([]Entry) bool { pages++; return true })
	if pages != 2 {
		t.Fatalf("%d pages for %d files", pages, localPage+5)
	}
}

func TestRootHasNoParent(t *testing.T) {
	if _, _, ok := NewLocal("/").Parent(); ok {
		t.Fatal("/ has no parent")
	}
	if SizeText(1536) != "1.5 KiB (1,536 bytes)" || SizeText(12) != "12 bytes" {
		t.Fatalf("SizeText: %q %q", SizeText(1536), SizeText(12))
	}
}
