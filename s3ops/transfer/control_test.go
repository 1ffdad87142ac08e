package transfer

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ferry-s3/ferry/s3ops"
)

// startSlowUpload queues a 4-part upload through a throttled proxy.
func startSlowUpload(t *testing.T, f *fixture, e *Engine, key string) (JobID, string) {
	t.Helper()
	src := filepath.Join(t.TempDir(), "slow.bin")
	writeRandom(t, src, 4*5*mib-100, 3)
	f.proxy.bps.Store(3 * mib)
	b, err := e.Upload(context.Background(), src, f.loc(key))
	if err != nil {
		t.Fatal(err)
	}
	return b.Jobs[0], src
}

// partsOK counts the parts the proxy saw stored.
func partsOK(f *fixture) int {
	n := 0
	for _, r := range f.proxy.log(false) {
		if r.Method == "PUT" && r.Part() > 0 && r.Status == 200 {
			n++
		}
	}
	return n
}

func storedParts(t *testing.T, f *fixture, key, uploadID string) map[int32]bool {
	t.Helper()
	parts, err := f.c.ListParts(context.Background(), f.loc(key), uploadID)
	if err != nil {
		t.Fatal(err)
	}
	got := map[int32]bool{}
	for _, p := range parts {
		got[p.Number] = true
	}
	return got
}

func (e *Engine) uploadIDOf(id JobID) string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.jobs[id].rec.UploadID
}

func TestCancelAbortsTheMultipartUploadOnTheServer(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	e := f.engine(smallParts(""))
	id, _ := startSlowUpload(t, f, e, "cancel/slow.bin")
	waitFor(t, "a part to be stored", func() bool { return partsOK(f) >= 1 })
	if ups, _ := f.c.ListMultipartUploads(context.Background(), f.loc("cancel/")); len(ups) != 1 {
		t.Fatalf("uploads in progress: %+v", ups)
	}
	if err := e.Cancel(id); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the job to be cancelled", func() bool { s, _ := e.Job(id); return s.State == Cancelled })
	e.Close() // waits for the abort
	if ups, err := f.c.ListMultipartUploads(context.Background(), f.loc("cancel/")); err != nil || len(ups) != 0 {
		t.Fatalf("uploads left after cancel: %+v %v", ups, err)
	}
	if _, err := f.c.Head(context.Background(), f.loc("cancel/slow.bin")); s3ops.KindOf(err) != s3ops.KindNoSuchKey {
		t.Fatalf("the object exists after cancel: %v", err)
	}
}

func TestPauseAndResumeContinueWithoutResendingParts(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	e := f.engine(smallParts(""))
	id, src := startSlowUpload(t, f, e, "pause/slow.bin")
	waitFor(t, "two parts", func() bool { return partsOK(f) >= 2 })
	if err := e.Pause(id); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the pause", func() bool { s, _ := e.Job(id); return s.State == Paused })
	before := map[int32]bool{} // parts the server acknowledged before the pause
	for _, r := range f.proxy.log(false) {
		if r.Method == "PUT" && r.Part() > 0 && r.Status == 200 {
			before[int32(r.Part())] = true
		}
	}
	onServer := storedParts(t, f, "pause/slow.bin", e.uploadIDOf(id))
	for n := range before {
		if !onServer[n] {
			t.Fatalf("part %d acknowledged but not listed: %v", n, onServer)
		}
	}
	if len(before) < 2 || len(before) == 4 {
		t.Fatalf("parts stored at the pause: %v", before)
	}
	f.proxy.log(true)
	f.proxy.bps.Store(0)
	if err := e.Resume(id); err != nil {
		t.Fatal(err)
	}
	wait(t, e, Done)
	for _, r := range f.proxy.log(false) {
		if r.Method == "PUT" && before[int32(r.Part())] {
			t.Errorf("part %d was stored before the pause and sent again", r.Part())
		}
	}
	dst := t.TempDir()
	e.Download(context.Background(), f.loc("pause/slow.bin"), dst, Ask)
	wait(t, e, Done)
	if fileSHA(t, src) != fileSHA(t, filepath.Join(dst, "slow.bin")) {
		t.Fatal("content differs after pause/resume")
	}
}

