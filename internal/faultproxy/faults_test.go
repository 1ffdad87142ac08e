package faultproxy_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	fp "github.com/ferry-s3/ferry/internal/faultproxy"
)

func TestResetRequestCutsTheUploadAfterNBytes(t *testing.T) {
	up := newUpstream(t)
	p := fp.Start(t, up.URL())
	p.AddRule(fp.Rule{Match: fp.Match{Method: "PUT"}, Fault: fp.Fault{Kind: fp.ResetRequest, After: 64 * kib}})

	// What an HTTP client reports depends on which of its goroutines
	// notices the reset first; any error and no response is the point.
	if resp, err := newClient().Do(newRequest(t, "PUT", p.URL()+"/b/k", pattern(4*mib))); err == nil {
		resp.Body.Close()
		t.Fatalf("upload answered %d, want a broken connection", resp.StatusCode)
	}
	rec := lastRecord(t, p)
	if rec.BytesIn != 64*kib || rec.Status != 0 || rec.Fault.Kind != fp.ResetRequest {
		t.Errorf("record = %+v, want 64 KiB read, no status, reset-request", rec)
	}

	// On the wire: the proxy answers the upload with a TCP RST.
	conn, err := net.Dial("tcp", strings.TrimPrefix(p.URL(), "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "PUT /b/k HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n", 4*mib)
	_, werr := io.Copy(conn, pattern(4*mib))
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	_, rerr := conn.Read(make([]byte, 1))
	if !isReset(werr) && !errors.Is(rerr, syscall.ECONNRESET) {
		t.Errorf("raw upload: write error %v, read error %v; want a reset", werr, rerr)
	}
	if n := len(up.requests()); n != 0 {
		t.Errorf("upstream saw %d requests, want none", n)
	}
}

func TestResetResponseCutsTheDownloadWithRST(t *testing.T) {
	up := newUpstream(t)
	p := fp.Start(t, up.URL())
	p.AddRule(fp.Rule{Match: fp.Match{Path: "/blob/"}, Fault: fp.Fault{Kind: fp.ResetResponse, After: 100_000}})

	resp := mustDo(t, newClient(), newRequest(t, "GET", p.URL()+"/blob/1048576", nil))
	got, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.ContentLength != mib {
		t.Errorf("status %d length %d, want 200 with the full length", resp.StatusCode, resp.ContentLength)
	}
	if !isReset(err) || len(got) > 100_000 {
		t.Fatalf("read %d bytes then %s, want at most 100000 then a reset", len(got), describeErr(err))
	}
	if !bytes.Equal(got, readAll(t, pattern(int64(len(got))))) {
		t.Error("bytes before the reset differ from the upstream's")
	}
	if rec := lastRecord(t, p); rec.BytesOut != 100_000 || rec.Status != 200 {
		t.Errorf("record = %+v, want 100000 bytes out after a 200", rec)
	}
}

func TestTruncateSendsFullLengthThenCloses(t *testing.T) {
	up := newUpstream(t)
	p := fp.Start(t, up.URL())
	p.AddRule(fp.Rule{Match: fp.Match{Method: "GET"}, Fault: fp.Fault{Kind: fp.Truncate, After: 12345}})
	c := newClient()

	for _, tc := range []struct {
		path       string
		length     int64 // Content-Length the client sees
		wantBodyN  int
		wantUnexpE bool
	}{
		{"/blob/1048576", mib, 12345, true},
		{"/chunked/1048576", -1, 12345, true},
		{"/blob/100", 100, 99, true},    // shorter than After: cut before the last byte
		{"/chunked/100", -1, 100, true}, // unknown length: cut before the final chunk
	} {
		resp := mustDo(t, c, newRequest(t, "GET", p.URL()+tc.path, nil))
		got, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.ContentLength != tc.length {
			t.Errorf("%s: Content-Length %d, want %d", tc.path, resp.ContentLength, tc.length)
		}
		if len(got) != tc.wantBodyN || !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Errorf("%s: read %d bytes then %s, want %d then unexpected EOF", tc.path, len(got), describeErr(err), tc.wantBodyN)
		}
		if !bytes.Equal(got, readAll(t, pattern(int64(len(got))))) {
			t.Errorf("%s: bytes before the cut differ from the upstream's", tc.path)
		}
	}
}

func TestErrorFaultsAnswerS3XMLWithoutUpstream(t *testing.T) {
	up := newUpstream(t)
	p := fp.Start(t, up.URL())
	c := newClient()
	for _, tc := range []struct {
		kind   fp.Kind
		status int
		code   string
	}{
		{fp.InternalError, 500, "InternalError"},
		{fp.SlowDown, 503, "SlowDown"},
		{fp.RequestTimeTooSkewed, 403, "RequestTimeTooSkewed"},
	} {
		p.Reset()
		p.AddRule(fp.Rule{Fault: fp.Fault{Kind: tc.kind}})
		for _, method := range []string{"GET", "PUT"} {
			var body io.Reader
			if method == "PUT" {
				body = pattern(2 * mib)
			}
			req := newRequest(t, method, p.URL()+"/bucket/some%20key?partNumber=1", body)
			req.Header.Set("X-Amz-Date", "20200101T000000Z")
			resp := mustDo(t, c, req)
			e := decodeS3Error(t, resp)
			if resp.StatusCode != tc.status || e.Code != tc.code || e.Message == "" || e.Resource != "/bucket/some key" {
				t.Errorf("%v %s: %d %+v, want %d %s", tc.kind, method, resp.StatusCode, e, tc.status, tc.code)
			}
			if tc.kind == fp.RequestTimeTooSkewed && (e.RequestTime != "20200101T000000Z" || e.ServerTime == "") {
				t.Errorf("skew error lacks request/server time: %+v", e)
			}
			if rec := lastRecord(t, p); method == "PUT" && rec.BytesIn != 2*mib {
				t.Errorf("%v PUT: proxy read %d body bytes, want the whole body drained", tc.kind, rec.BytesIn)
			}
		}
	}
	if n := len(up.requests()); n != 0 {
		t.Errorf("upstream saw %d requests, want none", n)
	}
}

func TestErrorFaultDropBodyClosesWithoutReading(t *testing.T) {
	up := newUpstream(t)
	p := fp.Start(t, up.URL())
	p.AddRule(fp.Rule{Fault: fp.Fault{Kind: fp.SlowDown, DropBody: true}})
	// A client that asks "Expect: 100-continue" never sends a refused body.
	c := &http.Client{Transport: &http.Transport{ExpectContinueTimeout: 5 * time.Second}}
	req := newRequest(t, "PUT", p.URL()+"/b/k", pattern(8*mib))
	req.Header.Set("Expect", "100-continue")
	resp := mustDo(t, c, req)
	if e := decodeS3Error(t, resp); resp.StatusCode != 503 || e.Code != "SlowDown" || !resp.Close {
		t.Errorf("got %d %+v close=%v, want 503 SlowDown and the connection closed", resp.StatusCode, e, resp.Close)
	}
	if rec := lastRecord(t, p); rec.BytesIn != 0 {
		t.Errorf("proxy read %d body bytes, want none", rec.BytesIn)
	}
}

func TestStallHeadersUntilClientGivesUp(t *testing.T) {
	up := newUpstream(t)
	p := fp.Start(t, up.URL())
	p.AddRule(fp.Rule{Fault: fp.Fault{Kind: fp.StallHeaders}, MaxHits: 1})
	c := newClient()
	c.Timeout = 500 * time.Millisecond

	start := time.Now()
	_, err := c.Do(newRequest(t, "GET", p.URL()+"/blob/10", nil))
	if !isTimeout(err) || time.Since(start) < 500*time.Millisecond {
		t.Fatalf("got %s after %v, want a client timeout after 500ms", describeErr(err), time.Since(start))
	}
	rec := lastRecord(t, p)
	if rec.Status != 0 || rec.Err == "" || len(up.requests()) != 1 {
		t.Errorf("record %+v, upstream requests %d: want no status, an error and the request forwarded", rec, len(up.requests()))
	}
	// MaxHits 1: the next request goes through.
	resp := mustDo(t, c, newRequest(t, "GET", p.URL()+"/blob/10", nil))
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("after the stall: status %d", resp.StatusCode)
	}
}

