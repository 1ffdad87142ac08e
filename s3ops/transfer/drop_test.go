package transfer

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// An engine without a journal cannot resume anything: closing it aborts
// its unfinished multipart uploads and removes its downloads' temp files
// (an engine with one keeps both: see resume_test.go).
func TestClosingWithoutAJournalLeavesNoUploadOrTempFile(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	src := filepath.Join(t.TempDir(), "big.bin")
	writeRandom(t, src, 4*5*mib, 12)
	seeder := f.engine(smallParts(""))
	if _, err := seeder.Upload(context.Background(), src, f.loc("d/big.bin")); err != nil {
		t.Fatal(err)
	}
	wait(t, seeder, Done)

	f.proxy.bps.Store(mib)         // slow enough that both are still under way when closed
	e := New(f.c, smallParts("-")) // no journal
	go func() {
		for range e.Updates() {
		}
	}()
	dst := t.TempDir()
	up, err := e.Upload(context.Background(), src, f.loc("u/big.bin"))
	if err != nil {
		t.Fatal(err)
	}
	down, err := e.Download(context.Background(), f.loc("d/big.bin"), dst, Ask)
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "both transfers under way", func() bool {
		u, _ := e.Job(up.Jobs[0])
		d, _ := e.Job(down.Jobs[0])
		return u.Done > mib && d.Done > mib
	})
	if len(f.uploadsLeft(t, "u/")) != 1 {
		t.Fatal("the upload is not under way on the server")
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	if ups := f.uploadsLeft(t, "u/"); len(ups) != 0 {
		t.Fatalf("closing left %d multipart uploads on the server", len(ups))
	}
	if ents, _ := os.ReadDir(dst); len(ents) != 0 {
		t.Fatalf("closing left %v in the download folder", ents)
	}
}
