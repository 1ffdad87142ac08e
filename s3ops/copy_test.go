package s3ops_test

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"maps"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/s3ops"
)

func TestCopyBetweenBucketsKeepsBytesTypeMetadataAndTags(t *testing.T) {
	t.Parallel()
	c, srv := connect(t)
	mustCreateBucket(t, c, "from")
	mustCreateBucket(t, c, "into")
	meta := map[string]string{"owner": "ana", "project": "ferry"}
	for _, k := range oddKeys {
		putWithMeta(t, srv, s3ops.Location{Bucket: "from", Key: k}, []byte("body of "+k), "text/x-odd", meta)
	}
	tagged := s3ops.Location{Bucket: "from", Key: oddKeys[0]}
	if err := c.SetTags(context.Background(), tagged, map[string]string{"team": "core"}); err != nil {
		t.Fatal(err)
	}
	for _, k := range oddKeys {
		dst := s3ops.Location{Bucket: "into", Key: "copied/" + k}
		res, err := c.Copy(context.Background(), s3ops.Location{Bucket: "from", Key: k}, dst, s3ops.CopyOptions{})
		if err != nil {
			t.Fatalf("copy %q: %v", k, err)
		}
		if res.Copied != 1 || res.Bytes != int64(len("body of "+k)) {
			t.Fatalf("copy %q: %+v", k, res)
		}
		assertSameObject(t, c, dst, []byte("body of "+k), "text/x-odd", meta)
		assertSameObject(t, c, s3ops.Location{Bucket: "from", Key: k}, []byte("body of "+k), "text/x-odd", meta)
	}
	tags, err := c.GetTags(context.Background(), s3ops.Location{Bucket: "into", Key: "copied/" + oddKeys[0]})
	if err != nil || !maps.Equal(tags, map[string]string{"team": "core"}) {
		t.Fatalf("tags of the copy: %v %v", tags, err)
	}
}

func TestMultipartCopyKeepsBytesTypeMetadataAndTags(t *testing.T) {
	t.Parallel()
	c, srv := connect(t)
	mustCreateBucket(t, c, "big")
	mustCreateBucket(t, c, "dest")
	body := randomBytes(12 << 20)
	src := s3ops.Location{Bucket: "big", Key: "media/clip + 1 (final).bin"}
	meta := map[string]string{"camera": "a7"}
	putWithMeta(t, srv, src, body, "video/mp4", meta)
	if err := c.SetTags(context.Background(), src, map[string]string{"stage": "raw", "odd key": "a=b c+d/e@f"}); err != nil {
		t.Fatal(err)
	}
	dst := s3ops.Location{Bucket: "dest", Key: "archive/clip + 1 (final).bin"}
	var last s3ops.Progress
	res, err := c.Copy(context.Background(), src, dst, s3ops.CopyOptions{MultipartThreshold: 6 << 20, PartSize: 5 << 20,
		Concurrency: 3, Progress: func(p s3ops.Progress) { last = p }})
	if err != nil {
		t.Fatal(err)
	}
	if res.Bytes != int64(len(body)) || last.Bytes != int64(len(body)) || last.Done != 1 {
		t.Fatalf("result %+v, last progress %+v", res, last)
	}
	assertSameObject(t, c, dst, body, "video/mp4", meta)
	info, _ := c.Head(context.Background(), dst)
	if !strings.HasSuffix(info.ETag, "-3") {
		t.Fatalf("ETag %q: not assembled from 3 parts", info.ETag)
	}
	tags, err := c.GetTags(context.Background(), dst)
	if err != nil || !maps.Equal(tags, map[string]string{"stage": "raw", "odd key": "a=b c+d/e@f"}) {
		t.Fatalf("tags: %v %v", tags, err)
	}
	ups, err := c.ListMultipartUploads(context.Background(), s3ops.Location{Bucket: "dest"})
	if err != nil || len(ups) != 0 {
		t.Fatalf("uploads left: %v %v", ups, err)
	}
}

