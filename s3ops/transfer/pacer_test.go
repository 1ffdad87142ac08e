package transfer

import (
	"context"

	"path/filepath"
	"regexp"

	"sync/atomic"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/internal/faultproxy"
)

// A burst of 503 SlowDown on two files' parts paces the whole connection
// (the pace slows every request to the endpoint: see s3ops
// TestABurstOfSlowDownPacesEveryRequestToTheEndpoint), and every file
// still arrives exact.
func TestABurstOfSlowDownPacesTheConnectionAndEveryFileArrivesExact(t *testing.T) {
	t.Parallel()
	ff := newFaultFixture(t, 1)
	slow := ff.fp.AddRule(faultproxy.Rule{Name: "slow down",
		Match: faultproxy.Match{Method: "PUT", PathRegexp: regexp.MustCompile(`/[ab]\.bin$`), Query: []string{"partNumber"}},
		Fault: faultproxy.Fault{Kind: faultproxy.SlowDown}, MaxHits: 8})
	o := smallParts("")
	o.FilesInFlight, o.PartsPerFile, o.MaxRetries = 4, 4, 8
	e, _ := ff.faultEngine(o)
	dir := t.TempDir()
	names := []string{"a.bin", "b.bin", "c.bin", "d.bin"}
	for i, n := range names {
		writeRandom(t, filepath.Join(dir, n), 6*5*mib, uint64(70+i))
	}
	var maxGap atomic.Int64 // the widest pace seen while the files moved
	stop := make(chan struct{})
	go func() {
		for {
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
				if g := int64(ff.viaFP.Pacer().Gap()); g > maxGap.Load() {
					maxGap.Store(g)
				}
			}
		}
	}()
	if _, err := e.Upload(context.Background(), dir, ff.loc("pace/")); err != nil {
		t.Fatal(err)
	}
	wait(t, e, Done)
	close(stop)
	for _, n := range names {
		if ff.storedSHA(t, "pace/"+filepath.Base(dir)+"/"+n) != fileSHA(t, filepath.Join(dir, n)) {
			t.Fatalf("%s differs after the slow-downs", n)
		}
	}
	if slow.Hits() != 8 {
		t.Fatalf("%d slow-downs injected, want 8", slow.Hits())
	}

	if g := maxGap.Load(); g < int64(100*time.Millisecond) {
		t.Fatalf("the connection's pace never slowed (widest gap %v)", time.Duration(g))
	}
}
