package sharepage_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/share"
	"github.com/ferry-s3/ferry/sharepage"
)

var hrefRE = regexp.MustCompile(`<a class="name file" href="([^"]+)"`)

func TestDeletingAPageStopsItsLinkButNotTheLinksCopiedFromIt(t *testing.T) {
	c, _ := connect(t, "team")
	p := makeDownloadPage(t, c, map[string][]byte{"share/a.txt": []byte("alpha")}, time.Hour)
	inner := html.UnescapeString(hrefRE.FindStringSubmatch(fetchPage(t, p))[1])
	if err := sharepage.Delete(context.Background(), c, p.PageRecord); err != nil {
		t.Fatal(err)
	}
	if code, _ := send(t, http.MethodGet, p.URL(), "", nil); code != http.StatusNotFound {
		t.Fatalf("deleted page's link: %d", code)
	}
	if code, body := send(t, http.MethodGet, inner, "", nil); code != 200 || body != "alpha" {
		t.Fatalf("a link copied from the page: %d %q", code, body)
	}
	if note := sharepage.DeleteNote(p.PageRecord, time.Now()); !strings.Contains(note, "keep working until") {
		t.Fatalf("note = %q", note)
	}
	if err := sharepage.Delete(context.Background(), c, p.PageRecord); err != nil {
		t.Fatalf("deleting it again: %v", err)
	}
}

func TestExpiredPagesAreFoundInTheBucketAndInTheHistory(t *testing.T) {
	c, _ := connect(t, "team")
	short := makeUploadPage(t, c, "inbox/", 2*time.Second, 100)
	long := makeDownloadPage(t, c, map[string][]byte{"share/a.txt": []byte("a")}, time.Hour)
	put(t, c, "team", ".ferry/pages/notes.txt", []byte("not a page"))
	h := share.NewHistory(nil)
	h.AddPage(short.PageRecord)
	h.AddPage(long.PageRecord)

	found, err := sharepage.FindExpired(context.Background(), c, "team", "", time.Now())
	if err != nil || len(found) != 0 {
		t.Fatalf("before expiry: %+v, %v", found, err)
	}
	waitUntil(t, short.Expires)
	found, err = sharepage.FindExpired(context.Background(), c, "team", "", time.Now())
	if err != nil || len(found) != 1 || found[0].Key != short.Key || found[0].Kind != share.UploadPage {
		t.Fatalf("after expiry: %+v, %v (want %s)", found, err, short.Key)
	}
	if old := sharepage.Expired(h.Pages()); len(old) != 1 || old[0].Key != short.Key {
		t.Fatalf("expired in the history: %+v", old)
	}
}

func TestHistoryKeepsPagesWithoutTheirURLsAndRelinkSignsANewOne(t *testing.T) {
	c, _ := connect(t, "team")
	p := makeDownloadPage(t, c, map[string][]byte{"share/a.txt": []byte("a"), "share/b.txt": []byte("b")}, time.Hour)
	h := share.NewHistory(nil)
	h.AddPage(p.PageRecord)
	items := h.Pages()
	if len(items) != 1 || items[0].Count != 2 || items[0].Kind != share.DownloadPage || items[0].Expired ||
		items[0].Left <= 59*time.Minute {
		t.Fatalf("history: %+v", items)
	}
	if dump := fmt.Sprintf("%+v", items); strings.Contains(dump, "X-Amz-Signature") || strings.Contains(dump, "http") {
		t.Fatalf("the history holds a URL: %s", dump)
	}
	l, err := sharepage.Relink(context.Background(), c, items[0].PageRecord, share.Cap)
	if err != nil || l.Expires().After(p.Expires.Add(time.Second)) { // a second boundary may pass while signing
		t.Fatalf("relink: %v, ends %s after the page %s", err, l.Expires(), p.Expires)
	}
	if code, page := send(t, http.MethodGet, l.URL, "", nil); code != 200 || !strings.Contains(page, "a.txt") {
		t.Fatalf("new link: %d", code)
	}
	h.ForgetPage(p.Bucket, p.Key)
	if len(h.Pages()) != 0 {
		t.Fatal("ForgetPage kept the page")
	}
}