func TestCancelledMultipartCopyAbortsItsUpload(t *testing.T) {
	t.Parallel()
	c, _ := connect(t)
	mustCreateBucket(t, c, "big")
	src := s3ops.Location{Bucket: "big", Key: "src.bin"}
	putObject(t, c, src, randomBytes(16<<20))
	dst := s3ops.Location{Bucket: "big", Key: "dst.bin"}
	ctx, cancel := context.WithCancel(context.Background())
	_, err := c.Copy(ctx, src, dst, s3ops.CopyOptions{MultipartThreshold: 6 << 20, PartSize: 5 << 20, Concurrency: 1,
		Progress: func(p s3ops.Progress) {
			if p.Bytes > 0 {
				cancel()
			}
		}})
	if s3ops.KindOf(err) != s3ops.KindCanceled {
		t.Fatalf("err = %v", err)
	}
	ups, err := c.ListMultipartUploads(context.Background(), s3ops.Location{Bucket: "big"})
	if err != nil || len(ups) != 0 {
		t.Fatalf("uploads left after cancel: %v %v", ups, err)
	}
	if _, err := c.Head(context.Background(), dst); s3ops.KindOf(err) != s3ops.KindNoSuchKey {
		t.Fatalf("destination exists after cancel: %v", err)
	}
}

func TestCopyRefusesExistingDestinationUnlessOverwrite(t *testing.T) {
	t.Parallel()
	c, _ := connect(t)
	mustCreateBucket(t, c, "bkt")
	src, dst := s3ops.Location{Bucket: "bkt", Key: "new.txt"}, s3ops.Location{Bucket: "bkt", Key: "old.txt"}
	putObject(t, c, src, []byte("new"))
	putObject(t, c, dst, []byte("old"))
	_, err := c.Copy(context.Background(), src, dst, s3ops.CopyOptions{})
	if !errors.Is(err, s3ops.ErrDestinationExists) || !errors.Is(err, fs.ErrExist) || s3ops.KindOf(err) != s3ops.KindExists {
		t.Fatalf("err = %v", err)
	}
	if err.Error() != "s3://bkt/old.txt already exists" {
		t.Fatalf("message %q", err)
	}
	if got := getObject(t, c, dst, ""); string(got) != "old" {
		t.Fatalf("destination changed: %q", got)
	}
	if _, err := c.Copy(context.Background(), src, dst, s3ops.CopyOptions{Overwrite: true}); err != nil {
		t.Fatal(err)
	}
	if got := getObject(t, c, dst, ""); string(got) != "new" {
		t.Fatalf("not overwritten: %q", got)
	}
}

func TestCopyPrefixRecursively(t *testing.T) {
	t.Parallel()
	c, _ := connect(t)
	mustCreateBucket(t, c, "bkt")
	mustCreateBucket(t, c, "other")
	keys := []string{"src/", "src/a.txt", "src/deep/er/b.txt", "src/odd + key %.txt"}
	for _, k := range keys {
		putObject(t, c, s3ops.Location{Bucket: "bkt", Key: k}, contentOf(k))
	}
	res, err := c.Copy(context.Background(), s3ops.Location{Bucket: "bkt", Key: "src/"}, s3ops.Location{Bucket: "other", Key: "dst/src/"}, s3ops.CopyOptions{})
	if err != nil || res.Copied != len(keys) || len(res.Failed) != 0 {
		t.Fatalf("%+v %v", res, err)
	}
	for _, k := range keys {
		dk := "dst/" + k
		if got := getObject(t, c, s3ops.Location{Bucket: "other", Key: dk}, ""); !bytes.Equal(got, contentOf(k)) {
			t.Fatalf("%s = %q", dk, got)
		}
	}
	_, err = c.Copy(context.Background(), s3ops.Location{Bucket: "bkt", Key: "src/"}, s3ops.Location{Bucket: "bkt", Key: "src/deep/src/"}, s3ops.CopyOptions{})
	if !errors.Is(err, s3ops.ErrIntoItself) {
		t.Fatalf("copy into itself: %v", err)
	}
}

func TestIntoNamesTheDestinationInAFolder(t *testing.T) {
	t.Parallel()
	cases := []struct{ src, folder, want s3ops.Location }{
		{s3ops.Location{Bucket: "a", Key: "x/y.txt"}, s3ops.Location{Bucket: "bkt", Key: "z/"}, s3ops.Location{Bucket: "bkt", Key: "z/y.txt"}},
		{s3ops.Location{Bucket: "a", Key: "x/dir/"}, s3ops.Location{Bucket: "b"}, s3ops.Location{Bucket: "b", Key: "dir/"}},
		{s3ops.Location{Bucket: "a", Key: "top.txt"}, s3ops.Location{Bucket: "a", Key: "sub"}, s3ops.Location{Bucket: "a", Key: "sub/top.txt"}},
	}
	for _, tc := range cases {
		if got := s3ops.Into(tc.src, tc.folder); got != tc.want {
			t.Errorf("Into(%v, %v) = %v, want %v", tc.src, tc.folder, got, tc.want)
		}
	}
}
