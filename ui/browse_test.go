package ui_test

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/ui"
)

// fixtures: a local tree and a bucket with nested prefixes.
func fixtures(t *testing.T) *env {
	e := newEnv(t)
	e.file("alpha.txt", "hello")
	e.file("beta.bin", strings.Repeat("b", 2048))
	e.file(".hidden", "secret")
	e.file("docs/readme.md", "# docs")
	e.dir("docs")
	e.bucket("photos")
	e.bucket("zeta-empty")
	e.put("photos", "2024/a.jpg", "aaaa", "image/jpeg", nil)
	e.put("photos", "2024/b.jpg", "bbbbbbbb", "image/jpeg", nil)
	e.put("photos", "cat.png", strings.Repeat("c", 3000), "image/png", nil)
	e.put("photos", "notes.txt", "n", "text/plain", map[string]string{"owner": "ana"})
	return e
}

func TestStartsWithLocalDirLeftAndBucketsRight(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	h := e.start(ui.Options{}, 120, 30)
	h.wantLocation(ui.LeftPane, e.local)
	h.wantPane(ui.LeftPane, "docs/", "alpha.txt", "5 B", "beta.bin", "2.0 KiB", "2024-03-15 09:30")
	if strings.Contains(h.paneText(ui.LeftPane), ".hidden") {
		t.Fatal("dot-files should be hidden by default")
	}
	h.wantPane(ui.RightPane, "s3://", "photos/", "zeta-empty/")
	if got := h.rowsOf(ui.LeftPane); !slices.Equal(got, []string{"docs/", "alpha.txt", "beta.bin"}) {
		t.Fatalf("left rows = %v (folders first, then by name)", got)
	}
}

func TestNavigateIntoAndOutOfPrefixes(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	h := e.start(ui.Options{}, 120, 30)
	h.press("tab", "enter")
	h.wantPane(ui.RightPane, "s3://photos/", "2024/", "cat.png", "notes.txt")
	h.press("enter")
	h.wantPane(ui.RightPane, "s3://photos/2024/", "a.jpg", "b.jpg")
	h.press("backspace")
	h.wantPane(ui.RightPane, "s3://photos/", "cat.png")
	if got := h.current(ui.RightPane); got != "2024" {
		t.Fatalf("after going up the cursor is on %q, want the prefix we came from", got)
	}
	h.press("j", "l") // l on an object: nothing to open, a hint instead
	if !strings.Contains(h.m.StatusText(), "not a folder") {
		t.Fatalf("status = %q", h.m.StatusText())
	}
	h.press("left")
	h.wantPane(ui.RightPane, "s3://", "zeta-empty/")
	if got := h.current(ui.RightPane); got != "photos" {
		t.Fatalf("cursor on %q, want photos", got)
	}
	h.press("G", "right")
	h.wantPane(ui.RightPane, "s3://zeta-empty/", "(empty)")
	// Local side: into docs and back.
	h.press("tab", "enter")
	h.wantPane(ui.LeftPane, "readme.md")
	h.press("h")
	h.wantPane(ui.LeftPane, "alpha.txt")
	if h.current(ui.LeftPane) != "docs" {
		t.Fatalf("cursor on %q, want docs", h.current(ui.LeftPane))
	}
}

func TestFilterNarrowsRowsAndEscClears(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	h := e.start(ui.Options{S3Start: s3ops.Location{Bucket: "photos"}}, 120, 30)
	h.press("tab", "/")
	h.typeText("TXT") // smart case: upper case matches exactly, so nothing
	h.wantPane(ui.RightPane, "no entries match “TXT”")
	for range 3 {
		h.press("backspace")
	}
	h.typeText("t")
	if got := h.rowsOf(ui.RightPane); !slices.Equal(got, []string{"cat.png", "notes.txt"}) {
		t.Fatalf("filter t: rows %v", got)
	}
	h.typeText("xt")
	if got := h.rowsOf(ui.RightPane); !slices.Equal(got, []string{"notes.txt"}) {
		t.Fatalf("filter txt: rows %v", got)
	}
	h.press("enter") // keep the filter, back to the list
	h.wantPane(ui.RightPane, "filter: txt")
	h.wantScreen("1/1", "2 hidden or filtered")
	h.press("q") // q is quit again once the filter input is closed…
	if !h.quit {
		t.Fatal("q after enter should quit")
	}
	h.quit = false
	h.press("esc")
	if got := h.rowsOf(ui.RightPane); len(got) != 3 {
		t.Fatalf("esc should clear the filter: rows %v", got)
	}
	h.press("/")
	h.typeText("q") // …but while typing it is just a letter
	if h.quit {
		t.Fatal("typing q into the filter quit the program")
	}
	h.press("esc")
	if h.m.Pane(ui.RightPane).FilterText() != "" {
		t.Fatal("esc in the filter input should clear it")
	}
}

