package localops

import (
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestMoveRenamesFilesAndFolders(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.txt": "A", "folder/x/y.txt": "Y", "target/": ""})
	if err := Move(filepath.Join(dir, "a.txt"), filepath.Join(dir, "target", "b c+ü.txt"), MoveOptions{}); err != nil {
		t.Fatal(err)
	}
	newPath, err := Rename(filepath.Join(dir, "folder"), "renamed folder", MoveOptions{})
	if err != nil || newPath != filepath.Join(dir, "renamed folder") {
		t.Fatalf("%s %v", newPath, err)
	}
	want := map[string]string{"target/": "", "target/b c+ü.txt": "A", "renamed folder/": "", "renamed folder/x/": "", "renamed folder/x/y.txt": "Y"}
	if got := readTree(t, dir); !maps.Equal(got, want) {
		t.Fatalf("tree = %v", got)
	}
}

func TestMoveFolderIntoItselfIsRefused(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a/b/c.txt": "c"})
	if err := os.Symlink(filepath.Join(dir, "a"), filepath.Join(dir, "link-to-a")); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, dir)
	for _, dst := range []string{"a/b/a", "a/new", "link-to-a/b/moved", "a/b/c/d"} {
		err := Move(filepath.Join(dir, "a"), filepath.Join(dir, dst), MoveOptions{Overwrite: true})
		if !errors.Is(err, ErrIntoItself) {
			t.Errorf("a -> %s: %v", dst, err)
		}
	}
	if err := Move(filepath.Join(dir, "a", "b"), filepath.Join(dir, "a"), MoveOptions{Overwrite: true}); !errors.Is(err, ErrIntoItself) {
		t.Errorf("a/b onto a: %v", err)
	}
	if err := Move(filepath.Join(dir, "a", "b", "c.txt"), dir, MoveOptions{Overwrite: true}); !errors.Is(err, ErrIntoItself) {
		t.Errorf("a file onto a folder that holds it: %v", err)
	}
	if err := Move(filepath.Join(dir, "a"), filepath.Join(dir, "a"), MoveOptions{}); !errors.Is(err, ErrSameFile) {
		t.Errorf("onto itself: %v", err)
	}
	if got := readTree(t, dir); !maps.Equal(got, before) {
		t.Fatalf("tree changed: %v", got)
	}
	// "ab" is not inside "a".
	if err := Move(filepath.Join(dir, "a"), filepath.Join(dir, "ab"), MoveOptions{}); err != nil {
		t.Fatal(err)
	}
}

func TestMoveOntoAnExistingNameAsksFirst(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"new.txt": "new", "old.txt": "old", "d1/a.txt": "a1", "d1/sub/s.txt": "s",
		"d2/a.txt": "a2", "d2/b.txt": "b2", "file": "f"})
	err := Move(filepath.Join(dir, "new.txt"), filepath.Join(dir, "old.txt"), MoveOptions{})
	if !errors.Is(err, ErrDestinationExists) || !errors.Is(err, fs.ErrExist) {
		t.Fatalf("err = %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "old.txt")); string(b) != "old" || !exists(filepath.Join(dir, "new.txt")) {
		t.Fatal("a refused move changed something")
	}
	if err := Move(filepath.Join(dir, "new.txt"), filepath.Join(dir, "old.txt"), MoveOptions{Overwrite: true}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "old.txt")); string(b) != "new" {
		t.Fatalf("old.txt = %q", b)
	}
	// Folder onto folder merges with Overwrite.
	if err := Move(filepath.Join(dir, "d1"), filepath.Join(dir, "d2"), MoveOptions{}); !errors.Is(err, ErrDestinationExists) {
		t.Fatalf("folder onto folder: %v", err)
	}
	if err := Move(filepath.Join(dir, "d1"), filepath.Join(dir, "d2"), MoveOptions{Overwrite: true}); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"a.txt": "a1", "b.txt": "b2", "sub/": "", "sub/s.txt": "s"}
	if got := readTree(t, filepath.Join(dir, "d2")); !maps.Equal(got, want) || exists(filepath.Join(dir, "d1")) {
		t.Fatalf("merged = %v", got)
	}
	// A file never replaces a folder, nor a folder a file.
	if err := Move(filepath.Join(dir, "file"), filepath.Join(dir, "d2"), MoveOptions{Overwrite: true}); err == nil || !strings.Contains(err.Error(), "folder is in the way") {
		t.Fatalf("file onto folder: %v", err)
	}
	if err := Move(filepath.Join(dir, "d2"), filepath.Join(dir, "file"), MoveOptions{Overwrite: true}); err == nil || !strings.Contains(err.Error(), "file is in the way") {
		t.Fatalf("folder onto file: %v", err)
	}
}

func TestMoveErrorsAreSentences(t *testing.T) {
	dir := t.TempDir()
	err := Move(filepath.Join(dir, "missing"), filepath.Join(dir, "x"), MoveOptions{})
	if want := "cannot move " + filepath.Join(dir, "missing") + ": no such file or directory"; err == nil || err.Error() != want {
		t.Fatalf("got %q, want %q", err, want)
	}
	writeTree(t, dir, map[string]string{"f": "f"})
	err = Move(filepath.Join(dir, "f"), filepath.Join(dir, "no-such-dir", "f"), MoveOptions{})
	if err == nil || !strings.Contains(err.Error(), "destination folder") {
		t.Fatalf("missing destination folder: %v", err)
	}
}

func TestCrossDeviceMoveCopiesSyncsThenRemoves(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	writeTree(t, src, map[string]string{"a.txt": "A", "deep/er/b.bin": "\x00\x01binary", "empty/": ""})
	if err := os.Chmod(filepath.Join(src, "a.txt"), 0o751); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("a.txt", filepath.Join(src, "link")); err != nil {
		t.Fatal(err)
	}
	old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	if err := os.Chtimes(filepath.Join(src, "deep", "er", "b.bin"), old, old); err != nil {
		t.Fatal(err)
	}
	want := readTree(t, src)
	dst := filepath.Join(dir, "elsewhere", "moved")
	if err := os.Mkdir(filepath.Dir(dst), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := moveAcrossDevices(src, dst, MoveOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := readTree(t, dst); !maps.Equal(got, want) {
		t.Fatalf("copy = %v\nwant %v", got, want)
	}
	if exists(src) {
		t.Fatal("source not removed")
	}
	if fi, _ := os.Stat(filepath.Join(dst, "a.txt")); fi.Mode().Perm() != 0o751 {
		t.Fatalf("mode %v", fi.Mode())
	}
	if fi, _ := os.Stat(filepath.Join(dst, "deep", "er", "b.bin")); !fi.ModTime().Equal(old) {
		t.Fatalf("mtime %v", fi.ModTime())
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, "elsewhere", ".ferry-move-*")); len(leftovers) != 0 {
		t.Fatalf("temporary copies left: %v", leftovers)
	}
}

func TestCrossDeviceMoveDoesNotReplaceAFileThatAppeared(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"src.txt": "mine", "dst.txt": "theirs"})
	err := moveAcrossDevices(filepath.Join(dir, "src.txt"), filepath.Join(dir, "dst.txt"), MoveOptions{})
	if !errors.Is(err, ErrDestinationExists) {
		t.Fatalf("err = %v", err)
	}
	got := readTree(t, dir)
	if !maps.Equal(got, map[string]string{"src.txt": "mine", "dst.txt": "theirs"}) {
		t.Fatalf("tree = %v", got)
	}
}
