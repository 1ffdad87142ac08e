package ui_test

import (
	"context"
	"image/color"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/ferry-s3/ferry/internal/qrtest"
	"github.com/ferry-s3/ferry/share"
	"github.com/ferry-s3/ferry/ui"
)

func TestShareMarkedObjectsCopiesNameTabURLLinesAndReportsFailures(t *testing.T) {
	t.Parallel()
	e, h := shareEnv(t, ui.Options{}, map[string]string{"a.txt": "A", "b.txt": "BB", "c.txt": "CCC", "sub/x": "x"})
	h.press("space", "space", "space", "space") // a.txt b.txt c.txt and the folder sub
	h.press("s")
	h.wantScreen("Share 3 objects in s3://docs/", "a.txt, b.txt, c.txt", "1 marked folder(s) left out")
	// c.txt disappears before the links are made.
	if _, err := e.sdk.DeleteObject(context.Background(), &s3.DeleteObjectInput{Bucket: aws.String("docs"), Key: aws.String("c.txt")}); err != nil {
		t.Fatal(err)
	}
	text := oneCopy(t, h.pressRec("enter"))
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("copied %q, want two name<TAB>url lines", text)
	}
	for i, want := range map[int][2]string{0: {"a.txt", "A"}, 1: {"b.txt", "BB"}} {
		name, link, ok := strings.Cut(lines[i], "\t")
		if !ok || name != want[0] {
			t.Fatalf("line %d = %q", i, lines[i])
		}
		if resp, body := fetch(t, link); resp.StatusCode != 200 || body != want[1] {
			t.Fatalf("%s: %d %q", name, resp.StatusCode, body)
		}
	}
	h.wantScreen("2 links made as name⇥url lines: copied (OSC 52 only)", "1 failed:", "c.txt")
	if strings.Contains(h.screen(), `\x1b`) {
		t.Fatalf("escaped styling on screen:\n%s", h.screen())
	}
	if st := h.m.StatusText(); !strings.HasPrefix(st, "2 links copied") || !strings.Contains(st, "1 failed") {
		t.Fatalf("status = %q", st)
	}
}