func TestSortByNameSizeTimeBothWays(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	h := e.start(ui.Options{S3Start: s3ops.Location{Bucket: "photos"}}, 120, 30)
	h.press("tab")
	name := []string{"2024/", "cat.png", "notes.txt"}
	if got := h.rowsOf(ui.RightPane); !slices.Equal(got, name) {
		t.Fatalf("by name: %v", got)
	}
	h.press("o") // size
	if got := h.rowsOf(ui.RightPane); !slices.Equal(got, []string{"2024/", "notes.txt", "cat.png"}) {
		t.Fatalf("by size: %v", got)
	}
	h.wantPane(ui.RightPane, "Size ↑")
	h.press("O")
	if got := h.rowsOf(ui.RightPane); !slices.Equal(got, []string{"2024/", "cat.png", "notes.txt"}) {
		t.Fatalf("by size descending: %v", got)
	}
	h.wantPane(ui.RightPane, "Size ↓")
	if !strings.Contains(h.m.StatusText(), "sorted by size, descending") {
		t.Fatalf("status %q", h.m.StatusText())
	}
	h.press("o", "o", "O") // time, then name ascending again
	h.wantPane(ui.RightPane, "Name ↑")
}

func TestTabAndShiftTabSwitchFocus(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	h := e.start(ui.Options{}, 120, 30)
	if !h.m.Pane(ui.LeftPane).Focused() || h.m.Pane(ui.RightPane).Focused() {
		t.Fatal("left pane should start focused")
	}
	h.press("tab")
	if !h.m.Pane(ui.RightPane).Focused() || h.m.Pane(ui.LeftPane).Focused() {
		t.Fatal("tab should focus the right pane")
	}
	h.wantScreen("s3:// · 1/2")
	h.press("shift+tab")
	if !h.m.Pane(ui.LeftPane).Focused() {
		t.Fatal("shift+tab should focus the left pane")
	}
	// The focused pane's border is drawn in the accent colour.
	left, right := h.m.Pane(ui.LeftPane).View(), h.m.Pane(ui.RightPane).View()
	if left == strings.ReplaceAll(right, "s3://", "") || !strings.Contains(left, "\x1b[") {
		t.Fatal("panes should be styled")
	}
}

func TestMarksToggleInvertAllAndStatus(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	h := e.start(ui.Options{S3Start: s3ops.Location{Bucket: "photos"}}, 120, 30)
	h.press("tab", "j", "space") // mark cat.png, cursor moves to notes.txt
	if h.current(ui.RightPane) != "notes.txt" {
		t.Fatalf("cursor on %q after marking", h.current(ui.RightPane))
	}
	h.wantPane(ui.RightPane, "✓ cat.png")
	h.wantScreen("1 marked, 2.9 KiB")
	h.press("*") // invert: 2024/ and notes.txt marked, cat.png not
	var got []string
	for _, en := range h.m.Pane(ui.RightPane).Marked() {
		got = append(got, en.Name)
	}
	if !slices.Equal(got, []string{"2024", "notes.txt"}) {
		t.Fatalf("marked after invert: %v", got)
	}
	h.press("a")
	h.wantScreen("3 marked, 2.9 KiB")
	h.press("u")
	if sel := h.m.Pane(ui.RightPane).Selection(); len(sel) != 1 || sel[0].Name != "notes.txt" {
		t.Fatalf("selection without marks should be the cursor row: %v", sel)
	}
	h.press("space", "space")
	h.press("enter") // into nothing: marks stay
	h.press("k", "k", "enter")
	if n := len(h.m.Pane(ui.RightPane).Marked()); n != 0 {
		t.Fatalf("moving to another prefix should drop marks, %d left", n)
	}
}

