package transfer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/internal/faultproxy"
)

// The kill test runs a mixed batch in a child process (this test binary,
// re-executed) and SIGKILLs it at random moments drawn from a seed, then
// restarts it, several times, and finally lets it finish. It checks what
// a user relies on after a crash: the journal is always readable, the
// queue comes back, everything ends byte-exact, no part or range that
// was finished (journaled) is sent again, and nothing partial ever sits
// under a final name.
//
// CI runs seeds 1 and 2; run more with FERRY_FAULT_SEEDS=1-10.

// killRig is the parent's side: the gateway behind a (throttling,
// request-logging) proxy, the sources and the expected results.
type killRig struct {
	*faultFixture
	journal, upSrc, dlDir string
	want                  map[string]string // "up:<key>" or "dl:<local path>" → sha256
	kills                 []killPoint
	readErrs              atomic.Int32 // journal reads that failed to decode
}

func TestKillNineAtRandomMomentsLosesNothing(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("-short: four kills and restarts of a throttled batch per seed take about 15 s")
	}
	for _, seed := range faultSeeds(t, 1, 2) {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			t.Parallel()
			runKillTest(t, seed)
		})
	}
}

func runKillTest(t *testing.T, seed int64) {
	rig := newKillRig(t, seed)
	rng := rand.New(rand.NewPCG(uint64(seed), 99))
	var kills []string
	for round := range 4 {
		delay := time.Duration(150+rng.IntN(2000)) * time.Millisecond
		before, ok := rig.runUntilKilled(t, round == 0, delay)
		if !ok {
			kills = append(kills, fmt.Sprintf("%v (finished first)", delay))
			break
		}
		kills = append(kills, delay.String())
		rig.checkAfterKill(t, before)
	}
	rig.runToEnd(t)
	rig.checkFinal(t)
	t.Logf("kill seed %d: killed after %s; %d requests in all", seed, strings.Join(kills, ", "), len(rig.fp.Requests()))
}

func newKillRig(t *testing.T, seed int64) *killRig {
	ff := newFaultFixture(t, seed)
	dir := t.TempDir()
	rig := &killRig{faultFixture: ff, journal: filepath.Join(dir, "state", "transfers.journal"),
		upSrc: filepath.Join(dir, "up"), dlDir: filepath.Join(dir, "dl"), want: map[string]string{}}
	for i := range 16 {
		p := filepath.Join(rig.upSrc, "tree", fmt.Sprintf("d%d", i%3), fmt.Sprintf("f%02d.dat", i))
		writeRandom(t, p, int64(i*50_021+int(seed)), uint64(seed)*100+uint64(i))
		rig.want["up:kill/up/tree/"+filepath.ToSlash(strings.TrimPrefix(p, filepath.Join(rig.upSrc, "tree")+"/"))] = fileSHA(t, p)
	}
	for i := range 2 {
		p := filepath.Join(rig.upSrc, fmt.Sprintf("big-%d.bin", i))
		writeRandom(t, p, 11*mib+int64(i)*31, uint64(seed)*200+uint64(i))
		rig.want[fmt.Sprintf("up:kill/up/big-%d.bin", i)] = fileSHA(t, p)
	}
	objects := filepath.Join(dir, "objects")
	for i := range 12 {
		name := fmt.Sprintf("o%02d.bin", i)
		size := int64(i * 40_009)
		if i < 3 {
			size = 6*mib + int64(i)*1001 // ranged
		}
		writeRandom(t, filepath.Join(objects, name), size, uint64(seed)*300+uint64(i))
		rig.want["dl:"+filepath.Join(rig.dlDir, "src", name)] = fileSHA(t, filepath.Join(objects, name))
	}
	e := ff.engine(Options{JournalPath: "-"})
	ents, _ := os.ReadDir(objects)
	for _, ent := range ents {
		e.Upload(context.Background(), filepath.Join(objects, ent.Name()), ff.loc("kill/src/"+ent.Name()))
	}
	wait(t, e, Done)
	// Slow enough that kills land mid-transfer.
	ff.fp.AddRule(faultproxy.Rule{Name: "slow", Fault: faultproxy.Fault{Kind: faultproxy.Throttle,
		RequestBPS: 2 * mib, ResponseBPS: 2 * mib}})
	ff.fp.ResetLog()
	return rig
}

// killPoint is the journal a kill left and where in the request log the
// runs after it begin.
type killPoint struct {
	doc  journalDoc
	mark int
}

// checkAfterKill checks what a kill left on disk: a readable journal
// with no done job, nothing but exact bytes under final names. It keeps
// the journal to check later runs against.
func (rig *killRig) checkAfterKill(t *testing.T, doc journalDoc) {
	t.Helper()
	rig.checkFinalNames(t)
	for _, r := range doc.Jobs {
		if r.State == Done {
			t.Errorf("the journal holds a done job: %+v", r)
		}
	}
	rig.kills = append(rig.kills, killPoint{doc: doc, mark: len(rig.fp.Requests())})
}

// checkFinalNames fails if a download's final name holds anything but
// the object's exact bytes.
func (rig *killRig) checkFinalNames(t *testing.T) {
	t.Helper()
	for k, sha := range rig.want {
		p, ok := strings.CutPrefix(k, "dl:")
		if !ok {
			continue
		}
		if _, err := os.Lstat(p); err == nil && fileSHA(t, p) != sha {
			t.Errorf("a partial or wrong file is under the final name %s", p)
		}
	}
}

