package ui_test

import (
	"bytes"
	"context"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/ferry-s3/ferry/sharepage"
	"github.com/ferry-s3/ferry/ui"
)

// fileLinkRE finds the links of a download page's files.
var fileLinkRE = regexp.MustCompile(`<a class="name file" href="([^"]+)"`)

// pageFiles fetches a download page and every link on it: the key each
// link names and the bytes it served.
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
		_, key, _ := strings.Cut(strings.TrimPrefix(u.Path, "/"), "/") // path style: /bucket/key
		files[key] = body
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
	t.Parallel()
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

// uploadForm reads an upload page's form: where it posts and its hidden
// fields (the POST policy and its signature).
type uploadForm struct {
	action string
	fields [][2]string
}

var (
	formActionRE = regexp.MustCompile(`<form id="upload"[^>]* action="([^"]+)"`)
	hiddenRE     = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)
)

func readUploadForm(t *testing.T, page string) uploadForm {
	t.Helper()
	m := formActionRE.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no upload form on the page:\n%s", page)
	}
	f := uploadForm{action: html.UnescapeString(m[1])}
	for _, h := range hiddenRE.FindAllStringSubmatch(page, -1) {
		f.fields = append(f.fields, [2]string{html.UnescapeString(h[1]), html.UnescapeString(h[2])})
	}
	return f
}

