package sharepage

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/s3ops"
)

// File is one file a download page lists.
type File struct {
	Key  string
	Size int64
	// Name is the path shown on the page: the key below Selection.Base.
	Name string
}

// Selection is what a download page will list, gathered before anything
// is made, so the count can be shown (and confirmed) first.
type Selection struct {
	Bucket string
	// Base is the folder every name is relative to ("" for the bucket's root).
	Base  string
	Files []File
	// Total is the sum of the files' sizes.
	Total int64
}

// Summary is a sentence about the selection: "12 files, 3.4 MiB".
func (s Selection) Summary() string {
	n := "files"
	if len(s.Files) == 1 {
		n = "file"
	}
	return fmt.Sprintf("%d %s, %s", len(s.Files), n, units.Bytes(s.Total))
}

// TooManyFilesError is a selection with more files than a page may list;
// the caller says how its user raises the limit.
type TooManyFilesError struct{ Max int }

func (e *TooManyFilesError) Error() string {
	return fmt.Sprintf("more than %d files to list: share a narrower folder, or raise the limit", e.Max)
}

// Collect gathers the files of a download page: each location is an
// object (checked with HEAD) or a folder (a key ending in "/", or the
// bucket) whose objects are listed recursively. Folder markers and the
// pages prefix ("" = DefaultPagesPrefix) are left out. More than maxFiles
// files is a *TooManyFilesError, before any link is made.
func Collect(ctx context.Context, c *s3ops.Client, locs []s3ops.Location, maxFiles int, pagesPrefix string) (Selection, error) {
	if len(locs) == 0 {
		return Selection{}, errors.New("name at least one object or folder to put on the page")
	}
	pagesPrefix, err := CheckPagesPrefix(pagesPrefix)
	if err != nil {
		return Selection{}, err
	}
	sel := Selection{Bucket: locs[0].Bucket}
	seen := map[string]bool{}
	add := func(key string, size int64) error {
		if seen[key] || strings.HasSuffix(key, "/") || strings.HasPrefix(key, pagesPrefix) {
			return nil
		}
		if len(sel.Files) == maxFiles {
			return &TooManyFilesError{Max: maxFiles}
		}
		seen[key] = true
		sel.Files = append(sel.Files, File{Key: key, Size: size})
		sel.Total += size
		return nil
	}
	for _, loc := range locs {
		if loc.Bucket != sel.Bucket {
			return Selection{}, fmt.Errorf("a page lives in one bucket: %s is not in %s", loc, sel.Bucket)
		}
		if err := collectOne(ctx, c, loc, add); err != nil {
			return Selection{}, err
		}
	}
	if len(sel.Files) == 0 {
		return Selection{}, fmt.Errorf("%s holds no files to share", locs[0])
	}
	sel.Base = commonFolder(sel.Files)
	for i := range sel.Files {
		sel.Files[i].Name = strings.TrimPrefix(sel.Files[i].Key, sel.Base)
	}
	return sel, nil
}

// collectOne adds one object, or every object below one folder.
func collectOne(ctx context.Context, c *s3ops.Client, loc s3ops.Location, add func(string, int64) error) error {
	if loc.Key != "" && !strings.HasSuffix(loc.Key, "/") {
		info, err := c.Head(ctx, loc)
		if s3ops.KindOf(err) == s3ops.KindNoSuchKey {
			// "s3://b/reports" naming the folder reports/ (no such object):
			// share the folder, as the user meant.
			folder := s3ops.Location{Bucket: loc.Bucket, Key: loc.Key + "/"}
			if n, _ := countUpTo(ctx, c, folder, 1); n > 0 {
				return collectOne(ctx, c, folder, add)
			}
		}
		if err != nil {
			return fmt.Errorf("%s: %w", loc, err)
		}
		return add(loc.Key, info.Size)
	}
	var addErr error
	err := c.List(ctx, loc, s3ops.ListOptions{Recursive: true}, func(p s3ops.Page) bool {
		for _, e := range p.Entries {
			if addErr = add(e.Key, e.Size); addErr != nil {
				return false
			}
		}
		return true
	})
	if addErr != nil {
		return addErr
	}
	if err != nil {
		return fmt.Errorf("%s: %w", loc, err)
	}
	return nil
}

// countUpTo counts the keys below folder, stopping at limit.
func countUpTo(ctx context.Context, c *s3ops.Client, folder s3ops.Location, limit int) (int, error) {
	n := 0
	err := c.List(ctx, folder, s3ops.ListOptions{Recursive: true, PageSize: int32(limit)}, func(p s3ops.Page) bool {
		n += len(p.Entries)
		return n < limit
	})
	return n, err
}

// commonFolder is the longest folder ("a/b/") holding every file.
func commonFolder(files []File) string {
	base := files[0].Key[:strings.LastIndexByte(files[0].Key, '/')+1]
	for _, f := range files[1:] {
		for !strings.HasPrefix(f.Key, base) {
			base = base[:strings.LastIndexByte(strings.TrimSuffix(base, "/"), '/')+1]
		}
	}
	return base
}
