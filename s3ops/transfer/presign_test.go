package transfer

import (
	"context"
	"net/http"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/s3ops"
)

// It runs alone (not t.Parallel): with the package's other tests beside
// it, the gateway's refusal of the held part sometimes reached the proxy
// as a broken connection (502) rather than a 403, and the test could no
// longer tell that expiry was exercised.
func TestShortLivedURLsAreRenewedNotReportedOnASlowLink(t *testing.T) {
	f := newFixture(t, true)
	const lifetime = 2 * time.Second
	e := f.engine(Options{PartSize: 5 * mib, MultipartThreshold: 5 * mib, PartsPerFile: 2, PresignLifetime: lifetime})
	var held atomic.Int32
	f.proxy.setHook(func(r *http.Request) action {
		// Hold one upload part and one download range past their URL's
		// lifetime before the server sees them, so it answers "Request
		// has expired".
		if (r.Method == "PUT" && r.URL.Query().Get("partNumber") == "2") || (r.Method == "GET" && r.Header.Get("Range") != "") {
			if held.Add(1) == 1 {
				return action{Delay: lifetime + time.Second}
			}
		}
		return action{}
	})
	f.proxy.bps.Store(4 * mib) // parts take about as long as a URL lives
	src := filepath.Join(t.TempDir(), "slow.bin")
	writeRandom(t, src, 2*5*mib+99, 21)
	e.Upload(context.Background(), src, f.loc("slow/slow.bin"))
	wait(t, e, Done)
	held.Store(0) // hold one download range too
	dst := t.TempDir()
	e.Download(context.Background(), f.loc("slow/slow.bin"), dst, Ask)
	wait(t, e, Done)
	if fileSHA(t, src) != fileSHA(t, filepath.Join(dst, "slow.bin")) {
		t.Fatal("content differs")
	}
	expired := 0
	for _, r := range f.proxy.log(false) {
		if r.Status == http.StatusForbidden {
			expired++
		}
	}
	if expired < 2 {
		t.Fatalf("the server refused %d expired URLs; the test did not exercise expiry", expired)
	}
	for _, j := range e.Jobs() {
		if j.Err != "" || j.Retrying != "" {
			t.Errorf("expiry surfaced to the user: %+v", j)
		}
	}
}

func TestCachedDownloadURLIsResignedBeforeItExpires(t *testing.T) {
	t.Parallel()
	f := newFixture(t, false)
	clock := &manualClock{at: time.Now()}
	c, err := s3ops.Connect(context.Background(), s3ops.Settings{EndpointURL: f.srv.Endpoint, Region: f.srv.Region,
		AccessKey: f.srv.AccessKey, SecretKey: f.srv.SecretKey, Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	e := New(c, Options{PresignLifetime: 10 * time.Second, JournalPath: "-", Now: clock.Now})
	defer e.Close()
	j := &job{rec: record{Bucket: f.bucket, Key: "k"}}
	base := clock.Now()
	p1, _ := e.presignedGet(context.Background(), j)
	clock.set(base.Add(5 * time.Second))
	if p2, _ := e.presignedGet(context.Background(), j); p2.URL != p1.URL {
		t.Fatal("a URL with half its life left was re-signed")
	}
	clock.set(p1.Expires.Add(-e.presignMargin() + time.Millisecond)) // a later signing second too
	if p3, _ := e.presignedGet(context.Background(), j); p3.URL == p1.URL {
		t.Fatal("a URL inside the safety margin was reused")
	}
}

// manualClock is a clock a test sets.
type manualClock struct {
	mu sync.Mutex
	at time.Time
}

func (c *manualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.at
}

func (c *manualClock) set(at time.Time) {
	c.mu.Lock()
	c.at = at
	c.mu.Unlock()
}
