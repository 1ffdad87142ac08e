package ui_test

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/ui"
)

// TestWithoutColourTheCursorRowStillShowsInBothPanes: with NO_COLOR the
// cursor row was only bold, like a folder's name, and nothing at all in
// the other pane.
func TestWithoutColourTheCursorRowStillShowsInBothPanes(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	h := e.start(ui.Options{}, 100, 24)
	h.send(tea.ColorProfileMsg{Profile: colorprofile.Ascii})
	h.cursorTo(ui.LeftPane, "alpha.txt")
	focused := rowWith(t, h.m.Pane(ui.LeftPane).View(), "alpha.txt")
	if !strings.Contains(focused, "\x1b[7") && !strings.Contains(focused, ";7m") && !strings.Contains(focused, ";7;") {
		t.Fatalf("the focused cursor row is not in reverse video: %q", focused)
	}
	if !strings.Contains(ansi.Strip(focused), "› alpha.txt") {
		t.Fatalf("the focused cursor row has no › marker: %q", ansi.Strip(focused))
	}
	blurred := ansi.Strip(rowWith(t, h.m.Pane(ui.RightPane).View(), "photos/"))
	if !strings.Contains(blurred, "› photos/") {
		t.Fatalf("the other pane's cursor row has no › marker: %q", blurred)
	}
	h.send(tea.BackgroundColorMsg{}) // a late background reply keeps the setting
	if !strings.Contains(ansi.Strip(rowWith(t, h.m.Pane(ui.LeftPane).View(), "alpha.txt")), "› alpha.txt") {
		t.Fatal("the terminal's background reply brought the colour styles back")
	}
	h.send(tea.ColorProfileMsg{Profile: colorprofile.TrueColor})
	if strings.Contains(ansi.Strip(h.m.Pane(ui.LeftPane).View()), "›") {
		t.Fatal("with colours the cursor needs no marker")
	}
}

func rowWith(t *testing.T, view, name string) string {
	t.Helper()
	for _, l := range strings.Split(view, "\n") {
		if strings.Contains(ansi.Strip(l), name) {
			return l
		}
	}
	t.Fatalf("no row with %q in:\n%s", name, ansi.Strip(view))
	return ""
}
