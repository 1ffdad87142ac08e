package ui_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/ui"
)

func TestNewFolderLocalAndS3(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	h := e.start(ui.Options{S3Start: s3ops.Location{Bucket: "photos"}}, 120, 30)
	h.press("n")
	h.wantScreen("New folder in " + e.local)
	h.typeText("made/here")
	h.press("enter")
	h.wantNoDialog()
	if fi, err := os.Stat(filepath.Join(e.local, "made", "here")); err != nil || !fi.IsDir() {
		t.Fatalf("local folder: %v", err)
	}
	if got := h.current(ui.LeftPane); got != "made" {
		t.Fatalf("the cursor is on %q, want the new folder", got)
	}
	h.press("tab", "n")
	h.wantScreen("New folder in s3://photos/", "folder marker")
	h.typeText("2024")
	h.press("enter")
	h.wantScreen("s3://photos/2024/ already exists") // shown in the form, which stays open
	h.press("ctrl+u")
	h.typeText("new stuff")
	h.press("enter")
	h.wantNoDialog()
	h.wantStatus("created folder s3://photos/new stuff/")
	if !slices.Contains(e.keysIn("photos", ""), "new stuff/") {
		t.Fatalf("no marker: %v", e.keysIn("photos", ""))
	}
	h.wantPane(ui.RightPane, "new stuff/")
	if got := h.current(ui.RightPane); got != "new stuff" {
		t.Fatalf("the cursor is on %q, want the new folder", got)
	}
}

func TestNewBucketAndDeletingBuckets(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	h := e.start(ui.Options{}, 120, 30)
	h.press("tab", "n")
	h.wantScreen("New bucket", "Region", e.srv.Region)
	// A name S3 would refuse is explained in the form, which stays open.
	h.typeText("Fresh-Bucket")
	h.press("enter", "enter")
	h.wantScreen(`bucket name "Fresh-Bucket": use lower case ("fresh-bucket")`)
	h.press("shift+tab", "ctrl+u")
	h.typeText("fresh-bucket")
	h.press("enter", "enter")
	h.wantNoDialog()
	h.wantStatus("created bucket fresh-bucket (" + e.srv.Region + ")")
	h.wantPane(ui.RightPane, "fresh-bucket/")

	h.cursorTo(ui.RightPane, "fresh-bucket")
	h.press("d")
	h.wantScreen("Delete bucket fresh-bucket?", "Only an empty bucket can be deleted")
	h.press("y")
	h.wantStatus("deleted bucket fresh-bucket")
	if slices.Contains(h.rowsOf(ui.RightPane), "fresh-bucket/") {
		t.Fatalf("still listed: %v", h.rowsOf(ui.RightPane))
	}

	h.cursorTo(ui.RightPane, "photos")
	h.press("d", "y")
	h.wantStatus("bucket photos is not empty: delete its objects first")
	if !slices.Contains(e.keysIn("photos", ""), "cat.png") {
		t.Fatal("photos lost objects")
	}
}
