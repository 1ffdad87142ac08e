package ui_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/ui"
	"github.com/ferry-s3/ferry/ui/peek"
)

const (
	goSource = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hello\")\n}\n"
	readme   = "# Ferry Title\n\nSome *emphasis* and a list:\n\n- one\n- two\n"
)

func pngOf(t *testing.T, w, h int) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	img.Set(0, 0, color.Black)
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// previewFixtures puts the same four files in the local folder and in
// bucket "prev".
func previewFixtures(t *testing.T) *env {
	e := newEnv(t)
	e.bucket("prev")
	files := map[string]string{"a-main.go": goSource, "b-README.md": readme, "c-pic.png": pngOf(t, 320, 200),
		"d-blob.bin": "\x00\x01\x02ferry\xff" + strings.Repeat("\x00", 100)}
	for name, body := range files {
		e.file(name, body)
		e.put("prev", name, body, "", nil)
	}
	return e
}

// settlePreview lets the cursor settle: the heartbeat after Settle loads
// the preview.
func (h *harness) settlePreview() {
	h.t.Helper()
	h.now = h.now.Add(peek.Settle + 10*time.Millisecond)
	h.send(ui.TickMsg{At: h.now})
}

func (h *harness) previewText() string { return ansi.Strip(h.m.Preview().View()) }

func (h *harness) wantPreview(parts ...string) {
	h.t.Helper()
	s := h.previewText()
	for _, p := range parts {
		if !strings.Contains(s, p) {
			h.t.Fatalf("preview lacks %q:\n%s", p, s)
		}
	}
}

func TestPreviewShowsEveryKindLocallyAndInS3(t *testing.T) {
	t.Parallel()
	e := previewFixtures(t)
	h := e.start(ui.Options{S3Start: s3ops.Location{Bucket: "prev"}}, 150, 40)
	h.press("p")
	for _, pane := range []int{ui.LeftPane, ui.RightPane} {
		if pane == ui.RightPane {
			h.press("tab")
		}
		h.cursorTo(pane, "a-main.go")
		h.settlePreview()
		h.wantPreview("Preview: a-main.go", "go ·", "package main", `fmt.Println("hello")`)
		if raw := h.m.Preview().View(); !strings.Contains(raw, "\x1b[38;2;") {
			t.Fatalf("pane %d: Go source is not highlighted:\n%q", pane, raw)
		}

		h.cursorTo(pane, "b-README.md")
		h.settlePreview()
		h.wantPreview("markdown ·", "Ferry Title", "emphasis", "• one")
		if strings.Contains(h.previewText(), "# Ferry Title") {
			t.Fatalf("pane %d: Markdown is not rendered:\n%s", pane, h.previewText())
		}

		h.cursorTo(pane, "c-pic.png")
		h.settlePreview()
		h.wantPreview("PNG image · 320×200", "Dimensions  320 × 200 pixels")

		h.cursorTo(pane, "d-blob.bin")
		h.settlePreview()
		h.wantPreview("binary ·", "00000000  00 01 02 66 65 72 72 79 |...ferry|", "00000008  ff 00 00 00 00 00 00 00 |........|")
	}
	// The column sits right of the panes and the frame still fits.
	for _, l := range strings.Split(h.screen(), "\n") {
		if ansi.StringWidth(l) > 150 {
			t.Fatalf("line wider than the window: %q", l)
		}
	}
	h.press("p")
	if h.m.Preview().Visible() || strings.Contains(h.screen(), "Preview:") {
		t.Fatal("p hides the column")
	}
}

func TestFastCursorMovesLoadOnlyTheFinalPreview(t *testing.T) {
	t.Parallel()
	e := previewFixtures(t)
	h := e.start(ui.Options{S3Start: s3ops.Location{Bucket: "prev"}}, 150, 40)
	h.press("tab", "p")
	h.press("down", "down", "down", "up", "down") // no time passes: nothing loads
	if n := h.m.Preview().Loads(); n != 0 {
		t.Fatalf("%d loads while the cursor was moving", n)
	}
	h.now = h.now.Add(peek.Settle / 2)
	h.send(ui.TickMsg{At: h.now})
	if n := h.m.Preview().Loads(); n != 0 {
		t.Fatalf("%d loads before the cursor settled", n)
	}
	h.settlePreview()
	h.settlePreview()
	if n := h.m.Preview().Loads(); n != 1 {
		t.Fatalf("%d loads, want 1", n)
	}
	h.wantPreview("Preview: d-blob.bin", "binary")
}

func TestPreviewScrollsAndFolderNeedsNoLoad(t *testing.T) {
	t.Parallel()
	e := previewFixtures(t)
	long := strings.Builder{}
	for i := range 200 {
		long.WriteString("line ")
		long.WriteString(strings.Repeat("x", i%7))
		long.WriteString("\n")
	}
	e.file("e-long.txt", long.String())
	e.dir("folder")
	h := e.start(ui.Options{}, 150, 30)
	h.press("p")
	h.cursorTo(ui.LeftPane, "folder")
	h.settlePreview()
	h.wantPreview("folder/ is a folder")
	if n := h.m.Preview().Loads(); n != 0 {
		t.Fatalf("a folder needs no load, got %d", n)
	}
	h.cursorTo(ui.LeftPane, "e-long.txt")
	h.settlePreview()
	h.wantPreview("text ·", "0%")
	h.press("J", "J", "J")
	if got := h.m.Preview().Offset(); got != 9 {
		t.Fatalf("offset %d after three scrolls, want 9", got)
	}
	h.press("K")
	if got := h.m.Preview().Offset(); got != 6 {
		t.Fatalf("offset %d, want 6", got)
	}
	h.press("up") // another entry: back to the top once loaded
	h.settlePreview()
	if got := h.m.Preview().Offset(); got != 0 {
		t.Fatalf("offset %d on a new entry", got)
	}
}

// An object that went away since the listing previews as an error
// saying so, in the column; browsing goes on.
func TestPreviewOfAVanishedObjectSaysWhy(t *testing.T) {
	t.Parallel()
	e := previewFixtures(t)
	h := e.start(ui.Options{S3Start: s3ops.Location{Bucket: "prev"}}, 150, 30)
	h.press("tab", "p")
	h.cursorTo(ui.RightPane, "b-README.md")
	if _, err := e.client.Delete(context.Background(), s3ops.Location{Bucket: "prev", Key: "b-README.md"}, s3ops.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	h.settlePreview()
	h.wantPreview("no such object")
	h.press("up")
	h.settlePreview()
	h.wantPreview("package main")
}
