package sharepage_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/share"
	"github.com/ferry-s3/ferry/sharepage"
)

// hostileFiles are objects whose names a page must show as text: markup,
// quotes, ampersands, unicode, spaces.
func hostileFiles() map[string][]byte {
	big := make([]byte, 300<<10)
	_, _ = rand.Read(big)
	return map[string][]byte{
		"share/report.bin":                                 big,
		"share/notes/日本 語 é.txt":                           []byte("unicode name\n"),
		"share/odd/<img src=x onerror=window.pwned=1>.txt": []byte("markup in a name"),
		`share/odd/"quoted" & 'single' ?x=1#y.txt`:         []byte("quotes, ampersand, query-looking name"),
		"share/empty.txt":                                  {},
	}
}

func makeDownloadPage(t *testing.T, c *s3ops.Client, files map[string][]byte, expiry time.Duration) sharepage.Page {
	t.Helper()
	for key, body := range files {
		put(t, c, "team", key, body)
	}
	ctx := context.Background()
	sel, err := sharepage.Collect(ctx, c, []s3ops.Location{{Bucket: "team", Key: "share/"}}, 100, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(sel.Files) != len(files) {
		t.Fatalf("collected %s, want %d files", sel.Summary(), len(files))
	}
	p, err := sharepage.MakeDownloadPage(ctx, c, sharepage.DownloadRequest{Selection: sel, Expiry: expiry})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// downloads records the downloads Chromium starts: their URL and, once
// complete, the file it saved (named by the download's guid).
type downloads struct {
	mu    sync.Mutex
	url   map[string]string // guid → URL
	name  map[string]string // guid → the name the browser would save under
	done  map[string]bool
	dir   string
	count int
	// progress gets a signal after every completed download.
	progress chan struct{}
}

func watchDownloads(t *testing.T, ctx context.Context) *downloads {
	t.Helper()
	d := &downloads{url: map[string]string{}, name: map[string]string{}, done: map[string]bool{}, dir: t.TempDir(),
		progress: make(chan struct{}, 1)}
	if err := chromedp.ListenBrowser(ctx, d.event); err != nil {
		t.Fatal(err)
	}
	events := true
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: d.dir, EventsEnabled: &events}); err != nil {
		t.Fatal(err)
	}
	return d
}

func (d *downloads) event(ev any) {
	d.mu.Lock()
	defer d.mu.Unlock()
	switch ev := ev.(type) {
	case *browser.EventDownloadWillBegin:
		d.url[ev.GUID], d.name[ev.GUID] = ev.URL, ev.SuggestedFilename
	case *browser.EventDownloadProgress:
		if ev.State == browser.DownloadProgressStateCompleted && !d.done[ev.GUID] {
			d.done[ev.GUID] = true
			d.count++
			select {
			case d.progress <- struct{}{}:
			default:
			}
		}
	}
}

// await waits until n downloads have completed (or a minute has passed).
func (d *downloads) await(n int) {
	timeout := time.After(time.Minute)
	for {
		d.mu.Lock()
		count := d.count
		d.mu.Unlock()
		if count >= n {
			return
		}
		select {
		case <-d.progress:
		case <-timeout:
			return
		}
	}
}

func TestDownloadPageInChromiumSavesEveryFileByteExactUnderItsName(t *testing.T) {
	ctx := chromium(t)
	c, _ := connect(t, "team")
	files := hostileFiles()
	p := makeDownloadPage(t, c, files, time.Hour)
	got := watchDownloads(t, ctx)
	do(t, ctx, chromedp.Navigate(p.URL()))

	// Every name is shown as text, exactly, and no markup in a name ran.
	names := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("a.file"), a => a.textContent)`)
	for _, n := range names {
		if _, ok := files["share/"+n]; !ok {
			t.Errorf("the page shows %q, which is no file", n)
		}
	}
	if len(names) != len(files) || eval[bool](t, ctx, `window.pwned === 1 || document.querySelector("img") !== null`) {
		t.Fatalf("names shown: %q; markup in a name became markup", names)
	}

	do(t, ctx, chromedp.Click(chromedp.ID("all")))
	got.await(len(files))
	checkDownloads(t, got, files)
}

// checkDownloads compares every saved download with the object its link
// names, and the name the browser would save it under with the key's.
func checkDownloads(t *testing.T, got *downloads, files map[string][]byte) {
	t.Helper()
	got.mu.Lock()
	defer got.mu.Unlock()
	if got.count != len(files) {
		t.Fatalf("%d of %d downloads completed", got.count, len(files))
	}
	seen := map[string]bool{}
	for guid := range got.done {
		key := keyOfLink(t, got.url[guid])
		want, ok := files[key]
		if !ok || seen[key] {
			t.Errorf("download of %q: not one of the files, or twice", key)
			continue
		}
		seen[key] = true
		body, err := os.ReadFile(filepath.Join(got.dir, guid))
		if err != nil || !bytes.Equal(body, want) {
			t.Errorf("%s: saved %d bytes (%v), want %d, equal=%v", key, len(body), err, len(want), bytes.Equal(body, want))
		}
		if name, want := got.name[guid], browserSafe(share.DownloadName(key)); name != want {
			t.Errorf("%s would be saved as %q, want %q", key, name, want)
		}
	}
}

// browserSafe is a file name as Chromium saves it: characters some file
// systems refuse (<>:"\|?*) become "_".
func browserSafe(name string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`<>:"\|?*`, r) {
			return '_'
		}
		return r
	}, name)
}
