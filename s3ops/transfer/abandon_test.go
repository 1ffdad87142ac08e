package transfer

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// An upload that fails in a way a resume cannot mend aborts its
// multipart upload before the job ends: nothing is left billed on the
// server. One that is only interrupted keeps it (TestPause… and the
// crash tests cover that half).
func TestUploadsThatFailForGoodLeaveNoMultipartUpload(t *testing.T) {
	t.Parallel()
	t.Run("the source changed", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t, true)
		e := f.engine(smallParts(""))
		id, src := startSlowUpload(t, f, e, "ends/changed.bin")
		waitFor(t, "a part", func() bool { return partsOK(f) >= 1 })
		appendTo(t, src, []byte("grown while uploading"))
		f.proxy.bps.Store(0)
		wantFailedAndNoUpload(t, f, e, id, "source file changed")
	})
	t.Run("the destination refused a part", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t, true)
		e := f.engine(smallParts(""))
		f.proxy.setHook(func(r *http.Request) action {
			if r.Method == http.MethodPut && r.URL.Query().Get("partNumber") == "3" {
				return action{Status: http.StatusForbidden, Code: "AccessDenied"}
			}
			return action{}
		})
		id, _ := startSlowUpload(t, f, e, "ends/refused.bin")
		f.proxy.bps.Store(0)
		wantFailedAndNoUpload(t, f, e, id, "access denied")
	})
	t.Run("the source is gone when the upload resumes", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t, true)
		journal := filepath.Join(t.TempDir(), "j")
		e := f.engine(smallParts(journal))
		_, src := startSlowUpload(t, f, e, "ends/gone.bin")
		waitFor(t, "a part", func() bool { return partsOK(f) >= 1 })
		e.Close() // the job stays in the journal, its upload on the server
		if ups, _ := f.c.ListMultipartUploads(context.Background(), f.loc("ends/")); len(ups) != 1 {
			t.Fatalf("an interrupted upload should be kept for resuming, found %d", len(ups))
		}
		os.Remove(src)
		f.proxy.bps.Store(0)
		e2 := f.engine(smallParts(journal))
		e2.ResumeAll()
		wantFailedAndNoUpload(t, f, e2, e2.Jobs()[0].ID, "no longer exists")
	})
}

func wantFailedAndNoUpload(t *testing.T, f *fixture, e *Engine, id JobID, why string) {
	t.Helper()
	e.Wait(context.Background())
	if s, _ := e.Job(id); s.State != Failed || !strings.Contains(s.Err, why) {
		t.Fatalf("job %s %q, want failed: %s", s.State, s.Err, why)
	}
	e.Close() // waits for the abort
	if ups, _ := f.c.ListMultipartUploads(context.Background(), f.loc("ends/")); len(ups) != 0 {
		t.Fatalf("the failed upload is left on the server: %+v", ups)
	}
}

func TestSourceChangeMessagesShowWhatChanged(t *testing.T) {
	t.Parallel()
	gib := int64(1 << 30)
	cases := map[[2]srcStat]string{
		{{Size: 2 * gib, MTime: 1}, {Size: 2*gib + 5, MTime: 2}}: "size 2,147,483,648 → 2,147,483,653 bytes",
		{{Size: 2 * gib, MTime: 1}, {Size: 3 * gib, MTime: 2}}:   "size 2.0 GiB → 3.0 GiB",
		{{Size: 10, MTime: 1}, {Size: 10, MTime: 2}}:             "modified, same size 10 B",
	}
	for in, want := range cases {
		if got := howChanged(in[0], in[1]); got != want {
			t.Errorf("howChanged(%+v, %+v) = %q, want %q", in[0], in[1], got, want)
		}
	}
}

// A store that forgets a multipart upload (a restart of one that keeps
// them in memory) answers NoSuchUpload: the upload is started again and
// finishes exact, and nothing is left on the server.
func TestAnUploadTheServerForgotIsStartedAgain(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	var forgot atomic.Bool
	f.proxy.setHook(func(r *http.Request) action {
		if r.Method == http.MethodPut && r.URL.Query().Get("partNumber") == "3" && forgot.CompareAndSwap(false, true) {
			return action{Status: http.StatusNotFound, Code: "NoSuchUpload"}
		}
		return action{}
	})
	e := f.engine(smallParts(""))
	src := filepath.Join(t.TempDir(), "forgotten.bin")
	writeRandom(t, src, 4*5*mib-100, 31)
	if _, err := e.Upload(context.Background(), src, f.loc("ends/forgotten.bin")); err != nil {
		t.Fatal(err)
	}
	wait(t, e, Done)
	if !forgot.Load() || f.storedSHA(t, "ends/forgotten.bin") != fileSHA(t, src) {
		t.Fatalf("forgot %v; the object differs from the file", forgot.Load())
	}
	e.Close()
	if ups, _ := f.c.ListMultipartUploads(context.Background(), f.loc("ends/")); len(ups) != 0 {
		t.Fatalf("uploads left on the server: %+v", ups)
	}
}
