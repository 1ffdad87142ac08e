package transfer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// A journal that cannot be written (its folder gone, the disk full) does
// not stop the transfers, and is said once, as is its mending.
func TestAJournalThatCannotBeWrittenIsReportedAndTransfersGoOn(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	dir := filepath.Join(t.TempDir(), "state")
	e := New(f.c, smallParts(filepath.Join(dir, "transfers.journal")))
	if _, err := e.Restore(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	var mu sync.Mutex
	var notices []Notice
	go func() {
		for u := range e.Updates() {
			if u.Notice != nil {
				mu.Lock()
				notices = append(notices, *u.Notice)
				mu.Unlock()
			}
		}
	}()
	seen := func() []Notice {
		mu.Lock()
		defer mu.Unlock()
		return append([]Notice(nil), notices...)
	}

	// The state folder becomes a file: no journal can be written there.
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir, []byte("in the way"), 0o600); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(t.TempDir(), "a.bin")
	writeRandom(t, src, 12*mib, 5)
	if _, err := e.Upload(context.Background(), src, f.loc("unsaved/a.bin")); err != nil {
		t.Fatal(err)
	}
	wait(t, e, Done)
	if f.storedSHA(t, "unsaved/a.bin") != fileSHA(t, src) {
		t.Fatal("the upload did not finish exact while the journal could not be written")
	}
	waitFor(t, "the problem to be reported", func() bool { return len(seen()) > 0 })
	if n := seen(); len(n) != 1 || !n[0].Problem || !strings.Contains(n[0].Text, "cannot save the transfer queue") {
		t.Fatalf("notices %+v, want the problem once", n)
	}

	os.Remove(dir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Upload(context.Background(), src, f.loc("unsaved/b.bin")); err != nil {
		t.Fatal(err)
	}
	wait(t, e, Done)
	waitFor(t, "the mending to be reported", func() bool { return len(seen()) == 2 })
	if n := seen(); n[1].Problem || !strings.Contains(n[1].Text, "saved again") {
		t.Fatalf("notices %+v, want the problem then its mending", n)
	}
}
