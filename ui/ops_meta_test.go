package ui_test

import (
	"context"
	"testing"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/ui"
)

func TestMetadataAndTagsEditRoundTrip(t *testing.T) {
	t.Parallel()
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
