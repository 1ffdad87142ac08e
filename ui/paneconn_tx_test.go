package ui_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui"
)

// Uploads and downloads of a pane on a named connection go through that
// connection's own engine, made the first time it is needed, and its
// transfer rows say which connection they run on.
func TestUploadsAndDownloadsGoThroughThePanesOwnConnection(t *testing.T) {
	t.Parallel()
	noNativeClipboard(t)
	g := &twoGateways{a: newEnv(t), b: newEnv(t)}
	for _, e := range []*env{g.a, g.b} {
		e.bucket("lab")
		e.put("lab", "b.txt", "from "+e.srv.Endpoint, "", nil)
	}
	g.a.file("up.txt", "going up")
	var made []string
	var engB *transfer.Engine
	engines := func(conn string) (*transfer.Engine, error) {
		made = append(made, conn)
		engB = g.b.engine(g.b.client, transfer.Options{})
		return engB, nil
	}
	h := g.a.start(ui.Options{Client: g.a.client, Connections: g, Transfers: g.a.engine(nil, transfer.Options{}),
		FeedProgress: true, Engines: engines, S3Start: s3ops.Location{Bucket: "lab"}}, 140, 40)
	h.press("tab")
	h.pick("lab")
	h.cursorTo(ui.RightPane, "lab")
	h.press("enter")
	h.wantScreen("lab · s3://lab/")

	h.press("shift+tab")
	h.cursorTo(ui.LeftPane, "up.txt")
	h.press("c")
	h.wantScreen("Upload up.txt?", "s3://lab/")
	h.press("y")
	if !slices.Equal(made, []string{"lab"}) || engB == nil {
		t.Fatalf("engines made: %v", made)
	}
	h.settleConn(engB, "lab")
	if got := g.b.keysIn("lab", ""); !slices.Equal(got, []string{"b.txt", "up.txt"}) {
		t.Fatalf("gateway b's lab: %v", got)
	}
	if got := g.a.keysIn("lab", ""); !slices.Equal(got, []string{"b.txt"}) {
		t.Fatalf("gateway a's lab: %v", got)
	}
	h.press("t") // the transfers pane: the row's details name its connection
	h.press("enter")
	h.wantScreen("up.txt", "Connection", "lab")
	h.press("esc", "t")

	// A download from the lab pane comes from gateway b, through the
	// same engine (not made again).
	h.press("tab")
	h.cursorTo(ui.RightPane, "b.txt")
	h.press("c")
	h.wantScreen("Download b.txt?")
	h.press("y")
	h.settleConn(engB, "lab")
	body, err := os.ReadFile(filepath.Join(g.a.local, "b.txt"))
	if err != nil || string(body) != "from "+g.b.srv.Endpoint {
		t.Fatalf("downloaded b.txt: %q %v", body, err)
	}
	if len(made) != 1 {
		t.Fatalf("engines made: %v", made)
	}
}
