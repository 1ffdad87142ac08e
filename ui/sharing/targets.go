package sharing

import (
	"fmt"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
)

// s3Of returns the S3 location p shows, or a sentence saying p is local.
func s3Of(p Pane) (source.S3, string) {
	if s, ok := p.Source().(source.S3); ok {
		return s, ""
	}
	return source.S3{}, "share links are for S3: switch to the S3 pane (tab) first"
}

// downloadTargets are the objects s shares in p: the marked objects, or
// the object under the cursor. Marked folders are left out and counted
// in skipped. With no object, why says what to do instead.
func downloadTargets(p Pane) (c *s3ops.Client, objects []s3ops.Location, skipped int, why string) {
	src, why := s3Of(p)
	if why != "" {
		return nil, nil, 0, why
	}
	if src.Loc.Bucket == "" {
		return nil, nil, 0, "s shares objects: open a bucket first (S in the bucket list makes an upload link)"
	}
	entries := p.Marked()
	if len(entries) == 0 {
		e, ok := p.Current()
		if !ok {
			return nil, nil, 0, "nothing to share here: this location is empty"
		}
		if e.IsDir {
			return nil, nil, 0, common.Sanitize(e.Name) + "/ is a folder: share links are for single objects (mark objects with space to share several)"
		}
		entries = []source.Entry{e}
	}
	for _, e := range entries {
		if e.IsDir {
			skipped++
			continue
		}
		objects = append(objects, s3ops.Location{Bucket: src.Loc.Bucket, Key: e.Key})
	}
	if len(objects) == 0 {
		return nil, nil, skipped, fmt.Sprintf("the %d marked entries are folders: share links are for objects", skipped)
	}
	return src.Client, objects, skipped, ""
}

// uploadTarget is the folder an upload link of p puts its object in: the
// pane's location, or in the bucket list the bucket under the cursor.
func uploadTarget(p Pane) (*s3ops.Client, s3ops.Location, string) {
	src, why := s3Of(p)
	if why != "" {
		return nil, s3ops.Location{}, why
	}
	if src.Loc.Bucket != "" {
		return src.Client, src.Loc, ""
	}
	if e, ok := p.Current(); ok {
		return src.Client, s3ops.Location{Bucket: e.Key}, ""
	}
	return nil, s3ops.Location{}, "no bucket to upload into: create or open one first"
}
