package transfer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
)

// fillingWriter fails with ENOSPC once the downloads together have
// written budget bytes, as a disk filling up would.
type fillingWriter struct {
	w      io.Writer
	name   string
	budget *atomic.Int64
}

func (f *fillingWriter) Write(b []byte) (int, error) {
	if f.budget.Add(-int64(len(b))) < 0 {
		return 0, &os.PathError{Op: "write", Path: f.name, Err: syscall.ENOSPC}
	}
	return f.w.Write(b)
}

func TestADownloadThatFillsTheDiskFailsClearlyAndLeavesNothing(t *testing.T) {
	t.Parallel()
	f := newFixture(t, false)
	src := filepath.Join(t.TempDir(), "big.bin")
	writeRandom(t, src, 11*mib, 14)
	var budget atomic.Int64
	budget.Store(1 << 40)
	o := smallParts("")
	o.TempWriter = func(file *os.File, off int64) io.Writer {
		return &fillingWriter{w: io.NewOffsetWriter(file, off), name: file.Name(), budget: &budget}
	}
	e := f.engine(o)
	e.Upload(context.Background(), src, f.loc("full/big.bin"))
	wait(t, e, Done)
	e.ClearFinished()

	budget.Store(3 * mib)
	dst := t.TempDir()
	b, _ := e.Download(context.Background(), f.loc("full/big.bin"), dst, PolicyDefault)
	wait(t, e, Failed)
	s, _ := e.Job(b.Jobs[0])
	if !strings.Contains(s.Err, "disk is full") || !strings.Contains(s.Err, "partial download was removed") {
		t.Fatalf("reason %q", s.Err)
	}
	if ents, _ := os.ReadDir(dst); len(ents) != 0 {
		t.Fatalf("left after a full disk: %v", ents)
	}
	// Room again: Retry starts over and finishes.
	budget.Store(1 << 40)
	if err := e.Retry(b.Jobs[0]); err != nil {
		t.Fatal(err)
	}
	wait(t, e, Done)
	if fileSHA(t, src) != fileSHA(t, filepath.Join(dst, "big.bin")) {
		t.Fatal("content differs after retry")
	}
}

// mountTmpfs mounts a tmpfs of size at a new folder, or skips the test
// where mounting is not permitted.
func mountTmpfs(t *testing.T, size string) string {
	dir := t.TempDir()
	out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput()
	if err != nil {
		t.Skipf("cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN): %v %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", dir, err, out)
		}
	})
	return dir
}

func TestDownloadsIntoAFullTmpfsFailClearlyAndLeaveNothingPartial(t *testing.T) {
	t.Parallel()
	disk := mountTmpfs(t, "8m")
	f := newFixture(t, false)
	srcDir := t.TempDir()
	for i := range 3 {
		writeRandom(t, filepath.Join(srcDir, "fill", fmt.Sprintf("part-%d.bin", i)), 3*mib+512<<10, uint64(20+i))
	}
	writeRandom(t, filepath.Join(srcDir, "huge.bin"), 12*mib, 23)
	o := smallParts("")
	o.FilesInFlight = 3
	e := f.engine(o)
	e.Upload(context.Background(), filepath.Join(srcDir, "fill"), f.loc("tmpfs/"))
	e.Upload(context.Background(), filepath.Join(srcDir, "huge.bin"), f.loc("tmpfs/huge.bin"))
	wait(t, e, Done)
	e.ClearFinished()

	// Three downloads that each fit, but not together.
	e.Download(context.Background(), f.loc("tmpfs/fill/"), disk, Overwrite)
	e.Wait(context.Background())
	failed := 0
	for _, s := range e.Jobs() {
		switch s.State {
		case Done:
			if fileSHA(t, s.Local) != fileSHA(t, filepath.Join(srcDir, "fill", filepath.Base(s.Local))) {
				t.Errorf("%s is done but differs", s.Local)
			}
		case Failed:
			failed++
			t.Logf("%s: %s", filepath.Base(s.Local), s.Err)
			if !strings.Contains(s.Err, "disk is full") && !strings.Contains(s.Err, "not enough free space") {
				t.Errorf("%s failed without saying the disk is full: %q", s.Local, s.Err)
			}
			if _, err := os.Lstat(s.Local); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("a failed download left %s", s.Local)
			}
		default:
			t.Errorf("%s ended %s", s.Local, s.State)
		}
	}
	if failed == 0 {
		t.Fatal("10.5 MiB fit in an 8 MiB tmpfs; the test did not fill the disk")
	}
	if left := tempFilesUnder(disk); len(left) != 0 {
		t.Fatalf("temp files left on the full disk: %q", left)
	}
	// One that cannot fit at all is refused before a byte is written.
	e.ClearFinished()
	b, _ := e.Download(context.Background(), f.loc("tmpfs/huge.bin"), disk, PolicyDefault)
	e.Wait(context.Background())
	if s, _ := e.Job(b.Jobs[0]); s.State != Failed || !strings.Contains(s.Err, "not enough free space") {
		t.Fatalf("huge: %s %q", s.State, s.Err)
	}
	if left := tempFilesUnder(disk); len(left) != 0 {
		t.Fatalf("temp files left: %q", left)
	}
}
