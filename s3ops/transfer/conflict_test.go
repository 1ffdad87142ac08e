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

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestDownloadConflictPolicies(t *testing.T) {
	t.Parallel()
	f := newFixture(t, false)
	putBytes(t, f, "c/doc.txt", []byte("new content"))
	e := f.engine(smallParts(""))
	download := func(dst string, p Policy) JobStatus {
		t.Helper()
		b, err := e.Download(context.Background(), f.loc("c/doc.txt"), dst, p)
		if err != nil {
			t.Fatal(err)
		}
		e.Wait(context.Background())
		s, _ := e.Job(b.Jobs[0])
		return s
	}
	existing := func() string {
		dst := t.TempDir()
		os.WriteFile(filepath.Join(dst, "doc.txt"), []byte("old"), 0o644)
		return dst
	}

	dst := existing()
	if s := download(dst, Skip); s.State != Skipped || readFile(t, filepath.Join(dst, "doc.txt")) != "old" {
		t.Errorf("skip: %s, file %q", s.State, readFile(t, filepath.Join(dst, "doc.txt")))
	}
	dst = existing()
	if s := download(dst, Overwrite); s.State != Done || readFile(t, filepath.Join(dst, "doc.txt")) != "new content" {
		t.Errorf("overwrite: %s %s", s.State, s.Err)
	}
	dst = existing()
	os.WriteFile(filepath.Join(dst, "doc (1).txt"), []byte("older"), 0o644)
	s := download(dst, KeepBoth)
	if s.State != Done || s.Local != filepath.Join(dst, "doc (2).txt") ||
		readFile(t, filepath.Join(dst, "doc (2).txt")) != "new content" || readFile(t, filepath.Join(dst, "doc.txt")) != "old" {
		t.Errorf("keep both: %s %q %s", s.State, s.Local, s.Err)
	}
	dst = existing()
	s = download(dst, Ask)
	if s.State != NeedsDecision || !strings.Contains(s.Conflict, "already exists") {
		t.Fatalf("ask: %s %q", s.State, s.Conflict)
	}
	if err := e.Decide(s.ID, Overwrite); err != nil {
		t.Fatal(err)
	}
	e.Wait(context.Background())
	if s, _ := e.Job(s.ID); s.State != Done || readFile(t, filepath.Join(dst, "doc.txt")) != "new content" {
		t.Errorf("after Decide(Overwrite): %s %s", s.State, s.Err)
	}
	assertNoLeftovers(t, dst)
}

func TestDecideBatchAnswersEveryWaitingFile(t *testing.T) {
	t.Parallel()
	f := newFixture(t, false)
	for _, k := range []string{"set/a.txt", "set/b.txt", "set/c.txt"} {
		putBytes(t, f, k, []byte("remote "+k))
	}
	e := f.engine(smallParts(""))
	dst := t.TempDir()
	for _, n := range []string{"a.txt", "b.txt"} {
		os.MkdirAll(filepath.Join(dst, "set"), 0o755)
		os.WriteFile(filepath.Join(dst, "set", n), []byte("local"), 0o644)
	}
	b, _ := e.Download(context.Background(), f.loc("set/"), dst, Ask)
	e.Wait(context.Background())
	waiting := 0
	for _, s := range e.Jobs() {
		if s.State == NeedsDecision {
			waiting++
		}
	}
	if bs := e.Batches()[0]; waiting != 2 || bs.NeedAction != 2 || bs.Finished != 1 {
		t.Fatalf("waiting %d, batch %+v", waiting, bs)
	}
	if err := e.DecideBatch(b.ID, KeepBoth); err != nil {
		t.Fatal(err)
	}
	wait(t, e, Done)
	if readFile(t, filepath.Join(dst, "set", "a (1).txt")) != "remote set/a.txt" || readFile(t, filepath.Join(dst, "set", "a.txt")) != "local" {
		t.Fatal("keep both for the batch did not keep both")
	}
}

func TestCancelledOrFailedDownloadLeavesNothingUnderTheFinalName(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	src := filepath.Join(t.TempDir(), "big.bin")
	writeRandom(t, src, 4*5*mib, 11)
	e := f.engine(smallParts(""))
	e.Upload(context.Background(), src, f.loc("p/big.bin"))
	wait(t, e, Done)
	e.ClearFinished()

	f.proxy.bps.Store(2 * mib)
	dst := t.TempDir()
	b, _ := e.Download(context.Background(), f.loc("p/big.bin"), dst, Ask)
	waitFor(t, "progress", func() bool { s, _ := e.Job(b.Jobs[0]); return s.Done > mib })
	e.Cancel(b.Jobs[0])
	e.Wait(context.Background())
	if s, _ := e.Job(b.Jobs[0]); s.State != Cancelled {
		t.Fatalf("state %s", s.State)
	}
	e.Close() // waits for the cleanup
	if ents, _ := os.ReadDir(dst); len(ents) != 0 {
		t.Fatalf("after cancel the folder holds %v", ents)
	}

	f.proxy.bps.Store(0)
	var gets atomic.Int32
	f.proxy.setHook(func(r *http.Request) action {
		if r.Method == "GET" && r.Header.Get("Range") != "" && gets.Add(1) > 2 {
			return action{Status: 403, Code: "AccessDenied"}
		}
		return action{}
	})
	o := smallParts("")
	o.PartsPerFile = 1 // ranges in order: two complete, the third is refused
	e2 := f.engine(o)
	b, _ = e2.Download(context.Background(), f.loc("p/big.bin"), dst, Ask)
	e2.Wait(context.Background())
	s, _ := e2.Job(b.Jobs[0])
	if s.State != Failed || !strings.Contains(s.Err, "access denied") {
		t.Fatalf("state %s %q", s.State, s.Err)
	}
	if _, err := os.Stat(filepath.Join(dst, "big.bin")); !os.IsNotExist(err) {
		t.Fatal("a failed download left a file under the final name")
	}
	// Retry once the server lets us: it keeps the ranges it had.
	f.proxy.setHook(nil)
	f.proxy.log(true)
	e2.Retry(s.ID)
	wait(t, e2, Done)
	ranged := 0
	for _, r := range f.proxy.log(false) {
		if r.Method == "GET" && r.Range != "" {
			ranged++
		}
	}
	if ranged != 2 {
		t.Errorf("retry fetched %d ranges, want the 2 missing", ranged)
	}
	if fileSHA(t, src) != fileSHA(t, filepath.Join(dst, "big.bin")) {
		t.Fatal("content differs after retry")
	}
	assertNoLeftovers(t, dst)
}
