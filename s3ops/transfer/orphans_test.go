package transfer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/internal/faultproxy"
)

// Regression tests for multipart uploads left on the server, found by
// the chaos suite (faults_test.go).

var createMatch = faultproxy.Match{Method: "POST", Query: []string{"uploads"}}

func TestALostCreateAnswerLeavesNoStrayUpload(t *testing.T) {
	t.Parallel()
	ff := newFaultFixture(t, 1)
	// The server creates the upload, the answer is cut: the id is lost
	// and a second attempt creates another upload.
	rule := ff.fp.AddRule(faultproxy.Rule{Match: createMatch, Fault: faultproxy.Fault{Kind: faultproxy.ResetResponse, After: 10}, MaxHits: 1})
	e, _ := ff.faultEngine(smallParts(""))
	src := filepath.Join(t.TempDir(), "two.bin")
	writeRandom(t, src, 6*mib, 9)
	if _, err := e.Upload(context.Background(), src, ff.loc("lost/two.bin")); err != nil {
		t.Fatal(err)
	}
	wait(t, e, Done)
	if rule.Hits() != 1 || ff.fp.Count(createMatch) < 2 {
		t.Fatalf("the create answer was not lost (%d hits, %d creates)", rule.Hits(), ff.fp.Count(createMatch))
	}
	if ups := ff.uploadsLeft(t, "lost/"); len(ups) != 0 {
		t.Fatalf("stray uploads left: %+v", ups)
	}
	if ff.storedSHA(t, "lost/two.bin") != fileSHA(t, src) {
		t.Fatal("the object differs from the source")
	}
}

func TestCancellingWhileTheUploadIsCreatedLeavesNoStray(t *testing.T) {
	t.Parallel()
	ff := newFaultFixture(t, 1)
	// The create reaches the server but its answer is held until the
	// client gives up: cancelling then cuts it off.
	ff.fp.AddRule(faultproxy.Rule{Match: createMatch, Fault: faultproxy.Fault{Kind: faultproxy.StallHeaders}})
	o := smallParts("")
	e, _ := ff.faultEngine(o)
	src := filepath.Join(t.TempDir(), "held.bin")
	writeRandom(t, src, 6*mib, 10)
	b, err := e.Upload(context.Background(), src, ff.loc("held/held.bin"))
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the upload to exist on the server", func() bool { return len(ff.uploadsLeft(t, "held/")) == 1 })
	if err := e.Cancel(b.Jobs[0]); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the stray to be aborted", func() bool { return len(ff.uploadsLeft(t, "held/")) == 0 })
	if s, _ := e.Job(b.Jobs[0]); s.State != Cancelled {
		t.Fatalf("job is %s", s.State)
	}
}

func TestAnAbortedUploadThatComesBackAfterARestartIsAbortedAgain(t *testing.T) {
	t.Parallel()
	f := newFixture(t, false)
	// The previous run aborted an upload and was still watching it when
	// it exited; the upload then came back (a part still on its way).
	id, err := f.c.CreateMultipartUpload(context.Background(), f.loc("back/x.bin"), "")
	if err != nil {
		t.Fatal(err)
	}
	journal := filepath.Join(t.TempDir(), "transfers.journal")
	doc := journalDoc{Aborts: []abortRec{{Bucket: f.bucket, Key: "back/x.bin", UploadID: id,
		Until: time.Now().Add(-time.Minute).UnixNano()}}}
	if err := writeJournal(journal, doc); err != nil {
		t.Fatal(err)
	}
	e := f.engine(Options{JournalPath: journal, AbortLateWatch: time.Second})
	waitFor(t, "the upload to be aborted again", func() bool { return len(f.uploadsLeft(t, "back/")) == 0 })
	settleAborts(t, e)
	waitFor(t, "the watch to end", func() bool {
		e.mu.Lock()
		defer e.mu.Unlock()
		return len(e.aborts) == 0
	})
	e.Close()
	if _, err := os.Stat(journal); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a journal with nothing to watch is left: %v", err)
	}
}

func TestAFailedCreateIsNotRetriedBehindTheEnginesBack(t *testing.T) {
	t.Parallel()
	ff := newFaultFixture(t, 1)
	ff.fp.AddRule(faultproxy.Rule{Match: createMatch, Fault: faultproxy.Fault{Kind: faultproxy.InternalError}})
	o := smallParts("")
	o.MaxRetries = 2
	e, _ := ff.faultEngine(o)
	src := filepath.Join(t.TempDir(), "c.bin")
	writeRandom(t, src, 6*mib, 11)
	e.Upload(context.Background(), src, ff.loc("create/c.bin"))
	wait(t, e, Failed)
	// One request per engine attempt: the engine alone decides (and
	// knows) how often an upload may have been created.
	if n := ff.fp.Count(createMatch); n != 3 {
		t.Fatalf("%d create requests, want 3 (one per attempt)", n)
	}
	s := e.Jobs()[0]
	if !strings.Contains(s.Err, "start upload") || !strings.Contains(s.Err, "gave up after 3 attempts") {
		t.Fatalf("reason %q", s.Err)
	}
}

func TestARefusalForClockSkewIsSignedAgainThenReported(t *testing.T) {
	t.Parallel()
	ff := newFaultFixture(t, 1)
	put := faultproxy.Match{Method: "PUT", Path: "/skew/"}
	ff.fp.AddRule(faultproxy.Rule{Match: put, Fault: faultproxy.Fault{Kind: faultproxy.RequestTimeTooSkewed}, MaxHits: 2})
	e, _ := ff.faultEngine(smallParts(""))
	src := filepath.Join(t.TempDir(), "s.txt")
	os.WriteFile(src, []byte("skewed once or twice"), 0o600)
	e.Upload(context.Background(), src, ff.loc("skew/once.txt"))
	wait(t, e, Done)

	ff.fp.AddRule(faultproxy.Rule{Match: put, Fault: faultproxy.Fault{Kind: faultproxy.RequestTimeTooSkewed}})
	e.ClearFinished()
	e.Upload(context.Background(), src, ff.loc("skew/always.txt"))
	wait(t, e, Failed)
	s := e.Jobs()[0]
	if !strings.Contains(s.Err, "clock is off") || !strings.Contains(s.Err, "gave up after 3 attempts") {
		t.Fatalf("reason %q", s.Err)
	}
}

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
