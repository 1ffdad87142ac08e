package transfer

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"sync"

	"github.com/ferry-s3/ferry/s3ops"
)

// bufSize is the copy buffer for response bodies: large enough that a
// fast link needs few syscalls, pooled so memory stays flat.
const bufSize = 256 << 10

var bufPool = sync.Pool{New: func() any { b := make([]byte, bufSize); return &b }}

// send makes one presigned request. body (nil for GET) is streamed with
// its exact length; extra headers (Range, If-Match) are added to the
// signed ones. A status of 300 or more becomes a classified *s3ops.Error.
func (e *Engine) send(ctx context.Context, p s3ops.Presigned, body io.Reader, size int64, extra http.Header) (*http.Response, error) {
	return sendVia(ctx, e.c.HTTP(), p, body, size, extra)
}

// sendVia is send through hc (a copy's GETs go through its source's
// client).
func sendVia(ctx context.Context, hc *http.Client, p s3ops.Presigned, body io.Reader, size int64, extra http.Header) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, p.Method, p.URL, nil)
	if err != nil {
		return nil, redact(err)
	}
	for k, v := range p.Header {
		if k != "Host" {
			req.Header[k] = v
		}
	}
	for k, v := range extra {
		req.Header[k] = v
	}
	if body != nil {
		req.ContentLength = size
		req.Body = io.NopCloser(body)
		if size == 0 {
			req.Body = http.NoBody
		}
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, redact(err)
	}
	if resp.StatusCode >= 300 {
		defer resp.Body.Close()
		return nil, s3ops.ResponseError(resp)
	}
	return resp, nil
}

// drain reads what is left of a response so its connection is reused.
func drain(resp *http.Response) {
	_, _ = io.CopyN(io.Discard, resp.Body, 64<<10)
	resp.Body.Close()
}

// redact strips the query (the signature) from a request error's URL and
// classifies it, so no presigned URL ever reaches a message or log.
func redact(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		if u, perr := url.Parse(ue.URL); perr == nil {
			u.RawQuery = ""
			ue.URL = u.String()
		}
	}
	if errors.Is(err, errSourceChanged) {
		return err
	}
	return s3ops.Classify(err)
}
