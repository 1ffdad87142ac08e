package ui_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui"
)

// TestAServerSideCopyConflictOffersWhatADownloadDoes: an S3 to S3 copy
// onto existing objects offered only Replace or Cancel; it offers skip,
// overwrite, keep both and ask later, like a download.
func TestAServerSideCopyConflictOffersWhatADownloadDoes(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	e.bucket("backup")
	eng := e.engine(nil, transfer.Options{})
	h := e.start(ui.Options{Transfers: eng, FeedProgress: true, Left: "s3://photos/", Right: "s3://backup/"}, 120, 40)
	h.cursorTo(ui.LeftPane, "cat.png")
	h.press("c", "y")
	h.wantStatus("copied 1 object")

	h.press("c", "y")
	h.wantScreen("Already there: s3://backup/cat.png", "Skip", "Overwrite", "Keep both", "Ask later")
	h.press("b")
	h.wantStatus("copied 1 object")
	if got := e.keysIn("backup", ""); !slices.Equal(got, []string{"cat (1).png", "cat.png"}) {
		t.Fatalf("keep both: keys = %v", got)
	}

	h.press("c", "y")
	h.wantScreen("Already there: s3://backup/cat.png")
	h.press("esc") // ask later
	h.wantNoDialog()
	h.wantStatus("left to decide")
	h.press("t")
	h.wantScreen("1 thing already there")
	h.press("enter")
	h.wantScreen("Already there: s3://backup/cat.png")
	h.press("s")
	h.wantNoDialog()
	h.wantStatus("left 1 thing already there as it was")
	if got := e.keysIn("backup", ""); !slices.Equal(got, []string{"cat (1).png", "cat.png"}) {
		t.Fatalf("skip: keys = %v", got)
	}
	h.press("enter") // the row is settled: enter shows its details
	if s := h.screen(); strings.Contains(s, "Already there") {
		t.Fatalf("a settled conflict was asked again:\n%s", s)
	}
}
