package ui_test

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui"
)

// TestInAShortWindowTheFocusedPaneTakesTheArea: at 40×10 the transfers
// pane took the whole area, and tab moved the keyboard to a file pane
// that was not on screen.
func TestInAShortWindowTheFocusedPaneTakesTheArea(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	eng := e.engine(nil, transfer.Options{})
	h := e.startTx(eng, "photos", 40, 10)
	h.press("t")
	h.wantScreen("Transfers", "No transfers")
	h.wantFrame(40, 10, "transfers focused")
	h.press("tab")
	if !h.m.Pane(ui.LeftPane).Focused() {
		t.Fatal("tab should move the keyboard to the left pane")
	}
	h.wantScreen("Name", "alpha.txt", "photos/")
	h.wantFrame(40, 10, "file pane focused, transfers pane open")
	h.press("shift+tab") // back to the transfers pane
	h.wantScreen("No transfers")
	h.press("tab")
	h.cursorTo(ui.LeftPane, "alpha.txt")
	h.press("c", "y") // a queued transfer shows the pane, without the keyboard
	h.settle(eng)
	h.wantScreen("alpha.txt", "photos/")
	h.send(tea.WindowSizeMsg{Width: 100, Height: 30}) // room for both again
	h.wantScreen("Transfers", "Name", "photos/")
}
