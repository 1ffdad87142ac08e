package sharepage_test

import (
	"bytes"
	"context"
	"errors"
	stdhtml "html"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/share"
	"github.com/ferry-s3/ferry/sharepage"
)

// checkOnlyBucketURLs fails when a page could load or send anything to
// another origin than the bucket's: every src, href, action and data-list
// is under endpoint, nothing is loaded by <link>, <iframe> or CSS, and no
// other absolute URL appears anywhere in the text.
func checkOnlyBucketURLs(t *testing.T, page, endpoint string) {
	t.Helper()
	walk(parsePage(t, page), func(n *html.Node) {
		switch n.Data {
		case "link", "iframe", "object", "embed", "img", "base":
			t.Errorf("the page has a <%s> element", n.Data)
		case "script":
			if _, ok := attr(n, "src"); ok {
				t.Error("the page loads a script")
			}
		}
		for _, a := range n.Attr {
			switch a.Key {
			case "src", "href", "action", "data-list", "srcset", "poster", "formaction":
				if !strings.HasPrefix(a.Val, endpoint+"/") {
					t.Errorf("<%s %s=%q> is not under the bucket's origin %s", n.Data, a.Key, a.Val, endpoint)
				}
			}
		}
	})
	for _, bad := range []string{"url(", "@import"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page's CSS holds %q", bad)
		}
	}
	// "//" starts every absolute or protocol-relative URL.
	if urls, own := strings.Count(page, "//"), strings.Count(page, endpoint); urls != own {
		t.Errorf("%d absolute URLs (\"//\") in the page, %d of them the bucket's", urls, own)
	}
}

func TestDownloadPageEscapesEveryNameAndLinksOnlyToTheBucket(t *testing.T) {
	c, srv := connect(t, "team")
	files := hostileFiles()
	p := makeDownloadPage(t, c, files, time.Hour)
	page := fetchPage(t, p)
	checkOnlyBucketURLs(t, page, srv.Endpoint)
	var shown []string
	walk(parsePage(t, page), func(n *html.Node) {
		if cls, _ := attr(n, "class"); cls == "name file" && n.FirstChild != nil {
			if n.FirstChild.NextSibling != nil || n.FirstChild.Type != html.TextNode {
				t.Errorf("a name became markup: %q", n.FirstChild.Data)
			}
			shown = append(shown, n.FirstChild.Data)
		}
	})
	for _, name := range shown {
		if _, ok := files["share/"+name]; !ok {
			t.Errorf("the page shows %q", name)
		}
	}
	if len(shown) != len(files) || p.Count != len(files) || p.Prefix != "share/" {
		t.Fatalf("page shows %q; record %+v", shown, p.PageRecord)
	}
	checkLinksSaveUnderTheirNames(t, page, files)
}

// checkLinksSaveUnderTheirNames GETs every link of a download page as a
// program would (no download attribute to help): each serves its object
// as an attachment named after it.
func checkLinksSaveUnderTheirNames(t *testing.T, page string, files map[string][]byte) {
	t.Helper()
	for _, m := range hrefRE.FindAllStringSubmatch(page, -1) {
		link := stdhtml.UnescapeString(m[1])
		key := keyOfLink(t, link)
		resp, err := http.Get(link)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		want := share.ContentDisposition(share.DownloadName(key))
		if resp.StatusCode != 200 || !bytes.Equal(body, files[key]) || resp.Header.Get("Content-Disposition") != want {
			t.Errorf("%s: %d, %d bytes, Content-Disposition %q (want %q)", key, resp.StatusCode, len(body),
				resp.Header.Get("Content-Disposition"), want)
		}
	}
}

func TestPageTitlesAreEscaped(t *testing.T) {
	c, srv := connect(t, "team")
	put(t, c, "team", "a.txt", []byte("a"))
	ctx := context.Background()
	sel, err := sharepage.Collect(ctx, c, []s3ops.Location{{Bucket: "team", Key: "a.txt"}}, 10, "")
	if err != nil {
		t.Fatal(err)
	}
	hostile := `</title><script>window.pwned=1</script>"'&`
	p, err := sharepage.MakeDownloadPage(ctx, c, sharepage.DownloadRequest{Selection: sel, Expiry: time.Hour, Title: hostile})
	if err != nil {
		t.Fatal(err)
	}
	page := fetchPage(t, p)
	checkOnlyBucketURLs(t, page, srv.Endpoint)
	if strings.Contains(page, "<script>window") || strings.Count(page, "<script>") != 1 {
		t.Fatalf("the title became markup:\n%s", page)
	}
	var title string
	walk(parsePage(t, page), func(n *html.Node) {
		if n.Data == "h1" && n.FirstChild != nil {
			title = n.FirstChild.Data
		}
	})
	if title != hostile {
		t.Fatalf("h1 = %q", title)
	}
}

func TestUploadPageLinksOnlyToTheBucketAndCarriesEveryPolicyField(t *testing.T) {
	c, srv := connect(t, "team")
	p := makeUploadPage(t, c, `in "box" <b>/`, time.Hour, 1<<20)
	page := fetchPage(t, p)
	checkOnlyBucketURLs(t, page, srv.Endpoint)
	f := uploadForm(t, page)
	if f.action != srv.Endpoint+"/team" {
		t.Errorf("the form posts to %q", f.action)
	}
	got := map[string]string{}
	for _, kv := range f.fields {
		got[kv[0]] = kv[1]
	}
	for _, name := range []string{"key", "content-type", "success_action_status", "x-amz-algorithm", "x-amz-credential",
		"x-amz-date", "policy", "x-amz-signature"} {
		if got[name] == "" {
			t.Errorf("no %s field", name)
		}
	}
	if got["key"] != p.Prefix+"${filename}" || !strings.HasPrefix(p.Prefix, `in "box" <b>/`) || got["success_action_status"] != "201" {
		t.Errorf("key %q, prefix %q", got["key"], p.Prefix)
	}
	if strings.Contains(page, "<b>") {
		t.Error("the folder's name became markup")
	}
	if code, msg := f.post(t, p.Prefix+"ok.txt", []byte("ok")); code != 201 {
		t.Errorf("upload into an odd folder name: %d %s", code, msg)
	}
}

func TestMoreFilesThanTheLimitIsAnErrorThatSaysTheLimit(t *testing.T) {
	c, _ := connect(t, "team")
	for _, k := range []string{"d/a", "d/b", "d/c"} {
		put(t, c, "team", k, []byte(k))
	}
	_, err := sharepage.Collect(context.Background(), c, []s3ops.Location{{Bucket: "team", Key: "d/"}}, 2, "")
	var tooMany *sharepage.TooManyFilesError
	if !errors.As(err, &tooMany) || tooMany.Max != 2 || !strings.Contains(err.Error(), "more than 2 files") {
		t.Fatalf("err = %v, want a TooManyFilesError naming 2", err)
	}
	if _, err := sharepage.Collect(context.Background(), c, []s3ops.Location{{Bucket: "team", Key: "d/"}}, 3, ""); err != nil {
		t.Fatalf("three files under a limit of three: %v", err)
	}
}
