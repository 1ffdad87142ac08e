package sharepage_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ferry-s3/ferry/gateway/gwtest"
	"github.com/ferry-s3/ferry/internal/faultproxy"
	"github.com/ferry-s3/ferry/s3ops"
)

// localFiles writes files into a temp dir and returns their paths by name.
func localFiles(t *testing.T, files map[string][]byte) map[string]string {
	t.Helper()
	dir := t.TempDir()
	paths := map[string]string{}
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, body, 0o600); err != nil {
			t.Fatal(err)
		}
		paths[name] = p
	}
	return paths
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}

// uploadRow is one file's row on an upload page.
type uploadRow struct{ Name, Class, State string }

// chooseFiles picks files in the page's file input, as a person would,
// and waits until the page has an outcome for all rows (n in total).
func chooseFiles(t *testing.T, ctx context.Context, n int, paths ...string) map[string]uploadRow {
	t.Helper()
	do(t, ctx, chromedp.SetUploadFiles(chromedp.ID("file"), paths))
	waitFor(t, ctx, `document.querySelectorAll("#list li.done, #list li.failed").length === `+strconv.Itoa(n))
	rows := eval[[]uploadRow](t, ctx, `Array.from(document.querySelectorAll("#list li"), li => ({
		Name: li.querySelector(".name").textContent, Class: li.className, State: li.querySelector(".state").textContent}))`)
	byState := map[string]uploadRow{}
	for _, r := range rows {
		byState[r.State] = r
	}
	return byState
}

// row finds the row whose state starts with state.
func row(t *testing.T, rows map[string]uploadRow, state string) uploadRow {
	t.Helper()
	for s, r := range rows {
		if strings.HasPrefix(s, state) {
			return r
		}
	}
	t.Fatalf("no row says %q: %+v", state, rows)
	return uploadRow{}
}

func TestUploadPageInChromiumUploadsEachFileIntoItsFolderAndNeverOverwrites(t *testing.T) {
	ctx := chromium(t)
	c, _ := connect(t, "team")
	p := makeUploadPage(t, c, "inbox/", time.Hour, 512<<10)
	files := map[string][]byte{"photo.jpg": randomBytes(400 << 10), "notes.txt": []byte("first notes\n"), "big.bin": randomBytes(512<<10 + 1)}
	paths := localFiles(t, files)
	do(t, ctx, chromedp.Navigate(p.URL()))

	rows := chooseFiles(t, ctx, 3, paths["photo.jpg"], paths["notes.txt"], paths["big.bin"])
	row(t, rows, "Uploaded as "+p.Prefix+"photo.jpg")
	row(t, rows, "Uploaded as "+p.Prefix+"notes.txt")
	if big := row(t, rows, "Too large"); big.Name != "big.bin" || big.Class != "failed" || !strings.Contains(big.State, "512.0 KiB") {
		t.Fatalf("the file over the limit: %+v", big)
	}
	for name, body := range files {
		code, got := get(t, c, "team", p.Prefix+name)
		if name == "big.bin" && code != 404 || name != "big.bin" && (code != 200 || !bytes.Equal(got, body)) {
			t.Errorf("%s on the gateway: %d, %d bytes", name, code, len(got))
		}
	}
	if info, err := c.Head(context.Background(), locIn(p.Prefix+"photo.jpg")); err != nil || info.ContentType != "image/jpeg" {
		t.Errorf("photo.jpg stored as %q (%v)", info.ContentType, err)
	}

	// The same name again on this page, then from a fresh visit (which
	// learns the names already taken from the folder's listing).
	chooseFiles(t, ctx, 4, paths["notes.txt"])
	do(t, ctx, chromedp.Reload())
	rows = chooseFiles(t, ctx, 1, paths["notes.txt"])
	row(t, rows, "Uploaded as "+p.Prefix+"notes (3).txt")
	for _, name := range []string{"notes.txt", "notes (2).txt", "notes (3).txt"} {
		if code, got := get(t, c, "team", p.Prefix+name); code != 200 || !bytes.Equal(got, files["notes.txt"]) {
			t.Errorf("%s: %d %q", name, code, got)
		}
	}
}

