package ui_test

import (
	"testing"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/ui"
)

// TestAfterADeleteTheCursorIsOnTheNextRow: the cursor jumped to the
// first row, and the user lost their place in a long folder.
func TestAfterADeleteTheCursorIsOnTheNextRow(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.bucket("rows")
	for _, k := range []string{"a.txt", "b.txt", "c.txt", "d.txt", "e.txt"} {
		e.put("rows", k, k, "text/plain", nil)
	}
	h := e.start(ui.Options{S3Start: s3ops.Location{Bucket: "rows"}, Trash: noTrash(t)}, 120, 30)
	h.press("tab")
	h.cursorTo(ui.RightPane, "c.txt")
	h.press("d", "y")
	h.wantNoDialog()
	h.wantStatus("deleted")
	if got := h.current(ui.RightPane); got != "d.txt" {
		t.Fatalf("after deleting c.txt the cursor is on %q, want the next row, d.txt", got)
	}
	h.cursorTo(ui.RightPane, "e.txt") // the last row: the cursor goes to the one before
	h.press("d", "y")
	h.wantStatus("deleted")
	if got := h.current(ui.RightPane); got != "d.txt" {
		t.Fatalf("after deleting the last row the cursor is on %q, want d.txt", got)
	}
}

func TestANewBucketGetsTheCursor(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	h := e.start(ui.Options{}, 120, 30)
	h.press("tab", "n")
	h.typeText("fresh-bucket")
	h.press("enter", "enter")
	h.wantNoDialog()
	h.wantPane(ui.RightPane, "fresh-bucket/")
	if got := h.current(ui.RightPane); got != "fresh-bucket" {
		t.Fatalf("the cursor is on %q, want the new bucket", got)
	}
}
