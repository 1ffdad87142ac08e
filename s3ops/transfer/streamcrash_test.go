package transfer

import (
	"net/http"
	"path/filepath"
	"testing"
)

// A copy whose process is killed (SIGKILL) mid-way comes back from the
// journal, finds its source connection by name, and sends only the parts
// the journal did not hold; every part is stored once across both runs.
func TestCopyContinuesAfterCrashWithoutResendingParts(t *testing.T) {
	t.Parallel()
	p := newCopyPair(t)
	src := p.src.seed(t, "in/big.bin", 9*5*mib, 11, smallParts("-"))
	journal := filepath.Join(t.TempDir(), "state", "transfers.journal")
	p.dst.proxy.bps.Store(2 * mib)
	p.dst.proxy.log(true)
	rec := runAndKill(t, p.dst, "copy", "in/big.bin", "crash/big.bin", journal, func(r record) bool { return len(r.Parts) >= 3 },
		"FERRY_CHILD_SRC_ENDPOINT="+p.src.proxy.URL(), "FERRY_CHILD_SRC_AK="+p.src.srv.AccessKey, "FERRY_CHILD_SRC_SK="+p.src.srv.SecretKey)
	if rec.UploadID == "" || rec.From == nil || rec.From.Conn != "lab" || len(rec.Parts) >= 9 {
		t.Fatalf("journal after the kill: %+v", rec)
	}
	first := p.dst.proxy.log(true)
	p.dst.proxy.bps.Store(0)
	e := p.engine(smallParts(journal))
	if jobs := e.Jobs(); len(jobs) != 1 || jobs[0].State != Paused || jobs[0].Dir != Copy {
		t.Fatalf("restored jobs: %+v", jobs)
	}
	e.ResumeAll()
	wait(t, e, Done)
	second := p.dst.proxy.log(false)
	journaled := map[int]bool{}
	for _, pr := range rec.Parts {
		journaled[int(pr.N)] = true
	}
	stored := map[int]int{}
	for _, r := range append(first, second...) {
		if r.Method == http.MethodPut && r.Part() > 0 && r.Status == http.StatusOK {
			stored[r.Part()]++
		}
	}
	for _, r := range second {
		if r.Method == http.MethodPut && journaled[r.Part()] {
			t.Errorf("part %d was in the journal but was sent again", r.Part())
		}
	}
	for n := 1; n <= 9; n++ {
		if stored[n] != 1 {
			t.Errorf("part %d was stored %d times across both runs, want once", n, stored[n])
		}
	}
	if p.dst.storedSHA(t, "crash/big.bin") != fileSHA(t, src) {
		t.Fatal("the copy differs from its source")
	}
}
