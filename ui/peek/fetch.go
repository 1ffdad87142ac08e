package peek

import (
	"context"
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"github.com/ferry-s3/ferry/keymap"
	"github.com/ferry-s3/ferry/localops"
	"github.com/ferry-s3/ferry/preview"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
)

// fetched is the beginning of a file or object and its name.
type fetched struct {
	head preview.Head
	name string
}

// fetch reads the first preview.DefaultMax bytes of e: from disk, or
// from S3 with a ranged presigned GET (so a 5 GiB object costs 64 KiB).
func fetch(ctx context.Context, src source.Source, e source.Entry) (fetched, error) {
	switch s := src.(type) {
	case source.Local:
		h, err := localops.ReadHead(e.Key, preview.DefaultMax)
		return fetched{head: h, name: filepath.Base(e.Key)}, err
	case source.S3:
		loc := s3ops.Location{Bucket: s.Loc.Bucket, Key: e.Key}
		h, err := s.Client.Preview(ctx, loc, preview.DefaultMax)
		if err != nil {
			err = fmt.Errorf("%s: %w", common.Sanitize(loc.String()), err)
		}
		return fetched{head: h, name: path.Base(e.Key)}, err
	}
	return fetched{}, fmt.Errorf("cannot preview %s", src)
}

// describe is what the column says without reading anything: about a
// folder, a bucket, or an empty location.
func describe(t target, keys *keymap.KeyMap) (rendered, bool) {
	switch {
	case !t.ok:
		return rendered{summary: "nothing here", lines: []string{"(empty)"}}, true
	case t.entry.Deleted && t.entry.IsDir:
		name := common.Sanitize(strings.TrimSuffix(t.entry.Name, "/"))
		return rendered{summary: "deleted", lines: []string{name + "/ holds only deleted objects: open it to see them."}}, true
	case t.entry.Deleted:
		return rendered{summary: "deleted", lines: []string{common.Sanitize(t.entry.Name) +
			" was deleted (its latest version is a delete marker). " + keys.Ops.Versions.Help().Key + " lists its versions; " +
			keys.Ops.VersionRestore.Help().Key + " there restores one."}}, true
	case t.entry.IsDir:
		s, isS3 := t.src.(source.S3)
		what := "folder"
		if isS3 && s.Loc.Bucket == "" {
			what = "bucket"
		}
		name := common.Sanitize(strings.TrimSuffix(t.entry.Name, "/"))
		return rendered{summary: what, lines: []string{name + "/ is a " + what + ": open it to see what is inside."}}, true
	}
	return rendered{}, false
}

// describeWrapped is describe with its text wrapped to width.
func describeWrapped(t target, keys *keymap.KeyMap, width int) (rendered, bool) {
	r, ok := describe(t, keys)
	r.lines = wrapPlain(r.lines, width)
	r.width = width
	return r, ok
}