func TestUploadPageInChromiumSaysWhatTheServerRefused(t *testing.T) {
	ctx := chromium(t)
	c, _ := connect(t, "team")
	p := makeUploadPage(t, c, "inbox/", 4*time.Second, 1000)
	paths := localFiles(t, map[string][]byte{"large.bin": randomBytes(2000), "small.txt": []byte("small")})
	do(t, ctx, chromedp.Navigate(p.URL()))

	// Let the page send a file over the limit, so the server refuses it.
	eval[string](t, ctx, `document.getElementById("upload").dataset.maxSize = "1000000000"`)
	rows := chooseFiles(t, ctx, 1, paths["large.bin"])
	row(t, rows, "Refused: the file is larger than this page accepts (1000 B at most)")

	waitUntil(t, p.Expires)
	rows = chooseFiles(t, ctx, 2, paths["small.txt"])
	row(t, rows, "Refused: this upload page has expired")
	if code, _ := get(t, c, "team", p.Prefix+"small.txt"); code != 404 {
		t.Fatalf("small.txt stored after the policy expired: %d", code)
	}
	do(t, ctx, chromedp.Navigate(p.URL()))
	if text := eval[string](t, ctx, `document.documentElement.textContent`); !strings.Contains(text, "expired") || strings.Contains(text, "Choose files") {
		t.Fatalf("the expired page link still shows something: %s", text)
	}
}

func TestUploadPageInChromiumTakesDroppedFiles(t *testing.T) {
	ctx := chromium(t)
	c, _ := connect(t, "team")
	p := makeUploadPage(t, c, "inbox/", time.Hour, 1000)
	do(t, ctx, chromedp.Navigate(p.URL()))
	// Drop two files on the box, as a person dragging them from a file manager.
	eval[bool](t, ctx, `(() => {
		const dt = new DataTransfer();
		dt.items.add(new File(["dropped one"], "one.txt", {type: "text/plain"}));
		dt.items.add(new File(["dropped two"], "two.csv", {type: "text/csv"}));
		return document.getElementById("drop").dispatchEvent(
			new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
	})()`)
	waitFor(t, ctx, `document.querySelectorAll("#list li.done").length === 2`)
	for name, body := range map[string]string{"one.txt": "dropped one", "two.csv": "dropped two"} {
		if code, got := get(t, c, "team", p.Prefix+name); code != 200 || string(got) != body {
			t.Errorf("%s: %d %q", name, code, got)
		}
	}
	if info, err := c.Head(context.Background(), locIn(p.Prefix+"two.csv")); err != nil || info.ContentType != "text/csv" {
		t.Errorf("two.csv stored as %q (%v)", info.ContentType, err)
	}
}

func TestUploadPageInChromiumRetriesAnUploadTheNetworkCutOff(t *testing.T) {
	ctx := chromium(t)
	srv := gwtest.Start(t)
	proxy := faultproxy.Start(t, srv.Endpoint)
	c, err := s3ops.Connect(context.Background(), s3ops.Settings{EndpointURL: proxy.URL(), Region: srv.Region,
		AccessKey: srv.AccessKey, SecretKey: srv.SecretKey})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.CreateBucket(context.Background(), "team", ""); err != nil {
		t.Fatal(err)
	}
	p := makeUploadPage(t, c, "inbox/", time.Hour, 1<<20)
	body := randomBytes(200 << 10)
	paths := localFiles(t, map[string][]byte{"cut.bin": body})
	do(t, ctx, chromedp.Navigate(p.URL()))
	// Every POST is cut off until the rule is removed (a browser may
	// resend a POST itself once when a connection dies).
	cut := proxy.AddRule(faultproxy.Rule{Name: "cut", Match: faultproxy.Match{Method: "POST"},
		Fault: faultproxy.Fault{Kind: faultproxy.ResetRequest, After: 64 << 10}})
	rows := chooseFiles(t, ctx, 1, paths["cut.bin"])
	row(t, rows, "The upload did not reach the server")
	cut.Remove()
	do(t, ctx, chromedp.Click(chromedp.CSS("#list li.failed button")))
	waitFor(t, ctx, `document.querySelectorAll("#list li.done").length === 1`)
	if code, got := get(t, c, "team", p.Prefix+"cut.bin"); code != 200 || !bytes.Equal(got, body) {
		t.Fatalf("after the retry: %d, %d bytes", code, len(got))
	}
}
