package s3ops_test

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/internal/faultproxy"
	"github.com/ferry-s3/ferry/s3ops"
)

func TestThePaceWidensOnThrottlingAndComesBack(t *testing.T) {
	t.Parallel()
	var p s3ops.Pacer
	for range 3 {
		p.Observe(true)
	}
	if p.Gap() != 40*time.Millisecond {
		t.Fatalf("gap %v after three throttles, want 40ms", p.Gap())
	}
	start := time.Now()
	for range 3 {
		p.Wait(context.Background())
	}
	if took := time.Since(start); took < 80*time.Millisecond {
		t.Fatalf("three paced starts took %v, want at least two gaps", took)
	}
	for range 20 {
		p.Observe(false)
	}
	if p.Gap() != 0 {
		t.Fatalf("gap %v after twenty good answers, want none", p.Gap())
	}
	ctx, cancel := context.WithCancel(context.Background())
	p.Observe(true)
	p.Wait(ctx)
	cancel()
	if err := p.Wait(ctx); err == nil {
		t.Fatal("a wait with a cancelled context went through")
	}
}

// A burst of 503 SlowDown on one key slows every request to the endpoint,
// control plane and data plane alike, not only the refused ones. It
// compares request times before and after the burst, so it runs alone
// (not t.Parallel): other tests starting in between would skew them.
func TestABurstOfSlowDownPacesEveryRequestToTheEndpoint(t *testing.T) {
	direct, srv := connect(t)
	mustCreateBucket(t, direct, "pace")
	for _, k := range []string{"hot", "cold"} {
		putObject(t, direct, s3ops.Location{Bucket: "pace", Key: k}, []byte(k))
	}
	fp := faultproxy.Start(t, srv.Endpoint, faultproxy.WithLogf(nil))
	fp.AddRule(faultproxy.Rule{Match: faultproxy.Match{Method: "HEAD", Path: "/pace/hot"},
		Fault: faultproxy.Fault{Kind: faultproxy.SlowDown}, MaxHits: 8})
	c, err := s3ops.Connect(context.Background(), s3ops.Settings{EndpointURL: fp.URL(), Region: srv.Region,
		AccessKey: srv.AccessKey, SecretKey: srv.SecretKey})
	if err != nil {
		t.Fatal(err)
	}
	cold := s3ops.Location{Bucket: "pace", Key: "cold"}
	unpaced := timeColdRequests(t, c, cold)

	var wg sync.WaitGroup
	for range 8 { // the burst: eight requests refused together
		wg.Go(func() { c.Head(context.Background(), s3ops.Location{Bucket: "pace", Key: "hot"}) })
	}
	wg.Wait()
	if c.Pacer().Gap() == 0 {
		t.Fatal("the burst left no pace")
	}
	paced := timeColdRequests(t, c, cold)
	t.Logf("four requests of another key: %v before the burst, %v after it", unpaced, paced)
	if paced < 4*unpaced || paced < 50*time.Millisecond {
		t.Fatalf("requests to another key took %v after the burst, %v before: they were not slowed", paced, unpaced)
	}
}

// timeColdRequests times four requests of another key: two HEADs
// (control plane) and two presigned GETs (data plane).
func timeColdRequests(t *testing.T, c *s3ops.Client, loc s3ops.Location) time.Duration {
	t.Helper()
	start := time.Now()
	for range 2 {
		if _, err := c.Head(context.Background(), loc); err != nil {
			t.Fatal(err)
		}
		p, err := c.PresignGet(context.Background(), loc, time.Minute, s3ops.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		req, _ := http.NewRequest(http.MethodGet, p.URL, nil)
		resp, err := c.HTTP().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	return time.Since(start)
}
