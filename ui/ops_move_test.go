package ui_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui"
)

func TestRenameInS3KeepsBytesTypeAndMetadata(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	h := e.start(ui.Options{S3Start: s3ops.Location{Bucket: "photos"}}, 120, 30)
	h.press("tab")
	h.cursorTo(ui.RightPane, "notes.txt")
	h.press("R")
	h.wantScreen("Rename or move notes.txt", "from s3://photos/", "notes.txt")
	h.press("ctrl+u")
	h.typeText("renamed note+1.txt")
	h.press("enter")
	h.wantNoDialog()
	h.wantStatus("renamed s3://photos/notes.txt to renamed note+1.txt")
	out, err := e.sdk.HeadObject(context.Background(), &s3.HeadObjectInput{Bucket: aws.String("photos"), Key: aws.String("renamed note+1.txt")})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(out.ContentType) != "text/plain" || out.Metadata["owner"] != "ana" || aws.ToInt64(out.ContentLength) != 1 {
		t.Fatalf("type %q, metadata %v, size %d", aws.ToString(out.ContentType), out.Metadata, aws.ToInt64(out.ContentLength))
	}
	if e.objectSum("photos", "renamed note+1.txt") != sum("n") {
		t.Fatal("bytes changed")
	}
	if slices.Contains(e.keysIn("photos", ""), "notes.txt") {
		t.Fatal("the original is still there")
	}
	if got := h.current(ui.RightPane); got != "renamed note+1.txt" {
		t.Fatalf("the cursor is on %q, want the renamed object", got)
	}
}

func TestRenameOntoAnExistingKeyAsksFirst(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	h := e.start(ui.Options{S3Start: s3ops.Location{Bucket: "photos"}}, 120, 30)
	h.press("tab")
	h.cursorTo(ui.RightPane, "notes.txt")
	h.press("R", "ctrl+u")
	h.typeText("cat.png")
	h.press("enter")
	h.wantScreen("Already there: s3://photos/cat.png", "Skip", "Overwrite", "Keep both")
	h.press("n")
	h.wantNoDialog()
	if e.objectSum("photos", "cat.png") != sum(strings.Repeat("c", 3000)) {
		t.Fatal("n must keep cat.png")
	}
	h.cursorTo(ui.RightPane, "notes.txt")
	h.press("R", "ctrl+u")
	h.typeText("cat.png")
	h.press("enter", "o")
	h.wantNoDialog()
	if e.objectSum("photos", "cat.png") != sum("n") || slices.Contains(e.keysIn("photos", ""), "notes.txt") {
		t.Fatal("o must replace cat.png with notes.txt")
	}
}

func TestMovingAFolderIntoItselfIsRefusedWithAMessage(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	h := e.start(ui.Options{S3Start: s3ops.Location{Bucket: "photos"}}, 120, 30)
	h.press("tab")
	h.cursorTo(ui.RightPane, "2024")
	h.press("R", "ctrl+u")
	h.typeText("2024/inner/")
	h.press("enter")
	h.wantScreen("cannot move s3://photos/2024/ into itself")
	h.press("esc")
	if got := e.keysIn("photos", "2024/"); !slices.Equal(got, []string{"2024/a.jpg", "2024/b.jpg"}) {
		t.Fatalf("keys = %v", got)
	}
	// The same in a local pane.
	h.press("tab")
	h.cursorTo(ui.LeftPane, "docs")
	h.press("R", "ctrl+u")
	h.typeText("docs/sub/")
	h.press("enter")
	h.wantScreen("cannot move ", "into itself") // wrapped in the form, which stays open
	if _, err := os.Stat(filepath.Join(e.local, "docs", "readme.md")); err != nil {
		t.Fatal(err)
	}
}

func TestMoveToTheOtherPanesFolder(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	e.dir("archive")
	h := e.start(ui.Options{Right: e.local + "/archive"}, 120, 30)
	h.cursorTo(ui.LeftPane, "alpha.txt")
	h.press("R", "tab", "enter") // tab offers the other pane's folder
	h.wantNoDialog()
	if _, err := os.Stat(filepath.Join(e.local, "archive", "alpha.txt")); err != nil {
		t.Fatal(err)
	}
	h.wantPane(ui.RightPane, "alpha.txt")
}

// A move between local files and S3 is refused with how to do it, in
// the keys of the user's keymap.
func TestMovingBetweenLocalAndS3SaysToCopyThenDelete(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	h := e.start(ui.Options{S3Start: s3ops.Location{Bucket: "photos"}}, 120, 30)
	h.press("tab")
	h.cursorTo(ui.RightPane, "2024")
	h.press("R", "ctrl+u")
	h.typeText("/tmp/elsewhere/")
	h.press("enter")
	h.wantScreen("/tmp/elsewhere/ is a local path: between local", "copy (c/F5) and", "then delete (d/F8)")
	h.press("esc", "tab")
	h.cursorTo(ui.LeftPane, "docs")
	h.press("R", "ctrl+u")
	h.typeText("s3://photos/")
	h.press("enter")
	h.wantScreen("s3://photos/ is in S3: between local")
}

// An object too big to wait for in the form (a long server-side copy,
// judged by its listed size) moves as a task row instead.
func TestRenamingABigObjectRunsAsATask(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	e.put("photos", "video.mp4", strings.Repeat("v", 65<<20), "video/mp4", map[string]string{"take": "2"})
	eng := e.engine(nil, transfer.Options{})
	h := e.start(ui.Options{Transfers: eng, FeedProgress: true, S3Start: s3ops.Location{Bucket: "photos"}}, 120, 30)
	h.press("tab")
	h.cursorTo(ui.RightPane, "video.mp4")
	h.press("R", "ctrl+u")
	h.typeText("clip.mp4")
	h.press("enter")
	h.wantNoDialog()
	h.wantStatus("moved 1 object")
	if got := e.keysIn("photos", ""); !slices.Contains(got, "clip.mp4") || slices.Contains(got, "video.mp4") {
		t.Fatalf("keys after the move: %q", got)
	}
	if e.objectSum("photos", "clip.mp4") != sum(strings.Repeat("v", 65<<20)) {
		t.Fatal("the moved object's bytes differ")
	}
}

// Several local entries move as a task; its row opens on its details.
func TestMovingSeveralLocalEntriesRunsAsATaskWithDetails(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	e.dir("archive")
	eng := e.engine(nil, transfer.Options{})
	h := e.start(ui.Options{Transfers: eng, FeedProgress: true, Right: e.local + "/archive"}, 130, 40)
	for _, name := range []string{"alpha.txt", "beta.bin", "docs"} {
		h.cursorTo(ui.LeftPane, name)
		h.press("space")
	}
	h.press("R", "enter") // several entries: into the other pane's folder by default
	h.wantNoDialog()
	h.wantStatus("moved 3 items to " + filepath.Join(e.local, "archive"))
	for _, name := range []string{"alpha.txt", "beta.bin", "docs/readme.md"} {
		if _, err := os.Stat(filepath.Join(e.local, "archive", name)); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(e.local, name)); !os.IsNotExist(err) {
			t.Fatalf("%s is still in the source folder (%v)", name, err)
		}
	}
	h.wantPane(ui.RightPane, "alpha.txt", "beta.bin", "docs/")
	h.press("tab", "tab", "enter") // the task's row, in the transfers pane
	h.wantScreen("Operation", "move", "State", "done", "Started", "Ended")
}
