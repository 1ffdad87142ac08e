package ui_test

import (
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui"
)

// TestClearingFinishedTransfersEmptiesTheStatusSlot: after C the
// transfers pane said "No transfers" while the status bar still read
// "⇅ 1 done" (the slot was only redrawn on progress reports).
func TestClearingFinishedTransfersEmptiesTheStatusSlot(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.bucket("media")
	e.file("a.txt", "hello")
	eng := e.engine(nil, transfer.Options{})
	h := e.startTx(eng, "media", 120, 36)
	h.cursorTo(ui.LeftPane, "a.txt")
	h.press("c", "y")
	h.settle(eng)
	h.wantScreen("⇅ 1 done")
	h.press("tab", "tab", "C")
	h.wantScreen("No transfers", "cleared 1 finished transfer")
	if strings.Contains(h.screen(), "⇅") {
		t.Fatalf("the status bar still counts cleared transfers:\n%s", h.screen())
	}
}
