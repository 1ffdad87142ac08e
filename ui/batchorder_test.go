package ui_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui"
)

// Bubble Tea runs the commands of a tea.Batch concurrently, so a dialog
// that closes itself and opens the next one in one batch may see the
// open arrive first. These flows run with every batch delivered last to
// first: the next dialog must still be the one on screen. (Found by hand:
// renaming onto an existing key left the rename form at "working…",
// because the close of the form took down the "Replace?" question.)

func TestRenameOntoAnExistingKeyAsksWhateverOrderTheBatchArrivesIn(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	h := e.start(ui.Options{S3Start: s3ops.Location{Bucket: "photos"}}, 120, 30)
	h.reversed = true
	h.press("tab")
	h.cursorTo(ui.RightPane, "notes.txt")
	h.press("R", "ctrl+u")
	h.typeText("cat.png")
	h.press("enter")
	h.wantScreen("Already there: s3://photos/cat.png", "Overwrite")
	if strings.Contains(h.screen(), "working…") {
		t.Fatalf("the rename form is still up:\n%s", h.screen())
	}
	h.press("o")
	h.wantNoDialog()
	if e.objectSum("photos", "cat.png") != sum("n") || slices.Contains(e.keysIn("photos", ""), "notes.txt") {
		t.Fatal("o must replace cat.png with notes.txt")
	}
}

func TestUploadConflictQuestionSurvivesAnyBatchOrder(t *testing.T) {
	t.Parallel()
	e, h, eng := uploadConflictEnv(t, transfer.PolicyDefault)
	h.reversed = true
	copyMarked(h, "alpha.txt")
	h.wantScreen("alpha.txt already exists")
	h.press("o")
	h.wantNoDialog()
	h.settle(eng)
	e.wantObject("alpha.txt", "new alpha")
}
