package transfer

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/ferry-s3/ferry/s3ops"
)

// DownloadVersionAs queues one version of the object src (as listed by
// s3ops.Client.Versions) to be saved as the file target, under policy
// when target exists. Every range is a presigned GET of that version,
// checked against its ETag like any download; a version never changes,
// so a retry keeps what was already fetched.
func (e *Engine) DownloadVersionAs(ctx context.Context, src s3ops.Location, v s3ops.Version, target string, policy Policy) (Batch, error) {
	switch {
	case src.IsPrefix():
		return Batch{}, fmt.Errorf("cannot download %s as one file: it is a folder", src)
	case v.VersionID == "":
		return Batch{}, fmt.Errorf("cannot download a version of %s: no version chosen", src)
	case v.DeleteMarker:
		return Batch{}, fmt.Errorf("version %s of %s is a delete marker: it has no content to download", v.VersionID, src)
	}
	abs, err := filepath.Abs(target)
	if err != nil {
		return Batch{}, err
	}
	b := &batch{id: BatchID(newID("b")), policy: policy}
	out := Batch{ID: b.id}
	addDownloadJob(b, &out, filepath.Dir(abs), filepath.Dir(abs), abs, s3ops.Entry{Key: src.Key, Size: v.Size, ETag: v.ETag}, src.Bucket)
	b.jobs[0].rec.Version = v.VersionID
	return out, e.add(b)
}
