package s3ops_test

import (
	"context"
	"errors"
	"io/fs"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/s3ops"
)

func TestRenameKeepsBytesTypeAndMetadataAndRemovesTheOriginal(t *testing.T) {
	t.Parallel()
	c, srv := connect(t)
	mustCreateBucket(t, c, "ren")
	meta := map[string]string{"author": "bo", "x-odd": "v=1; q"}
	for i, k := range oddKeys {
		src := s3ops.Location{Bucket: "ren", Key: k}
		dst := s3ops.Location{Bucket: "ren", Key: "renamed " + k}
		content := randomBytes(1000 + i)
		putWithMeta(t, srv, src, content, "application/x-ferry", meta)
		res, err := c.Move(context.Background(), src, dst, s3ops.CopyOptions{})
		if err != nil || res.Moved != 1 {
			t.Fatalf("move %q: %+v %v", k, res, err)
		}
		assertSameObject(t, c, dst, content, "application/x-ferry", meta)
		if _, err := c.Head(context.Background(), src); s3ops.KindOf(err) != s3ops.KindNoSuchKey {
			t.Fatalf("original %q still there: %v", k, err)
		}
	}
}

func TestMovePrefixRecursivelyAcrossBuckets(t *testing.T) {
	t.Parallel()
	c, _ := connect(t)
	mustCreateBucket(t, c, "one")
	mustCreateBucket(t, c, "two")
	keys := []string{"photos/", "photos/2024/a.jpg", "photos/2024/b c.jpg", "photos/2025/deep/x+y%z.jpg", "photos/readme"}
	for _, k := range keys {
		putObject(t, c, s3ops.Location{Bucket: "one", Key: k}, contentOf(k))
	}
	putObject(t, c, s3ops.Location{Bucket: "one", Key: "photos-not-moved.txt"}, []byte("stay"))
	var last s3ops.Progress
	res, err := c.Move(context.Background(), s3ops.Location{Bucket: "one", Key: "photos/"},
		s3ops.Location{Bucket: "two", Key: "backup/photos/"}, s3ops.CopyOptions{Progress: func(p s3ops.Progress) { last = p }})
	if err != nil || res.Moved != len(keys) || len(res.Failed) != 0 {
		t.Fatalf("%+v %v", res, err)
	}
	if last.Done != len(keys) || last.Total != len(keys) || !last.Listed {
		t.Fatalf("last progress %+v", last)
	}
	for _, k := range keys {
		if got := getObject(t, c, s3ops.Location{Bucket: "two", Key: "backup/" + k}, ""); string(got) != string(contentOf(k)) {
			t.Fatalf("%s = %q", k, got)
		}
	}
	left := keysUnder(t, c, s3ops.Location{Bucket: "one"})
	if len(left) != 1 || !left["photos-not-moved.txt"] {
		t.Fatalf("left in source bucket: %v", left)
	}
}

