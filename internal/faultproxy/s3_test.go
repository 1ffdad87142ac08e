package faultproxy_test

import (
	"context"
	"crypto/sha256"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/gateway/gwtest"
	fp "github.com/ferry-s3/ferry/internal/faultproxy"
	"github.com/ferry-s3/ferry/s3ops"
)

// gwFixture is a real gateway with the proxy in front and an s3ops
// client that uses the proxy as its endpoint.
type gwFixture struct {
	gw     *gwtest.Server
	p      *fp.Proxy
	c      *s3ops.Client
	bucket string
}

func newGW(t *testing.T) *gwFixture {
	t.Helper()
	gw := gwtest.Start(t)
	f := &gwFixture{gw: gw, p: fp.Start(t, gw.Endpoint), bucket: "faults"}
	f.c = connect(t, gw, f.p.URL())
	if err := f.c.CreateBucket(context.Background(), f.bucket, ""); err != nil {
		t.Fatal(err)
	}
	return f
}

func connect(t *testing.T, gw *gwtest.Server, endpoint string) *s3ops.Client {
	t.Helper()
	c, err := s3ops.Connect(context.Background(), s3ops.Settings{EndpointURL: endpoint, Region: gw.Region,
		AccessKey: gw.AccessKey, SecretKey: gw.SecretKey})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// send makes the presigned request ps with body (nil for none) on c.
func send(t *testing.T, c *s3ops.Client, ps s3ops.Presigned, body io.Reader, size int64) (*http.Response, error) {
	t.Helper()
	req := newRequest(t, ps.Method, ps.URL, nil)
	for k, v := range ps.Header {
		if k != "Host" {
			req.Header[k] = v
		}
	}
	if body != nil {
		req.Body, req.ContentLength = io.NopCloser(body), size
	}
	return c.HTTP().Do(req)
}

func (f *gwFixture) presignPut(t *testing.T, key string) s3ops.Presigned {
	t.Helper()
	ps, err := f.c.PresignPut(context.Background(), s3ops.Location{Bucket: f.bucket, Key: key}, "text/plain", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

func (f *gwFixture) presignGet(t *testing.T, key string) s3ops.Presigned {
	t.Helper()
	ps, err := f.c.PresignGet(context.Background(), s3ops.Location{Bucket: f.bucket, Key: key}, time.Hour, s3ops.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

func TestSignedS3RequestsPassThroughUnmodified(t *testing.T) {
	f := newGW(t)
	const key, size = "dir/sp ace+ü=%&.txt", mib + 3
	put := f.presignPut(t, key)
	resp, err := send(t, f.c, put, pattern(size), size)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("presigned PUT through the proxy: %v %v", resp, err)
	}
	resp.Body.Close()

	resp, err = send(t, f.c, f.presignGet(t, key), nil, 0)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("presigned GET through the proxy: %v %v", resp, err)
	}
	if got := sha256.Sum256(readAll(t, resp.Body)); got != patternSum(size) {
		t.Error("object read back through the proxy differs from what was written")
	}
	if st, err := os.Stat(filepath.Join(f.gw.Dir, f.bucket, filepath.FromSlash(key))); err != nil || st.Size() != size {
		t.Errorf("gateway's stored object: %v, %v", st, err)
	}
	for _, rec := range f.p.Requests() {
		if rec.Fault.Kind != fp.None || rec.Status != 200 {
			t.Errorf("request %s %s: %v, status %d", rec.Method, rec.Path, rec.Fault, rec.Status)
		}
	}

	// The signature covers the proxy's host: sent straight to the gateway
	// the same URL is refused, so it was checked and the proxy kept it.
	direct := connect(t, f.gw, f.gw.Endpoint)
	put.URL = f.gw.Endpoint + put.URL[len(f.p.URL()):]
	resp, err = send(t, direct, put, pattern(10), 10)
	if err != nil {
		t.Fatal(err)
	}
	if e := s3ops.ResponseError(resp); resp.StatusCode != 403 || e.Code != "SignatureDoesNotMatch" {
		t.Errorf("URL signed for the proxy, sent to the gateway: %d %s, want 403 SignatureDoesNotMatch", resp.StatusCode, e.Code)
	}
}

func TestInjectedS3ErrorsAreWhatFerrySees(t *testing.T) {
	f := newGW(t)
	f.p.AddRule(fp.Rule{Match: fp.Match{Method: "PUT"}, Fault: fp.Fault{Kind: fp.SlowDown}, MaxHits: 1})
	put := f.presignPut(t, "k")
	resp, err := send(t, f.c, put, pattern(kib), kib)
	if err != nil {
		t.Fatal(err)
	}
	if e := s3ops.ResponseError(resp); e.Code != "SlowDown" || e.Kind != s3ops.KindThrottled || !e.Retryable() {
		t.Errorf("ferry classified the injected 503 as %+v", e)
	}
	resp.Body.Close()
	if _, err := os.Stat(filepath.Join(f.gw.Dir, f.bucket, "k")); !os.IsNotExist(err) {
		t.Errorf("refused PUT reached the gateway: %v", err)
	}
	resp, err = send(t, f.c, put, pattern(kib), kib)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("retry after SlowDown: %v %v", resp, err)
	}
	resp.Body.Close()

	// The SDK (control plane) reads the XML and retries a 500 by itself.
	f.p.AddRule(fp.Rule{Match: fp.Match{Method: "HEAD"}, Fault: fp.Fault{Kind: fp.InternalError}, MaxHits: 1})
	if _, err := f.c.Head(context.Background(), s3ops.Location{Bucket: f.bucket, Key: "k"}); err != nil {
		t.Fatalf("Head after one InternalError: %v", err)
	}
	f.p.WaitIdle(5 * time.Second)
	if n := f.p.Count(fp.Match{Method: "HEAD", Path: "/faults/k"}); n != 2 {
		t.Errorf("SDK sent %d HEADs, want 2 (one refused, one retried)", n)
	}
}

func TestStreams64MiBUploadInLittleMemory(t *testing.T) {
	f := newGW(t)
	const size = 64 * mib
	put := f.presignPut(t, "big")

	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	var peak atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() { samplePeakHeap(&peak, stop) })

	resp, err := send(t, f.c, put, pattern(size), size)
	close(stop)
	wg.Wait()
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("64 MiB PUT through the proxy: %v %v", resp, err)
	}
	resp.Body.Close()
	grew := int64(peak.Load()) - int64(before.HeapInuse)
	t.Logf("heap in use grew by at most %d KiB", grew/kib)
	if grew > 32*mib {
		t.Errorf("heap grew by %d MiB during a 64 MiB upload; the proxy must stream", grew/mib)
	}
	if rec := lastRecord(t, f.p); rec.BytesIn != size {
		t.Errorf("proxy logged %d bytes in, want %d", rec.BytesIn, size)
	}
	if st, err := os.Stat(filepath.Join(f.gw.Dir, f.bucket, "big")); err != nil || st.Size() != size {
		t.Fatalf("stored object: %v %v", st, err)
	}
	resp, err = send(t, f.c, f.presignGet(t, "big"), nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	if _, err := io.Copy(h, resp.Body); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if [32]byte(h.Sum(nil)) != patternSum(size) {
		t.Error("64 MiB object read back through the proxy differs")
	}
}

// samplePeakHeap records the largest HeapInuse seen until stop closes.
func samplePeakHeap(peak *atomic.Uint64, stop <-chan struct{}) {
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		if ms.HeapInuse > peak.Load() {
			peak.Store(ms.HeapInuse)
		}
		select {
		case <-stop:
			return
		case <-tick.C:
		}
	}
}
