package faultproxy

import (
	"context"
	"errors"
	"io"
	"log"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"
)

// Proxy is a running fault-injection proxy in front of one upstream. Its
// methods are safe for concurrent use.
type Proxy struct {
	t        testing.TB
	upstream *url.URL
	url      string
	srv      *http.Server
	tr       *http.Transport
	seed     int64
	logf     func(format string, args ...any)
	ctx      context.Context // cancelled when the proxy stops
	stop     context.CancelFunc
	once     sync.Once

	mu       sync.Mutex
	rules    []*Handle
	ruleN    uint64 // rules ever added: each gets its own random stream
	chaos    *Chaos
	chaosN   uint64 // requests chaos has selected since SetChaos
	seq      int
	log      []*Record
	inflight int
	idle     chan struct{} // closed when inflight drops to zero
	closed   bool
}

// Option adjusts a proxy at Start.
type Option func(*Proxy)

// WithSeed seeds the draws of rules that have a Probability (default 1).
func WithSeed(seed int64) Option { return func(p *Proxy) { p.seed = seed } }

// WithLogf sends a line per injected fault to logf instead of t.Logf;
// nil silences it. Lines name the method, path and non-signature query
// parameters, never a presigned signature or credential.
func WithLogf(logf func(format string, args ...any)) Option {
	return func(p *Proxy) { p.logf = logf }
}

// Start runs a proxy to upstream ("http://host:port") on 127.0.0.1 and
// stops it when the test ends. Any failure to start fails the test.
func Start(t testing.TB, upstream string, opts ...Option) *Proxy {
	t.Helper()
	u, err := url.Parse(upstream)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") {
		t.Fatalf("faultproxy: upstream %q is not an http(s)://host:port URL", upstream)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("faultproxy: listen: %v", err)
	}
	p := &Proxy{t: t, upstream: &url.URL{Scheme: u.Scheme, Host: u.Host}, url: "http://" + ln.Addr().String(),
		seed: 1, logf: t.Logf, tr: upstreamTransport()}
	for _, opt := range opts {
		opt(p)
	}
	p.ctx, p.stop = context.WithCancel(context.Background())
	p.srv = &http.Server{Handler: p, ReadHeaderTimeout: time.Minute, ErrorLog: log.New(io.Discard, "", 0)}
	go func() {
		if err := p.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			t.Errorf("faultproxy: serve: %v", err)
		}
	}()
	t.Cleanup(p.Close)
	return p
}

// upstreamTransport keeps connections to the upstream alive and changes
// nothing on the way: no compression, no environment proxy.
func upstreamTransport() *http.Transport {
	return &http.Transport{
		DialContext:           (&net.Dialer{Timeout: 10 * time.Second}).DialContext,
		MaxIdleConns:          128,
		MaxIdleConnsPerHost:   64,
		IdleConnTimeout:       30 * time.Second,
		ExpectContinueTimeout: time.Second,
		DisableCompression:    true,
	}
}

// URL is the proxy's base URL, "http://127.0.0.1:port": use it as the
// S3 endpoint.
func (p *Proxy) URL() string { return p.url }

// Close stops the proxy: it ends stalls, closes every connection and
// waits for the requests in flight. Start arranges for it at cleanup;
// calling it earlier makes the endpoint unreachable.
func (p *Proxy) Close() {
	p.once.Do(func() {
		p.mu.Lock()
		p.closed = true
		p.mu.Unlock()
		_ = p.srv.Close()
		p.stop()
		if !p.WaitIdle(10 * time.Second) {
			p.t.Errorf("faultproxy: requests still in flight 10s after stop")
		}
		p.tr.CloseIdleConnections()
	})
}

// AddRule adds r after the existing rules. A rule that makes no sense
// (say, a Throttle without a rate) fails the test, so call it from the
// test's goroutine.
func (p *Proxy) AddRule(r Rule) *Handle {
	p.t.Helper()
	if err := r.validate(); err != nil {
		p.t.Fatalf("faultproxy: %v", err)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.ruleN++
	if r.Name == "" {
		r.Name = "rule " + strconv.FormatUint(p.ruleN, 10)
	}
	h := &Handle{p: p, rule: r, rng: rand.New(rand.NewPCG(uint64(p.seed), p.ruleN))}
	p.rules = append(p.rules, h)
	return h
}

// SetChaos turns random faults on for the requests no rule hits (a zero
// Rate turns them off) and restarts chaos's request count, so the same
// requests get the same faults again. Bad settings fail the test.
func (p *Proxy) SetChaos(c Chaos) {
	p.t.Helper()
	if err := c.validate(); err != nil {
		p.t.Fatalf("faultproxy: %v", err)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.chaos, p.chaosN = nil, 0
	if c.Rate > 0 {
		c = c.withDefaults()
		c.Kinds = slices.Clone(c.Kinds)
		p.chaos = &c
	}
}

// Reset removes every rule and chaos and empties the log, so the proxy
// forwards everything untouched again. Seq numbers keep counting.
func (p *Proxy) Reset() {
	p.mu.Lock()
	p.rules, p.chaos, p.chaosN = nil, nil, 0
	p.mu.Unlock()
	p.ResetLog()
}
