package s3ops

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// S3 throttles by prefix and account, not by request: when it answers
// one request 503 SlowDown, every request to the endpoint should slow
// down together. Each request backing off on its own (the SDK's retryer,
// the transfer engine's per-request retries) leaves the others at full
// speed, so with 32 requests in flight the store keeps seeing the same
// rate. A Pacer holds one gap between request starts for the whole
// connection, shared by the control plane (the SDK's HTTP client) and
// the data plane (presigned requests): zero while the store is content,
// doubled by every throttling answer up to pacerMaxGap, and shrunk by a
// quarter by every other answer, so the rate comes back once the store
// stops asking. (The design follows the idea of rclone's pacer and the
// SDK's retry quota: one budget for everyone talking to one store.)

const (
	pacerMinGap = 10 * time.Millisecond
	pacerMaxGap = time.Second
)

// Pacer spaces the requests of one connection while the store throttles.
// Safe for concurrent use.
type Pacer struct {
	mu   sync.Mutex
	gap  time.Duration // between request starts; 0 = no pacing
	next time.Time     // the earliest start of the next request
}

// Gap is the current spacing between request starts (0 while the store
// does not throttle).
func (p *Pacer) Gap() time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.gap
}

// Wait blocks until the request may start (at once while there is no
// gap), or ctx ends.
func (p *Pacer) Wait(ctx context.Context) error {
	p.mu.Lock()
	if p.gap == 0 {
		p.mu.Unlock()
		return nil
	}
	start := time.Now()
	if p.next.After(start) {
		start = p.next
	}
	p.next = start.Add(p.gap)
	p.mu.Unlock()
	d := time.Until(start)
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Observe takes an answer in: a throttling one widens the gap, any other
// narrows it.
func (p *Pacer) Observe(throttled bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case throttled:
		p.gap = min(pacerMaxGap, max(pacerMinGap, 2*p.gap))
	case p.gap > 0:
		p.gap -= p.gap / 4
		if p.gap < pacerMinGap {
			p.gap, p.next = 0, time.Time{}
		}
	}
}

// throttling reports an answer asking the client to slow down.
func throttling(resp *http.Response) bool {
	return resp.StatusCode == http.StatusServiceUnavailable || resp.StatusCode == http.StatusTooManyRequests
}

// pacedTransport sends data-plane requests through the pacer.
type pacedTransport struct {
	base http.RoundTripper
	p    *Pacer
}

func (t pacedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return t.p.send(r, t.base.RoundTrip)
}

// pacedClient sends the SDK's requests through the pacer.
type pacedClient struct {
	base aws.HTTPClient
	p    *Pacer
}

func (c pacedClient) Do(r *http.Request) (*http.Response, error) { return c.p.send(r, c.base.Do) }

// send waits for r's turn, sends it with do and takes the answer in.
func (p *Pacer) send(r *http.Request, do func(*http.Request) (*http.Response, error)) (*http.Response, error) {
	if err := p.Wait(r.Context()); err != nil {
		return nil, err
	}
	resp, err := do(r)
	if err == nil {
		p.Observe(throttling(resp))
	}
	return resp, err
}
