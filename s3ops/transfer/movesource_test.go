package transfer

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ferry-s3/ferry/s3ops"
)

// exists reports whether key is in f's bucket.
func (f *fixture) exists(t *testing.T, key string) bool {
	t.Helper()
	ok, err := f.c.Exists(context.Background(), f.loc(key))
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

// An object and a folder (with a subfolder and an empty folder marker)
// moved to another store arrive byte-exact, and only then are they gone
// from the source.
func TestMoveToStreamsThenDeletesEachSource(t *testing.T) {
	t.Parallel()
	p := newCopyPair(t)
	ctx := context.Background()
	big := p.src.seed(t, "in/big.bin", 12*mib, 1, smallParts("-"))
	putObject(t, p.src.c, p.src.loc("tree/a.txt"), []byte("alpha"))
	putObject(t, p.src.c, p.src.loc("tree/sub/b.txt"), []byte("beta"))
	putObject(t, p.src.c, p.src.loc("tree/empty/"), nil)
	e := p.engine(smallParts(""))
	if _, asks, err := e.MoveTo(ctx, "lab", p.src.loc("in/big.bin"), p.dst.loc("out/renamed.bin"), Ask); err != nil || len(asks) > 0 {
		t.Fatalf("move object: %v %v", asks, err)
	}
	if _, asks, err := e.MoveTo(ctx, "lab", p.src.loc("tree/"), p.dst.loc("out/tree/"), Ask); err != nil || len(asks) > 0 {
		t.Fatalf("move folder: %v %v", asks, err)
	}
	wait(t, e, Done)
	if p.dst.storedSHA(t, "out/renamed.bin") != fileSHA(t, big) {
		t.Fatal("the moved object differs from its source")
	}
	for key, body := range map[string]string{"out/tree/a.txt": "alpha", "out/tree/sub/b.txt": "beta"} {
		if p.dst.storedSHA(t, key) != bytesSHA([]byte(body)) {
			t.Fatalf("%s did not arrive intact", key)
		}
	}
	if !p.dst.exists(t, "out/tree/empty/") {
		t.Fatal("the empty folder did not move")
	}
	for _, key := range []string{"in/big.bin", "tree/a.txt", "tree/sub/b.txt", "tree/empty/"} {
		if p.src.exists(t, key) {
			t.Fatalf("%s is still at the source after its move", key)
		}
	}
	for _, j := range e.Jobs() {
		if !j.Move || j.Dir != Copy {
			t.Fatalf("job not shown as a move: %+v", j)
		}
	}
}

// A move stopped mid-copy (ferry closed) keeps its source, in the
// journal too; the restored move deletes it only once the resumed copy
// is complete.
func TestMoveResumedFromTheJournalDeletesItsSourceOnlyWhenComplete(t *testing.T) {
	t.Parallel()
	p := newCopyPair(t)
	src, o := stopMidCopy(t, p, `"move":true`, func(ctx context.Context, e *Engine) error {
		_, _, err := e.MoveTo(ctx, "lab", p.src.loc("big.bin"), p.dst.loc("moved.bin"), Overwrite)
		return err
	})
	p.dst.proxy.setHook(nil)
	if !p.src.exists(t, "big.bin") {
		t.Fatal("the source was deleted before its copy was complete")
	}
	again := p.engine(o)
	if jobs := again.Jobs(); len(jobs) != 1 || jobs[0].State != Paused || !jobs[0].Move {
		t.Fatalf("restored: %+v", jobs)
	}
	if !p.src.exists(t, "big.bin") {
		t.Fatal("restoring the move deleted its source")
	}
	again.ResumeAll()
	wait(t, again, Done)
	if p.dst.storedSHA(t, "moved.bin") != fileSHA(t, src) {
		t.Fatal("the resumed move's copy differs from its source")
	}
	if p.src.exists(t, "big.bin") {
		t.Fatal("the resumed move left its source")
	}
}

// A move whose copy fails (the destination bucket is gone) or is
// cancelled keeps its source.
func TestMoveThatDoesNotCompleteKeepsItsSource(t *testing.T) {
	t.Parallel()
	p := newCopyPair(t)
	ctx := context.Background()
	putObject(t, p.src.c, p.src.loc("a.txt"), []byte("alpha"))
	p.src.seed(t, "big.bin", 12*mib, 5, smallParts("-"))
	o := smallParts("-")
	o.PartsPerFile = 1
	e := p.engine(o)
	missing := s3ops.Location{Bucket: "no-such-bucket-here", Key: "a.txt"}
	if _, _, err := e.MoveTo(ctx, "lab", p.src.loc("a.txt"), missing, Overwrite); err != nil {
		t.Fatal(err)
	}
	wait(t, e, Failed)
	if !p.src.exists(t, "a.txt") {
		t.Fatal("a move that failed deleted its source")
	}
	hold := make(chan struct{})
	p.dst.proxy.setHook(func(r *http.Request) action {
		if r.Method == http.MethodPut && r.URL.Query().Get("partNumber") != "" {
			<-hold
		}
		return action{}
	})
	bs, _, err := e.MoveTo(ctx, "lab", p.src.loc("big.bin"), p.dst.loc("big.bin"), Overwrite)
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the move to run", func() bool { j, _ := e.Job(bs[0].Jobs[0]); return j.State == Running })
	if err := e.Cancel(bs[0].Jobs[0]); err != nil {
		t.Fatal(err)
	}
	close(hold)
	p.dst.proxy.setHook(nil)
	waitFor(t, "the cancel", func() bool { j, _ := e.Job(bs[0].Jobs[0]); return j.State == Cancelled })
	if !p.src.exists(t, "big.bin") || p.dst.exists(t, "big.bin") {
		t.Fatal("a cancelled move deleted its source or left a copy")
	}
}

// Under Skip an object already at the destination is left out and its
// source kept; under Ask it comes back, still a move, and moves once
// answered.
func TestMoveConflictsSkipKeepsTheSourceAndAnAnswerMovesIt(t *testing.T) {
	t.Parallel()
	p := newCopyPair(t)
	ctx := context.Background()
	putObject(t, p.src.c, p.src.loc("a.txt"), []byte("new"))
	putObject(t, p.dst.c, p.dst.loc("a.txt"), []byte("old"))
	e := p.engine(smallParts("-"))
	bs, _, err := e.MoveTo(ctx, "lab", p.src.loc("a.txt"), p.dst.loc("a.txt"), Skip)
	if err != nil || len(bs) != 1 || len(bs[0].Jobs) != 0 || len(bs[0].Skipped) != 1 {
		t.Fatalf("skip: %+v %v", bs, err)
	}
	if !p.src.exists(t, "a.txt") || p.dst.storedSHA(t, "a.txt") != bytesSHA([]byte("old")) {
		t.Fatal("a skipped move touched its source or the destination")
	}
	_, asks, err := e.MoveTo(ctx, "lab", p.src.loc("a.txt"), p.dst.loc("a.txt"), Ask)
	if err != nil || len(asks) != 1 || !asks[0].Move {
		t.Fatalf("ask: %+v %v", asks, err)
	}
	if _, err := e.CopyPairs(ctx, "lab", asks, "", Overwrite); err != nil {
		t.Fatal(err)
	}
	wait(t, e, Done)
	if p.src.exists(t, "a.txt") || p.dst.storedSHA(t, "a.txt") != bytesSHA([]byte("new")) {
		t.Fatal("the answered move did not replace the destination and delete its source")
	}
}

// A move whose source cannot be deleted fails saying the copy is there
// and the source kept; retried (in the same run, or after a restart) it
// checks the copy and only deletes: nothing is sent again.
func TestMoveWhoseSourceCannotBeDeletedIsRetriedWithoutCopyingAgain(t *testing.T) {
	t.Parallel()
	p := newCopyPair(t)
	ctx := context.Background()
	src := p.src.seed(t, "big.bin", 12*mib, 6, smallParts("-"))
	journal := filepath.Join(t.TempDir(), "transfers.journal")
	o := smallParts(journal)
	e := p.engine(o)
	p.src.proxy.setHook(func(r *http.Request) action {
		if r.Method == http.MethodDelete {
			return action{Status: http.StatusForbidden, Code: "AccessDenied"}
		}
		return action{}
	})
	if _, _, err := e.MoveTo(ctx, "lab", p.src.loc("big.bin"), p.dst.loc("big.bin"), Overwrite); err != nil {
		t.Fatal(err)
	}
	wait(t, e, Failed)
	j := e.Jobs()[0]
	if !strings.Contains(j.Err, "copied to s3://"+p.dst.bucket+"/big.bin, but the source was kept") {
		t.Fatalf("error: %q", j.Err)
	}
	if !p.src.exists(t, "big.bin") || p.dst.storedSHA(t, "big.bin") != fileSHA(t, src) {
		t.Fatal("the copy is not complete or the source is gone")
	}
	var sent atomic.Int32
	p.dst.proxy.setHook(func(r *http.Request) action {
		if r.Method == http.MethodPut {
			sent.Add(1)
		}
		return action{}
	})
	if err := e.Retry(j.ID); err != nil { // the source still cannot be deleted
		t.Fatal(err)
	}
	wait(t, e, Failed)
	if n := sent.Load(); n != 0 || !p.src.exists(t, "big.bin") {
		t.Fatalf("the retry sent %d PUTs (the copy was already complete), or lost the source", n)
	}
	e.Close()
	p.src.proxy.setHook(nil)
	again := p.engine(o)
	if err := again.Retry(j.ID); err != nil {
		t.Fatal(err)
	}
	wait(t, again, Done)
	if p.src.exists(t, "big.bin") || p.dst.storedSHA(t, "big.bin") != fileSHA(t, src) {
		t.Fatal("the retried move did not delete its source, or lost its copy")
	}
	if n := sent.Load(); n != 0 {
		t.Fatalf("the retry sent %d PUTs: the copy was already complete", n)
	}
}
