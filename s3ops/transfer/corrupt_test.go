package transfer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/internal/faultproxy"
)

// A download whose bytes arrive altered (one bit flipped, complete and
// of the right length) fails its MD5 check and is fetched whole again;
// bytes that never check out are never saved, not even as a temp file,
// and the job says why.
func TestACorruptedDownloadIsFetchedAgainAndNeverSaved(t *testing.T) {
	ff := newFaultFixture(t, 1)
	src := filepath.Join(t.TempDir(), "doc.bin")
	writeRandom(t, src, 3*mib, 21)
	seeder := ff.engine(Options{JournalPath: "-"}) // straight to the gateway
	if _, err := seeder.Upload(context.Background(), src, ff.loc("c/doc.bin")); err != nil {
		t.Fatal(err)
	}
	wait(t, seeder, Done)
	getDoc := faultproxy.Match{Method: "GET", Path: "doc.bin"}
	e, statuses := ff.faultEngine(Options{})

	// Once: the download is fetched again and lands intact.
	once := ff.fp.AddRule(faultproxy.Rule{Name: "one bit flip", Match: getDoc,
		Fault: faultproxy.Fault{Kind: faultproxy.Corrupt, After: mib}, MaxHits: 1})
	first := t.TempDir()
	if _, err := e.Download(context.Background(), ff.loc("c/doc.bin"), first, Ask); err != nil {
		t.Fatal(err)
	}
	wait(t, e, Done)
	if once.Hits() != 1 {
		t.Fatalf("the body was not corrupted (%d hits)", once.Hits())
	}
	if fileSHA(t, filepath.Join(first, "doc.bin")) != fileSHA(t, src) {
		t.Fatal("the download differs from the source")
	}
	if got := strings.Join(statuses.all(), "\n"); !strings.Contains(got, "does not match the object") || !strings.Contains(got, "downloading it again") {
		t.Fatalf("no status said the download was fetched again: %q", got)
	}
	e.ClearFinished()

	// Every time: the job fails with the reason and leaves nothing.
	always := ff.fp.AddRule(faultproxy.Rule{Name: "bit flips", Match: getDoc,
		Fault: faultproxy.Fault{Kind: faultproxy.Corrupt, After: 2 * mib}})
	second := t.TempDir()
	b, err := e.Download(context.Background(), ff.loc("c/doc.bin"), second, Ask)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	s, _ := e.Job(b.Jobs[0])
	if s.State != Failed || !strings.Contains(s.Err, "does not match the object") || !strings.Contains(s.Err, "gave up after 3 attempts") {
		t.Fatalf("job %s: %q, want failed after 3 attempts with the mismatch", s.State, s.Err)
	}
	if always.Hits() != maxMismatches {
		t.Fatalf("%d corrupted fetches, want %d", always.Hits(), maxMismatches)
	}
	if ents, _ := os.ReadDir(second); len(ents) != 0 {
		t.Fatalf("the download folder holds %v after the check failed", ents)
	}

	// Once the path is sound again, a retry brings it whole.
	always.Remove()
	if err := e.Retry(b.Jobs[0]); err != nil {
		t.Fatal(err)
	}
	wait(t, e, Done)
	if fileSHA(t, filepath.Join(second, "doc.bin")) != fileSHA(t, src) {
		t.Fatal("the retried download differs from the source")
	}
}
