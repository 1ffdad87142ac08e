package transfer

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/internal/faultproxy"
)

// While the server assembles a multipart upload (seconds for a big file
// on a local gateway), the job is running with every byte sent: its
// status says it is completing, with no rate and no ETA, rather than
// showing the last speed at 100%. Complete is held back 600 ms here so
// the state can be seen.
func TestAMultipartUploadSaysWhileTheServerCompletesIt(t *testing.T) {
	t.Parallel()
	ff := newFaultFixture(t, 1)
	hold := ff.fp.AddRule(faultproxy.Rule{Name: "slow complete",
		Match: faultproxy.Match{Method: "POST", Query: []string{"uploadId"}},
		Fault: faultproxy.Fault{Kind: faultproxy.Latency, Latency: 600 * time.Millisecond}})
	src := filepath.Join(t.TempDir(), "big.bin")
	writeRandom(t, src, 11*mib, 3)
	e, _ := ff.faultEngine(smallParts(""))
	if _, err := e.Upload(context.Background(), src, ff.loc("big.bin")); err != nil {
		t.Fatal(err)
	}
	var seen JobStatus
	deadline := time.Now().Add(time.Minute)
	for finished := false; seen.Finishing != FinishingComplete && !finished && time.Now().Before(deadline); {
		for _, j := range e.Jobs() {
			if j.Finishing == FinishingComplete {
				seen = j
			}
			finished = j.State.Finished()
		}
		time.Sleep(5 * time.Millisecond)
	}
	wait(t, e, Done)
	if hold.Hits() == 0 {
		t.Fatal("the Complete request was not held back")
	}
	if seen.Finishing != FinishingComplete || seen.State != Running || seen.Done != seen.Total || seen.Rate != 0 || seen.ETA != -1 {
		t.Fatalf("status while completing: %+v", seen)
	}
	if j := e.Jobs()[0]; j.Finishing != "" || fileSHA(t, src) != ff.storedSHA(t, "big.bin") {
		t.Fatalf("after completing: %+v (or the object differs)", j)
	}
}
