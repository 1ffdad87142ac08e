package transfer

import (
	"context"
	"path/filepath"
	"testing"
)

// A download paused half-way keeps every byte it wrote: the row says so,
// and resuming fetches only the rest (each range goes on from where it
// stopped), over a slow link where ranges are all part-way at once.
func TestAPausedDownloadKeepsWhatItFetched(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	const size = 64 * mib
	src := f.seed(t, "pause/big.bin", size, 51, smallParts("-"))
	e := f.engine(Options{PartsPerFile: 4, JournalPath: filepath.Join(t.TempDir(), "j")})
	f.proxy.bps.Store(6 * mib) // per stream: the four 16 MiB ranges move together
	dst := t.TempDir()
	b, err := e.Download(context.Background(), f.loc("pause/big.bin"), dst, Ask)
	if err != nil {
		t.Fatal(err)
	}
	id := b.Jobs[0]
	waitFor(t, "half the object", func() bool { s, _ := e.Job(id); return s.Done >= size/2 })
	if err := e.Pause(id); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the pause", func() bool { s, _ := e.Job(id); return s.State == Paused })
	paused, _ := e.Job(id)
	if paused.Done < size*45/100 {
		t.Fatalf("paused at half the object, the job keeps %d of %d bytes", paused.Done, size)
	}

	f.proxy.bps.Store(0)
	f.proxy.log(true)
	if err := e.Resume(id); err != nil {
		t.Fatal(err)
	}
	wait(t, e, Done)
	var fetched int64
	for _, r := range f.proxy.log(false) {
		if r.Method == "GET" {
			fetched += r.Bytes
		}
	}
	if fetched > size*55/100 {
		t.Fatalf("after resuming, %d of %d bytes were fetched again", fetched, size)
	}
	if fileSHA(t, filepath.Join(dst, "big.bin")) != fileSHA(t, src) {
		t.Fatal("the resumed download differs from the object")
	}
	t.Logf("paused at %d bytes kept; %d fetched after resuming (%.0f%%)", paused.Done, fetched, 100*float64(fetched)/size)
}
