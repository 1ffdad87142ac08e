package transfer

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// An upload cut off mid-body (here: cancelled, and paused) must never
// leave the bytes that did arrive as the object. versitygw stores a body
// that ends early on a clean connection close; ferry now sends
// Content-MD5, so the server refuses it instead.
func TestAnUploadCutOffMidBodyLeavesNoTruncatedObject(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	src := filepath.Join(t.TempDir(), "cut.bin")
	writeRandom(t, src, 8*mib, 15)
	e := f.engine(Options{MultipartThreshold: 64 * mib, JournalPath: "-"}) // one PUT
	f.proxy.bps.Store(2 * mib)
	for _, stop := range []func(JobID) error{e.Cancel, e.Pause} {
		e.ClearFinished()
		f.proxy.log(true)
		before := f.proxy.up.Load()
		b, err := e.Upload(context.Background(), src, f.loc("cut/cut.bin"))
		if err != nil {
			t.Fatal(err)
		}
		// Well into the body: the proxy has passed a few MiB to the gateway.
		waitFor(t, "bytes to reach the gateway", func() bool { return f.proxy.up.Load()-before > 4*mib })
		if err := stop(b.Jobs[0]); err != nil {
			t.Fatal(err)
		}
		e.Wait(context.Background())
		waitFor(t, "the proxy to finish", func() bool { return f.proxy.busy.Load() == 0 })
		// The gateway got part of the body and then the connection broke:
		// the case under test, not a PUT that never started or finished.
		puts := f.proxy.log(false)
		if len(puts) != 1 || puts[0].Method != "PUT" || !puts[0].Err || puts[0].Bytes <= 4*mib || puts[0].Bytes >= 8*mib {
			t.Fatalf("want one PUT cut off after 4 MiB, the proxy saw %+v", puts)
		}
		neverStored(t, f, "cut/cut.bin", 500*time.Millisecond)
		if s, _ := e.Job(b.Jobs[0]); s.State == Paused {
			e.Cancel(b.Jobs[0])
		}
	}
}

// neverStored fails if key shows up in the gateway's store within
// window: the gateway may still be finishing a request the proxy has
// given up on, and storing it late would be the bug.
func neverStored(t *testing.T, f *fixture, key string, window time.Duration) {
	t.Helper()
	for end := time.Now().Add(window); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if sha := f.storedSHA(t, key); sha != "" {
			t.Fatalf("a cut-off upload left an object (sha %s…)", sha[:12])
		}
	}
}
