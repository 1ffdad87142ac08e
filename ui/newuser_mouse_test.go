package ui_test

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui"
)

// clickText clicks the middle of the first place text shows on screen
// (below row from).
func (h *harness) clickText(text string, from int) {
	h.t.Helper()
	for y, l := range strings.Split(h.screen(), "\n") {
		if y < from {
			continue
		}
		if i := strings.Index(l, text); i >= 0 {
			x := ansi.StringWidth(l[:i]) + ansi.StringWidth(text)/2
			h.send(tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft})
			return
		}
	}
	h.t.Fatalf("no %q on screen:\n%s", text, h.screen())
}

func TestDialogButtonsAnswerAClick(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	eng := e.engine(nil, transfer.Options{})
	h := e.startTx(eng, "photos", 100, 30)
	h.cursorTo(ui.LeftPane, "alpha.txt")
	h.press("c")
	h.wantScreen("Upload alpha.txt?")
	h.clickText("Cancel", 3)
	h.wantNoDialog()
	h.press("c")
	h.clickText("Upload ", 12) // the button, not the title
	h.wantNoDialog()
	h.settle(eng)
	h.wantPane(ui.RightPane, "alpha.txt")

	h.press("tab")
	h.cursorTo(ui.RightPane, "notes.txt")
	h.press("d")
	h.wantScreen("Delete notes.txt?")
	h.clickText("Cancel", 3)
	h.wantNoDialog()
	h.wantPane(ui.RightPane, "notes.txt")
}

func TestClickingAColumnTitleSortsByItAndAgainReverses(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	h := e.start(ui.Options{}, 120, 30)
	h.clickText("Size", 0)
	if got := h.rowsOf(ui.LeftPane); strings.Join(got, " ") != "docs/ alpha.txt beta.bin" {
		t.Fatalf("sorted by size: %v", got)
	}
	h.wantStatus("sorted by size, ascending")
	h.clickText("Size", 0)
	h.wantStatus("sorted by size, descending")
	if got := h.rowsOf(ui.LeftPane); strings.Join(got, " ") != "docs/ beta.bin alpha.txt" {
		t.Fatalf("sorted by size, descending: %v", got)
	}
	h.clickText("Name", 0)
	h.wantStatus("sorted by name, ascending")
}
