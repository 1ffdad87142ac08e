package ui_test

import (
	"context"
	"testing"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui"
)

// TestTheRestoreQuestionSaysWhatWillHappen: it said a copy would become
// the newest version when the restore only removed the delete marker.
func TestTheRestoreQuestionSaysWhatWillHappen(t *testing.T) {
	t.Parallel()
	e := versionedEnv(t) // report.md: v1, v2, v3
	if _, err := e.client.Delete(context.Background(), s3ops.Location{Bucket: "docs", Key: "report.md"}, s3ops.DeleteOptions{}); err != nil {
		t.Fatal(err) // now a delete marker on top
	}
	eng := e.engine(nil, transfer.Options{})
	h := e.start(ui.Options{Transfers: eng, FeedProgress: true, S3Start: s3ops.Location{Bucket: "docs"}}, 140, 40)
	h.press("tab", "D")
	h.cursorTo(ui.RightPane, "report.md")
	h.press("v", "down", "r") // v3, right under the marker
	if s := squeeze(h.screen()); !contains([]byte(s), "delete marker on top is removed") || !contains([]byte(s), "nothing is copied") {
		t.Fatalf("the question does not say the marker goes and nothing is copied:\n%s", h.screen())
	}
	h.press("y")
	h.wantScreen("restored version")
	if n := len(listVersions(t, e, "report.md")); n != 3 {
		t.Fatalf("%d versions after undeleting, want 3 (the marker gone, nothing copied)", n)
	}
	h.press("down", "r") // an older version, under v3: a copy goes on top
	if s := squeeze(h.screen()); !contains([]byte(s), "is written as the newest version; every version stays") || contains([]byte(s), "delete marker") {
		t.Fatalf("the question does not say a copy is written:\n%s", h.screen())
	}
	h.press("esc")
}
