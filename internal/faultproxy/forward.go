package faultproxy

import (
	"fmt"
	"io"
	"net/http"
	"net/textproto"
	"strings"
)

// forward sends the request upstream and streams the answer back,
// stalling, cutting or throttling it as the fault says.
func (x *exchange) forward() {
	resp, err := x.p.tr.RoundTrip(x.outgoing())
	if err != nil {
		if x.ctx.Err() != nil {
			x.err = "client gone: " + err.Error()
			return
		}
		x.err = "upstream: " + err.Error()
		http.Error(x.w, "faultproxy: upstream: "+err.Error(), http.StatusBadGateway)
		x.status = http.StatusBadGateway
		return
	}
	defer resp.Body.Close()
	if x.f.Kind == StallHeaders && !x.hold() {
		return
	}
	empty := x.r.Method == http.MethodHead || resp.ContentLength == 0 ||
		resp.StatusCode == http.StatusNoContent || resp.StatusCode == http.StatusNotModified
	if x.f.cutsResponse() && empty && !x.atMark() {
		return // nothing to cut in the body: the fault happens before the headers
	}
	copyHeader(x.w.Header(), resp.Header)
	for k, v := range x.f.Headers.response() {
		if v == "" {
			x.w.Header().Del(k)
		} else {
			x.w.Header().Set(k, v)
		}
	}
	x.writeHeader(resp.StatusCode)
	mark := int64(-1)
	if x.f.cutsResponse() && !empty {
		mark = x.f.After
		if resp.ContentLength > 0 {
			mark = min(mark, resp.ContentLength-1) // always before the last byte
		}
	}
	body := io.Reader(resp.Body)
	if x.f.Kind == Corrupt && !empty && x.r.ContentLength == 0 { // an upload's body was altered instead
		body = &flipper{r: resp.Body, at: x.f.After, size: resp.ContentLength}
	}
	x.copyResponse(body, mark)
}

func (h *Headers) response() map[string]string {
	if h == nil {
		return nil
	}
	return h.SetResponse
}

func (h *Headers) dropped() []string {
	if h == nil {
		return nil
	}
	return h.DropRequest
}

// flipper passes a body through with one bit flipped: in the byte at
// offset at, or in the last byte when the body is shorter and its size
// is known (-1: unknown).
type flipper struct {
	r       io.Reader
	at      int64
	size    int64
	off     int64
	flipped bool
}

func (f *flipper) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	target := f.at
	if f.size > 0 {
		target = min(target, f.size-1)
	}
	if !f.flipped && target >= f.off && target < f.off+int64(n) {
		p[target-f.off] ^= 0x01
		f.flipped = true
	}
	f.off += int64(n)
	return n, err
}

// outgoing is the request to send upstream: the same method, path (as
// escaped on the wire), query, headers and Host, so SigV4 signatures made
// for the proxy's address verify upstream.
func (x *exchange) outgoing() *http.Request {
	u := *x.p.upstream
	u.Path, u.RawPath, u.RawQuery = x.r.URL.Path, x.r.URL.RawPath, x.r.URL.RawQuery
	out := &http.Request{
		Method: x.r.Method, URL: &u, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: endToEnd(x.r.Header), Host: x.r.Host,
		ContentLength: x.r.ContentLength, Trailer: x.r.Trailer,
	}
	for _, k := range x.f.Headers.dropped() {
		out.Header.Del(k)
	}
	if _, ok := out.Header["User-Agent"]; !ok {
		out.Header["User-Agent"] = []string{""} // keeps Go from adding its own
	}
	if x.r.ContentLength != 0 {
		out.Body = x.requestBody() // -1: unknown length, sent chunked as it came
		if x.f.Kind == Corrupt {
			out.Body = struct {
				io.Reader
				io.Closer
			}{&flipper{r: out.Body, at: x.f.After, size: x.r.ContentLength}, out.Body}
		}
	}
	return out.WithContext(x.ctx)
}

// copyResponse streams body to the client. At byte mark (-1 for none)
// the fault's reset, truncation or stall happens; if the body ends first
// (unknown length), it happens at the end, before the response is
// complete.
func (x *exchange) copyResponse(body io.Reader, mark int64) {
	pace := newPacer(x.f.ResponseBPS)
	buf := make([]byte, pace.chunk(32<<10))
	for {
		if x.out == mark {
			if !x.atMark() {
				return
			}
			mark = -1
		}
		want := int64(len(buf))
		if mark >= 0 {
			want = min(want, mark-x.out)
		}
		n, rerr := body.Read(buf[:want])
		if n > 0 {
			// Wait first, then write: no byte reaches the client ahead of
			// its time, so a body of n bytes takes at least n/rate.
			if !pace.wait(x.ctx, n) {
				x.err = "client gone"
				return
			}
			if !x.write(buf[:n]) {
				return
			}
			if pace.limited() {
				x.flush()
			}
		}
		switch {
		case rerr == io.EOF:
			if mark >= 0 {
				x.atMark()
			}
			return
		case rerr != nil:
			// Finishing normally would let a chunked response look
			// complete; break the connection so the client knows.
			x.err = "upstream body: " + rerr.Error()
			x.abort(true)
			return
		}
	}
}

// atMark carries out a response-cutting fault where it is due, and
// reports whether the response goes on (only after a stall).
func (x *exchange) atMark() bool {
	switch x.f.Kind {
	case ResetResponse:
		x.abort(true)
		x.err = fmt.Sprintf("reset after %d response body bytes", x.out)
		return false
	case Truncate:
		x.abort(false)
		x.err = fmt.Sprintf("closed after %d response body bytes", x.out)
		return false
	}
	return x.hold()
}

// hopByHop are the headers that belong to one connection, not to the
// request or response, and so are not passed on.
var hopByHop = []string{"Connection", "Proxy-Connection", "Keep-Alive", "Proxy-Authenticate",
	"Proxy-Authorization", "Te", "Trailer", "Transfer-Encoding", "Upgrade"}

// endToEnd is a copy of h without hop-by-hop headers, including those
// the Connection header names.
func endToEnd(h http.Header) http.Header {
	out := h.Clone()
	if out == nil {
		out = http.Header{}
	}
	for _, v := range h["Connection"] {
		for _, name := range strings.Split(v, ",") {
			out.Del(textproto.TrimString(name))
		}
	}
	for _, name := range hopByHop {
		out.Del(name)
	}
	return out
}

// copyHeader sets dst to the end-to-end headers of src. A missing
// Content-Type stays missing (the server would otherwise sniff one).
func copyHeader(dst, src http.Header) {
	for k, vv := range endToEnd(src) {
		dst[k] = vv
	}
	if _, ok := dst["Content-Type"]; !ok {
		dst["Content-Type"] = nil
	}
}
