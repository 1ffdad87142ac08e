package transfer

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Hostile local files on upload: unreadable files and folders, files
// that vanish, grow or shrink while they are sent, special files and
// symbolic link loops. Each is reported with the reason; none is ever
// uploaded short or mixed.

// asNobodyEnv marks the re-executed test binary that runs a test as an
// unprivileged user.
const asNobodyEnv = "FERRY_TEST_AS_NOBODY"

// runAsNobody re-runs the calling test as user nobody when the tests run
// as root, who can read any file, and reports whether the caller should
// go on itself (it should not when the child ran it).
func runAsNobody(t *testing.T) bool {
	if os.Geteuid() != 0 || os.Getenv(asNobodyEnv) != "" {
		return true
	}
	// nobody needs a binary and a temp root it can reach.
	dir, err := os.MkdirTemp("", "ferry-nobody-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	exe, _ := os.Executable()
	bin := filepath.Join(dir, "transfer.test")
	if err := copyFile(exe, bin); err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(dir, "tmp")
	os.Mkdir(tmp, 0o777)
	os.Chmod(tmp, 0o1777)
	os.Chmod(dir, 0o755)
	cmd := exec.Command(bin, "-test.run=^"+t.Name()+"$", "-test.v")
	cmd.Env = append(os.Environ(), asNobodyEnv+"=1", "TMPDIR="+tmp, "HOME="+tmp)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("--- PASS")) {
		t.Fatalf("the test run as nobody failed: %v\n%s", err, out)
	}
	t.Logf("ran as nobody (uid 65534):\n%s", out)
	return false
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func TestUnreadableFilesAndFoldersAreReportedNotUploaded(t *testing.T) {
	t.Parallel()
	if !runAsNobody(t) {
		return
	}
	f := newFixture(t, false)
	src := filepath.Join(t.TempDir(), "mixed")
	os.MkdirAll(filepath.Join(src, "locked"), 0o755)
	os.WriteFile(filepath.Join(src, "ok.txt"), []byte("readable"), 0o644)
	os.WriteFile(filepath.Join(src, "secret.txt"), []byte("not for you"), 0o644)
	os.WriteFile(filepath.Join(src, "locked", "inner.txt"), []byte("behind a locked door"), 0o644)
	if err := syscall.Mkfifo(filepath.Join(src, "pipe"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chmod(filepath.Join(src, "secret.txt"), 0)
	os.Chmod(filepath.Join(src, "locked"), 0)
	t.Cleanup(func() { os.Chmod(filepath.Join(src, "locked"), 0o755) })
	if _, err := os.ReadFile(filepath.Join(src, "secret.txt")); err == nil {
		t.Fatal("this user can read a mode-000 file; the test cannot run")
	}
	e := f.engine(smallParts(""))
	b, err := e.Upload(context.Background(), src, f.loc("unreadable/"))
	if err != nil {
		t.Fatal(err)
	}
	reasons := map[string]string{}
	for _, s := range b.Skipped {
		reasons[filepath.Base(s.Path)] = s.Reason
	}
	if !strings.Contains(reasons["locked"], "cannot read the folder: permission denied") ||
		!strings.Contains(reasons["pipe"], "not a regular file") {
		t.Errorf("skipped: %+v", b.Skipped)
	}
	e.Wait(context.Background())
	for _, s := range e.Jobs() {
		switch filepath.Base(s.Local) {
		case "ok.txt":
			if s.State != Done {
				t.Errorf("ok.txt: %s %s", s.State, s.Err)
			}
		case "secret.txt":
			if s.State != Failed || !strings.Contains(s.Err, "cannot read") || !strings.Contains(s.Err, "permission denied") {
				t.Errorf("secret.txt: %s %q", s.State, s.Err)
			}
		default:
			t.Errorf("unexpected job for %s", s.Local)
		}
	}
	if f.storedSHA(t, "unreadable/mixed/secret.txt") != "" {
		t.Error("the unreadable file was uploaded")
	}
}

func TestFilesThatVanishGrowOrShrinkDuringUploadAreNeverUploadedShort(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	dir := t.TempDir()
	cases := map[string]func(p string){
		"grows.bin":   func(p string) { appendTo(t, p, []byte("more bytes than when it started")) },
		"shrinks.bin": func(p string) { os.Truncate(p, mib) },
		"rewritten.bin": func(p string) {
			fh, _ := os.OpenFile(p, os.O_WRONLY, 0)
			fh.WriteAt([]byte("same size, new bytes"), 100)
			fh.Close()
			os.Chtimes(p, timeAfter(p), timeAfter(p))
		},
		// Unlinked while open: the bytes being sent are still the
		// file's as it was opened, so the upload completes, exactly.
		"unlinked.bin": func(p string) { os.Remove(p) },
	}
	want := map[string]string{}
	for name := range cases {
		writeRandom(t, filepath.Join(dir, name), 16*mib, uint64(len(name)))
		want[name] = fileSHA(t, filepath.Join(dir, name))
	}
	writeRandom(t, filepath.Join(dir, "gone.bin"), 1000, 5)
	// Single PUTs, slow enough that most of each file is still unread
	// when it changes (what the socket buffers hold is read early).
	e := f.engine(Options{MultipartThreshold: 64 * mib, FilesInFlight: 5, JournalPath: "-"})
	f.proxy.bps.Store(4 * mib)
	ids := map[JobID]string{}
	for name := range cases {
		b, _ := e.Upload(context.Background(), filepath.Join(dir, name), f.loc("changing/"+name))
		ids[b.Jobs[0]] = name
	}
	waitFor(t, "every upload to be under way", func() bool {
		for id := range ids {
			if s, _ := e.Job(id); s.Done < mib {
				return false
			}
		}
		return true
	})
	for name, change := range cases {
		change(filepath.Join(dir, name))
	}
	os.Remove(filepath.Join(dir, "gone.bin"))
	b, _ := e.Upload(context.Background(), filepath.Join(dir, "gone.bin"), f.loc("changing/gone.bin"))
	if b.Jobs != nil {
		t.Errorf("a file that is gone was queued: %+v", b)
	}
	f.proxy.bps.Store(0)
	e.Wait(context.Background())
	for id, name := range ids {
		s, _ := e.Job(id)
		stored := f.storedSHA(t, "changing/"+name)
		switch {
		case name == "unlinked.bin":
			if s.State != Done || stored != want[name] {
				t.Errorf("%s: %s %q", name, s.State, s.Err)
			}
		case s.State != Failed || !strings.Contains(s.Err, "source file changed"):
			t.Errorf("%s: %s %q, want failed because the source changed", name, s.State, s.Err)
		case stored != "":
			fi, _ := os.Stat(filepath.Join(f.srv.Dir, f.bucket, "changing", name))
			t.Errorf("%s: a changed file was uploaded (%d bytes stored)", name, fi.Size())
		}
	}
}

func appendTo(t *testing.T, p string, b []byte) {
	fh, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fh.Write(b)
	fh.Close()
}

// timeAfter is a modification time certainly different from p's.
func timeAfter(p string) time.Time {
	fi, _ := os.Stat(p)
	return fi.ModTime().Add(2 * time.Second)
}

func TestSymbolicLinkLoopsEndTheWalkAndAreReported(t *testing.T) {
	t.Parallel()
	f := newFixture(t, false)
	src := filepath.Join(t.TempDir(), "loops")
	os.MkdirAll(filepath.Join(src, "a", "b"), 0o755)
	os.WriteFile(filepath.Join(src, "a", "b", "file.txt"), []byte("real"), 0o644)
	os.Symlink("..", filepath.Join(src, "a", "b", "up"))             // back to a: a cycle
	os.Symlink(src, filepath.Join(src, "a", "root"))                 // back to the top
	os.Symlink("self", filepath.Join(src, "self"))                   // points at itself
	os.Symlink(filepath.Join(src, "a"), filepath.Join(src, "alias")) // a second way into a: not a loop
	for _, follow := range []bool{false, true} {
		o := smallParts("")
		o.FollowSymlinks = follow
		e := f.engine(o)
		count, err := e.CountUpload(context.Background(), src)
		if err != nil {
			t.Fatal(err)
		}
		b, err := e.Upload(context.Background(), src, f.loc("loops/"))
		if err != nil {
			t.Fatal(err)
		}
		// The count asked for before an upload says what the upload queues.
		if count.Files != int64(len(b.Jobs)) || count.Bytes != b.Bytes || !slices.Equal(count.Skipped, b.Skipped) {
			t.Errorf("follow=%v: counted %+v, the upload queued %d jobs (%d B) and left out %d",
				follow, count, len(b.Jobs), b.Bytes, len(b.Skipped))
		}
		reasons := map[string]string{}
		for _, s := range b.Skipped {
			rel, _ := filepath.Rel(src, s.Path)
			reasons[rel] = s.Reason
		}
		want := map[string]string{"a/b/up": "symbolic link not followed", "a/root": "symbolic link not followed",
			"self": "symbolic link not followed", "alias": "symbolic link not followed"}
		jobs := 1
		if follow {
			want = map[string]string{"a/b/up": "symbolic link loop", "a/root": "symbolic link loop",
				"self": "symbolic link loop", "alias/b/up": "symbolic link loop", "alias/root": "symbolic link loop"}
			jobs = 2 // a/b/file.txt and alias/b/file.txt
		}
		for p, reason := range want {
			if reasons[p] != reason {
				t.Errorf("follow=%v: %s skipped with %q, want %q (all: %q)", follow, p, reasons[p], reason, reasons)
			}
		}
		if len(b.Jobs) != jobs {
			t.Errorf("follow=%v: %d jobs, want %d", follow, len(b.Jobs), jobs)
		}
		wait(t, e, Done)
		e.Close()
	}
	e := f.engine(smallParts(""))
	if _, err := e.Upload(context.Background(), filepath.Join(src, "self"), f.loc("loops/")); err == nil ||
		!strings.Contains(err.Error(), "too many levels of symbolic links") {
		t.Errorf("uploading a link loop itself: %v", err)
	}
}
