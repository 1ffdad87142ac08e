package ui_test

import (
	"testing"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/ui"
)

// A folder copied up or down shows its files by the same names, from the
// folder copied ("docs/sub/b.md"), whatever prefix or folder it went
// into; and the line under the rows sums up the user's copy (two marked
// files), not the engine's batch of one of its sources.
func TestRowsNameFilesFromWhereTheCopyWentAndSumTheWholeCopy(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.bucket("media")
	e.file("docs/a.md", "# a")
	e.file("docs/sub/b.md", "b")
	e.file("x.txt", "x")
	e.file("y.txt", "y")
	e.dir("down")
	eng := e.engine(nil, smallParts)
	h := e.start(ui.Options{Transfers: eng, FeedProgress: true, S3Start: s3ops.Location{Bucket: "media", Key: "up/"}}, 130, 40)

	for _, name := range []string{"x.txt", "y.txt"} {
		h.cursorTo(ui.LeftPane, name)
		h.press("space")
	}
	h.press("c", "y")
	h.settle(eng)
	h.wantScreen("copy: 2 of 2 files done")

	h.cursorTo(ui.LeftPane, "docs")
	h.press("c", "y")
	h.settle(eng)
	h.wantScreen("↑ docs/sub/b.md", "↑ docs/a.md")

	h.cursorTo(ui.LeftPane, "down")
	h.press("enter", "tab")
	h.cursorTo(ui.RightPane, "docs")
	h.press("c", "y")
	h.settle(eng)
	h.wantScreen("↓ docs/sub/b.md", "↓ docs/a.md")
}
