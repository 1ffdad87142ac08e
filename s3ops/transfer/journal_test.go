package transfer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// pausedQueue leaves a journal holding a half-done multipart upload and a
// half-done ranged download, and returns its path.
func pausedQueue(t *testing.T, f *fixture) string {
	t.Helper()
	journal := filepath.Join(t.TempDir(), "state", "transfers.journal")
	src := filepath.Join(t.TempDir(), "big.bin")
	writeRandom(t, src, 4*5*mib, 17)
	putE := f.engine(smallParts(""))
	putE.Upload(context.Background(), src, f.loc("j/done.bin"))
	wait(t, putE, Done)

	e := New(f.c, smallParts(journal))
	e.Restore()
	f.proxy.bps.Store(3 * mib)
	e.Upload(context.Background(), src, f.loc("j/up.bin"))
	e.Download(context.Background(), f.loc("j/done.bin"), t.TempDir(), Ask)
	waitFor(t, "parts and ranges", func() bool {
		recs, err := decodeJournalFile(journal)
		return err == nil && len(recs) == 2 && len(recs[0].Parts) > 0 && recs[1].Ranges != ""
	})
	e.PauseAll()
	e.Close()
	f.proxy.bps.Store(0)
	return journal
}

func decodeJournalFile(path string) ([]record, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return decodeJournal(data)
}

func TestJournalIsPrivateAndHoldsNoSecretsOrURLs(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	journal := pausedQueue(t, f)
	fi, err := os.Stat(journal)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("journal mode %v, want 0600", fi.Mode().Perm())
	}
	data, _ := os.ReadFile(journal)
	for _, bad := range []string{"X-Amz-Signature", "X-Amz-Credential", "Signature=", f.srv.SecretKey, "http://"} {
		if strings.Contains(string(data), bad) {
			t.Errorf("journal contains %q", bad)
		}
	}
	recs, _ := decodeJournal(data)
	if recs[0].UploadID == "" || recs[0].Src == nil || recs[1].Temp == "" || recs[1].ETag == "" {
		t.Errorf("journal lacks what resuming needs: %+v", recs)
	}
	// And it resumes: both jobs come back paused and finish.
	e := f.engine(smallParts(journal))
	if n := len(e.Jobs()); n != 2 {
		t.Fatalf("restored %d jobs", n)
	}
	e.ResumeAll()
	wait(t, e, Done)
}

func TestDamagedJournalIsSetAsideAndReported(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	good, _ := os.ReadFile(pausedQueue(t, f))
	cases := map[string][]byte{
		"garbage":   []byte("\x00\x01 not a journal at all"),
		"truncated": good[:len(good)-17],
		"bit flip":  append(append([]byte{}, good[:len(good)-5]...), 'X', 'X', 'X', 'X', 'X'),
		"empty":     {},
	}
	for name, data := range cases {
		path := filepath.Join(t.TempDir(), "transfers.journal")
		os.WriteFile(path, data, 0o600)
		e := New(f.c, smallParts(path))
		n, err := e.Restore()
		var je *JournalError
		if !errors.As(err, &je) || je.SetAside == "" || n != 0 {
			t.Errorf("%s: restored %d, err %v", name, n, err)
			e.Close()
			continue
		}
		if aside, _ := os.ReadFile(je.SetAside); string(aside) != string(data) {
			t.Errorf("%s: the damaged journal was not kept aside", name)
		}
		// The engine works, and leaves no journal once nothing is left
		// to continue.
		src := filepath.Join(t.TempDir(), "small.txt")
		os.WriteFile(src, []byte("hello"), 0o644)
		e.Upload(context.Background(), src, f.loc("after/"+strings.ReplaceAll(name, " ", "-")))
		wait(t, e, Done)
		e.Close()
		if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s: a journal with nothing to continue is left: %v", name, err)
		}
	}
}

func TestASecondEngineOnTheSameJournalIsToldItIsBusy(t *testing.T) {
	t.Parallel()
	f := newFixture(t, false)
	path := filepath.Join(t.TempDir(), "transfers.journal")
	e1 := New(f.c, Options{JournalPath: path})
	defer e1.Close()
	if _, err := e1.Restore(); err != nil {
		t.Fatal(err)
	}
	e2 := New(f.c, Options{JournalPath: path})
	defer e2.Close()
	_, err := e2.Restore()
	var je *JournalError
	if !errors.As(err, &je) || !je.Busy || !strings.Contains(err.Error(), "in use by another ferry") {
		t.Fatalf("second engine: %v", err)
	}
}

