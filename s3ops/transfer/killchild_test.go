package transfer

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/s3ops"
)

// The child side of the kill test (killtest_test.go): one run of ferry in
// a re-executed test binary, and the parent's helpers that start, kill
// and finish such runs.

const killChildEnv = "FERRY_KILLTEST_CHILD"

func killOptions(journal string) Options {
	return Options{PartSize: mib, MultipartThreshold: mib, PartsPerFile: 2, FilesInFlight: 4, JournalPath: journal}
}

// killChild is one run of ferry: it restores the journal (a damaged one
// is reported on stderr, as the UI would show it), queues the batch when
// there is nothing to restore and FERRY_KILL_QUEUE is set, resumes
// everything and waits. It prints DONE when every job is done.
func killChild() int {
	get := os.Getenv
	c, err := s3ops.Connect(context.Background(), s3ops.Settings{EndpointURL: get("FERRY_KILL_ENDPOINT"),
		Region: get("FERRY_KILL_REGION"), AccessKey: get("FERRY_KILL_AK"), SecretKey: get("FERRY_KILL_SK")})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	e := New(c, killOptions(get("FERRY_KILL_JOURNAL")))
	n, err := e.Restore()
	if err != nil {
		fmt.Fprintln(os.Stderr, "restore:", err)
	}
	if n == 0 && get("FERRY_KILL_QUEUE") != "" {
		if err := queueKillBatch(e, get("FERRY_KILL_BUCKET"), get("FERRY_KILL_UPSRC"), get("FERRY_KILL_DLDIR")); err != nil {
			fmt.Fprintln(os.Stderr, "queue:", err)
			return 2
		}
		// The whole batch is on disk: a kill from here on must lose none
		// of it (before, a user would queue it again).
		if _, err := e.flushJournal(); err != nil {
			fmt.Fprintln(os.Stderr, "journal:", err)
			return 2
		}
		fmt.Println(queuedLine)
	}
	e.ResumeAll()
	e.Wait(context.Background())
	code := 0
	for _, j := range e.Jobs() {
		if j.State != Done {
			fmt.Fprintf(os.Stderr, "job %s → %s ended %s: %s %s\n", j.Local, j.Remote, j.State, j.Err, j.Conflict)
			code = 4
		}
	}
	if err := e.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "close:", err)
		code = 4
	}
	if code == 0 {
		fmt.Println("DONE")
	}
	return code
}

// queueKillBatch queues the uploads of upSrc (a folder, and each big
// file on its own) and the downloads of the seeded objects.
func queueKillBatch(e *Engine, bucket, upSrc, dlDir string) error {
	ctx := context.Background()
	if _, err := e.Upload(ctx, filepath.Join(upSrc, "tree"), s3ops.Location{Bucket: bucket, Key: "kill/up/"}); err != nil {
		return err
	}
	for i := range 2 {
		name := fmt.Sprintf("big-%d.bin", i)
		if _, err := e.Upload(ctx, filepath.Join(upSrc, name), s3ops.Location{Bucket: bucket, Key: "kill/up/" + name}); err != nil {
			return err
		}
	}
	_, err := e.Download(ctx, s3ops.Location{Bucket: bucket, Key: "kill/src/"}, dlDir, PolicyDefault)
	return err
}

// start runs one child.
func (rig *killRig) start(t *testing.T, queue bool) (*exec.Cmd, *syncBuffer, *syncBuffer, chan struct{}) {
	exe, _ := os.Executable()
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), killChildEnv+"=1", "FERRY_KILL_ENDPOINT="+rig.fp.URL(),
		"FERRY_KILL_REGION="+rig.srv.Region, "FERRY_KILL_AK="+rig.srv.AccessKey, "FERRY_KILL_SK="+rig.srv.SecretKey,
		"FERRY_KILL_JOURNAL="+rig.journal, "FERRY_KILL_BUCKET="+rig.bucket, "FERRY_KILL_UPSRC="+rig.upSrc,
		"FERRY_KILL_DLDIR="+rig.dlDir)
	if queue {
		cmd.Env = append(cmd.Env, "FERRY_KILL_QUEUE=1")
	}
	var stdout, stderr syncBuffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	// Read the journal all the time the child runs: it must never be
	// caught half-written.
	go func() {
		for {
			select {
			case <-exited:
				return
			case <-time.After(3 * time.Millisecond):
			}
			if data, err := os.ReadFile(rig.journal); err == nil {
				if _, err := decodeJournal(data); err != nil {
					rig.readErrs.Add(1)
				}
			}
		}
	}()
	return cmd, &stdout, &stderr, exited
}

// runUntilKilled runs a child, kills it delay after its queue is in the
// journal and returns the journal it left. ok is false when the child
// finished first.
func (rig *killRig) runUntilKilled(t *testing.T, queue bool, delay time.Duration) (journalDoc, bool) {
	cmd, stdout, stderr, exited := rig.start(t, queue)
	// The first run's kill comes once the whole batch is queued and
	// journaled (a slow machine can take longer to queue it than the
	// delay), later runs' once they are under way.
	waitFor(t, "the queue to be journaled", func() bool {
		select {
		case <-exited:
			return true
		default:
		}
		if queue {
			return strings.Contains(stdout.String(), queuedLine)
		}
		doc, err := readJournalFile(rig.journal)
		return err == nil && len(doc.Jobs) > 0
	})
	select {
	case <-exited:
	case <-time.After(delay):
		cmd.Process.Signal(syscall.SIGKILL)
		<-exited
	}
	if strings.Contains(stdout.String(), "DONE") {
		return journalDoc{}, false
	}
	if !strings.Contains(cmd.ProcessState.String(), "killed") {
		t.Fatalf("child ended without being killed: %s\n%s", cmd.ProcessState, stderr)
	}
	rig.fp.WaitIdle(10 * time.Second)
	doc, err := readJournalFile(rig.journal)
	if err != nil {
		t.Fatalf("the journal after kill -9 is unreadable: %v", err)
	}
	return doc, true
}

// runToEnd runs a child that is not killed; it must finish everything.
func (rig *killRig) runToEnd(t *testing.T) {
	cmd, stdout, stderr, exited := rig.start(t, false)
	select {
	case <-exited:
	case <-time.After(2 * time.Minute):
		cmd.Process.Kill()
		t.Fatalf("the last run did not finish: %s", stderr)
	}
	if !strings.Contains(stdout.String(), "DONE") {
		t.Fatalf("the last run did not finish the queue (%s): %s", cmd.ProcessState, stderr)
	}
}

func readJournalFile(path string) (journalDoc, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return journalDoc{}, err
	}
	return decodeJournalDoc(data)
}

// queuedLine is what the first child prints once its batch is journaled.
const queuedLine = "QUEUED"

// syncBuffer is a bytes.Buffer a child's output is copied into while the
// test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