func TestStallBodyHoldsMidBody(t *testing.T) {
	up := newUpstream(t)
	p := fp.Start(t, up.URL())
	p.AddRule(fp.Rule{Match: fp.Match{Path: "/blob/1000"}, Fault: fp.Fault{Kind: fp.StallBody, After: 1000, Stall: 400 * time.Millisecond}})
	p.AddRule(fp.Rule{Match: fp.Match{Path: "/blob/2000"}, Fault: fp.Fault{Kind: fp.StallBody, After: 1500}})
	c := newClient()

	start := time.Now()
	resp := mustDo(t, c, newRequest(t, "GET", p.URL()+"/blob/100000", nil))
	got := readAll(t, resp.Body)
	if elapsed := time.Since(start); elapsed < 400*time.Millisecond || !bytes.Equal(got, readAll(t, pattern(100000))) {
		t.Errorf("timed stall: %d bytes in %v, want the whole body after at least 400ms", len(got), elapsed)
	}

	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	req := newRequest(t, "GET", p.URL()+"/blob/20000", nil).WithContext(ctx)
	resp = mustDo(t, c, req)
	got, err := io.ReadAll(resp.Body)
	if len(got) != 1500 || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("open stall: read %d bytes then %s, want 1500 then the client's deadline", len(got), describeErr(err))
	}
	if rec := lastRecord(t, p); rec.BytesOut != 1500 || !strings.Contains(rec.Err, "stall") {
		t.Errorf("record %+v, want 1500 bytes out and the stall noted", rec)
	}
}

