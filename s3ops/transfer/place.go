package transfer

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/ferry-s3/ferry/s3ops"
)

// PlaceFunc is asked about every file an upload is about to queue, with
// the object it would become. It returns where the file goes (dst, or
// another key, e.g. a free "name (1).ext"), or a non-empty reason to
// leave the file out, which the Batch lists under Skipped. Headless
// commands use it to apply a conflict policy to uploads.
type PlaceFunc func(local string, dst s3ops.Location, size int64) (s3ops.Location, string)

// UploadOptions tunes one UploadWith call.
type UploadOptions struct {
	// Place, when set, decides each file's destination (see PlaceFunc).
	Place PlaceFunc
}

// DownloadAs queues the object src to be saved as the file target (not
// into a folder, as Download does), under policy when target exists.
func (e *Engine) DownloadAs(ctx context.Context, src s3ops.Location, target string, policy Policy) (Batch, error) {
	if src.IsPrefix() {
		return Batch{}, fmt.Errorf("cannot download %s as one file: it is a folder", src)
	}
	abs, err := filepath.Abs(target)
	if err != nil {
		return Batch{}, err
	}
	info, err := e.c.Head(ctx, src)
	if err != nil {
		return Batch{}, fmt.Errorf("cannot download %s: %w", src, err)
	}
	return e.DownloadListedAs(src.Bucket, s3ops.Entry{Key: src.Key, Size: info.Size, ETag: info.ETag}, abs, policy)
}

// DownloadListedAs is DownloadAs for an object just listed: its size and
// ETag come from the listing, so no HEAD is asked for (a sync downloading
// thousands of files would wait for one each). The ETag pins the
// download: an object replaced since the listing fails it, and says so.
func (e *Engine) DownloadListedAs(bucket string, obj s3ops.Entry, target string, policy Policy) (Batch, error) {
	abs, err := filepath.Abs(target)
	if err != nil {
		return Batch{}, err
	}
	b := &batch{id: BatchID(newID("b")), policy: policy}
	out := Batch{ID: b.id}
	addDownloadJob(b, &out, filepath.Dir(abs), filepath.Dir(abs), abs, obj, bucket)
	return out, e.add(b)
}
