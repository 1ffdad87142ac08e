package transfer

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
)

// A streamed copy pauses and resumes like any transfer (keeping the
// parts it sent), and a cancelled one leaves no upload on the
// destination.
func TestCopyPausesResumesAndCancelsLikeAnyTransfer(t *testing.T) {
	t.Parallel()
	p := newCopyPair(t)
	ctx := context.Background()
	src := p.src.seed(t, "big.bin", 20*mib, 5, smallParts("-"))
	o := smallParts("-")
	o.PartsPerFile = 1
	e := p.engine(o)
	var held atomic.Int32
	hold := make(chan struct{})
	p.dst.proxy.setHook(func(r *http.Request) action {
		n := r.URL.Query().Get("partNumber")
		if r.Method == http.MethodPut && (strings.HasSuffix(r.URL.Path, "/big.bin") && n == "2" || strings.HasSuffix(r.URL.Path, "/gone.bin") && n == "1") {
			held.Add(1)
			<-hold // big.bin's second part and gone.bin's first wait until the jobs are stopped
		}
		return action{}
	})
	b, err := e.Copy(ctx, "lab", []CopyPair{{Src: p.src.loc("big.bin"), Dst: p.dst.loc("big.bin")},
		{Src: p.src.loc("big.bin"), Dst: p.dst.loc("gone.bin")}}, "")
	if err != nil {
		t.Fatal(err)
	}
	first, second := b.Jobs[0], b.Jobs[1]
	waitFor(t, "both held parts on their way", func() bool { return held.Load() == 2 })
	if err := e.Pause(first); err != nil {
		t.Fatal(err)
	}
	if err := e.Cancel(second); err != nil {
		t.Fatal(err)
	}
	close(hold)
	waitFor(t, "the copies stopped", func() bool {
		a, _ := e.Job(first)
		c, _ := e.Job(second)
		return a.State == Paused && c.State == Cancelled
	})
	if j, _ := e.Job(first); j.Done == 0 || j.Done >= j.Total {
		t.Fatalf("paused with %d of %d bytes kept", j.Done, j.Total)
	}
	p.dst.proxy.setHook(nil)
	if err := e.Resume(first); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the paused copy done", func() bool { j, _ := e.Job(first); return j.State == Done })
	if p.dst.storedSHA(t, "big.bin") != fileSHA(t, src) {
		t.Fatal("the resumed copy differs from its source")
	}
	waitFor(t, "the cancelled copy's upload aborted", func() bool {
		for _, u := range p.dst.uploadsLeft(t, "") {
			if u.Key == "gone.bin" {
				return false
			}
		}
		return true
	})
	if ok, _ := p.dst.c.Exists(ctx, p.dst.loc("gone.bin")); ok {
		t.Fatal("a cancelled copy left its object")
	}
}