func TestInfoDialogShowsHeadObjectDetails(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	h := e.start(ui.Options{S3Start: s3ops.Location{Bucket: "photos"}}, 120, 30)
	h.press("tab", "G", "i")
	if h.m.Dialog() == nil {
		t.Fatalf("no dialog; status %q", h.m.StatusText())
	}
	h.wantScreen("Info: notes.txt", "s3://photos/notes.txt", "1 bytes", "text/plain",
		"STANDARD", "x-amz-meta-owner", "ana", "2024-03-15", "ETag")
	h.press("j") // keys go to the dialog, not the pane
	if h.current(ui.RightPane) != "notes.txt" {
		t.Fatal("a key reached the pane under the dialog")
	}
	h.press("esc")
	if h.m.Dialog() != nil {
		t.Fatal("esc should close the dialog")
	}
	// Local stat info.
	h.press("tab", "j", "i")
	h.wantScreen("Info: alpha.txt", "5 bytes", "-rw-r--r--", "file")
	h.press("esc", "?")
	h.wantScreen("Keys", "mark all", "reverse sort")
	h.press("?")
	if h.m.Dialog() != nil {
		t.Fatal("? should close the help")
	}
	// A bucket's info, from the bucket list.
	h.press("tab", "backspace")
	h.cursorTo(ui.RightPane, "photos")
	h.press("i")
	h.wantScreen("Info: photos", "s3://photos/", "bucket", e.srv.Region)
}

func TestToggleHiddenAndHomeAreLocalOnly(t *testing.T) {
	e := fixtures(t)
	t.Setenv("HOME", e.dir("home"))
	h := e.start(ui.Options{}, 120, 30)
	h.press(".")
	h.wantPane(ui.LeftPane, ".hidden")
	h.press("enter", "backspace") // shown dot-files stay shown across folders
	h.wantPane(ui.LeftPane, ".hidden")
	h.press(".")
	if strings.Contains(h.paneText(ui.LeftPane), ".hidden") {
		t.Fatal(". should hide dot-files again")
	}
	h.press("~")
	h.wantLocation(ui.LeftPane, e.local+"/home")
	h.wantPane(ui.LeftPane, "(empty)")
	h.press("?")
	h.wantScreen("~", "home dir", "hidden files")
	h.press("esc", "tab", "~")
	h.wantLocation(ui.RightPane, "s3://")
	h.press("?")
	if s := h.screen(); strings.Contains(s, "home dir") || strings.Contains(s, "hidden files") {
		t.Fatalf("~ and . should not be offered on an S3 pane:\n%s", s)
	}
}

func TestMouseWheelScrollsAndClickSelectsAndFocuses(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for i := range 60 {
		e.file("f"+string(rune('A'+i/26))+string(rune('a'+i%26))+".txt", "x")
	}
	h := e.start(ui.Options{}, 100, 20)
	h.press("tab")
	// Click the third row of the left pane: it gets focus and the cursor.
	h.send(tea.MouseClickMsg{X: 5, Y: 3 + 2, Button: tea.MouseLeft})
	if !h.m.Pane(ui.LeftPane).Focused() || h.current(ui.LeftPane) != "fAc.txt" {
		t.Fatalf("after click: focused=%v cursor=%q", h.m.Pane(ui.LeftPane).Focused(), h.current(ui.LeftPane))
	}
	h.send(tea.MouseWheelMsg{X: 5, Y: 6, Button: tea.MouseWheelDown})
	h.send(tea.MouseWheelMsg{X: 5, Y: 6, Button: tea.MouseWheelDown})
	if rows := h.rowsOf(ui.LeftPane); rows[0] != "fAg.txt" {
		t.Fatalf("two wheel notches should scroll 6 rows: first row %q", rows[0])
	}
	if h.current(ui.LeftPane) != "fAg.txt" {
		t.Fatalf("cursor should stay on screen: %q", h.current(ui.LeftPane))
	}
	// A double click on a folder opens it (folders sort first).
	e.dir("zz")
	h.press("r", "home")
	h.send(tea.MouseClickMsg{X: 5, Y: 3, Button: tea.MouseLeft})
	h.wantLocation(ui.LeftPane, e.local)
	h.send(tea.MouseClickMsg{X: 5, Y: 3, Button: tea.MouseLeft})
	h.wantLocation(ui.LeftPane, e.local+"/zz")
}

func TestPaneSwitchesBetweenLocalAndS3(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	h := e.start(ui.Options{S3Start: s3ops.Location{Bucket: "photos"}}, 120, 30)
	h.press("w")
	h.wantLocation(ui.LeftPane, "s3://photos/") // where the other pane is
	h.wantPane(ui.LeftPane, "cat.png")
	h.press("backspace")
	h.wantLocation(ui.LeftPane, "s3://")
	h.press("w")
	h.wantLocation(ui.LeftPane, e.local)
	h.press("w")
	h.wantLocation(ui.LeftPane, "s3://") // back where it was in S3
}
