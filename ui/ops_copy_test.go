package ui_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui"
)

func TestServerSideCopyBetweenTwoS3Panes(t *testing.T) {
	t.Parallel()
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
	h.press("c")
	h.wantScreen("Copy 2024/?", "3 objects, 16 B in all") // counted through the folder while asking
	h.press("y")
	h.wantStatus("copied 3 objects")
	if got := e.keysIn("backup", "2024/"); !slices.Equal(got, []string{"2024/a.jpg", "2024/b.jpg", "2024/c.jpg"}) {
		t.Fatalf("keys = %v", got)
	}
	h.press("c", "y")
	h.wantScreen("Already there: s3://backup/2024/", "Skip", "Overwrite", "Keep both", "Ask later")
}

func TestCopyBetweenTwoLocalPanes(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	e.dir("dest")
	h := e.start(ui.Options{Right: filepath.Join(e.local, "dest")}, 120, 30)
	h.cursorTo(ui.LeftPane, "docs")
	h.press("c")
	h.wantScreen("Copy docs/?", "1 file, 6 B in all", "A file copy on this machine")
	h.press("y")
	h.wantStatus("copied 1 item")
	b, err := os.ReadFile(filepath.Join(e.local, "dest", "docs", "readme.md"))
	if err != nil || string(b) != "# docs" {
		t.Fatalf("copied file: %q %v", b, err)
	}
	h.wantPane(ui.RightPane, "docs/")
}