func TestLatencyDelaysTheRequest(t *testing.T) {
	up := newUpstream(t)
	p := fp.Start(t, up.URL())
	p.AddRule(fp.Rule{Fault: fp.Fault{Kind: fp.Latency, Latency: 250 * time.Millisecond}})
	start := time.Now()
	resp := mustDo(t, newClient(), newRequest(t, "GET", p.URL()+"/blob/10", nil))
	resp.Body.Close()
	if elapsed := time.Since(start); elapsed < 250*time.Millisecond || resp.StatusCode != 200 {
		t.Errorf("status %d after %v, want 200 after at least 250ms", resp.StatusCode, elapsed)
	}
}

func TestCorruptFlipsOneBitOfACompleteBody(t *testing.T) {
	up := newUpstream(t)
	p := fp.Start(t, up.URL())
	p.AddRule(fp.Rule{Match: fp.Match{Path: "/blob/"}, Fault: fp.Fault{Kind: fp.Corrupt, After: 70_000}})
	want := readAll(t, pattern(100_000))
	for size, at := range map[int]int{100_000: 70_000, 1000: 999} { // shorter: the last byte
		resp := mustDo(t, newClient(), newRequest(t, "GET", fmt.Sprintf("%s/blob/%d", p.URL(), size), nil))
		got, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || len(got) != size {
			t.Fatalf("%d-byte body: read %d bytes, %v; want all of it", size, len(got), err)
		}
		for i := range got {
			if flipped := got[i] != want[i]; flipped != (i == at) || flipped && got[i]^want[i] != 1 {
				t.Fatalf("%d-byte body: byte %d is %#x, want %#x (one bit flipped at %d only)", size, i, got[i], want[i], at)
			}
		}
	}
}

