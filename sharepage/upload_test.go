package sharepage_test

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/share"
	"github.com/ferry-s3/ferry/sharepage"
)

func makeUploadPage(t *testing.T, c *s3ops.Client, folder string, expiry time.Duration, maxSize int64) sharepage.Page {
	t.Helper()
	p, err := sharepage.MakeUploadPage(context.Background(), c, sharepage.UploadRequest{
		Folder: s3ops.Location{Bucket: "team", Key: folder}, Expiry: expiry, MaxSize: maxSize})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// fetchPage GETs a page link as a browser would and checks how it is served.
func fetchPage(t *testing.T, p sharepage.Page) string {
	t.Helper()
	resp, err := http.Get(p.URL())
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	_, _ = b.ReadFrom(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("page link: %d %s", resp.StatusCode, b.String())
	}
	if ct, cc := resp.Header.Get("Content-Type"), resp.Header.Get("Cache-Control"); ct != "text/html; charset=utf-8" || cc != "no-store" {
		t.Fatalf("page served as %q, cache %q", ct, cc)
	}
	return b.String()
}

func TestUploadPagePolicyTakesOnlyItsFolderAndSize(t *testing.T) {
	c, _ := connect(t, "team")
	p := makeUploadPage(t, c, "inbox/", time.Hour, 1000)
	if p.Kind != share.UploadPage || p.Bucket != "team" || !strings.HasPrefix(p.Key, ".ferry/pages/") ||
		!strings.HasPrefix(p.Prefix, "inbox/") || len(p.Prefix) <= len("inbox/") || p.MaxSize != 1000 {
		t.Fatalf("record = %+v", p.PageRecord)
	}
	f := uploadForm(t, fetchPage(t, p))
	body := bytes.Repeat([]byte{0, 0xff, 'a'}, 333)
	body = append(body, 'z')
	if code, msg := f.post(t, p.Prefix+"report.bin", body); code != http.StatusCreated {
		t.Fatalf("upload into the page's folder: %d %s", code, msg)
	}
	if code, got := get(t, c, "team", p.Prefix+"report.bin"); code != 200 || !bytes.Equal(got, body) {
		t.Fatalf("stored object: %d, %d bytes", code, len(got))
	}
	for _, key := range []string{"inbox/report.bin", "elsewhere/report.bin", ".ferry/pages/x.html"} {
		if code, msg := f.post(t, key, body); code != http.StatusForbidden {
			t.Errorf("key %s outside the folder: %d %s", key, code, msg)
		}
		if code, _ := get(t, c, "team", key); code != http.StatusNotFound {
			t.Errorf("%s was stored anyway (%d)", key, code)
		}
	}
	if code, msg := f.post(t, p.Prefix+"big.bin", append(body, 'x')); code < 400 || !strings.Contains(msg, "EntityTooLarge") {
		t.Fatalf("1001 bytes over a 1000-byte limit: %d %s", code, msg)
	}
}

func TestUploadPageAndItsPolicyAreRefusedOnceExpired(t *testing.T) {
	c, _ := connect(t, "team")
	p := makeUploadPage(t, c, "", 3*time.Second, 100)
	if p.Prefix == "" || strings.Contains(p.Prefix[:len(p.Prefix)-1], "/") {
		t.Fatalf("a page into the bucket's root uploads into %q", p.Prefix)
	}
	f := uploadForm(t, fetchPage(t, p))
	if code, msg := f.post(t, p.Prefix+"early.txt", []byte("in time")); code != http.StatusCreated {
		t.Fatalf("before expiry: %d %s", code, msg)
	}
	waitUntil(t, p.Expires)
	if code, msg := f.post(t, p.Prefix+"late.txt", []byte("too late")); code != http.StatusForbidden || !strings.Contains(msg, "expired") {
		t.Fatalf("after expiry: %d %s", code, msg)
	}
	if code, _ := send(t, http.MethodGet, p.URL(), "", nil); code != http.StatusForbidden {
		t.Fatalf("expired page link: %d", code)
	}
}

// waitUntil returns once the clock has passed t (plus a second, as S3
// counts whole seconds).
func waitUntil(t *testing.T, end time.Time) {
	t.Helper()
	if d := time.Until(end.Add(time.Second)); d > 0 {
		if d > 10*time.Second {
			t.Fatalf("would wait %s", d)
		}
		<-time.After(d)
	}
}
