package main

import (
	"context"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/gateway/gwtest"
	"github.com/ferry-s3/ferry/s3ops"
)

// newThrottledProxy serves a reverse proxy to upstream on 127.0.0.1 that
// passes request bodies at bps bytes per second.
func newThrottledProxy(t *testing.T, upstream string, bps int) string {
	u, err := url.Parse(upstream)
	if err != nil {
		t.Fatal(err)
	}
	rp := httputil.NewSingleHostReverseProxy(u)
	rp.ErrorLog = log.New(io.Discard, "", 0)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil {
			r.Body = &slowBody{r: r.Body, bps: bps}
		}
		rp.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

type slowBody struct {
	r   io.ReadCloser
	bps int
}

func (s *slowBody) Read(b []byte) (int, error) {
	if len(b) > 32<<10 {
		b = b[:32<<10]
	}
	n, err := s.r.Read(b)
	time.Sleep(time.Duration(n) * time.Second / time.Duration(s.bps))
	return n, err
}

func (s *slowBody) Close() error { return s.r.Close() }

func makeBucket(srv *gwtest.Server, name string) error {
	c, err := s3ops.Connect(context.Background(), s3ops.Settings{EndpointURL: srv.Endpoint, Region: srv.Region,
		AccessKey: srv.AccessKey, SecretKey: srv.SecretKey})
	if err != nil {
		return err
	}
	return c.CreateBucket(context.Background(), name, "")
}
