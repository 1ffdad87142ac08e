package s3ops_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/ferry-s3/ferry/preview"
	"github.com/ferry-s3/ferry/s3ops"
)

func TestPreviewFetchesOnlyTheFirstBytes(t *testing.T) {
	t.Parallel()
	c, srv := connect(t)
	mustCreateBucket(t, c, "prev")
	ctx := context.Background()
	big := randomBytes(300 << 10)
	loc := s3ops.Location{Bucket: "prev", Key: "data/big blob+1.bin"}
	putWithMeta(t, srv, loc, big, "application/octet-stream", nil)

	h, err := c.Preview(ctx, loc, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(h.Data, big[:1000]) || h.Size != int64(len(big)) || !h.Truncated || h.ContentType != "application/octet-stream" {
		t.Fatalf("got %d bytes, size %d, truncated %v, type %q", len(h.Data), h.Size, h.Truncated, h.ContentType)
	}
	if h, err := c.Preview(ctx, loc, 0); err != nil || len(h.Data) != preview.DefaultMax || !h.Truncated {
		t.Fatalf("default max: %d bytes, %v", len(h.Data), err)
	}

	small := s3ops.Location{Bucket: "prev", Key: "README.md"}
	putWithMeta(t, srv, small, []byte("# Title\n"), "text/markdown", nil)
	h, err = c.Preview(ctx, small, 1000)
	if err != nil || string(h.Data) != "# Title\n" || h.Size != 8 || h.Truncated {
		t.Fatalf("small: %+v %v", h, err)
	}
	if k := preview.Detect(h.Data, small.Key); k != preview.Markdown {
		t.Fatalf("detected %v", k)
	}
}

func TestPreviewOfEmptySparseAndMissingObjects(t *testing.T) {
	t.Parallel()
	c, srv := connect(t)
	mustCreateBucket(t, c, "prev")
	ctx := context.Background()
	empty := s3ops.Location{Bucket: "prev", Key: "empty.txt"}
	putObject(t, c, empty, nil)
	h, err := c.Preview(ctx, empty, 100)
	if err != nil || len(h.Data) != 0 || h.Size != 0 || h.Truncated {
		t.Fatalf("empty: %+v %v", h, err)
	}

	// A 6 GiB object (a sparse file in the gateway's root): the preview
	// still reads 64 KiB and knows the size.
	path := filepath.Join(srv.Dir, "prev", "huge.img")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(6 << 30); err != nil {
		t.Fatal(err)
	}
	f.Close()
	h, err = c.Preview(ctx, s3ops.Location{Bucket: "prev", Key: "huge.img"}, 0)
	if err != nil || len(h.Data) != preview.DefaultMax || h.Size != 6<<30 || !h.Truncated {
		t.Fatalf("huge: %d bytes, size %d, %v", len(h.Data), h.Size, err)
	}
	if preview.Detect(h.Data, "huge.img") != preview.Binary {
		t.Fatal("zeros detected as text")
	}

	_, err = c.Preview(ctx, s3ops.Location{Bucket: "prev", Key: "missing"}, 100)
	if s3ops.KindOf(err) != s3ops.KindNoSuchKey {
		t.Fatalf("missing: %v", err)
	}
	_, err = c.Preview(ctx, s3ops.Location{Bucket: "prev", Key: "dir/"}, 100)
	if s3ops.KindOf(err) != s3ops.KindInvalidArgument {
		t.Fatalf("prefix: %v", err)
	}
}