func TestUpdatesNeverBlockTheEngineAndEndWithAFinalReport(t *testing.T) {
	t.Parallel()
	f := newFixture(t, false)
	e := New(f.c, Options{JournalPath: "-"})
	defer e.Close()
	dir := t.TempDir()
	for i := range 200 { // more than the channel holds, and nobody reads
		writeRandom(t, filepath.Join(dir, "d", string(rune('a'+i%26))+strings.Repeat("x", i/26)), 1000, uint64(i))
	}
	b, err := e.Upload(context.Background(), filepath.Join(dir, "d"), f.loc("u/"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := e.Wait(ctx); err != nil {
		t.Fatal("the engine stalled with an unread Updates channel")
	}
	last := map[JobID]Update{}
	for len(last) < len(b.Jobs) {
		select {
		case u := <-e.Updates():
			last[u.Job.ID] = u
		case <-time.After(5 * time.Second):
			t.Fatalf("only %d of %d jobs reported", len(last), len(b.Jobs))
		}
	}
	for id, u := range last {
		if !u.Final || u.Job.State != Done || u.Batch.Jobs != 200 {
			t.Fatalf("last update of %s: %+v", id, u)
		}
	}
}

func TestProgressUpdatesAreCoalescedAndCarryRateAndETA(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	e := New(f.c, Options{JournalPath: "-", PartSize: 5 * mib, MultipartThreshold: 64 * mib})
	defer e.Close()
	src := filepath.Join(t.TempDir(), "slow.bin")
	writeRandom(t, src, 6*mib, 1)
	e.Upload(context.Background(), src, f.loc("rate/slow.bin"))
	for u := range e.Updates() {
		if u.Final {
			break
		}
	}
	// Download progress is counted as bytes reach the disk.
	f.proxy.bps.Store(2 * mib)
	start := time.Now()
	e.Download(context.Background(), f.loc("rate/slow.bin"), t.TempDir(), Ask)
	progress, withETA := 0, 0
	for u := range e.Updates() {
		if u.Job.State == Running {
			progress++
			if u.Job.Rate > 0 && u.Job.ETA > 0 && u.Batch.Rate > 0 {
				withETA++
			}
		}
		if u.Final {
			break
		}
	}
	elapsed := time.Since(start)
	if max := int(elapsed/tick) + 2; progress > max {
		t.Errorf("%d running updates in %s (at most %d allowed)", progress, elapsed, max)
	}
	if progress < 5 || withETA < progress/2 {
		t.Errorf("%d updates, %d with rate and ETA", progress, withETA)
	}
}

func TestMeterSmoothsToTheSteadyRate(t *testing.T) {
	t.Parallel()
	var m meter
	at := time.Unix(0, 0)
	var bytes int64
	for i := range 100 {
		if i%2 == 0 { // bursty: 2 MB then nothing, i.e. 10 MB/s on average
			bytes += 2e6
		}
		at = at.Add(tick)
		m.sample(at, bytes)
	}
	if m.rate < 9e6 || m.rate > 11e6 {
		t.Fatalf("rate %.0f, want about 10e6", m.rate)
	}
	if d := eta(100e6, m.rate); d < 9*time.Second || d > 11*time.Second {
		t.Fatalf("eta %s", d)
	}
}

// A transfer that stops moving (a server assembling parts, a stalled
// connection) must not keep showing its last speed: the rate decays to
// zero and each tenth of the fall is news for the UI, then the news stop.
func TestMeterReportsAStalledRateFallingToZero(t *testing.T) {
	t.Parallel()
	var m meter
	at := time.Unix(0, 0)
	var bytes int64
	for range 50 { // 100 MB/s
		bytes += 10e6
		at = at.Add(tick)
		m.sample(at, bytes)
	}
	news := 0
	for range 600 { // a minute without a byte
		at = at.Add(tick)
		if m.sample(at, bytes) {
			news++
		}
	}
	if m.rate != 0 {
		t.Fatalf("rate %.0f after a minute of nothing, want 0", m.rate)
	}
	if news < 10 || news > 200 {
		t.Fatalf("%d updates while the rate fell (want a few per second, not one per tick)", news)
	}
	if m.sample(at.Add(tick), bytes) {
		t.Fatal("a stalled transfer at rate 0 still reports news")
	}
}
