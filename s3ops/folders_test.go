package s3ops_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/gateway/gwtest"
	"github.com/ferry-s3/ferry/s3ops"
)

func TestMakeFolderShowsAsAnEmptyFolder(t *testing.T) {
	t.Parallel()
	c, _ := connect(t)
	mustCreateBucket(t, c, "fold")
	ctx := context.Background()
	loc, err := c.MakeFolder(ctx, s3ops.Location{Bucket: "fold"}, "new folder ü+1")
	if err != nil || loc != (s3ops.Location{Bucket: "fold", Key: "new folder ü+1/"}) {
		t.Fatalf("%v %v", loc, err)
	}
	nested, err := c.MakeFolder(ctx, loc, "a/b")
	if err != nil || nested.Key != "new folder ü+1/a/b/" {
		t.Fatalf("%v %v", nested, err)
	}
	root, _ := listAll(t, c, s3ops.Location{Bucket: "fold"}, s3ops.ListOptions{})
	if len(root) != 1 || !root[0].IsPrefix || root[0].Name != "new folder ü+1/" {
		t.Fatalf("root = %+v", root)
	}
	inside, _ := listAll(t, c, nested, s3ops.ListOptions{})
	if len(inside) != 0 {
		t.Fatalf("new folder not empty: %+v", inside)
	}
	info, err := c.Head(ctx, nested)
	if err != nil || info.Size != 0 {
		t.Fatalf("marker: %+v %v", info, err)
	}

	if _, err := c.MakeFolder(ctx, s3ops.Location{Bucket: "fold"}, "new folder ü+1"); !errors.Is(err, s3ops.ErrDestinationExists) {
		t.Fatalf("existing marker: %v", err)
	}
	putObject(t, c, s3ops.Location{Bucket: "fold", Key: "implied/file.txt"}, []byte("x"))
	if _, err := c.MakeFolder(ctx, s3ops.Location{Bucket: "fold"}, "implied"); !errors.Is(err, s3ops.ErrDestinationExists) {
		t.Fatalf("folder implied by a key: %v", err)
	}
}

func TestNamesAreCheckedBeforeAnyRequest(t *testing.T) {
	t.Parallel()
	for _, bad := range []string{"", "/lead", "trail/", "a//b", ".", "..", "a/../b", "tab\there", "nul\x00"} {
		if err := s3ops.CheckName(bad); s3ops.KindOf(err) != s3ops.KindInvalidArgument {
			t.Errorf("CheckName(%q) = %v", bad, err)
		}
	}
	for _, good := range []string{"a", "with space", "ünïcödé", "a+b=c%d#e?f", "nested/name", "...dots"} {
		if err := s3ops.CheckName(good); err != nil {
			t.Errorf("CheckName(%q) = %v", good, err)
		}
	}
	got, err := s3ops.Renamed(s3ops.Location{Bucket: "b", Key: "x/y/old.txt"}, "new.txt")
	if err != nil || got != (s3ops.Location{Bucket: "b", Key: "x/y/new.txt"}) {
		t.Errorf("rename object: %v %v", got, err)
	}
	got, err = s3ops.Renamed(s3ops.Location{Bucket: "b", Key: "x/dir/"}, "renamed")
	if err != nil || got != (s3ops.Location{Bucket: "b", Key: "x/renamed/"}) {
		t.Errorf("rename prefix: %v %v", got, err)
	}
	if _, err := s3ops.Renamed(s3ops.Location{Bucket: "b", Key: "k"}, strings.Repeat("n", 1025)); err == nil {
		t.Error("a key over 1024 bytes was accepted")
	}
}

func TestDeleteBucketSaysWhenItIsNotEmpty(t *testing.T) {
	t.Parallel()
	c, _ := connect(t)
	ctx := context.Background()
	mustCreateBucket(t, c, "full")
	loc := s3ops.Location{Bucket: "full", Key: "thing.txt"}
	putObject(t, c, loc, []byte("x"))
	err := c.DeleteBucket(ctx, "full")
	if !errors.Is(err, s3ops.ErrBucketNotEmpty) || err.Error() != "bucket full is not empty: delete its objects first" {
		t.Fatalf("err = %v", err)
	}
	if _, err := c.Delete(ctx, loc, s3ops.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteBucket(ctx, "full"); err != nil {
		t.Fatal(err)
	}
	bs, _ := c.ListBuckets(ctx)
	if len(bs) != 0 {
		t.Fatalf("buckets = %v", bs)
	}
}

func TestDeleteVersionedBucketWithOnlyOldVersions(t *testing.T) {
	t.Parallel()
	c, _ := connectWith(t, gwtest.WithVersioning())
	ctx := context.Background()
	mustCreateBucket(t, c, "histo")
	if err := c.SetBucketVersioning(ctx, "histo", true); err != nil {
		t.Fatal(err)
	}
	loc := s3ops.Location{Bucket: "histo", Key: "gone.txt"}
	putObject(t, c, loc, []byte("x"))
	if _, err := c.Delete(ctx, loc, s3ops.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	err := c.DeleteBucket(ctx, "histo")
	if !errors.Is(err, s3ops.ErrBucketNotEmpty) || !strings.Contains(err.Error(), "old object versions") {
		t.Fatalf("err = %v", err)
	}
}
