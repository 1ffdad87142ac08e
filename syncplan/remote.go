package syncplan

import (
	"context"
	"errors"
	"iter"
	"strings"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
)

// Remote is an S3 prefix as a side of a sync.
type Remote struct {
	Client *s3ops.Client
	// Loc is the prefix (its key empty or ending in "/").
	Loc    s3ops.Location
	Filter *Filter
	// LocalNames leaves out (and says so) keys that cannot be local
	// names: the other side is a local folder.
	LocalNames bool
	Skipped    func(Skip)
	// PageSize is the keys per listing request (0: the store's 1,000).
	PageSize int32
}

func (r *Remote) String() string { return r.Loc.String() }

// Entries lists the prefix, every level, in bytewise key order (its
// folders side by side: see objects). Folder markers ("a/" of 0 bytes)
// are no files.
func (r *Remote) Entries(ctx context.Context) iter.Seq2[Entry, error] {
	return func(yield func(Entry, error) bool) {
		for e, err := range r.objects(ctx) {
			if err != nil {
				yield(Entry{}, err)
				return
			}
			if ent, ok := r.entry(e); ok && !yield(ent, nil) {
				return
			}
		}
	}
}

// entry turns a listed object into an Entry, or leaves it out.
func (r *Remote) entry(e s3ops.Entry) (Entry, bool) {
	rel := strings.TrimPrefix(e.Key, r.Loc.Key)
	switch {
	case e.IsPrefix || rel == "" || strings.HasSuffix(rel, "/"):
		return Entry{}, false
	case !r.Filter.File(rel):
		return Entry{}, false
	}
	if r.LocalNames {
		if _, err := transfer.KeyToPath("/sync-root", rel); err != nil {
			reason := err.Error()
			var uk *transfer.UnsafeKeyError
			if errors.As(err, &uk) {
				reason = uk.Reason
			}
			if r.Skipped != nil {
				r.Skipped(Skip{Path: rel, Reason: reason})
			}
			return Entry{}, false
		}
	}
	return Entry{Path: rel, Size: e.Size, ModTime: e.Modified, ETag: strings.Trim(e.ETag, `"`)}, true
}
