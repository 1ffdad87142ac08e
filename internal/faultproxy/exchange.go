package faultproxy

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// exchange is one request on its way through the proxy, with the fault
// it was given and what has gone through so far.
type exchange struct {
	p   *Proxy
	w   http.ResponseWriter
	r   *http.Request
	ctx context.Context // ends when the client goes away or the proxy stops
	f   Fault
	seq int

	in       atomic.Int64 // request body bytes read (by the upstream transport's goroutine too)
	out      int64        // response body bytes written
	status   int          // status sent to the client, 0 before the headers
	hijacked bool         // the connection was taken from the server and ended
	err      string       // why the exchange broke off
}

// ServeHTTP logs the request, decides its fault and carries it out.
func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rec := newRecord(r)
	if !p.begin(rec) {
		w.Header().Set("Connection", "close")
		http.Error(w, "faultproxy: stopping", http.StatusServiceUnavailable)
		return
	}
	ctx, cancel := context.WithCancel(r.Context())
	stopOnClose := context.AfterFunc(p.ctx, cancel)
	defer func() { stopOnClose(); cancel() }()
	x := &exchange{p: p, w: w, r: r, ctx: ctx, f: rec.Fault, seq: rec.Seq}
	defer p.end(rec, x)
	if x.f.injected() && p.logf != nil {
		p.logf("faultproxy: #%d %s %s%s: %v (%s)", rec.Seq, rec.Method, rec.Path, safeQuery(rec.Query), x.f, rec.Rule)
	}
	x.run()
	if x.status == 0 && !x.hijacked {
		// Broken off before any answer (the client left, the proxy is
		// stopping): returning would make the server send an empty 200.
		x.abort(false)
	}
}

func (x *exchange) run() {
	if !sleepCtx(x.ctx, x.f.Latency) {
		x.err = x.gone() + " during latency"
		return
	}
	switch {
	case x.f.Kind == ResetRequest:
		x.resetRequest()
	case x.f.Kind.answersError():
		x.answerError()
	default:
		x.forward()
	}
}

// requestBody is the client's request body, counted and throttled.
func (x *exchange) requestBody() io.ReadCloser {
	return &meteredReader{r: x.r.Body, n: &x.in, pace: newPacer(x.f.RequestBPS), ctx: x.ctx}
}

// resetRequest reads After bytes of the body, then resets the connection.
func (x *exchange) resetRequest() {
	if _, err := io.CopyN(io.Discard, x.requestBody(), x.f.After); err != nil && err != io.EOF {
		x.err = "request body: " + err.Error()
		return
	}
	x.abort(true)
	x.err = fmt.Sprintf("reset after %d request body bytes", x.in.Load())
}

// answerError sends the S3 error of the fault's kind, without upstream.
func (x *exchange) answerError() {
	status, code, msg := x.f.s3Error()
	h := x.w.Header()
	switch {
	case x.f.DropBody:
		h.Set("Connection", "close")
	case !strings.EqualFold(x.r.Header.Get("Expect"), "100-continue"):
		// Reading the body would make the server send "100 Continue" and
		// the client the whole body, only to be refused; S3 does neither.
		if _, err := io.Copy(io.Discard, x.requestBody()); err != nil {
			x.err = "draining request body: " + err.Error()
			return
		}
	}
	body := errorBody(code, msg, x.r, x.requestID())
	h.Set("Content-Type", "application/xml")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("X-Amz-Request-Id", x.requestID())
	x.writeHeader(status)
	if x.r.Method != http.MethodHead {
		x.write(body)
	}
}

func (x *exchange) requestID() string { return fmt.Sprintf("FAULTPROXY%08d", x.seq) }

func (x *exchange) writeHeader(status int) {
	x.w.WriteHeader(status)
	x.status = status
}

// write sends b to the client and reports whether it all went.
func (x *exchange) write(b []byte) bool {
	n, err := x.w.Write(b)
	x.out += int64(n)
	if err != nil {
		x.err = "client gone: " + err.Error()
		return false
	}
	return true
}

// flush pushes what was written so far onto the wire.
func (x *exchange) flush() {
	if x.status != 0 {
		_ = http.NewResponseController(x.w).Flush()
	}
}

// hold stalls the response for Stall, or until the client gives up when
// Stall is zero, and reports whether the exchange can go on.
func (x *exchange) hold() bool {
	x.flush()
	if x.f.Stall == 0 {
		<-x.ctx.Done()
	} else if sleepCtx(x.ctx, x.f.Stall) {
		return true
	}
	x.err = x.gone() + " during stall"
	return false
}

// gone says who ended the exchange once its context is done.
func (x *exchange) gone() string {
	if x.p.ctx.Err() != nil {
		return "proxy stopped"
	}
	return "client gave up"
}

// abort flushes what was written, takes the connection from the HTTP
// server and ends it: with rst a TCP reset (SO_LINGER 0, so unsent data
// is dropped too), otherwise a clean FIN.
func (x *exchange) abort(rst bool) {
	x.flush()
	conn, _, err := http.NewResponseController(x.w).Hijack()
	if err != nil {
		x.err = "hijack: " + err.Error()
		return
	}
	x.hijacked = true
	if tc, ok := conn.(*net.TCPConn); ok {
		if rst {
			_ = tc.SetLinger(0)
		} else {
			_ = tc.CloseWrite()
		}
	}
	_ = conn.Close()
}

// sleepCtx waits d and reports false if ctx ended first.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
