package ui_test

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui"
)

// TestQuitAfterACancelledCopyOrDropQuitsAtOnce: the copy question raised
// the "being prepared" count when it was built, so c, esc, q asked about
// a copy that was never started.
func TestQuitAfterACancelledCopyOrDropQuitsAtOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.bucket("media")
	a := e.file("a.txt", "a")
	eng := e.engine(nil, transfer.Options{})
	h := e.startTx(eng, "media", 120, 30)
	h.cursorTo(ui.LeftPane, "a.txt")
	h.press("c")
	h.wantScreen("Upload a.txt?")
	h.press("esc")
	h.send(tea.PasteMsg{Content: a + "\n"})
	h.wantScreen("dropped here?")
	h.press("esc")
	h.wantNoDialog()
	h.press("q")
	if !h.quit {
		t.Fatalf("q with nothing started should quit at once:\n%s", h.screen())
	}
}

// TestQuitOnceAConfirmedCopyHasLandedQuitsAtOnce: a confirmed copy is
// counted when it starts and uncounted when it is queued, so nothing is
// left over to ask about once it is done (transfers/plan_test.go checks
// the question while it is being prepared).
func TestQuitOnceAConfirmedCopyHasLandedQuitsAtOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.bucket("media")
	e.file("a.txt", "a")
	eng := e.engine(nil, transfer.Options{})
	h := e.startTx(eng, "media", 120, 30)
	h.cursorTo(ui.LeftPane, "a.txt")
	h.press("c", "y")
	h.settle(eng)
	h.press("q")
	if !h.quit {
		t.Fatalf("q once the copy is queued and done should quit:\n%s", h.screen())
	}
}
