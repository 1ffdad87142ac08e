package ui_test

import (
	"context"
	"crypto/sha256"
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

// keysIn lists every key below prefix in bucket.
func (e *env) keysIn(bucket, prefix string) []string {
	e.t.Helper()
	var keys []string
	p := s3.NewListObjectsV2Paginator(e.sdk, &s3.ListObjectsV2Input{Bucket: aws.String(bucket), Prefix: aws.String(prefix)})
	for p.HasMorePages() {
		out, err := p.NextPage(context.Background())
		if err != nil {
			e.t.Fatalf("list %s/%s: %v", bucket, prefix, err)
		}
		for _, o := range out.Contents {
			keys = append(keys, aws.ToString(o.Key))
		}
	}
	return keys
}

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

func (h *harness) wantStatus(part string) {
	h.t.Helper()
	if s := h.m.StatusText(); !strings.Contains(s, part) {
		h.t.Fatalf("status is %q, want %q", s, part)
	}
}

func (h *harness) wantNoDialog() {
	h.t.Helper()
	if d := h.m.Dialog(); d != nil {
		h.t.Fatalf("a %T is still open:\n%s", d, h.screen())
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

func TestRenameInS3KeepsBytesTypeAndMetadata(t *testing.T) {
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
	e := fixtures(t)
	h := e.start(ui.Options{S3Start: s3ops.Location{Bucket: "photos"}}, 120, 30)
	h.press("tab")
	h.cursorTo(ui.RightPane, "notes.txt")
	h.press("R", "ctrl+u")
	h.typeText("cat.png")
	h.press("enter")
	h.wantScreen("Replace s3://photos/cat.png?", "Already there:")
	h.press("n")
	h.wantNoDialog()
	if e.objectSum("photos", "cat.png") != sum(strings.Repeat("c", 3000)) {
		t.Fatal("n must keep cat.png")
	}
	h.cursorTo(ui.RightPane, "notes.txt")
	h.press("R", "ctrl+u")
	h.typeText("cat.png")
	h.press("enter", "y")
	h.wantNoDialog()
	if e.objectSum("photos", "cat.png") != sum("n") || slices.Contains(e.keysIn("photos", ""), "notes.txt") {
		t.Fatal("y must replace cat.png with notes.txt")
	}
}

func TestMovingAFolderIntoItselfIsRefusedWithAMessage(t *testing.T) {
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

func TestNewFolderLocalAndS3(t *testing.T) {
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
	e := fixtures(t)
	h := e.start(ui.Options{}, 120, 30)
	h.press("tab", "n")
	h.wantScreen("New bucket", "Region", e.srv.Region)
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

func TestMetadataAndTagsEditRoundTrip(t *testing.T) {
	e := fixtures(t)
	h := e.start(ui.Options{S3Start: s3ops.Location{Bucket: "photos"}}, 120, 40)
	h.press("tab")
	h.cursorTo(ui.RightPane, "notes.txt")
	h.press("e")
	h.wantScreen("Metadata of s3://photos/notes.txt", "Content-Type", "text/plain", "owner=ana", "Tags")
	h.press("ctrl+u")
	h.typeText("text/markdown; charset=utf-8")
	h.press("tab") // Cache-Control
	h.typeText("max-age=60")
	h.press("tab", "tab", "tab", "tab", "tab") // past the headers and owner=ana, to the blank metadata row
	h.typeText("reviewed=yes")
	h.press("tab", "tab") // the new blank row, then the first tag row
	h.typeText("env=prod")
	h.press("ctrl+s")
	h.wantNoDialog()
	h.wantStatus("saved the metadata and tags of s3://photos/notes.txt")
	ctx := context.Background()
	meta, err := e.client.GetMetadata(ctx, s3ops.Location{Bucket: "photos", Key: "notes.txt"})
	if err != nil {
		t.Fatal(err)
	}
	if meta.ContentType != "text/markdown; charset=utf-8" || meta.CacheControl != "max-age=60" ||
		meta.User["owner"] != "ana" || meta.User["reviewed"] != "yes" {
		t.Fatalf("metadata = %+v", meta)
	}
	tags, err := e.client.GetTags(ctx, s3ops.Location{Bucket: "photos", Key: "notes.txt"})
	if err != nil || tags["env"] != "prod" || len(tags) != 1 {
		t.Fatalf("tags = %v, %v", tags, err)
	}
	if e.objectSum("photos", "notes.txt") != sum("n") {
		t.Fatal("the bytes changed")
	}
	// The info dialog shows the tags too.
	h.press("i")
	h.wantScreen("tag: env", "prod", "x-amz-meta-reviewed")
}

func TestPaneSwitchesBetweenLocalAndS3(t *testing.T) {
	e := fixtures(t)
	h := e.start(ui.Options{S3Start: s3ops.Location{Bucket: "photos"}}, 120, 30)
	h.press("w")
	h.wantLocation(ui.LeftPane, "s3://photos/") // where the other pane is
	h.wantPane(ui.LeftPane, "cat.png")
	h.press("backspace")
	h.wantLocation(ui.LeftPane, "s3://")
	h.press("w")
	h.wantLocation(ui.LeftPane, e.local)
	h.press("w")
	h.wantLocation(ui.LeftPane, "s3://") // back where it was in S3
}

func TestServerSideCopyBetweenTwoS3Panes(t *testing.T) {
	e := fixtures(t)
	e.bucket("backup")
	e.put("photos", "2024/c.jpg", "cccc", "image/jpeg", map[string]string{"camera": "x100"})
	eng := e.engine(nil, transfer.Options{})
	h := e.start(ui.Options{Transfers: eng, FeedProgress: true, Left: "s3://photos/2024/", Right: "s3://backup/"}, 140, 40)
	h.wantLocation(ui.LeftPane, "s3://photos/2024/")
	h.cursorTo(ui.LeftPane, "c.jpg")
	h.press("c")
	h.wantScreen("Copy c.jpg?", "s3://backup/", "Server-side copy")
	h.press("y")
	h.wantNoDialog()
	h.wantStatus("copied 1 object (4 B, server-side) to s3://backup/")
	out, err := e.sdk.HeadObject(context.Background(), &s3.HeadObjectInput{Bucket: aws.String("backup"), Key: aws.String("c.jpg")})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(out.ContentType) != "image/jpeg" || out.Metadata["camera"] != "x100" || e.objectSum("backup", "c.jpg") != sum("cccc") {
		t.Fatalf("copy: type %q, metadata %v", aws.ToString(out.ContentType), out.Metadata)
	}
	h.wantPane(ui.RightPane, "c.jpg")
	// A folder copies recursively; what is already there is asked about.
	h.press("backspace")
	h.cursorTo(ui.LeftPane, "2024")
	h.press("c", "y")
	h.wantStatus("copied 3 objects")
	if got := e.keysIn("backup", "2024/"); !slices.Equal(got, []string{"2024/a.jpg", "2024/b.jpg", "2024/c.jpg"}) {
		t.Fatalf("keys = %v", got)
	}
	h.press("c", "y")
	h.wantScreen("Replace s3://backup/2024/?")
}

func TestCopyBetweenTwoLocalPanes(t *testing.T) {
	e := fixtures(t)
	e.dir("dest")
	h := e.start(ui.Options{Right: filepath.Join(e.local, "dest")}, 120, 30)
	h.cursorTo(ui.LeftPane, "docs")
	h.press("c")
	h.wantScreen("Copy docs/?", "A file copy on this machine")
	h.press("y")
	h.wantStatus("copied 1 item")
	b, err := os.ReadFile(filepath.Join(e.local, "dest", "docs", "readme.md"))
	if err != nil || string(b) != "# docs" {
		t.Fatalf("copied file: %q %v", b, err)
	}
	h.wantPane(ui.RightPane, "docs/")
}

func sum(s string) [32]byte { return sha256.Sum256([]byte(s)) }

func TestAnAnsweredQuestionIgnoresKeysThatArriveBeforeItCloses(t *testing.T) {
	e := fixtures(t)
	trash := func(p string) (localops.TrashedItem, error) {
		t.Errorf("%s was trashed after the question was answered no", p)
		return localops.TrashedItem{}, nil
	}
	h := e.start(ui.Options{Trash: trash}, 120, 30)
	h.cursorTo(ui.LeftPane, "alpha.txt")
	h.press("d")
	// "n", then "y" before the close has been processed (a fast typist,
	// or keys arriving in one read).
	_, closeCmd := h.m.Update(keyMsg("n"))
	_, late := h.m.Update(keyMsg("y"))
	h.run(late)
	h.run(closeCmd)
	h.wantNoDialog()
	if _, err := os.Stat(filepath.Join(e.local, "alpha.txt")); err != nil {
		t.Fatal(err)
	}
}
