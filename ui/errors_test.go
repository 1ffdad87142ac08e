package ui_test

import (
	"context"
	"os"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/ui"
)

func TestMissingBucketIsShownInPaneAndUserCanGoBack(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	h := e.start(ui.Options{S3Start: s3ops.Location{Bucket: "no-such-bucket", Key: "x/"}}, 120, 30)
	h.wantPane(ui.RightPane, "no such bucket (NoSuchBucket)", "←/h goes back · r retries")
	h.press("tab", "backspace", "backspace")
	h.wantLocation(ui.RightPane, "s3://")
	h.wantPane(ui.RightPane, "photos/")
}

func TestUnreachableEndpointOnRefreshIsShownInPane(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	h := e.start(ui.Options{S3Start: s3ops.Location{Bucket: "photos"}}, 120, 30)
	h.wantPane(ui.RightPane, "cat.png")
	if err := e.srv.Stop(); err != nil {
		t.Fatal(err)
	}
	h.press("tab", "r")
	h.wantPane(ui.RightPane, "cannot reach the S3 endpoint")
	h.press("i", "enter", "j", "space", "/", "esc") // nothing to act on: no crash
	h.press("backspace")
	h.wantLocation(ui.RightPane, "s3://")
	h.wantPane(ui.RightPane, "cannot reach")
}

func TestWrongSecretKeyIsShownInPane(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	bad, err := s3ops.Connect(context.Background(), s3ops.Settings{EndpointURL: e.srv.Endpoint,
		Region: e.srv.Region, AccessKey: e.srv.AccessKey, SecretKey: "not-the-secret"})
	if err != nil {
		t.Fatal(err)
	}
	h := e.start(ui.Options{Client: bad}, 120, 30)
	h.wantPane(ui.RightPane, "signature was rejected")
}

func TestUnreadableLocalDirIsShownInPane(t *testing.T) {
	t.Parallel()
	if os.Geteuid() == 0 {
		// root reads everything; use a directory that vanishes instead.
		e := fixtures(t)
		gone := e.dir("gone")
		h := e.start(ui.Options{LocalDir: gone}, 120, 30)
		if err := os.Remove(gone); err != nil {
			t.Fatal(err)
		}
		h.press("r")
		h.wantPane(ui.LeftPane, "does not exist")
		h.press("backspace")
		h.wantPane(ui.LeftPane, "alpha.txt")
		return
	}
	e := fixtures(t)
	locked := e.dir("locked")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(locked, 0o755) })
	h := e.start(ui.Options{LocalDir: locked}, 120, 30)
	h.wantPane(ui.LeftPane, "permission denied")
}

func TestTinyTerminalShowsMessageAndRecovers(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	h := e.start(ui.Options{}, 30, 8)
	h.wantScreen("Terminal too small: 30×8", "at least 40×10")
	h.press("tab", "j", "enter") // ignored, no crash
	h.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	h.wantPane(ui.LeftPane, "alpha.txt")
	h.send(tea.WindowSizeMsg{Width: 39, Height: 40})
	h.wantScreen("Terminal too small")
	h.press("q")
	if !h.quit {
		t.Fatal("q should still quit from the too-small screen")
	}
}

// TestResizeReflowsToExactSize checks every frame fills the terminal
// exactly: no line wider than the window, one line per row.
func TestResizeReflowsToExactSize(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	e.file("a-file-with-a-really-long-name-that-cannot-possibly-fit-anywhere.txt", "x")
	e.file("日本語のファイル名と長い説明がここに入ります.txt", "x")
	h := e.start(ui.Options{S3Start: s3ops.Location{Bucket: "photos"}}, 120, 30)
	for _, size := range [][2]int{{120, 30}, {80, 24}, {41, 10}, {200, 60}, {57, 13}} {
		h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		for _, keys := range [][]string{nil, {"/"}, {"esc", "i"}, {"esc"}} {
			h.press(keys...)
			checkFrame(t, h, size[0], size[1])
		}
	}
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	// Cut in the middle, keeping the extension (and so the columns line up).
	h.wantPane(ui.LeftPane, "a-file-with-a-really…re.txt      1 B", "日本語のファイル名と…す.txt      1 B")
}

func checkFrame(t *testing.T, h *harness, w, hgt int) {
	t.Helper()
	lines := strings.Split(h.m.View().Content, "\n")
	if len(lines) != hgt {
		t.Fatalf("%dx%d: frame has %d lines:\n%s", w, hgt, len(lines), h.screen())
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw != w {
			t.Fatalf("%dx%d: line %d is %d wide: %q\n%s", w, hgt, i, lw, ansi.Strip(l), h.screen())
		}
	}
}
