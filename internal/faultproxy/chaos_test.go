package faultproxy_test

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"testing"
	"time"

	fp "github.com/ferry-s3/ferry/internal/faultproxy"
)

// outcome is what one chaos-mode request came to, on both sides.
type outcome struct {
	Fault         fp.Fault
	Status        int   // proxy: status sent
	In, Out       int64 // proxy: body bytes read and written
	ClientOutcome string
}

// chaosRun sends the same 60 requests, one after another, with chaos set
// from seed, and returns what became of each.
func chaosRun(t *testing.T, p *fp.Proxy, seed int64) []outcome {
	t.Helper()
	p.Reset()
	p.SetChaos(fp.Chaos{Seed: seed, Rate: 0.6, MaxAfter: 4096, Stall: 50 * time.Millisecond,
		Latency: 20 * time.Millisecond, BytesPerSec: 256 * kib})
	// No keep-alive: Go's transport silently retries some requests that
	// fail on a reused connection, which would add requests to the run.
	c := &http.Client{Transport: &http.Transport{DisableKeepAlives: true, DisableCompression: true}}
	var client []string
	for i := range 60 {
		req := newRequest(t, "GET", p.URL()+"/blob/4096", nil)
		if i%3 == 2 {
			req = newRequest(t, "PUT", fmt.Sprintf("%s/b/k?partNumber=%d", p.URL(), i), pattern(4096))
		}
		client = append(client, doOutcome(c, req))
	}
	if !p.WaitIdle(10 * time.Second) {
		t.Fatal("proxy did not go idle")
	}
	recs := p.Requests()
	if len(recs) != 60 {
		t.Fatalf("proxy logged %d requests, want 60", len(recs))
	}
	out := make([]outcome, len(recs))
	for i, r := range recs {
		out[i] = outcome{r.Fault, r.Status, r.BytesIn, r.BytesOut, client[i]}
	}
	return out
}

// doOutcome sends req and describes the result as the client saw it.
func doOutcome(c *http.Client, req *http.Request) string {
	resp, err := c.Do(req)
	if err != nil {
		return "no response"
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err != nil {
		return fmt.Sprintf("%d, broken body", resp.StatusCode)
	}
	return fmt.Sprintf("%d, %d bytes", resp.StatusCode, n)
}

func TestChaosIsReproducibleFromTheSeed(t *testing.T) {
	p := fp.Start(t, newUpstream(t).URL(), fp.WithLogf(nil))
	first, again, other := chaosRun(t, p, 42), chaosRun(t, p, 42), chaosRun(t, p, 43)
	for i := range first {
		if first[i] != again[i] {
			t.Errorf("request %d: %+v, then %+v with the same seed", i, first[i], again[i])
		}
	}
	if slices.Equal(first, other) {
		t.Error("seeds 42 and 43 gave the same run")
	}

	kinds := map[fp.Kind]bool{}
	c := fp.Chaos{Seed: 42, Rate: 0.6, MaxAfter: 4096, Stall: 50 * time.Millisecond,
		Latency: 20 * time.Millisecond, BytesPerSec: 256 * kib}
	for i, o := range first {
		if want := c.Pick(uint64(i)); o.Fault != want {
			t.Errorf("request %d got %v, want Pick(%d) = %v", i, o.Fault, i, want)
		}
		kinds[o.Fault.Kind] = true
		if broken := o.ClientOutcome == "no response" || o.ClientOutcome == "200, broken body"; broken != breaks(o.Fault.Kind) {
			t.Errorf("request %d: %v but the client saw %q", i, o.Fault, o.ClientOutcome)
		}
	}
	if len(kinds) < 8 {
		t.Errorf("60 requests at rate 0.6 saw only kinds %v", kinds)
	}
}

// breaks reports whether a fault kind leaves the client without a
// complete response.
func breaks(k fp.Kind) bool {
	return k == fp.ResetRequest || k == fp.ResetResponse || k == fp.Truncate
}

func TestChaosMatchLimitsWhatItTouches(t *testing.T) {
	p := fp.Start(t, newUpstream(t).URL(), fp.WithLogf(nil))
	p.SetChaos(fp.Chaos{Seed: 1, Rate: 1, Kinds: []fp.Kind{fp.InternalError}, Match: fp.Match{Query: []string{"partNumber"}}})
	c := newClient()
	got := statuses(t, c, append(partPuts(t, p.URL(), 1, 2), newRequest(t, "GET", p.URL()+"/blob/5", nil))...)
	if want := []int{500, 500, 200}; !slices.Equal(got, want) {
		t.Errorf("statuses %v, want %v", got, want)
	}
	p.SetChaos(fp.Chaos{}) // off
	if got := statuses(t, c, partPuts(t, p.URL(), 3)...); got[0] != 200 {
		t.Errorf("chaos off: status %d", got[0])
	}
}
