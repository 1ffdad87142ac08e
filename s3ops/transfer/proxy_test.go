package transfer

import (
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// proxy is a loopback reverse proxy in front of the gateway that logs
// every request and can slow, delay or fail them, so tests can count what
// the engine really sent.
type proxy struct {
	srv  *httptest.Server
	rp   *httputil.ReverseProxy
	bps  atomic.Int64 // per-stream throttle in bytes/s; 0 = full speed
	busy atomic.Int64 // requests being served
	up   atomic.Int64 // request body bytes passed on to the gateway, all requests
	mu   sync.Mutex
	reqs []reqLog
	hook func(*http.Request) action
}

// reqLog is one proxied request.
type reqLog struct {
	Method string
	Key    string
	Query  url.Values
	Range  string
	Status int
	Bytes  int64 // body bytes that went through (request or response)
	Err    bool  // the exchange broke off before the end
}

// Part is the request's multipart part number, or 0.
func (r reqLog) Part() int { n, _ := strconv.Atoi(r.Query.Get("partNumber")); return n }

// action is what a hook asks the proxy to do with one request.
type action struct {
	Delay  time.Duration // wait before forwarding
	Status int           // answer this status with Code instead of forwarding
	Code   string
	Reset  bool // drop the connection without answering
}

func newProxy(t testing.TB, target string) *proxy {
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{rp: httputil.NewSingleHostReverseProxy(u)}
	p.rp.ErrorLog = log.New(io.Discard, "", 0)
	p.srv = httptest.NewServer(p) // binds 127.0.0.1
	t.Cleanup(p.srv.Close)
	return p
}

func (p *proxy) URL() string { return p.srv.URL }

// setHook installs fn to decide per request (nil for none).
func (p *proxy) setHook(fn func(*http.Request) action) {
	p.mu.Lock()
	p.hook = fn
	p.mu.Unlock()
}

// log returns a copy of the requests so far, and clears it when reset.
func (p *proxy) log(reset bool) []reqLog {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := append([]reqLog(nil), p.reqs...)
	if reset {
		p.reqs = nil
	}
	return out
}

func (p *proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.busy.Add(1)
	defer p.busy.Add(-1)
	key, _ := url.PathUnescape(r.URL.EscapedPath())
	if _, rest, ok := strings.Cut(strings.TrimPrefix(key, "/"), "/"); ok {
		key = rest
	} else {
		key = ""
	}
	rec := reqLog{Method: r.Method, Key: key, Query: r.URL.Query(), Range: r.Header.Get("Range")}
	p.mu.Lock()
	hook := p.hook
	p.mu.Unlock()
	var act action
	if hook != nil {
		act = hook(r)
	}
	time.Sleep(act.Delay)
	switch {
	case act.Reset:
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
			}
		}
		rec.Err = true
	case act.Status != 0:
		w.WriteHeader(act.Status)
		fmt.Fprintf(w, "<Error><Code>%s</Code><Message>injected by the test proxy</Message></Error>", act.Code)
		rec.Status = act.Status
	default:
		body := &throttled{r: r.Body, bps: &p.bps, total: &p.up}
		r.Body = body
		tw := &statusWriter{ResponseWriter: w, bps: &p.bps}
		p.rp.ServeHTTP(tw, r)
		rec.Status, rec.Bytes = tw.status, body.n.Load()+tw.n
		rec.Err = r.Context().Err() != nil || (r.ContentLength > 0 && body.n.Load() != r.ContentLength)
	}
	p.mu.Lock()
	p.reqs = append(p.reqs, rec)
	p.mu.Unlock()
}

type throttled struct {
	r     io.ReadCloser
	bps   *atomic.Int64
	n     atomic.Int64
	total *atomic.Int64 // the proxy's count across requests, or nil
}

func (t *throttled) Read(b []byte) (int, error) {
	if len(b) > 32<<10 {
		b = b[:32<<10]
	}
	n, err := t.r.Read(b)
	t.n.Add(int64(n))
	if t.total != nil {
		t.total.Add(int64(n))
	}
	pause(t.bps, n)
	return n, err
}

func (t *throttled) Close() error { return t.r.Close() }

type statusWriter struct {
	http.ResponseWriter
	bps    *atomic.Int64
	status int
	n      int64
}

func (s *statusWriter) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	total := len(b)
	for len(b) > 0 {
		chunk := b[:min(len(b), 32<<10)]
		n, err := s.ResponseWriter.Write(chunk)
		s.n += int64(n)
		pause(s.bps, n)
		if err != nil {
			return total - len(b) + n, err
		}
		b = b[n:]
	}
	return total, nil
}

func pause(bps *atomic.Int64, n int) {
	if rate := bps.Load(); rate > 0 && n > 0 {
		time.Sleep(time.Duration(float64(n) / float64(rate) * float64(time.Second)))
	}
}