func TestCorruptAltersAnUploadNotItsAnswer(t *testing.T) {
	up := newUpstream(t)
	p := fp.Start(t, up.URL())
	p.AddRule(fp.Rule{Match: fp.Match{Method: "PUT"}, Fault: fp.Fault{Kind: fp.Corrupt, After: 5000}})
	body := readAll(t, pattern(64*kib))
	resp := mustDo(t, newClient(), newRequest(t, "PUT", p.URL()+"/b/k", bytes.NewReader(body)))
	answer := readAll(t, resp.Body)
	resp.Body.Close()
	altered := bytes.Clone(body)
	altered[5000] ^= 0x01
	got := up.requests()
	if len(got) != 1 || got[0].BodyLen != int64(len(body)) || got[0].BodySum != sha256.Sum256(altered) {
		t.Fatalf("upstream saw %+v, want the whole body with byte 5000 altered", got)
	}
	if string(answer) != "ok" {
		t.Fatalf("the answer was altered too: %q", answer)
	}
}

func TestHeadersCanBeSetOnTheAnswerAndDroppedFromTheRequest(t *testing.T) {
	up := newUpstream(t)
	p := fp.Start(t, up.URL())
	p.AddRule(fp.Rule{Match: fp.Match{Path: "/b/"}, Fault: fp.Fault{Headers: &fp.Headers{
		SetResponse: map[string]string{"X-Amz-Server-Side-Encryption": "aws:kms", "X-Got-Bytes": ""},
		DropRequest: []string{"If-Match"}}}})
	req := newRequest(t, "GET", p.URL()+"/b/k", nil)
	req.Header.Set("If-Match", `"abc"`)
	req.Header.Set("X-Kept", "yes")
	resp := mustDo(t, newClient(), req)
	body := readAll(t, resp.Body)
	resp.Body.Close()
	if resp.Header.Get("X-Amz-Server-Side-Encryption") != "aws:kms" || resp.Header.Get("X-Got-Bytes") != "" || string(body) != "ok" {
		t.Fatalf("answer headers %v, body %q; want the set header, no X-Got-Bytes and the body", resp.Header, body)
	}
	got := up.requests()
	if len(got) != 1 || got[0].Header.Get("If-Match") != "" || got[0].Header.Get("X-Kept") != "yes" {
		t.Fatalf("upstream saw %+v, want If-Match dropped and the rest kept", got)
	}
}

func TestThrottleLimitsBothBodies(t *testing.T) {
	up := newUpstream(t)
	p := fp.Start(t, up.URL())
	const rate = 1 * mib // 256 KiB then takes at least 250ms
	p.AddRule(fp.Rule{Fault: fp.Fault{Kind: fp.Throttle, RequestBPS: rate, ResponseBPS: rate}})
	c := newClient()

	start := time.Now()
	resp := mustDo(t, c, newRequest(t, "GET", p.URL()+"/blob/262144", nil))
	got := readAll(t, resp.Body)
	if elapsed := time.Since(start); elapsed < 250*time.Millisecond || len(got) != 256*kib {
		t.Errorf("download: %d bytes in %v, want 256 KiB in at least 250ms", len(got), elapsed)
	}

	start = time.Now()
	resp = mustDo(t, c, newRequest(t, "PUT", p.URL()+"/b/k", pattern(256*kib)))
	resp.Body.Close()
	if elapsed := time.Since(start); elapsed < 250*time.Millisecond || resp.Header.Get("X-Got-Bytes") != "262144" {
		t.Errorf("upload: upstream got %s bytes in %v, want 262144 in at least 250ms", resp.Header.Get("X-Got-Bytes"), elapsed)
	}
}

// s3Error is the part of an S3 error document the tests look at.
type s3Error struct {
	Code, Message, Resource, RequestId string
	RequestTime, ServerTime            string
}

func decodeS3Error(t *testing.T, resp *http.Response) s3Error {
	t.Helper()
	defer resp.Body.Close()
	var e s3Error
	if err := xml.NewDecoder(resp.Body).Decode(&e); err != nil {
		t.Fatalf("error body is not S3 XML: %v", err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/xml" {
		t.Errorf("Content-Type %q, want application/xml", ct)
	}
	return e
}

func readAll(t *testing.T, r io.Reader) []byte {
	t.Helper()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	if c, ok := r.(io.Closer); ok {
		c.Close()
	}
	return b
}
