package transfer

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// leftUpload starts a slow multipart upload of a new file on an engine
// with its own journal and ledger, stops it after a part (the upload
// stays on the server, for resuming), and returns the source file.
func leftUpload(t *testing.T, f *fixture, ledger, key string) string {
	t.Helper()
	o := smallParts(filepath.Join(t.TempDir(), "first.journal"))
	o.UploadsPath = ledger
	e := f.engine(o)
	_, src := startSlowUpload(t, f, e, key)
	waitFor(t, "a part", func() bool { return partsOK(f) >= 1 })
	e.Close()
	f.proxy.bps.Store(0)
	// Parts cut off by Close may still be on their way through the proxy
	// (and logged stored once they arrive): count them as the first run's.
	waitFor(t, "the proxy to drain", func() bool { return f.proxy.busy.Load() == 0 })
	if entries, _ := LedgerAt(ledger).Entries(); len(entries) != 1 || entries[0].UploadID == "" {
		t.Fatalf("the ledger does not hold the interrupted upload: %+v", entries)
	}
	return src
}

// secondRun is another spelling of the same copy: a new journal, the
// source through a different path, the destination as a prefix.
func secondRun(t *testing.T, f *fixture, ledger string) *Engine {
	o := smallParts(filepath.Join(t.TempDir(), "second.journal"))
	o.UploadsPath = ledger
	return f.engine(o)
}

func TestAnotherSpellingOfTheSameUploadResumesWhatAnEarlierRunLeft(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	ledger := filepath.Join(t.TempDir(), "uploads.json")
	src := leftUpload(t, f, ledger, "left/slow.bin")
	before := partsOK(f)

	e := secondRun(t, f, ledger)
	spelled := filepath.Join(filepath.Dir(src), ".", "..", filepath.Base(filepath.Dir(src)), "slow.bin")
	if _, err := e.Upload(context.Background(), spelled, f.loc("left/")); err != nil {
		t.Fatal(err)
	}
	wait(t, e, Done)
	if sent := partsOK(f) - before; sent >= 4 {
		t.Errorf("the second run sent %d of 4 parts: it did not resume the first run's upload", sent)
	}
	if f.storedSHA(t, "left/slow.bin") != fileSHA(t, src) {
		t.Fatal("the resumed object differs from the file")
	}
	e.Close()
	if ups, _ := f.c.ListMultipartUploads(context.Background(), f.loc("left/")); len(ups) != 0 {
		t.Errorf("uploads left on the server: %+v", ups)
	}
	if entries, _ := LedgerAt(ledger).Entries(); len(entries) != 0 {
		t.Errorf("the ledger still lists a completed upload: %+v", entries)
	}
}

func TestARunThatFindsTheSourceChangedOrGoneAbortsTheUploadLeftForIt(t *testing.T) {
	t.Parallel()
	t.Run("changed", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t, true)
		ledger := filepath.Join(t.TempDir(), "uploads.json")
		src := leftUpload(t, f, ledger, "left/slow.bin")
		appendTo(t, src, []byte("a new version"))
		e := secondRun(t, f, ledger)
		if _, err := e.Upload(context.Background(), src, f.loc("left/slow.bin")); err != nil {
			t.Fatal(err)
		}
		wait(t, e, Done)
		if f.storedSHA(t, "left/slow.bin") != fileSHA(t, src) {
			t.Fatal("the new version was not uploaded")
		}
		wantNothingLeft(t, f, e, ledger)
	})
	t.Run("gone", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t, true)
		ledger := filepath.Join(t.TempDir(), "uploads.json")
		src := leftUpload(t, f, ledger, "left/slow.bin")
		os.Remove(src)
		e := secondRun(t, f, ledger)
		if _, err := e.Upload(context.Background(), src, f.loc("left/")); err == nil {
			t.Fatal("a missing file was queued")
		}
		wantNothingLeft(t, f, e, ledger)
	})
}

func wantNothingLeft(t *testing.T, f *fixture, e *Engine, ledger string) {
	t.Helper()
	e.Close() // waits for the aborts
	if ups, _ := f.c.ListMultipartUploads(context.Background(), f.loc("left/")); len(ups) != 0 {
		t.Errorf("the upload left for the old source is still on the server: %+v", ups)
	}
	if entries, _ := LedgerAt(ledger).Entries(); len(entries) != 0 {
		t.Errorf("the ledger still lists: %+v", entries)
	}
}

func TestTheLedgerIsPrivateAndHoldsNoSecrets(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "state", "uploads.json")
	l := LedgerAt(path)
	if err := l.put(LedgerEntry{Endpoint: "http://127.0.0.1:1", Bucket: "b", Key: "k", Source: "/x", UploadID: "u1"}); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("ledger mode %v (%v), want 0600", fi.Mode(), err)
	}
	if err := l.Drop("http://127.0.0.1:1", "b", "u1"); err != nil {
		t.Fatal(err)
	}
	if entries, _ := l.Entries(); len(entries) != 0 {
		t.Fatalf("dropped entry stays: %+v", entries)
	}
}