// checkFinal checks the end state and that no part or range journaled as
// finished at a kill was requested by a later run.
func (rig *killRig) checkFinal(t *testing.T) {
	t.Helper()
	for k, sha := range rig.want {
		if key, ok := strings.CutPrefix(k, "up:"); ok {
			if rig.storedSHA(t, key) != sha {
				t.Errorf("object %s is missing or differs from its source", key)
			}
		} else if p := strings.TrimPrefix(k, "dl:"); fileSHAOrEmpty(t, p) != sha {
			t.Errorf("download %s is missing or differs from the object", p)
		}
	}
	if left := tempFilesUnder(rig.dlDir); len(left) != 0 {
		t.Errorf("temp files left: %q", left)
	}
	if ups := rig.uploadsLeft(t, ""); len(ups) != 0 {
		t.Errorf("multipart uploads left: %+v", ups)
	}
	// Watches of aborted uploads may outlive the last run (a sweep for a
	// create a kill cut off watches for 30 s; abortwatch.go journals it
	// for the next engine): a journal holding only those is by design.
	// What must not be left is a job.
	if doc, err := readJournalFile(rig.journal); err == nil && len(doc.Jobs) > 0 {
		t.Errorf("a journal with %d jobs to continue is left", len(doc.Jobs))
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the journal left is unreadable: %v", err)
	}
	if n := rig.readErrs.Load(); n != 0 {
		t.Errorf("the journal was caught unreadable %d times while a child ran", n)
	}
	ents, _ := os.ReadDir(filepath.Dir(rig.journal))
	for _, ent := range ents {
		if n := ent.Name(); n != "transfers.journal" && n != "transfers.journal.lock" {
			t.Errorf("left in the state folder: %s", n)
		}
	}
	reqs := rig.fp.Requests()
	parts, ranges := 0, 0
	for _, k := range rig.kills {
		p, r := rig.checkNotResent(t, k.doc, reqs[k.mark:])
		parts, ranges = parts+p, ranges+r
	}
	t.Logf("%d parts and %d ranges were journaled as finished at the kills; none was sent again", parts, ranges)
}

func fileSHAOrEmpty(t testing.TB, p string) string {
	if _, err := os.Lstat(p); errors.Is(err, os.ErrNotExist) {
		return ""
	}
	return fileSHA(t, p)
}

// checkNotResent fails if a part or range journaled as finished in doc
// is among later, and returns how many parts and ranges it checked.
func (rig *killRig) checkNotResent(t *testing.T, doc journalDoc, later []faultproxy.Record) (int, int) {
	t.Helper()
	finishedPart := map[string]bool{}  // path/part: sent again under any upload id is a resend
	finishedRange := map[string]bool{} // path@start
	for _, r := range doc.Jobs {
		for _, p := range r.Parts {
			finishedPart[fmt.Sprintf("/%s/%s/%d", rig.bucket, r.Key, p.N)] = true
		}
		if rs, err := decodeRanges(r.Ranges, rangeCount(r.Size, r.PartSize)); err == nil {
			for i, done := range rs {
				if done {
					finishedRange[fmt.Sprintf("/%s/%s@%d", rig.bucket, r.Key, int64(i)*r.PartSize)] = true
				}
			}
		}
	}
	for _, r := range later {
		if r.Method == "PUT" && finishedPart[r.Path+"/"+r.Query.Get("partNumber")] {
			t.Errorf("part %s of %s was journaled as finished but sent again", r.Query.Get("partNumber"), r.Path)
		}
		if r.Method == "GET" && r.Range != "" {
			start, _, _ := strings.Cut(strings.TrimPrefix(r.Range, "bytes="), "-")
			if finishedRange[r.Path+"@"+start] {
				t.Errorf("range %s of %s was journaled as finished but fetched again", r.Range, r.Path)
			}
		}
	}
	return len(finishedPart), len(finishedRange)
}

// A journal damaged on disk (here cut short, as a disk or a copy might
// leave it) is reported and set aside by the next ferry, which carries on
// with an empty queue instead of crashing or trusting it.
func TestAProcessStartingOnADamagedJournalReportsItAndCarriesOn(t *testing.T) {
	t.Parallel()
	rig := newKillRig(t, 1)
	good, err := encodeJournal(journalDoc{Jobs: []record{{ID: "j1", Batch: "b", Dir: Upload, Local: "/nowhere",
		Bucket: rig.bucket, Key: "k", Size: 1, State: Running}}})
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Dir(rig.journal), 0o700)
	os.WriteFile(rig.journal, good[:len(good)-9], 0o600)
	cmd, stdout, stderr, exited := rig.start(t, true)
	select {
	case <-exited:
	case <-time.After(2 * time.Minute):
		cmd.Process.Kill()
		t.Fatal("the child did not finish")
	}
	if !strings.Contains(stderr.String(), "was unreadable (truncated") || !strings.Contains(stderr.String(), "moved it to") {
		t.Errorf("the damaged journal was not reported: %s", stderr)
	}
	if !strings.Contains(stdout.String(), "DONE") {
		t.Fatalf("the child did not carry on (%s): %s", cmd.ProcessState, stderr)
	}
	aside, _ := filepath.Glob(rig.journal + ".corrupt-*")
	if len(aside) != 1 {
		t.Fatalf("set aside: %q", aside)
	}
	if kept, _ := os.ReadFile(aside[0]); !bytes.Equal(kept, good[:len(good)-9]) {
		t.Error("the damaged journal was not kept as it was")
	}
}
