package ui_test

import (
	"slices"
	"testing"

	"github.com/ferry-s3/ferry/ui"
)

// A copy from a pane on one connection to a pane on another is streamed
// by the destination's engine (objects and folders, byte-exact, what
// exists already asked about as for uploads), and so is the compare
// view's copy of the differences; two panes on one connection still copy
// on the server.
func TestCopiesBetweenTwoConnectionsStreamAndWithinOneCopyOnTheServer(t *testing.T) {
	t.Parallel()
	g, h, engBp := twoConnEnv(t, func(g *twoGateways) {
		g.a.put("lab", "a.txt", "only on a", "", nil)
		g.a.put("lab", "dir/x.txt", "x of a", "", nil)
		g.a.put("lab", "dir/y/z.txt", "z of a", "", nil)
		g.b.bucket("lab")
		g.b.put("lab2", "taken.txt", "b's own", "", nil)
		g.a.put("lab", "taken.txt", "a's", "", nil)
	})
	for _, name := range []string{"a.txt", "dir", "taken.txt"} {
		h.cursorTo(ui.LeftPane, name)
		h.press("space")
	}
	h.press("c")
	h.wantScreen("Copy 3 items?", "lab · s3://lab2/", "For objects that already exist, ferry asks")
	h.press("y")
	h.wantScreen("taken.txt already exists", "keep both (the copy gets a new name)")
	h.press("b")
	h.wantStatus("queued 1 copy")
	h.settleConn(*engBp, "lab")
	want := map[string]string{"a.txt": "only on a", "dir/x.txt": "x of a", "dir/y/z.txt": "z of a",
		"taken.txt": "b's own", "taken (1).txt": "a's"}
	if got := g.b.keysIn("lab2", ""); !slices.Equal(got, []string{"a.txt", "dir/x.txt", "dir/y/z.txt", "taken (1).txt", "taken.txt"}) {
		t.Fatalf("gateway b's lab2: %v", got)
	}
	for key, body := range want {
		if g.b.objectSum("lab2", key) != sum(body) {
			t.Fatalf("lab2/%s does not hold %q", key, body)
		}
	}
	if got := g.a.keysIn("lab", ""); len(got) != 4 {
		t.Fatalf("gateway a's lab changed: %v", got)
	}
	h.wantScreen("lab · s3://lab2/                                             4 items") // refreshed: what arrived shows
	h.press("t")
	h.wantScreen("⇄ a.txt", "⇄ dir/y/z.txt", "default · s3://lab/taken.txt → s3://lab2/taken (1).txt")
	h.press("t")

	// The compare view's copy of the differences streams too: taken.txt
	// differs (a's 3 bytes, b's 7), the rest is the same.
	h.press("=")
	h.wantStatus("differ")
	h.press(">")
	h.wantScreen("Copy the differences left → right?", "1 file, 3 B")
	h.press("y")
	h.settleConn(*engBp, "lab")
	if g.b.objectSum("lab2", "taken.txt") != sum("a's") {
		t.Fatal("the copy of the differences did not replace taken.txt on gateway b")
	}
	h.press("=")

	// Both panes on lab: the server-side copy runs on lab's gateway.
	h.pick("lab")
	h.cursorTo(ui.LeftPane, "lab2")
	h.press("enter")
	h.press("tab", "backspace")
	h.cursorTo(ui.RightPane, "lab")
	h.press("enter", "shift+tab")
	h.cursorTo(ui.LeftPane, "a.txt")
	h.press("c")
	h.wantScreen("Copy a.txt?", "lab · s3://lab/")
	h.press("y")
	h.wantStatus("copied 1 object")
	if got := g.b.keysIn("lab", ""); !slices.Equal(got, []string{"a.txt"}) {
		t.Fatalf("gateway b's lab: %v", got)
	}
}
