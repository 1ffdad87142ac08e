package transfer

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

// A download the server stops serving part-way (the object is listed,
// then GET answers 404) fails for good: its temp file goes, and the job
// is not resumable, so a command's journal need not keep it. One refused
// access keeps its ranges (TestCancelledOrFailedDownloadLeavesNothing…).
func TestADownloadThatFailsForGoodKeepsNoTempFile(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	f.seed(t, "gone/big.bin", 20*mib, 9, smallParts(""))
	f.proxy.setHook(func(r *http.Request) action {
		if r.Method == http.MethodGet && strings.HasPrefix(r.Header.Get("Range"), "bytes=10485760") {
			return action{Status: http.StatusNotFound, Code: "NoSuchKey"}
		}
		return action{}
	})
	o := smallParts("")
	o.PartsPerFile = 1 // ranges in order: two arrive, the third is refused
	e := f.engine(o)
	dst := t.TempDir()
	b, err := e.Download(context.Background(), f.loc("gone/big.bin"), dst, Ask)
	if err != nil {
		t.Fatal(err)
	}
	e.Wait(context.Background())
	s, _ := e.Job(b.Jobs[0])
	if s.State != Failed || s.Resumable || s.Done != 0 {
		t.Fatalf("job %s (resumable %v, %d bytes kept): %q, want failed for good", s.State, s.Resumable, s.Done, s.Err)
	}
	if left := tempFilesUnder(dst); len(left) != 0 {
		t.Fatalf("temp files left: %q", left)
	}

	f.proxy.setHook(nil) // Retry starts over, and now succeeds
	if err := e.Retry(s.ID); err != nil {
		t.Fatal(err)
	}
	wait(t, e, Done)
	if got, _ := e.Job(s.ID); got.Resumable {
		t.Error("a done job says it is resumable")
	}
	assertNoLeftovers(t, filepath.Dir(dst))
}
