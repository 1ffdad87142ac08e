package transfer

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/internal/faultproxy"
)

// A connection that goes quiet with its socket open (headers or body
// held until the client gives up) used to hold a download forever: no
// timeout covered a response body. Each stalled attempt is now abandoned
// after Options.StallTimeout and retried, and the user sees why.
func TestAStalledConnectionIsAbandonedAndRetried(t *testing.T) {
	t.Parallel()
	ff := newFaultFixture(t, 1)
	src := filepath.Join(t.TempDir(), "quiet.bin")
	writeRandom(t, src, 6*mib, 12)
	small := filepath.Join(t.TempDir(), "small.txt")
	os.WriteFile(small, []byte(strings.Repeat("quiet ", 50_000)), 0o600)
	forever := func(kind faultproxy.Kind, m faultproxy.Match) *faultproxy.Handle {
		return ff.fp.AddRule(faultproxy.Rule{Name: kind.String(), Match: m, MaxHits: 1,
			Fault: faultproxy.Fault{Kind: kind, After: 100 << 10}}) // Stall 0: until the client gives up
	}
	rules := []*faultproxy.Handle{
		forever(faultproxy.StallHeaders, faultproxy.Match{Method: "PUT", Query: []string{"partNumber=1"}}),
		forever(faultproxy.StallBody, faultproxy.Match{Method: "GET", Range: faultproxy.Present}),
		forever(faultproxy.StallBody, faultproxy.Match{Method: "GET", Path: "small.txt", Query: []string{"X-Amz-Signature"}}),
	}
	o := smallParts("")
	o.StallTimeout = time.Second
	e, statuses := ff.faultEngine(o)
	e.Upload(context.Background(), src, ff.loc("quiet/quiet.bin"))
	e.Upload(context.Background(), small, ff.loc("quiet/small.txt"))
	wait(t, e, Done)
	dst := t.TempDir()
	e.Download(context.Background(), ff.loc("quiet/"), dst, PolicyDefault)
	wait(t, e, Done)
	for _, r := range rules {
		if r.Hits() != 1 {
			t.Fatalf("rule %v did not stall a request", r)
		}
	}
	if fileSHA(t, src) != fileSHA(t, filepath.Join(dst, "quiet", "quiet.bin")) ||
		fileSHA(t, small) != fileSHA(t, filepath.Join(dst, "quiet", "small.txt")) {
		t.Fatal("content differs")
	}
	stalled := slices.IndexFunc(statuses.all(), func(s string) bool { return strings.Contains(s, "stalled") })
	if stalled < 0 {
		t.Fatalf("no retry status said the connection stalled: %q", statuses.all())
	}
}
