package ui_test

import (
	"bytes"
	"context"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/ferry-s3/ferry/sharepage"
	"github.com/ferry-s3/ferry/ui"
)

// fileLinkRE finds the links of a download page's files.
var fileLinkRE = regexp.MustCompile(`<a class="name file" href="([^"]+)"`)

// pageFiles fetches a download page and every link on it: the key each
// link serves and the bytes it served.
func pageFiles(t *testing.T, link string) (page string, files map[string][]byte) {
	t.Helper()
	resp, page := fetch(t, link)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("GET page: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	files = map[string][]byte{}
	for _, m := range fileLinkRE.FindAllStringSubmatch(page, -1) {
		inner := html.UnescapeString(m[1])
		u, err := url.Parse(inner)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := http.Get(inner)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s: %d", u.Path, resp.StatusCode)
		}
		files[strings.TrimPrefix(u.Path, "/docs/")] = body
	}
	return page, files
}

// pageKeys lists the page objects in the docs bucket.
func (e *env) pageKeys() []string { return e.keysIn("docs", sharepage.DefaultPagesPrefix) }

// headMissing reports whether HEAD says the object is gone.
func (e *env) headMissing(bucket, key string) bool {
	_, err := e.sdk.HeadObject(context.Background(), &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	return err != nil && strings.Contains(err.Error(), "NotFound")
}

func TestShareFolderAsOnePageCountsFirstThenCopiesAPageWhoseLinksDownloadEveryFile(t *testing.T) {
	objects := map[string]string{"reports/a.txt": "alpha", "reports/deep/b.bin": "beta\x00bytes", "reports/deep/c d.txt": "sea", "z.txt": "z"}
	e, h := shareEnv(t, ui.Options{}, objects)
	h.press("s") // on the folder reports/
	h.wantScreen("Share s3://docs/reports/ as one page", "Files", "3 files, 18 B from s3://docs/reports/", "[24h]")
	if keys := e.pageKeys(); len(keys) != 0 {
		t.Fatalf("a page was written before enter: %v", keys)
	}
	link := oneCopy(t, h.pressRec("enter"))
	h.wantScreen("copied (OSC 52 only)", "Page", "s3://docs/.ferry/pages/")
	if st := h.m.StatusText(); !strings.HasPrefix(st, "page link copied via OSC 52 only") {
		t.Fatalf("status = %q", st)
	}
	if n, err := strconv.Atoi(expiresParam(t, link)); err != nil || n < 86390 || n > 86400 {
		t.Fatalf("the page link is signed for %s s, want 24h (to the second the page ends)", expiresParam(t, link))
	}
	page, files := pageFiles(t, link)
	for key, body := range objects {
		if !strings.HasPrefix(key, "reports/") {
			if _, listed := files[key]; listed {
				t.Errorf("%s is outside the folder but on the page", key)
			}
			continue
		}
		if !bytes.Equal(files[key], []byte(body)) {
			t.Errorf("%s: the page's link served %q, want %q", key, files[key], body)
		}
	}
	if len(files) != 3 || !strings.Contains(page, "c d.txt") {
		t.Fatalf("the page links %d files:\n%s", len(files), page)
	}
	if keys := e.pageKeys(); len(keys) != 1 {
		t.Fatalf("page objects: %v", keys)
	}
}
