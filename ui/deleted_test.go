package ui_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/keymap"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui"
)

// In a versioned bucket a deleted object vanishes from the listing but
// keeps its versions. D lists deleted objects too (set off, unmarkable,
// every other operation explains itself); v on one lists its versions,
// and restoring one brings the object back to the plain listing.
func TestDeletedObjectsCanBeShownAndRestored(t *testing.T) {
	t.Parallel()
	e := versionedEnv(t)
	e.putVersion("docs", "old/gone.txt", "gone")
	for _, k := range []string{"report.md", "old/gone.txt"} {
		if _, err := e.client.Delete(context.Background(), s3ops.Location{Bucket: "docs", Key: k}, s3ops.DeleteOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	eng := e.engine(nil, transfer.Options{})
	h := e.start(ui.Options{Transfers: eng, FeedProgress: true, S3Start: s3ops.Location{Bucket: "docs"}}, 140, 40)
	h.press("tab")
	// (versitygw keeps the emptied folder old/ on disk and lists it, so
	// only the object is checked here.)
	if got := h.rowsOf(ui.RightPane); slices.Contains(got, "report.md") || !slices.Contains(got, "notes.txt") {
		t.Fatalf("rows before D: %q", got)
	}

	h.press("D")
	h.wantStatus("showing deleted objects")
	h.wantPane(ui.RightPane, "old/", "✗ report.md", "deleted", "notes.txt")
	h.cursorTo(ui.RightPane, "report.md")
	for _, k := range []string{"c", "d", "R", "e", "s", "space"} {
		h.press(k)
		h.wantNoDialog()
	}
	h.press("d")
	h.wantStatus("report.md was deleted: v lists its versions, and r there restores one")
	if n := len(h.m.Pane(ui.RightPane).Marked()); n != 0 {
		t.Fatalf("a deleted object was marked (%d marks)", n)
	}
	h.press("i")
	h.wantScreen("report.md (deleted)", "delete marker", "Deleted at", "v lists them; r there restores one")
	h.press("esc")

	// Its versions, and a restore of the newest real one.
	h.press("v")
	h.wantScreen("Versions of s3://docs/report.md", "delete marker")
	// A deleted object's older version can still be shared.
	h.press("down")
	if resp, body := fetch(t, oneCopy(t, h.pressRec("s", "enter"))); resp.StatusCode != 200 || body != "# v3\n" {
		t.Fatalf("link to a version of a deleted object: %d %q", resp.StatusCode, body)
	}
	h.press("esc", "r")
	h.wantScreen("the latest?")
	h.press("y")
	h.wantScreen("restored version")
	h.press("esc")
	h.wantNoDialog()
	h.wantPane(ui.RightPane, "report.md", "5 B") // "# v3\n", live again
	if strings.Contains(h.paneText(ui.RightPane), "✗ report.md") {
		t.Fatalf("the restored object is still listed as deleted:\n%s", h.paneText(ui.RightPane))
	}

	// A folder of deleted objects opens onto them; the setting follows
	// the pane from folder to folder until D turns it off.
	h.cursorTo(ui.RightPane, "old")
	h.press("enter")
	h.wantPane(ui.RightPane, "s3://docs/old/", "✗ gone.txt")
	h.press("D")
	h.wantStatus("hiding deleted objects")
	if strings.Contains(h.paneText(ui.RightPane), "gone.txt") {
		t.Fatalf("deleted object still listed:\n%s", h.paneText(ui.RightPane))
	}
}

// In a bucket without versioning nothing deleted is kept: D says so.
func TestShowingDeletedObjectsSaysWhenTheBucketKeepsNone(t *testing.T) {
	t.Parallel()
	e := versionedEnv(t)
	if _, err := e.client.Delete(context.Background(), s3ops.Location{Bucket: "docs", Key: "report.md"}, s3ops.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	h := e.start(ui.Options{S3Start: s3ops.Location{Bucket: "plain"}}, 140, 40)
	h.press("tab", "D")
	h.wantStatus("bucket plain has versioning off: it keeps nothing deleted")
	h.press("backspace")
	h.cursorTo(ui.RightPane, "docs")
	h.press("enter")
	h.wantPane(ui.RightPane, "✗ ") // still on: report.md is listed as deleted
	h.press("D")
	h.wantStatus("hiding deleted objects")
}

// The hints about a deleted object name the keys the user set.
func TestDeletedObjectHintsFollowTheKeymap(t *testing.T) {
	t.Parallel()
	e := versionedEnv(t)
	if _, err := e.client.Delete(context.Background(), s3ops.Location{Bucket: "docs", Key: "report.md"}, s3ops.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	keys := keymap.Default()
	if err := keys.Apply(map[string][]string{"pane.versions": {"V"}, "versions.restore": {"z"}}); err != nil {
		t.Fatal(err)
	}
	h := e.start(ui.Options{Keys: &keys, S3Start: s3ops.Location{Bucket: "docs"}}, 140, 40)
	h.press("tab", "D")
	h.cursorTo(ui.RightPane, "report.md")
	h.press("d")
	h.wantStatus("report.md was deleted: V lists its versions, and z there restores one")
	h.press("i")
	h.wantScreen("V lists them; z there restores one")
	h.press("esc", "p")
	h.settlePreview()
	h.wantPreview("V lists its versions; z", "there restores one.")
}
