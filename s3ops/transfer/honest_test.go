package transfer

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/internal/faultproxy"
)

// updatesOf starts an engine on ff's faulted connection and keeps every
// update it sends.
func updatesOf(t *testing.T, ff *faultFixture, o Options) (*Engine, func() []Update) {
	t.Helper()
	o.JournalPath = "-"
	e := New(ff.viaFP, o)
	t.Cleanup(func() { e.Close() })
	var mu sync.Mutex
	var all []Update
	go func() {
		for u := range e.Updates() {
			mu.Lock()
			all = append(all, u)
			mu.Unlock()
		}
	}()
	return e, func() []Update {
		mu.Lock()
		defer mu.Unlock()
		return append([]Update(nil), all...)
	}
}

// Progress tells the truth: an upload whose bytes are all on their way
// is not shown done before the server answers (it says it waits for
// it), a request being retried shows no rate or ETA but when the next
// attempt starts, and a download whose bytes stop coming says for how
// long instead of a rate that decays.
func TestProgressShowsOnlyWhatTheServerHas(t *testing.T) {
	t.Parallel()
	ff := newFaultFixture(t, 1)
	ff.fp.AddRule(faultproxy.Rule{Name: "slow answer", Match: faultproxy.Match{Method: "PUT", Path: "honest/up.bin"},
		Fault: faultproxy.Fault{Kind: faultproxy.StallHeaders, Stall: 1500 * time.Millisecond}, MaxHits: 1})
	ff.fp.AddRule(faultproxy.Rule{Name: "refused twice", Match: faultproxy.Match{Method: "PUT", Path: "honest/retry.bin"},
		Fault: faultproxy.Fault{Kind: faultproxy.InternalError}, MaxHits: 2})
	e, updates := updatesOf(t, ff, Options{})
	dir := t.TempDir()
	for _, name := range []string{"up.bin", "retry.bin"} {
		writeRandom(t, filepath.Join(dir, name), 2*mib, 7)
		if _, err := e.Upload(context.Background(), filepath.Join(dir, name), ff.loc("honest/"+name)); err != nil {
			t.Fatal(err)
		}
	}
	wait(t, e, Done)
	var waited, retried bool
	for _, u := range updates() {
		s := u.Job
		if s.State != Running {
			continue
		}
		if s.Done >= s.Total {
			t.Fatalf("%s shown %d of %d bytes before the server answered", s.Remote.Key, s.Done, s.Total)
		}
		waited = waited || s.Finishing == FinishingAnswer && s.Rate == 0 && s.ETA < 0
		if s.Retrying != "" {
			retried = true
			if s.Rate != 0 || s.ETA >= 0 || s.RetryAt.IsZero() {
				t.Fatalf("retrying with rate %.0f, ETA %v, next attempt at %v", s.Rate, s.ETA, s.RetryAt)
			}
		}
	}
	if !waited || !retried {
		t.Fatalf("no update said the upload waits for the server (%v) or is retried (%v)", waited, retried)
	}
}

func TestADownloadThatStopsMovingSaysForHowLong(t *testing.T) {
	t.Parallel()
	ff := newFaultFixture(t, 1)
	ff.seed(t, "honest/down.bin", 2*mib, 8, Options{JournalPath: "-"})
	ff.fp.AddRule(faultproxy.Rule{Name: "stall", Match: faultproxy.Match{Method: "GET", Path: "honest/down.bin"},
		Fault: faultproxy.Fault{Kind: faultproxy.StallBody, After: mib, Stall: 4 * time.Second}, MaxHits: 1})
	e, updates := updatesOf(t, ff, Options{})
	if _, err := e.Download(context.Background(), ff.loc("honest/down.bin"), t.TempDir(), Ask); err != nil {
		t.Fatal(err)
	}
	wait(t, e, Done)
	for _, u := range updates() {
		if u.Job.State == Running && u.Job.Stalled >= stallAfter {
			if u.Job.Rate != 0 || u.Job.ETA >= 0 {
				t.Fatalf("stalled %v with rate %.0f and ETA %v", u.Job.Stalled, u.Job.Rate, u.Job.ETA)
			}
			return
		}
	}
	t.Fatal("no update said the download had stalled")
}