func TestUploadLinkCopiesURLAndCurlThatUploadWithTheSignedType(t *testing.T) {
	t.Parallel()
	e, h := shareEnv(t, ui.Options{}, map[string]string{"existing.txt": "x"})
	h.press("S")
	h.wantScreen("Upload link into s3://docs/")
	h.typeText("in/data.csv")
	h.wantScreen("text/csv", "guessed from the name")
	text := oneCopy(t, h.pressRec("enter"))
	link, curl, _ := strings.Cut(strings.TrimSuffix(text, "\n"), "\n")
	csv := share.GuessContentType("data.csv") // text/csv, with a charset on some systems
	if !strings.HasPrefix(csv, "text/csv") {
		t.Fatalf("guessed %q for .csv", csv)
	}
	wantCurl := "curl -X PUT -H 'Content-Type: " + csv + "' --upload-file 'data.csv' '" + link + "'"
	if curl != wantCurl {
		t.Fatalf("copied command\n%s\nwant\n%s", curl, wantCurl)
	}
	h.wantScreen("link and command copied (OSC 52 only)", "curl -X PUT")
	if st := h.m.StatusText(); !strings.HasPrefix(st, "upload link and curl command copied via OSC 52 only") {
		t.Fatalf("status = %q", st)
	}
	put := func(ct, body string) int {
		req, _ := http.NewRequest(http.MethodPut, link, strings.NewReader(body))
		req.Header.Set("Content-Type", ct)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := put("text/plain", "wrong type"); code != http.StatusForbidden {
		t.Fatalf("PUT with another Content-Type: %d, want 403 (the type is signed)", code)
	}
	if code := put(csv, "a,b\n1,2\n"); code != 200 {
		t.Fatalf("PUT: %d", code)
	}
	out, err := e.sdk.HeadObject(context.Background(), &s3.HeadObjectInput{Bucket: aws.String("docs"), Key: aws.String("in/data.csv")})
	if err != nil || aws.ToString(out.ContentType) != csv || aws.ToInt64(out.ContentLength) != 8 {
		t.Fatalf("uploaded object: %v %+v", err, out)
	}
}

func TestUploadLinkTypeFollowsNameUntilEditedAndNameIsChecked(t *testing.T) {
	t.Parallel()
	_, h := shareEnv(t, ui.Options{}, nil)
	h.press("S")
	h.typeText("a/../b")
	h.wantScreen(`"." and ".." cannot be used`)
	if len(clipboardWrites(h.pressRec("enter"))) != 0 {
		t.Fatal("enter with a bad name copied something")
	}
	h.press("backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
	h.typeText("photo.png")
	h.wantScreen("image/png")
	h.press("tab", "ctrl+u")
	h.typeText("image/x-mine")
	h.press("shift+tab")
	h.typeText("x")
	h.wantScreen("photo.pngx", "image/x-mine")
}

func TestLinksViewCountsDownShowsExpiredAndCopiesAgain(t *testing.T) {
	t.Parallel()
	_, h := shareEnv(t, ui.Options{}, map[string]string{"report.txt": "r"})
	h.press("L")
	h.wantScreen("Links made in this run (0)", "No links yet")
	h.press("esc")
	h.press("s", "left", "left", "left") // 24h → 8h → 1h → 15m
	h.wantScreen("[15m]")
	link := oneCopy(t, h.pressRec("enter"))
	h.now = signedAt(t, link) // the link lasts 15m from its signing second
	h.press("esc", "L")
	h.wantScreen("Links made in this run (1)", "download", "s3://docs/report.txt", "in 15m ")
	if again := oneCopy(t, h.pressRec("enter")); again != link {
		t.Fatal("enter in the links view did not copy the link again")
	}
	h.now = h.now.Add(10 * time.Minute)
	h.send(ui.TickMsg{At: h.now})
	h.wantScreen("in 5m ")
	h.now = h.now.Add(6 * time.Minute)
	h.send(ui.TickMsg{At: h.now})
	h.wantScreen("expired 1m ago")
	if len(clipboardWrites(h.pressRec("enter"))) != 0 || !strings.Contains(h.m.StatusText(), "that link has expired") {
		t.Fatalf("enter on an expired link: status %q", h.m.StatusText())
	}
	h.press("esc")
	if h.m.Dialog() != nil {
		t.Fatal("esc did not close the links view")
	}
}

// tickRecorder replaces the clock's timer: it keeps the share views'
// once-a-second ticks so the test fires them itself.
type tickRecorder struct{ pending []func(time.Time) tea.Msg }

func (r *tickRecorder) install(h *harness) {
	h.m.Context().Clock.Tick = func(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
		if d == time.Second {
			r.pending = append(r.pending, fn)
		}
		return nil
	}
}

// fire delivers the pending ticks and reports how many were re-armed.
func (r *tickRecorder) fire(h *harness) int {
	due := r.pending
	r.pending = nil
	for _, fn := range due {
		h.send(fn(h.now))
	}
	return len(r.pending)
}

func TestShareTicksRunOnlyWhileAViewIsOpen(t *testing.T) {
	t.Parallel()
	_, h := shareEnv(t, ui.Options{}, map[string]string{"a": "a"})
	var ticks tickRecorder
	ticks.install(h)
	h.press("s")
	if len(ticks.pending) != 1 || ticks.fire(h) != 1 || ticks.fire(h) != 1 {
		t.Fatal("an open share dialog should keep one tick armed")
	}
	h.press("esc")
	if ticks.fire(h) != 0 {
		t.Fatal("the tick loop went on after the dialog closed")
	}
	// A tick of a closed dialog arriving after another opened is dropped
	// without stopping the new one's.
	h.press("L")
	stale := append([]func(time.Time) tea.Msg(nil), ticks.pending...)
	h.press("esc", "s")
	ticks.pending = append(ticks.pending, stale...)
	if n := ticks.fire(h); n != 1 {
		t.Fatalf("%d ticks armed, want the open dialog's one", n)
	}
	h.press("esc")
	if ticks.fire(h) != 0 {
		t.Fatal("ticks leaked")
	}
}

func TestShareResultForAClosedDialogIsDropped(t *testing.T) {
	t.Parallel()
	_, h := shareEnv(t, ui.Options{}, map[string]string{"a.txt": "a"})
	h.press("s")
	_, makeLink := h.m.Update(keyMsg("enter")) // signing, not yet run
	h.press("esc", "s")
	if seen := h.runRec(makeLink); len(clipboardWrites(seen)) != 0 {
		t.Fatal("a link for a closed dialog was copied")
	}
	if sc := h.screen(); strings.Contains(sc, "X-Amz-Signature") || strings.Contains(sc, "Link ") || strings.Contains(sc, "cancel") {
		t.Fatalf("the reopened dialog shows the old dialog's result:\n%s", h.screen())
	}
	h.press("esc", "L")
	h.wantScreen("Links made in this run (0)")
}

func TestShareQRDrawsForTheBackgroundOrSaysTooSmall(t *testing.T) {
	t.Parallel()
	_, h := shareEnv(t, ui.Options{}, map[string]string{"q.txt": "q"})
	h.press("s", "ctrl+q")
	h.wantScreen("[x] show (ctrl+q)")
	link := oneCopy(t, h.pressRec("enter"))
	h.wantScreen("q.txt · ends")
	drawn := qrOnScreen(t, h.screen(), link)
	if got, err := qrtest.Decode(drawn, false); err != nil || got != link {
		t.Fatalf("the code on a dark terminal scans as %q (%v), want the link %q", got, err, link)
	}

	h.send(tea.BackgroundColorMsg{Color: color.White})
	drawn = qrOnScreen(t, h.screen(), link)
	if got, err := qrtest.Decode(drawn, true); err != nil || got != link {
		t.Fatalf("the code on a light terminal scans as %q (%v), want the link", got, err)
	}
	if _, err := qrtest.Decode(drawn, false); err == nil {
		t.Fatal("the light terminal's code also scans as drawn for a dark one: it was not redrawn")
	}

	h.send(tea.WindowSizeMsg{Width: 80, Height: 30})
	h.wantScreen("The window is too small for the QR code", "80×30")
	if n := strings.Count(h.screen(), "▀") + strings.Count(h.screen(), "▄"); n > 0 {
		t.Fatalf("a cut QR code was drawn (%d half blocks)", n)
	}
	h.press("ctrl+q")
	h.wantScreen("Share s3://docs/q.txt", "[ ] show (ctrl+q)")
}

// qrOnScreen cuts the QR code of link out of the screen: as many rows
// and columns as the link's code has, starting under the dialog's title
// (the code is drawn flush with it).
func qrOnScreen(t *testing.T, screen, link string) []string {
	t.Helper()
	code, err := share.QR(link)
	if err != nil {
		t.Fatal(err)
	}
	want := qrtest.Lines(code)
	width := len([]rune(want[0]))
	lines := strings.Split(screen, "\n")
	for i, l := range lines {
		byteCol := strings.Index(l, "q.txt · ends")
		if byteCol < 0 {
			continue
		}
		col := len([]rune(l[:byteCol]))
		if i+len(want) >= len(lines) {
			break
		}
		var rows []string
		for _, row := range lines[i+1 : i+1+len(want)] {
			r := []rune(row)
			if len(r) < col+width {
				t.Fatalf("screen row too short for the code:\n%s", screen)
			}
			rows = append(rows, string(r[col:col+width]))
		}
		return rows
	}
	t.Fatalf("no QR code under a title on screen:\n%s", screen)
	return nil
}

func TestShareKeysSayWhyWhereTheyDoNotApplyAndHelpHidesThem(t *testing.T) {
	t.Parallel()
	e, h := shareEnv(t, ui.Options{}, map[string]string{"sub/x": "x", "z.txt": "z"})
	enabled := func(k string) bool {
		for _, b := range h.m.ShortHelp() {
			if b.Enabled() && b.Help().Key == k {
				return true
			}
		}
		return false
	}
	// S3 pane, cursor on the folder sub/: s shares it as one page.
	if !enabled("s") || !enabled("S") {
		t.Fatal("on a folder the help should offer s (a page) and S")
	}
	h.press("s")
	h.wantScreen("Share s3://docs/sub/ as one page")
	h.press("esc", "down")
	if !enabled("s") {
		t.Fatal("on an object the help should offer s")
	}
	// The local pane.
	e.file("local.txt", "l")
	h.press("tab")
	for _, k := range []string{"s", "S"} {
		h.press(k)
		if h.m.Dialog() != nil || !strings.Contains(h.m.StatusText(), "share links are for S3") {
			t.Fatalf("%s on the local pane: status %q", k, h.m.StatusText())
		}
		if enabled(k) {
			t.Fatalf("%s is offered in the local pane's help", k)
		}
	}
	// The bucket list: S makes an upload link into the bucket under the cursor.
	h.press("tab", "backspace")
	h.wantLocation(ui.RightPane, "s3://")
	if enabled("s") || !enabled("S") {
		t.Fatal("in the bucket list the help should offer S only")
	}
	h.press("s")
	if !strings.Contains(h.m.StatusText(), "open a bucket first") {
		t.Fatalf("s in the bucket list: %q", h.m.StatusText())
	}
	h.press("S")
	h.wantScreen("Upload link into s3://docs/")
	// The full help lists the share keys that work.
	h.press("esc", "?")
	h.wantScreen("upload link", "links made")
}

// signedAt is the X-Amz-Date of a presigned link.
func signedAt(t *testing.T, link string) time.Time {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	at, err := time.Parse("20060102T150405Z", u.Query().Get("X-Amz-Date"))
	if err != nil {
		t.Fatal(err)
	}
	return at
}