func TestMoveIntoItselfIsRefused(t *testing.T) {
	t.Parallel()
	c, _ := connect(t)
	mustCreateBucket(t, c, "self")
	putObject(t, c, s3ops.Location{Bucket: "self", Key: "a/x.txt"}, []byte("x"))
	putObject(t, c, s3ops.Location{Bucket: "self", Key: "a/c/x.txt"}, []byte("x"))
	// a/c/ onto a/ would write a/c/c/... over a/c/... still to be read.
	if _, err := c.Move(context.Background(), s3ops.Location{Bucket: "self", Key: "a/c/"}, s3ops.Location{Bucket: "self", Key: "a/"},
		s3ops.CopyOptions{Overwrite: true}); !errors.Is(err, s3ops.ErrIntoItself) || !strings.Contains(err.Error(), "which contains it") {
		t.Fatalf("onto its parent: %v", err)
	}
	if _, err := c.Delete(context.Background(), s3ops.Location{Bucket: "self", Key: "a/c/"}, s3ops.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, dst := range []string{"a/b/", "a/"} {
		_, err := c.Move(context.Background(), s3ops.Location{Bucket: "self", Key: "a/"}, s3ops.Location{Bucket: "self", Key: dst}, s3ops.CopyOptions{Overwrite: true})
		if s3ops.KindOf(err) != s3ops.KindInvalidArgument {
			t.Fatalf("a/ -> %s: %v", dst, err)
		}
		if dst == "a/b/" && (!errors.Is(err, s3ops.ErrIntoItself) || !strings.Contains(err.Error(), "into itself")) {
			t.Fatalf("a/ -> a/b/: %v", err)
		}
	}
	_, err := c.Move(context.Background(), s3ops.Location{Bucket: "self", Key: "a/x.txt"}, s3ops.Location{Bucket: "self", Key: "a/x.txt"}, s3ops.CopyOptions{})
	if !errors.Is(err, s3ops.ErrSameLocation) {
		t.Fatalf("onto itself: %v", err)
	}
	if got := keysUnder(t, c, s3ops.Location{Bucket: "self"}); len(got) != 1 || !got["a/x.txt"] {
		t.Fatalf("bucket changed: %v", got)
	}
	// The same names in another bucket are fine.
	mustCreateBucket(t, c, "elsewhere")
	if _, err := c.Move(context.Background(), s3ops.Location{Bucket: "self", Key: "a/"}, s3ops.Location{Bucket: "elsewhere", Key: "a/b/"}, s3ops.CopyOptions{}); err != nil {
		t.Fatal(err)
	}
}

func TestRenameOntoExistingKeyAsksFirst(t *testing.T) {
	t.Parallel()
	c, _ := connect(t)
	mustCreateBucket(t, c, "clash")
	src, dst := s3ops.Location{Bucket: "clash", Key: "draft.txt"}, s3ops.Location{Bucket: "clash", Key: "final.txt"}
	putObject(t, c, src, []byte("draft"))
	putObject(t, c, dst, []byte("final"))
	_, err := c.Move(context.Background(), src, dst, s3ops.CopyOptions{})
	if !errors.Is(err, s3ops.ErrDestinationExists) || !errors.Is(err, fs.ErrExist) {
		t.Fatalf("err = %v", err)
	}
	if string(getObject(t, c, src, "")) != "draft" || string(getObject(t, c, dst, "")) != "final" {
		t.Fatal("a refused move changed something")
	}
	if _, err := c.Move(context.Background(), src, dst, s3ops.CopyOptions{Overwrite: true}); err != nil {
		t.Fatal(err)
	}
	if string(getObject(t, c, dst, "")) != "draft" {
		t.Fatal("not overwritten")
	}
	if _, err := c.Head(context.Background(), src); s3ops.KindOf(err) != s3ops.KindNoSuchKey {
		t.Fatalf("original still there: %v", err)
	}

	// A prefix onto a prefix that already holds keys.
	putObject(t, c, s3ops.Location{Bucket: "clash", Key: "d1/a"}, []byte("1"))
	putObject(t, c, s3ops.Location{Bucket: "clash", Key: "d2/b"}, []byte("2"))
	d1, d2 := s3ops.Location{Bucket: "clash", Key: "d1/"}, s3ops.Location{Bucket: "clash", Key: "d2/"}
	if _, err := c.Move(context.Background(), d1, d2, s3ops.CopyOptions{}); !errors.Is(err, s3ops.ErrDestinationExists) {
		t.Fatalf("prefix onto prefix: %v", err)
	}
	if res, err := c.Move(context.Background(), d1, d2, s3ops.CopyOptions{Overwrite: true}); err != nil || res.Moved != 1 {
		t.Fatalf("merge: %+v %v", res, err)
	}
	if got := keysUnder(t, c, d2); len(got) != 2 || !got["d2/a"] || !got["d2/b"] {
		t.Fatalf("merged = %v", got)
	}
}

func TestMoveReportsOriginalsThatCouldNotBeDeleted(t *testing.T) {
	t.Parallel()
	c, srv := connect(t)
	lockedBucket(t, c, sdkClient(srv), "locked", []string{"in/a", "in/held", "in/z"}, "in/held")
	mustCreateBucket(t, c, "out")
	res, err := c.Move(context.Background(), s3ops.Location{Bucket: "locked", Key: "in/"}, s3ops.Location{Bucket: "out", Key: "in/"}, s3ops.CopyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Moved != 2 || len(res.Failed) != 1 || res.Failed[0].Key != "in/held" {
		t.Fatalf("%+v", res)
	}
	want := "copied to s3://out/in/held, but the original could not be deleted: access denied (AccessDenied)"
	if got := res.Failed[0].Err.Error(); got != want || s3ops.KindOf(res.Failed[0].Err) != s3ops.KindAccessDenied {
		t.Fatalf("failure = %q", got)
	}
	if got := keysUnder(t, c, s3ops.Location{Bucket: "out"}); len(got) != 3 {
		t.Fatalf("copies = %v", got)
	}
	if got := keysUnder(t, c, s3ops.Location{Bucket: "locked"}); len(got) != 1 || !got["in/held"] {
		t.Fatalf("originals left = %v", got)
	}
	// A single object: the same, as the error.
	_, err = c.Move(context.Background(), s3ops.Location{Bucket: "locked", Key: "in/held"}, s3ops.Location{Bucket: "out", Key: "held2"}, s3ops.CopyOptions{})
	if err == nil || !strings.HasPrefix(err.Error(), "copied to s3://out/held2, but the original could not be deleted") {
		t.Fatalf("single: %v", err)
	}
}
