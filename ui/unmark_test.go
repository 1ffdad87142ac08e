package ui_test

import (
	"path/filepath"
	"testing"

	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui"
)

// A confirmed copy takes the marks off what it copies, as file managers
// do; a cancelled one leaves them, and so do marks made since.
func TestAConfirmedCopyUnmarksWhatItCopies(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.bucket("media")
	e.file("a.txt", "a")
	e.file("b.txt", "b")
	e.file("c.txt", "c")
	eng := e.engine(nil, transfer.Options{})
	h := e.startTx(eng, "media", 130, 40)
	marked := func() int { return len(h.m.Pane(ui.LeftPane).Marked()) }

	for _, name := range []string{"a.txt", "b.txt"} {
		h.cursorTo(ui.LeftPane, name)
		h.press("space")
	}
	h.press("c", "n")
	if marked() != 2 {
		t.Fatalf("a cancelled copy left %d marks, want 2", marked())
	}
	h.press("c", "y")
	h.settle(eng)
	if marked() != 0 {
		t.Fatalf("after the upload %d entries are still marked", marked())
	}
	e.wantObject("a.txt", "a")
	e.wantObject("b.txt", "b")

}

func TestAConfirmedLocalCopyUnmarksToo(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	e.dir("dest")
	h := e.start(ui.Options{Right: filepath.Join(e.local, "dest")}, 120, 30)
	h.cursorTo(ui.LeftPane, "docs")
	h.press("space")
	h.press("c", "y")
	h.wantStatus("copied 1 item")
	if n := len(h.m.Pane(ui.LeftPane).Marked()); n != 0 {
		t.Fatalf("%d entries still marked after the copy", n)
	}
}
