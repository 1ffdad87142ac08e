package ui_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/ferry-s3/ferry/localops"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui"
)

// putMany writes n small objects below prefix straight into the
// gateway's posix root (hundreds of PUTs would only slow the test).
func (e *env) putMany(bucket, prefix string, n int) {
	e.t.Helper()
	for i := range n {
		p := filepath.Join(e.srv.Dir, bucket, filepath.FromSlash(prefix), fmt.Sprintf("k%04d.log", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			e.t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("line\n"), 0o644); err != nil {
			e.t.Fatal(err)
		}
	}
}

func TestLocalDeleteStatesCountAndSizeAndGoesToTheTrash(t *testing.T) {
	e := fixtures(t)
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	e.file("docs/guide.md", strings.Repeat("g", 1000))
	h := e.start(ui.Options{}, 120, 30)
	h.cursorTo(ui.LeftPane, "alpha.txt")
	h.press("space")
	h.cursorTo(ui.LeftPane, "docs")
	h.press("space", "d")
	// alpha.txt (5 B) and the folder's readme.md (6 B) and guide.md (1000 B).
	h.wantScreen("Delete 2 items?", "alpha.txt", "docs/", "3 files, 1011 B in all", "They go to the trash")
	h.press("n")
	h.wantNoDialog()
	if _, err := os.Stat(filepath.Join(e.local, "alpha.txt")); err != nil {
		t.Fatal("n must keep the files")
	}
	h.press("d", "y")
	h.wantNoDialog()
	h.wantStatus("moved 2 items to the trash")
	for _, name := range []string{"alpha.txt", "docs"} {
		if _, err := os.Lstat(filepath.Join(e.local, name)); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("%s is still there: %v", name, err)
		}
		if _, err := os.Lstat(filepath.Join(data, "Trash", "files", name)); err != nil {
			t.Fatalf("%s is not in the trash: %v", name, err)
		}
	}
	if slices.Contains(h.rowsOf(ui.LeftPane), "alpha.txt") {
		t.Fatalf("the pane still lists alpha.txt: %v", h.rowsOf(ui.LeftPane))
	}
}

func TestLocalDeleteWithoutATrashAsksToTypeDelete(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	trash := func(string) (localops.TrashedItem, error) { return localops.TrashedItem{}, localops.ErrNoTrash }
	h := e.start(ui.Options{Trash: trash}, 120, 30)
	h.cursorTo(ui.LeftPane, "beta.bin")
	h.press("d", "y")
	h.wantScreen("No trash here: delete 1 item for good?", "beta.bin", "Type delete")
	h.typeText("dele")
	h.press("enter")
	h.wantScreen(`type "delete" to delete for good`)
	if _, err := os.Stat(filepath.Join(e.local, "beta.bin")); err != nil {
		t.Fatal("a wrong word must keep the file")
	}
	h.typeText("te")
	h.press("enter")
	h.wantNoDialog()
	h.wantStatus("deleted 1 item for good")
	if _, err := os.Stat(filepath.Join(e.local, "beta.bin")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("beta.bin is still there: %v", err)
	}
}

func TestS3PrefixDeleteRunsAsATaskAndLeavesNothing(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	e.bucket("bulk")
	e.putMany("bulk", "logs/2026/", 350)
	e.put("bulk", "keep.txt", "k", "text/plain", nil)
	eng := e.engine(nil, transfer.Options{})
	h := e.startTx(eng, "bulk", 140, 40)
	h.press("tab")
	h.cursorTo(ui.RightPane, "logs")
	h.press("d")
	h.wantScreen("Delete logs/?", "s3://bulk/", "350 objects, 1.7 KiB in all", "Folders are deleted with everything in them", "This cannot be undone")
	h.press("y")
	h.wantNoDialog()
	h.wantStatus("deleted 350 objects in s3://bulk/")
	if left := e.keysIn("bulk", "logs/"); len(left) != 0 {
		t.Fatalf("%d keys left, e.g. %v", len(left), left[:min(3, len(left))])
	}
	if !slices.Equal(e.keysIn("bulk", ""), []string{"keep.txt"}) {
		t.Fatalf("keys = %v", e.keysIn("bulk", ""))
	}
	// The task is a row of the transfers pane, done, with its count.
	if !h.m.TransfersVisible() {
		t.Fatal("the transfers pane should show the task")
	}
	h.wantScreen("✗ logs/ in s3://bulk/", "350 objects", "done")
	if slices.Contains(h.rowsOf(ui.RightPane), "logs/") {
		t.Fatalf("the pane still lists logs/: %v", h.rowsOf(ui.RightPane))
	}
}

func TestS3DeleteReportsTheKeysTheServerRefuses(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	ctx := context.Background()
	if _, err := e.sdk.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("locked"), ObjectLockEnabledForBucket: aws.Bool(true)}); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"p/a.txt", "p/held.txt", "p/z.txt"} {
		e.put("locked", k, k, "text/plain", nil)
	}
	if _, err := e.sdk.PutObjectLegalHold(ctx, &s3.PutObjectLegalHoldInput{Bucket: aws.String("locked"), Key: aws.String("p/held.txt"),
		LegalHold: &types.ObjectLockLegalHold{Status: types.ObjectLockLegalHoldStatusOn}}); err != nil {
		t.Fatal(err)
	}
	h := e.start(ui.Options{S3Start: s3ops.Location{Bucket: "locked"}}, 140, 40)
	h.press("tab")
	h.cursorTo(ui.RightPane, "p")
	h.press("d", "y")
	// The refusal is listed by key with its reason, and said on the status line.
	h.wantScreen("deleted 2 objects in s3://locked/", "Failed", "1 key", "p/held.txt", "access denied")
	h.wantStatus("1 key failed (first: p/held.txt: access denied")
	if left := e.keysIn("locked", "p/"); !slices.Equal(left, []string{"p/held.txt"}) {
		t.Fatalf("left = %v", left)
	}
}

// One object is deleted at once, without a task row, after the question.
func TestDeletingOneS3ObjectAsksThenDeletesIt(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	h := e.start(ui.Options{S3Start: s3ops.Location{Bucket: "photos"}}, 120, 30)
	h.press("tab")
	h.cursorTo(ui.RightPane, "cat.png")
	h.press("d")
	h.wantScreen("Delete cat.png?", "1 object, 2.9 KiB in all", "This cannot be undone")
	h.press("enter") // the highlighted answer is Cancel
	h.wantNoDialog()
	if !slices.Contains(e.keysIn("photos", ""), "cat.png") {
		t.Fatal("enter on a delete question deleted the object")
	}
	h.press("d", "y")
	h.wantStatus("deleted s3://photos/cat.png")
	if slices.Contains(e.keysIn("photos", ""), "cat.png") || slices.Contains(h.rowsOf(ui.RightPane), "cat.png") {
		t.Fatal("cat.png is still there")
	}
}
