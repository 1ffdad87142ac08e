package sharing

import (
	"strings"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/ui/source"
)

// s3Of returns the S3 location p shows, or a sentence saying p is local.
func s3Of(p Pane) (source.S3, string) {
	if s, ok := p.Source().(source.S3); ok {
		return s, ""
	}
	return source.S3{}, "share links are for S3: switch to the S3 pane (tab) first"
}

// targets is what s shares: the objects (each a link, or together a
// page) and the folders (only on a page, listed recursively), all in one
// bucket of one connection.
type targets struct {
	src     source.S3
	objects []s3ops.Location
	folders []s3ops.Location
}

// downloadTargets are the entries s shares in p: the marked ones, or the
// one under the cursor. With nothing to share, why says what to do
// instead.
func downloadTargets(p Pane) (t targets, why string) {
	src, why := s3Of(p)
	if why != "" {
		return t, why
	}
	if src.Loc.Bucket == "" {
		return t, "s shares objects and folders: open a bucket first (S in the bucket list makes an upload link)"
	}
	t.src = src
	entries := p.Marked()
	if len(entries) == 0 {
		e, ok := p.Current()
		if !ok {
			return t, "nothing to share here: this location is empty"
		}
		entries = []source.Entry{e}
	}
	for _, e := range entries {
		loc := s3ops.Location{Bucket: src.Loc.Bucket, Key: e.Key}
		if e.IsDir {
			if !strings.HasSuffix(loc.Key, "/") {
				loc.Key += "/"
			}
			t.folders = append(t.folders, loc)
			continue
		}
		t.objects = append(t.objects, loc)
	}
	return t, ""
}

// uploadTarget is the folder an upload link or page of p puts objects
// in: the pane's location, or in the bucket list the bucket under the
// cursor; with the pane's source, whose connection signs.
func uploadTarget(p Pane) (source.S3, s3ops.Location, string) {
	src, why := s3Of(p)
	if why != "" {
		return src, s3ops.Location{}, why
	}
	if src.Loc.Bucket != "" {
		return src, src.Loc, ""
	}
	if e, ok := p.Current(); ok {
		return src, s3ops.Location{Bucket: e.Key}, ""
	}
	return src, s3ops.Location{}, "no bucket to upload into: create or open one first"
}
