package faultproxy_test

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/gateway/gwtest"
	"github.com/ferry-s3/ferry/internal/faultproxy"
)

func TestMain(m *testing.M) { gwtest.Main(m) }

const kib, mib = 1 << 10, 1 << 20

// seen is one request as the test upstream received it.
type seen struct {
	Method, RequestURI, Host string
	Header                   http.Header
	BodyLen                  int64
	BodySum                  [32]byte
}

// upstream is a tiny origin on 127.0.0.1 for byte-exact checks:
//
//	GET/HEAD /blob/N    N pattern bytes with Content-Length
//	GET /chunked/N      N pattern bytes without a length (chunked)
//	anything else       reads the body, answers 200 "ok"
//
// It remembers every request and counts its connections.
type upstream struct {
	srv   *httptest.Server
	conns atomic.Int64
	mu    sync.Mutex
	reqs  []seen
}

func newUpstream(t *testing.T) *upstream {
	u := &upstream{}
	u.srv = httptest.NewUnstartedServer(http.HandlerFunc(u.serve))
	u.srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			u.conns.Add(1)
		}
	}
	u.srv.Start() // binds 127.0.0.1
	t.Cleanup(u.srv.Close)
	return u
}

func (u *upstream) URL() string { return u.srv.URL }

func (u *upstream) requests() []seen {
	u.mu.Lock()
	defer u.mu.Unlock()
	return append([]seen(nil), u.reqs...)
}

func (u *upstream) serve(w http.ResponseWriter, r *http.Request) {
	h := sha256.New()
	n, _ := io.Copy(h, r.Body)
	s := seen{Method: r.Method, RequestURI: r.RequestURI, Host: r.Host, Header: r.Header.Clone(), BodyLen: n}
	h.Sum(s.BodySum[:0])
	u.mu.Lock()
	u.reqs = append(u.reqs, s)
	u.mu.Unlock()
	switch name, size, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/"); name {
	case "blob", "chunked":
		n, err := strconv.ParseInt(size, 10, 64)
		if err != nil {
			http.Error(w, "bad size", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/octet-stream")
		if name == "blob" {
			w.Header().Set("Content-Length", strconv.FormatInt(n, 10))
		} else {
			w.(http.Flusher).Flush() // headers out now, so even a small body goes chunked
		}
		io.Copy(w, pattern(n))
	default:
		w.Header().Set("X-Got-Bytes", strconv.FormatInt(n, 10))
		io.WriteString(w, "ok")
	}
}

// pattern is n deterministic bytes that are not all alike, made as read.
func pattern(n int64) io.Reader { return io.LimitReader(&patternReader{}, n) }

type patternReader struct{ off int64 }

func (p *patternReader) Read(b []byte) (int, error) {
	for i := range b {
		b[i] = byte(p.off*31 + p.off>>9)
		p.off++
	}
	return len(b), nil
}

func patternSum(n int64) [32]byte {
	h := sha256.New()
	io.Copy(h, pattern(n))
	var s [32]byte
	h.Sum(s[:0])
	return s
}

// isReset reports whether err is the client's view of a TCP reset.
func isReset(err error) bool {
	return errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)
}

// isTimeout reports whether err is a client-side timeout.
func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout() || errors.Is(err, syscall.ETIMEDOUT)
}

// newClient is a plain keep-alive client that changes nothing in the
// bodies it moves.
func newClient() *http.Client {
	return &http.Client{Transport: &http.Transport{DisableCompression: true, Proxy: nil}}
}

// mustDo sends req and fails the test on a transport error.
func mustDo(t *testing.T, c *http.Client, req *http.Request) *http.Response {
	t.Helper()
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	return resp
}

func newRequest(t *testing.T, method, url string, body io.Reader) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

// lastRecord waits for the proxy to go idle and returns its last record.
func lastRecord(t *testing.T, p *faultproxy.Proxy) faultproxy.Record {
	t.Helper()
	if !p.WaitIdle(10 * time.Second) {
		t.Fatal("proxy did not go idle")
	}
	recs := p.Requests()
	if len(recs) == 0 {
		t.Fatal("proxy logged no request")
	}
	return recs[len(recs)-1]
}

func describeErr(err error) string { return fmt.Sprintf("%T: %v", err, err) }
