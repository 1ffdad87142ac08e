package sharepage_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/ferry-s3/ferry/gateway/gwtest"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/share"
)

func TestMain(m *testing.M) { gwtest.Main(m) }

// connect starts a fresh gateway for t and returns a client for it, with
// one bucket.
func connect(t *testing.T, bucket string) (*s3ops.Client, *gwtest.Server) {
	t.Helper()
	srv := gwtest.Start(t)
	c, err := s3ops.Connect(context.Background(), s3ops.Settings{
		EndpointURL: srv.Endpoint, Region: srv.Region, AccessKey: srv.AccessKey, SecretKey: srv.SecretKey})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.CreateBucket(context.Background(), bucket, ""); err != nil {
		t.Fatal(err)
	}
	return c, srv
}

// put stores body at bucket/key through a presigned PUT.
func put(t *testing.T, c *s3ops.Client, bucket, key string, body []byte) {
	t.Helper()
	loc := s3ops.Location{Bucket: bucket, Key: key}
	l, err := share.UploadLink(context.Background(), c, loc, share.UploadOptions{Expiry: time.Minute, ContentType: "application/octet-stream"})
	if err != nil {
		t.Fatal(err)
	}
	if code, msg := send(t, http.MethodPut, l.URL, "application/octet-stream", bytes.NewReader(body)); code != 200 {
		t.Fatalf("PUT %s: %d %s", loc, code, msg)
	}
}

// get reads bucket/key through a presigned GET.
func get(t *testing.T, c *s3ops.Client, bucket, key string) (int, []byte) {
	t.Helper()
	p, err := c.PresignGet(context.Background(), s3ops.Location{Bucket: bucket, Key: key}, time.Minute, s3ops.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	code, body := send(t, http.MethodGet, p.URL, "", nil)
	return code, []byte(body)
}

func send(t *testing.T, method, u, contentType string, body io.Reader) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// form is the upload form of a page as a script would read it.
type form struct {
	action string
	fields [][2]string // hidden fields in order
}

// parsePage parses a page's HTML.
func parsePage(t *testing.T, page string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func attr(n *html.Node, name string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}

// walk calls fn on every element of doc.
func walk(doc *html.Node, fn func(*html.Node)) {
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode {
			fn(n)
		}
	}
}

func uploadForm(t *testing.T, page string) form {
	t.Helper()
	var f form
	walk(parsePage(t, page), func(n *html.Node) {
		switch {
		case n.Data == "form":
			f.action, _ = attr(n, "action")
		case n.Data == "input":
			if typ, _ := attr(n, "type"); typ == "hidden" {
				name, _ := attr(n, "name")
				val, _ := attr(n, "value")
				f.fields = append(f.fields, [2]string{name, val})
			}
		}
	})
	if f.action == "" {
		t.Fatalf("no form in the page:\n%s", page)
	}
	return f
}

// post sends a multipart POST as the page's form would, with key and the
// file body; it returns the status and the server's answer.
func (f form) post(t *testing.T, key string, body []byte) (int, string) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for _, kv := range f.fields {
		if kv[0] == "key" {
			kv[1] = key
		}
		_ = w.WriteField(kv[0], kv[1])
	}
	fw, _ := w.CreateFormFile("file", "x.bin")
	_, _ = fw.Write(body)
	_ = w.Close()
	return send(t, http.MethodPost, f.action, w.FormDataContentType(), &b)
}

// keyOfLink is the object key a path-style presigned link names.
func keyOfLink(t *testing.T, link string) string {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	_, key, _ := strings.Cut(strings.TrimPrefix(u.Path, "/"), "/")
	return key
}

func locIn(key string) s3ops.Location { return s3ops.Location{Bucket: "team", Key: key} }
