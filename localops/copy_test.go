package localops

import (
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCopyCopiesFilesAndFoldersWithProgress(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.txt": "AAAA", "folder/x/y.txt": "YY", "folder/empty/": "", "to/": ""})
	var last int64
	progress := func(n int64) { last = n }
	if err := Copy(context.Background(), filepath.Join(dir, "folder"), filepath.Join(dir, "to", "folder"), CopyOptions{Progress: progress}); err != nil {
		t.Fatal(err)
	}
	if err := Copy(context.Background(), filepath.Join(dir, "a.txt"), filepath.Join(dir, "to", "b.txt"), CopyOptions{}); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"a.txt": "AAAA", "folder/": "", "folder/x/": "", "folder/x/y.txt": "YY", "folder/empty/": "",
		"to/": "", "to/b.txt": "AAAA", "to/folder/": "", "to/folder/x/": "", "to/folder/x/y.txt": "YY", "to/folder/empty/": ""}
	if got := readTree(t, dir); !maps.Equal(got, want) {
		t.Fatalf("tree = %v", got)
	}
	if last != 2 {
		t.Fatalf("progress ended at %d bytes, want 2", last)
	}
}

func TestCopyRefusesExistingNamesUnlessOverwriteAndNeverIntoItself(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.txt": "new", "b.txt": "old", "src/k.txt": "K2", "src/n.txt": "N", "dst/k.txt": "K1", "dst/o.txt": "O"})
	err := Copy(context.Background(), filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt"), CopyOptions{})
	if !errors.Is(err, ErrDestinationExists) || !strings.Contains(err.Error(), "cannot copy") {
		t.Fatalf("err = %v", err)
	}
	if err := Copy(context.Background(), filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt"), CopyOptions{Overwrite: true}); err != nil {
		t.Fatal(err)
	}
	if err := Copy(context.Background(), filepath.Join(dir, "src"), filepath.Join(dir, "dst"), CopyOptions{Overwrite: true}); err != nil {
		t.Fatal(err)
	}
	got := readTree(t, dir)
	if got["b.txt"] != "new" || got["dst/k.txt"] != "K2" || got["dst/n.txt"] != "N" || got["dst/o.txt"] != "O" {
		t.Fatalf("tree = %v", got)
	}
	err = Copy(context.Background(), filepath.Join(dir, "src"), filepath.Join(dir, "src", "inner"), CopyOptions{})
	if !errors.Is(err, ErrIntoItself) {
		t.Fatalf("into itself: %v", err)
	}
}

func TestCancelledCopyLeavesNothingBehind(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"big/a.bin": strings.Repeat("x", 1<<20), "big/b.bin": "b"})
	ctx, cancel := context.WithCancel(context.Background())
	err := Copy(ctx, filepath.Join(dir, "big"), filepath.Join(dir, "copy"), CopyOptions{Progress: func(int64) { cancel() }})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "big" {
		t.Fatalf("left behind: %v", entries)
	}
}
