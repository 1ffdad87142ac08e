package faultproxy_test

import (
	"net/http"
	"net/http/httptrace"
	"strings"
	"testing"

	fp "github.com/ferry-s3/ferry/internal/faultproxy"
)

func TestUnmatchedRequestsPassThroughUnmodified(t *testing.T) {
	up := newUpstream(t)
	p := fp.Start(t, up.URL())
	p.AddRule(fp.Rule{Match: fp.Match{Method: "DELETE"}, Fault: fp.Fault{Kind: fp.SlowDown}})

	const uri = "/bucket/dir/sp%20ace+%2B%3D%25/%C3%BC/..%2Fx?partNumber=3&uploadId=a%2Bb&X-Amz-Signature=abc"
	req := newRequest(t, "PUT", p.URL()+uri, pattern(3*mib+17))
	req.Header.Set("Content-Type", "text/plain; charset=utf-8")
	req.Header.Set("X-Amz-Meta-Note", "two  spaces, ü")
	req.Header.Set("Expect", "100-continue")
	req.Header["User-Agent"] = []string{""} // no User-Agent at all
	resp := mustDo(t, newClient(), req)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}

	got := up.requests()[0]
	host := strings.TrimPrefix(p.URL(), "http://")
	switch {
	case got.RequestURI != uri:
		t.Errorf("upstream request URI %q, want %q", got.RequestURI, uri)
	case got.Host != host:
		t.Errorf("upstream Host %q, want the proxy's %q as the client sent it", got.Host, host)
	case got.BodyLen != 3*mib+17 || got.BodySum != patternSum(3*mib+17):
		t.Errorf("upstream body: %d bytes, not the bytes sent", got.BodyLen)
	}
	for _, h := range []string{"Content-Type", "X-Amz-Meta-Note", "Content-Length", "Expect"} {
		if got.Header.Get(h) != req.Header.Get(h) && !(h == "Content-Length" && got.Header.Get(h) == "3145745") {
			t.Errorf("header %s = %q upstream, client sent %q", h, got.Header.Get(h), req.Header.Get(h))
		}
	}
	if ua, ok := got.Header["User-Agent"]; ok {
		t.Errorf("upstream got a User-Agent %q the client never sent", ua)
	}
	if _, ok := got.Header["Accept-Encoding"]; ok {
		t.Error("proxy added Accept-Encoding")
	}

	rec := lastRecord(t, p)
	if rec.Fault.Kind != fp.None || rec.BytesIn != 3*mib+17 || rec.Path != "/bucket/dir/sp ace++=%/ü/../x" || rec.Query.Get("uploadId") != "a+b" {
		t.Errorf("record %+v", rec)
	}
}

func TestKeepAliveOnBothSides(t *testing.T) {
	up := newUpstream(t)
	p := fp.Start(t, up.URL())
	c := newClient()
	reused := 0
	for i := range 5 {
		trace := &httptrace.ClientTrace{GotConn: func(info httptrace.GotConnInfo) {
			if info.Reused {
				reused++
			}
		}}
		method, path := "GET", "/blob/70000"
		if i%2 == 1 {
			method, path = "PUT", "/b/k"
		}
		req := newRequest(t, method, p.URL()+path, pattern(50000))
		if method == "GET" {
			req.Body, req.ContentLength = http.NoBody, 0
		}
		resp := mustDo(t, c, req.WithContext(httptrace.WithClientTrace(req.Context(), trace)))
		readAll(t, resp.Body)
	}
	if reused != 4 {
		t.Errorf("client reused its connection %d times in 5 requests, want 4", reused)
	}
	if n := up.conns.Load(); n != 1 {
		t.Errorf("proxy opened %d upstream connections for 5 sequential requests, want 1", n)
	}
}
