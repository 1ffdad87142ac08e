//go:build unix

package localops

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// otherFilesystem returns a writable directory on another filesystem
// than dir (/dev/shm on Linux), or skips the test: a second filesystem
// cannot be mounted without privileges.
func otherFilesystem(t *testing.T, dir string) string {
	t.Helper()
	for _, candidate := range []string{"/dev/shm", os.Getenv("FERRY_TEST_OTHER_FS")} {
		if candidate == "" || sameDevice(candidate, dir) {
			continue
		}
		d, err := os.MkdirTemp(candidate, "ferry-test-")
		if err != nil {
			continue
		}
		t.Cleanup(func() { os.RemoveAll(d) })
		return d
	}
	t.Skip("no second writable filesystem (set FERRY_TEST_OTHER_FS)")
	return ""
}

func mkfifo(path string) error { return syscall.Mkfifo(path, 0o600) }

func TestMoveToAnotherFilesystem(t *testing.T) {
	dir := t.TempDir()
	other := otherFilesystem(t, dir)
	src := filepath.Join(dir, "tree")
	writeTree(t, src, map[string]string{"a.txt": "A", "sub/b.txt": "B"})
	want := readTree(t, src)
	dst := filepath.Join(other, "tree")
	if err := Move(src, dst, MoveOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := readTree(t, dst); !maps.Equal(got, want) || exists(src) {
		t.Fatalf("moved = %v, source left: %v", got, exists(src))
	}
}

func TestReadHeadRefusesSpecialFilesWithoutBlocking(t *testing.T) {
	pipe := filepath.Join(t.TempDir(), "pipe")
	if err := mkfifo(pipe); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadHead(pipe, 0); err == nil {
		t.Fatal("read a FIFO")
	}
}

func TestCrossDeviceMoveThatFailsLeavesTheSourceWhole(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	writeTree(t, src, map[string]string{"a.txt": "A", "z.txt": "Z"})
	if err := mkfifo(filepath.Join(src, "pipe")); err != nil {
		t.Fatal(err)
	}
	want := readTree(t, src)
	dst := filepath.Join(dir, "dst")
	err := moveAcrossDevices(src, dst, MoveOptions{})
	if err == nil || !strings.Contains(err.Error(), "special file") {
		t.Fatalf("err = %v", err)
	}
	if got := readTree(t, src); !maps.Equal(got, want) {
		t.Fatalf("source changed: %v", got)
	}
	if exists(dst) {
		t.Fatal("partial destination left")
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".ferry-move-*")); len(leftovers) != 0 {
		t.Fatalf("temporary copies left: %v", leftovers)
	}
}
