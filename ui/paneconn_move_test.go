package ui_test

import (
	"context"
	"slices"
	"testing"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui"
)

// twoConnEnv is the default connection's s3://lab/ on the left (gateway
// a, focused) and connection lab's s3://lab2/ on the right (gateway b),
// whose engine asks about objects that exist; the engine is made when
// first asked for. seed puts the objects in first.
func twoConnEnv(t *testing.T, seed func(g *twoGateways)) (*twoGateways, *harness, **transfer.Engine) {
	t.Helper()
	noNativeClipboard(t)
	g := &twoGateways{a: newEnv(t), b: newEnv(t)}
	g.a.bucket("lab")
	g.b.bucket("lab2")
	seed(g)
	var engB *transfer.Engine
	engines := func(conn string) (*transfer.Engine, error) {
		if engB == nil {
			engB = g.b.engine(g.b.client, transfer.Options{Conflict: transfer.Ask,
				Sources: func(name string) (*s3ops.Client, error) { return g.Connect(context.Background(), name) }})
		}
		return engB, nil
	}
	h := g.a.start(ui.Options{Client: g.a.client, Connections: g, Transfers: g.a.engine(nil, transfer.Options{}),
		FeedProgress: true, Engines: engines, S3Start: s3ops.Location{Bucket: "lab"}}, 140, 40)
	h.press("tab", "shift+tab", "w")
	h.press("tab")
	h.pick("lab")
	h.cursorTo(ui.RightPane, "lab2")
	h.press("enter")
	h.wantScreen("lab · s3://lab2/")
	h.press("shift+tab")
	return g, h, &engB
}

// The move dialog offers the other pane's folder on another connection;
// an object and a folder (with an empty subfolder) moved there arrive
// byte-exact and are gone from the source, both panes show it, and the
// status line says what moved and what was kept: an object that exists
// at the destination, skipped when asked, keeps its source.
func TestMovesBetweenTwoConnectionsStreamThenDeleteTheSources(t *testing.T) {
	t.Parallel()
	g, h, eng := twoConnEnv(t, func(g *twoGateways) {
		g.a.put("lab", "a.txt", "only on a", "", nil)
		g.a.put("lab", "dir/x.txt", "x of a", "", nil)
		g.a.put("lab", "dir/y/z.txt", "z of a", "", nil)
		g.a.put("lab", "dir/empty/", "", "", nil)
		g.a.put("lab", "taken.txt", "a's", "", nil)
		g.b.put("lab2", "taken.txt", "b's own", "", nil)
	})
	h.cursorTo(ui.LeftPane, "a.txt")
	h.press("R")
	h.wantScreen("Rename or move a.txt", "To connection lab each object is")
	h.press("tab")
	h.wantScreen("lab · s3://lab2/a.txt")
	h.press("enter")
	h.wantStatus("queued 1 move")
	engB := *eng
	h.settleConn(engB, "lab")
	h.wantStatus("moved 1 object to lab · s3://lab2/")
	if g.b.objectSum("lab2", "a.txt") != sum("only on a") || slices.Contains(g.a.keysIn("lab", ""), "a.txt") {
		t.Fatalf("a.txt did not move: a %v, b %v", g.a.keysIn("lab", ""), g.b.keysIn("lab2", ""))
	}
	if slices.Contains(h.rowsOf(ui.LeftPane), "a.txt") || !slices.Contains(h.rowsOf(ui.RightPane), "a.txt") {
		t.Fatalf("the panes were not refreshed: %v | %v", h.rowsOf(ui.LeftPane), h.rowsOf(ui.RightPane))
	}

	for _, name := range []string{"dir", "taken.txt"} {
		h.cursorTo(ui.LeftPane, name)
		h.press("space")
	}
	h.press("R")
	h.wantScreen("Move 2 items", "lab · s3://lab2/")
	h.press("enter")
	h.wantScreen("taken.txt already exists")
	h.press("s")
	h.settleConn(engB, "lab")
	h.wantStatus("moved 3 objects to lab · s3://lab2/ · kept at the source: 1 object (already at the destination)")
	if got := g.b.keysIn("lab2", ""); !slices.Equal(got, []string{"a.txt", "dir/empty/", "dir/x.txt", "dir/y/z.txt", "taken.txt"}) {
		t.Fatalf("gateway b's lab2: %v", got)
	}
	for key, body := range map[string]string{"dir/x.txt": "x of a", "dir/y/z.txt": "z of a", "taken.txt": "b's own"} {
		if g.b.objectSum("lab2", key) != sum(body) {
			t.Fatalf("lab2/%s does not hold %q", key, body)
		}
	}
	if got := g.a.keysIn("lab", ""); !slices.Equal(got, []string{"taken.txt"}) {
		t.Fatalf("gateway a's lab kept %v, want only the skipped taken.txt", got)
	}
	h.press("t")
	h.wantScreen("⇄ dir/x.txt", "⇄ dir/empty/", "6 B moved", "move: 3 of 3 files done", "default · s3://lab/dir/empty/ → s3://lab2/dir/empty/")
}

// A move whose copy cannot be made (the destination bucket does not
// exist) keeps its source and says why; a connection not in the other
// pane is refused.
func TestAMoveThatCannotCopyKeepsItsSource(t *testing.T) {
	t.Parallel()
	g, h, _ := twoConnEnv(t, func(g *twoGateways) { g.a.put("lab", "a.txt", "only on a", "", nil) })
	h.cursorTo(ui.LeftPane, "a.txt")
	h.press("R", "ctrl+u")
	h.typeText("lab · s3://no-such-bucket/")
	h.press("enter")
	h.wantStatus("moved nothing to lab · s3://no-such-bucket/ · kept at the source: ")
	h.wantStatus("no-such-bucket")
	if !slices.Equal(g.a.keysIn("lab", ""), []string{"a.txt"}) {
		t.Fatalf("gateway a's lab: %v", g.a.keysIn("lab", ""))
	}
	h.press("R", "ctrl+u")
	h.typeText("elsewhere · s3://lab2/")
	h.press("enter")
	h.wantScreen("connection elsewhere is not open in the other pane")

	// A name holding " · " is still a name: a rename here.
	h.press("ctrl+u")
	h.typeText("a · b.txt")
	h.press("enter")
	h.wantStatus("renamed s3://lab/a.txt to a · b.txt")
}
