//go:build unix && !darwin

package localops

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// trashinfo parses a .trashinfo record into its keys.
func trashinfo(t *testing.T, path string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if lines[0] != "[Trash Info]" || len(lines) != 3 {
		t.Fatalf("record %q", b)
	}
	kv := map[string]string{}
	for _, l := range lines[1:] {
		k, v, _ := strings.Cut(l, "=")
		kv[k] = v
	}
	return kv
}

func TestTrashFollowsTheFreedesktopSpecAndRestores(t *testing.T) {
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"report 1%ü.txt": "first", "sub/report 1%ü.txt": "second", "folder/a/b.txt": "deep"})
	trashDir := filepath.Join(data, "Trash")

	first := filepath.Join(dir, "report 1%ü.txt")
	item, err := Trash(first)
	if err != nil {
		t.Fatal(err)
	}
	if exists(first) {
		t.Fatal("original still there")
	}
	if item.TrashPath != filepath.Join(trashDir, "files", "report 1%ü.txt") || item.InfoPath != filepath.Join(trashDir, "info", "report 1%ü.txt.trashinfo") {
		t.Fatalf("item = %+v", item)
	}
	if b, _ := os.ReadFile(item.TrashPath); string(b) != "first" {
		t.Fatalf("trashed content %q", b)
	}
	info := trashinfo(t, item.InfoPath)
	if want := escapePath(first); info["Path"] != want || !strings.Contains(want, "report%201%25%C3%BC.txt") {
		t.Fatalf("Path=%q, want %q", info["Path"], want)
	}
	when, err := time.ParseInLocation("2006-01-02T15:04:05", info["DeletionDate"], time.Local)
	if err != nil || time.Since(when) > time.Minute || time.Since(when) < -time.Second {
		t.Fatalf("DeletionDate=%q (%v)", info["DeletionDate"], err)
	}
	if fi, _ := os.Stat(item.InfoPath); fi.Mode().Perm() != 0o600 {
		t.Fatalf("record mode %v", fi.Mode())
	}

	// The same name again gets a free name; a folder goes whole.
	second, err := Trash(filepath.Join(dir, "sub", "report 1%ü.txt"))
	if err != nil || filepath.Base(second.TrashPath) != "report 1%ü.2.txt" || !exists(filepath.Join(trashDir, "info", "report 1%ü.2.txt.trashinfo")) {
		t.Fatalf("second = %+v %v", second, err)
	}
	folder, err := Trash(filepath.Join(dir, "folder"))
	if err != nil || readTree(t, folder.TrashPath)["a/b.txt"] != "deep" {
		t.Fatalf("folder = %+v %v", folder, err)
	}

	// Round trip: back in place, record gone.
	if err := Restore(item); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(first); string(b) != "first" || exists(item.InfoPath) || exists(item.TrashPath) {
		t.Fatal("restore did not put the file back cleanly")
	}
	if err := Restore(folder); err != nil || readTree(t, filepath.Join(dir, "folder"))["a/b.txt"] != "deep" {
		t.Fatalf("restore folder: %v", err)
	}
	// A restore onto a name that was taken meanwhile changes nothing.
	writeTree(t, dir, map[string]string{"sub/report 1%ü.txt": "newer"})
	if err := Restore(second); !errors.Is(err, ErrDestinationExists) {
		t.Fatalf("restore onto a taken name: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "sub", "report 1%ü.txt")); string(b) != "newer" || !exists(second.TrashPath) {
		t.Fatal("a refused restore changed something")
	}
}

func TestTrashRefusesVitalPathsAndMissingFiles(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	home := t.TempDir()
	t.Setenv("HOME", home)
	for _, p := range []string{"/", home} {
		if _, err := Trash(p); err == nil {
			t.Errorf("trashed %s", p)
		}
	}
	_, err := Trash(filepath.Join(home, "missing"))
	if !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), "no such file or directory") {
		t.Fatalf("missing: %v", err)
	}
	writeTree(t, os.Getenv("XDG_DATA_HOME"), map[string]string{"Trash/files/old.txt": "x"})
	_, err = Trash(filepath.Join(os.Getenv("XDG_DATA_HOME"), "Trash", "files", "old.txt"))
	if err == nil || !strings.Contains(err.Error(), "already in the trash") {
		t.Fatalf("trashing the trash: %v", err)
	}
}

func TestTrashOnAnotherFilesystemUsesItsTopdirTrash(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	other := otherFilesystem(t, os.Getenv("XDG_DATA_HOME"))
	top, err := mountTop(other)
	if err != nil {
		t.Fatal(err)
	}
	topTrash := filepath.Join(top, ".Trash-"+strconv.Itoa(os.Getuid()))
	hadTrash := exists(topTrash)
	path := filepath.Join(other, "on other fs.txt")
	writeTree(t, other, map[string]string{"on other fs.txt": "x"})
	item, err := Trash(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		os.Remove(item.TrashPath)
		os.Remove(item.InfoPath)
		if !hadTrash {
			os.RemoveAll(topTrash)
		}
	})
	if filepath.Dir(filepath.Dir(item.TrashPath)) != topTrash && !strings.HasPrefix(item.TrashPath, filepath.Join(top, ".Trash")+"/") {
		t.Fatalf("trashed to %s, not the filesystem's own trash", item.TrashPath)
	}
	rel, _ := filepath.Rel(top, path)
	if got := trashinfo(t, item.InfoPath)["Path"]; got != escapePath(rel) {
		t.Fatalf("Path=%q, want the path relative to %s", got, top)
	}
	if err := Restore(item); err != nil || !exists(path) {
		t.Fatalf("restore: %v", err)
	}
}