// post uploads body as key, as the page's form does.
func (f uploadForm) post(t *testing.T, key string, body []byte) int {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for _, kv := range f.fields {
		if kv[0] == "key" {
			kv[1] = key
		}
		_ = w.WriteField(kv[0], kv[1])
	}
	fw, _ := w.CreateFormFile("file", "upload.bin")
	_, _ = fw.Write(body)
	_ = w.Close()
	resp, err := http.Post(f.action, w.FormDataContentType(), &b)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestUploadDialogMakesAnUploadPageAndTheLinksViewOpensWhatArrived(t *testing.T) {
	t.Parallel()
	e, h := shareEnv(t, ui.Options{}, map[string]string{"inbox/old.txt": "old"})
	h.press("enter") // into inbox/
	h.wantLocation(ui.RightPane, "s3://docs/inbox/")
	h.press("S")
	h.wantScreen("Upload link into s3://docs/inbox/", "Make", "[upload link]")
	h.press("shift+tab", "right")
	h.wantScreen("Upload page into s3://docs/inbox/", "Max size", "5GiB", "up to 5.0 GiB each")
	h.press("tab", "ctrl+u")
	h.typeText("lots")
	h.wantScreen("is not a size")
	if len(clipboardWrites(h.pressRec("enter"))) != 0 || len(e.pageKeys()) != 0 {
		t.Fatal("enter with a bad size made a page")
	}
	h.press("ctrl+u")
	h.typeText("1KiB")
	link := oneCopy(t, h.pressRec("enter"))
	h.wantScreen("copied (OSC 52 only)", "Uploads land", "s3://docs/inbox/")
	if st := h.m.StatusText(); !strings.HasPrefix(st, "upload page link copied") {
		t.Fatalf("status = %q", st)
	}
	resp, page := fetch(t, link)
	if resp.StatusCode != 200 {
		t.Fatalf("GET upload page: %d", resp.StatusCode)
	}
	f := readUploadForm(t, page)
	prefix := ""
	for _, kv := range f.fields {
		if kv[0] == "key" {
			prefix = strings.TrimSuffix(kv[1], "${filename}")
		}
	}
	if !strings.HasPrefix(prefix, "inbox/") || len(prefix) <= len("inbox/") {
		t.Fatalf("uploads go to %q, want a folder of their own in inbox/", prefix)
	}
	if code := f.post(t, prefix+"hello.txt", []byte("hello from a browser")); code >= 300 {
		t.Fatalf("POST through the page's form: %d", code)
	}
	if code := f.post(t, prefix+"big.bin", bytes.Repeat([]byte("x"), 1025)); code < 400 {
		t.Fatalf("a file over the 1KiB limit was taken: %d", code)
	}

	h.press("esc", "L")
	h.wantScreen("Links and pages made in this run (1)", "upload page", "s3://docs/"+prefix, "o open folder", "d delete page")
	h.press("o")
	h.wantNoDialog()
	h.wantLocation(ui.RightPane, "s3://docs/"+prefix)
	if rows := h.rowsOf(ui.RightPane); len(rows) != 1 || rows[0] != "hello.txt" {
		t.Fatalf("the page's folder shows %v, want what arrived (hello.txt)", rows)
	}
}

// pageKeyOf is the key of the page a "Page  s3://docs/…" line shows.
func pageKeyOf(t *testing.T, screen string) string {
	t.Helper()
	m := regexp.MustCompile(`s3://docs/(\.ferry/pages/\S+\.html)`).FindStringSubmatch(screen)
	if m == nil {
		t.Fatalf("no page key on screen:\n%s", screen)
	}
	return m[1]
}

func TestLinksViewDeletesAPageAndSaysWhatItDoesNotRevoke(t *testing.T) {
	t.Parallel()
	e, h := shareEnv(t, ui.Options{}, map[string]string{"reports/a.txt": "alpha", "reports/b.txt": "beta"})
	h.press("s")
	first := oneCopy(t, h.pressRec("enter"))
	key := pageKeyOf(t, h.screen())
	_, files := pageFiles(t, first)
	var inner string
	for _, m := range fileLinkRE.FindAllStringSubmatch(func() string { _, p := fetch(t, first); return p }(), 1) {
		inner = html.UnescapeString(m[1])
	}
	if len(files) != 2 || inner == "" {
		t.Fatalf("the page lists %d files", len(files))
	}

	h.press("esc", "L")
	h.wantScreen("download page", "s3://docs/reports/ · 2 files", "d delete page")
	again := oneCopy(t, h.pressRec("enter")) // the history keeps no URL: signed anew
	if resp, _ := fetch(t, again); resp.StatusCode != 200 {
		t.Fatalf("the page's link copied again: %d", resp.StatusCode)
	}
	h.press("d")
	h.wantScreen("Delete this download page?", key)
	h.wantWrapped("Deleting the page stops its link, but download links already copied from it keep working until they expire")
	h.press("n")
	if e.headMissing("docs", key) {
		t.Fatal("n deleted the page")
	}
	h.press("d", "y")
	if !e.headMissing("docs", key) {
		t.Fatalf("the page object %s is still there after deleting it", key)
	}
	h.wantScreen("Links made in this run (0)")
	h.wantWrapped("Deleted s3://docs/" + key + ". Deleting the page stops its link, but download links already copied from it keep working until they expire")
	h.wantStatus("page deleted: its link no longer works")
	if resp, _ := fetch(t, first); resp.StatusCode < 400 {
		t.Fatalf("the deleted page's link still answers %d", resp.StatusCode)
	}
	if resp, body := fetch(t, inner); resp.StatusCode != 200 || (body != "alpha" && body != "beta") {
		t.Fatalf("a link copied out of the page stopped (%d): the note would be wrong", resp.StatusCode)
	}
}

func TestLinksViewFindsExpiredPagesInTheBucketAndDeletesThemOnConfirmation(t *testing.T) {
	t.Parallel()
	e, h := shareEnv(t, ui.Options{}, map[string]string{"reports/a.txt": "alpha", "z.txt": "z"})
	// A page of an earlier run, long expired, and an object of the pages
	// folder that is no page.
	old := sharepage.DefaultPagesPrefix + "20240101T000000Z-upload-abcdefghij.html"
	other := sharepage.DefaultPagesPrefix + "notes.txt"
	e.put("docs", old, "<html>", "text/html", nil)
	e.put("docs", other, "keep me", "", nil)
	h.press("s", "left", "left", "left") // 24h → 15m
	h.wantScreen("[15m]")
	link := oneCopy(t, h.pressRec("enter"))
	h.now = signedAt(t, link) // the page lasts 15m from its signing second
	ours := pageKeyOf(t, h.screen())
	h.press("esc", "L")
	h.wantScreen("1 expired page in s3://docs/… press X to delete it.")
	h.press("esc")

	h.now = h.now.Add(20 * time.Minute)
	h.press("L")
	h.wantScreen("2 expired pages in s3://docs/… press X to delete them.", "download page", "expired 5m", "X delete expired pages")
	h.press("X")
	h.wantScreen("Delete 2 expired pages?", "They no longer work")
	h.press("y")
	for _, key := range []string{old, ours} {
		if !e.headMissing("docs", key) {
			t.Errorf("expired page %s is still there", key)
		}
	}
	if e.headMissing("docs", other) {
		t.Fatal("the clean-up deleted an object that is no page")
	}
	h.wantScreen("Deleted 2 expired pages.", "Links made in this run (0)")
	if strings.Contains(h.screen(), "press X") {
		t.Fatalf("the clean-up offer stayed:\n%s", h.screen())
	}
	h.press("X")
	h.wantStatus("no expired pages found")
}

// wantWrapped checks for texts that a dialog may wrap anywhere: the
// screen is read as words, without box lines.
func (h *harness) wantWrapped(parts ...string) {
	h.t.Helper()
	flat := strings.Join(strings.Fields(strings.Map(func(r rune) rune {
		if strings.ContainsRune("│╭╮╰╯─", r) {
			return ' '
		}
		return r
	}, h.screen())), " ")
	for _, p := range parts {
		if !strings.Contains(flat, p) {
			h.t.Fatalf("screen lacks %q:\n%s", p, h.screen())
		}
	}
}

func TestShareMarkedEntriesOffersOnePageThatListsTheObjectsAndTheFolders(t *testing.T) {
	t.Parallel()
	objects := map[string]string{"a.txt": "A", "b.txt": "BB", "sub/deep/x.bin": "xyz", "sub/y.txt": "why"}
	_, h := shareEnv(t, ui.Options{}, objects)
	h.press("space", "space", "space") // sub/, a.txt, b.txt
	h.press("s")
	h.wantScreen("Share 2 objects in s3://docs/", "Share as", "[one link each]", "1 marked folder(s) left out")
	h.press("right")
	h.wantScreen("Share 3 entries in s3://docs/ as one page", "[one page]", "4 files, 9 B from s3://docs/")
	link := oneCopy(t, h.pressRec("enter"))
	_, files := pageFiles(t, link)
	if len(files) != len(objects) {
		t.Fatalf("the page links %d files, want %d", len(files), len(objects))
	}
	for key, body := range objects {
		if string(files[key]) != body {
			t.Errorf("%s: %q, want %q", key, files[key], body)
		}
	}
	// Back to links: the page stays made, links are made as before.
	h.press("left")
	lines := oneCopy(t, h.pressRec("enter"))
	if n := strings.Count(lines, "\t"); n != 2 {
		t.Fatalf("one link each copied %q", lines)
	}
}

func TestAPageIsMadeOpenedAndDeletedOnItsPanesOwnConnection(t *testing.T) {
	t.Parallel()
	g, h := paneConnEnv(t)
	g.b.put("lab", "dir/c.txt", "c on b", "", nil)
	h.press("shift+tab", "w") // the left pane shows the default connection's lab
	h.press("tab")
	h.pick("lab")
	h.press("enter") // into gateway b's lab
	h.cursorTo(ui.RightPane, "dir")
	h.press("s")
	h.wantScreen("Share s3://lab/dir/ as one page", "1 file, 6 B from s3://lab/dir/")
	link := oneCopy(t, h.pressRec("enter"))
	if !strings.Contains(link, g.b.srv.AccessKey) {
		t.Fatalf("the page link is not signed with the pane's connection (b): %s", link)
	}
	if _, files := pageFiles(t, link); string(files["dir/c.txt"]) != "c on b" {
		t.Fatalf("the page's file: %q", files["dir/c.txt"])
	}
	onB, onA := g.b.keysIn("lab", sharepage.DefaultPagesPrefix), g.a.keysIn("lab", sharepage.DefaultPagesPrefix)
	if len(onB) != 1 || len(onA) != 0 {
		t.Fatalf("page objects: %v on b, %v on a", onB, onA)
	}

	// From the left pane (the default connection), the page still opens
	// and deletes on b.
	h.press("esc", "shift+tab", "L", "o")
	h.wantLocation(ui.LeftPane, "s3://lab/dir/")
	h.wantScreen("lab · s3://lab/dir/")
	h.press("L", "d", "y")
	if got := g.b.keysIn("lab", sharepage.DefaultPagesPrefix); len(got) != 0 {
		t.Fatalf("gateway b still has the page: %v", got)
	}
}

func TestAPageOfAnEmptyFolderSaysSoAndEnterCountsAgain(t *testing.T) {
	t.Parallel()
	e, h := shareEnv(t, ui.Options{}, map[string]string{"empty/": ""})
	h.press("s")
	h.wantScreen("Share s3://docs/empty/ as one page", "cannot be listed", "holds no files to share", "enter counts again")
	e.put("docs", "empty/late.txt", "late", "", nil)
	if len(clipboardWrites(h.pressRec("enter"))) != 0 || len(e.pageKeys()) != 0 {
		t.Fatal("enter after a failed count made a page instead of counting again")
	}
	h.wantScreen("1 file, 4 B from s3://docs/empty/")
	link := oneCopy(t, h.pressRec("enter"))
	if _, files := pageFiles(t, link); string(files["empty/late.txt"]) != "late" {
		t.Fatalf("the page's files: %v", files)
	}
}