func TestPauseAllAndResumeAll(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	e := f.engine(Options{FilesInFlight: 2, PartSize: 5 * mib, MultipartThreshold: 5 * mib})
	f.proxy.bps.Store(2 * mib)
	dir := t.TempDir()
	for i := range 4 {
		p := filepath.Join(dir, "f"+string(rune('a'+i)))
		writeRandom(t, p, 2*mib, uint64(i))
		e.Upload(context.Background(), p, f.loc("all/"))
	}
	waitFor(t, "progress", func() bool { return e.Jobs()[0].Done > 0 })
	e.PauseAll()
	waitFor(t, "all paused", func() bool {
		for _, j := range e.Jobs() {
			if j.State != Paused {
				return false
			}
		}
		return true
	})
	f.proxy.bps.Store(0)
	e.ResumeAll()
	wait(t, e, Done)
}

func TestTransientFailuresAreRetriedWithTheReasonReported(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	var puts, gets atomic.Int32
	f.proxy.setHook(func(r *http.Request) action {
		switch {
		case r.Method == "PUT" && r.URL.Query().Get("partNumber") == "2" && puts.Add(1) <= 2:
			return action{Status: 503, Code: "SlowDown"}
		case r.Method == "PUT" && r.URL.Query().Get("partNumber") == "3" && puts.Add(1) <= 4:
			return action{Status: 500, Code: "InternalError"}
		case r.Method == "GET" && r.Header.Get("Range") != "" && gets.Add(1) == 2:
			return action{Reset: true}
		}
		return action{}
	})
	e := New(f.c, Options{PartSize: 5 * mib, MultipartThreshold: 5 * mib, JournalPath: "-"})
	defer e.Close()
	var sawRetry atomic.Bool
	go func() {
		for u := range e.Updates() {
			if strings.Contains(u.Job.Retrying, "retrying in") {
				sawRetry.Store(true)
			}
		}
	}()
	src := filepath.Join(t.TempDir(), "r.bin")
	writeRandom(t, src, 3*5*mib+1, 5)
	e.Upload(context.Background(), src, f.loc("retry/r.bin"))
	wait(t, e, Done)
	dst := t.TempDir()
	e.Download(context.Background(), f.loc("retry/r.bin"), dst, Ask)
	wait(t, e, Done)
	if fileSHA(t, src) != fileSHA(t, filepath.Join(dst, "r.bin")) {
		t.Fatal("content differs")
	}
	if !sawRetry.Load() {
		t.Error("no update carried a retry reason")
	}
	var failed int
	for _, r := range f.proxy.log(false) {
		if r.Status >= 500 || r.Err {
			failed++
		}
	}
	if failed < 3 {
		t.Errorf("only %d injected failures happened", failed)
	}
}

func TestAFileChangedDuringUploadFailsClearlyAndRetryUploadsTheNewVersion(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	e := f.engine(smallParts(""))
	id, src := startSlowUpload(t, f, e, "changed/slow.bin")
	waitFor(t, "a part", func() bool { return partsOK(f) >= 1 })
	fh, _ := os.OpenFile(src, os.O_APPEND|os.O_WRONLY, 0)
	fh.Write([]byte("appended while uploading"))
	fh.Close()
	f.proxy.bps.Store(0)
	e.Wait(context.Background())
	s, _ := e.Job(id)
	if s.State != Failed || !strings.Contains(s.Err, "source file changed") {
		t.Fatalf("job %s: %q", s.State, s.Err)
	}
	if _, err := f.c.Head(context.Background(), f.loc("changed/slow.bin")); s3ops.KindOf(err) != s3ops.KindNoSuchKey {
		t.Fatalf("a changed file was uploaded: %v", err)
	}
	if err := e.Retry(id); err != nil {
		t.Fatal(err)
	}
	wait(t, e, Done)
	dst := t.TempDir()
	e.Download(context.Background(), f.loc("changed/slow.bin"), dst, Ask)
	wait(t, e, Done)
	if fileSHA(t, src) != fileSHA(t, filepath.Join(dst, "slow.bin")) {
		t.Fatal("the retried upload is not the new version")
	}
	e.Close() // waits for the background abort of the first attempt
	if ups, _ := f.c.ListMultipartUploads(context.Background(), f.loc("changed/")); len(ups) != 0 {
		t.Fatalf("the first attempt's upload was not aborted: %+v", ups)
	}
}
