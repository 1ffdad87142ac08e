// Package source is what a file pane shows: a Source is one browsable
// location, on the local disk or in S3, that can list itself (streaming
// pages), describe one entry, and lead to its children and parent. The
// pane works only through this interface, so either pane can show either
// kind of location.
package source

import (
	"context"
	"time"
)

// Kind tells local and S3 locations apart (for labels and key hints).
type Kind int

// The kinds of Source.
const (
	KindLocal Kind = iota
	KindS3
)

// Entry is one row of a listing.
type Entry struct {
	// Name is the display name relative to the listed location, without a
	// trailing slash for folders.
	Name string
	// Key identifies the entry in its source: an absolute local path, an
	// S3 key (prefixes end in "/"), or a bucket name in the bucket list.
	Key      string
	IsDir    bool
	Size     int64
	Modified time.Time
	// Link marks a local symbolic link (size and time are its target's).
	Link bool
	// Deleted marks an S3 object deleted in a versioned bucket, listed on
	// request (Modified is when it was deleted); only its versions can be
	// acted on.
	Deleted bool
}

// Field is one labelled line of an entry's details.
type Field struct{ Label, Value string }

// Details describe one entry for the info dialog.
type Details struct {
	Title  string
	Fields []Field
}

// Caps says which location-specific actions apply, so the pane can
// disable the keys that would do nothing.
type Caps struct {
	Home    bool // there is a home location (~)
	Hidden  bool // dot-files are hidden by default and can be toggled
	Deleted bool // deleted objects can be listed too (see DeletedShower)
}

// DeletedShower is a Source that can list deleted objects beside the
// live ones (S3: the delete markers of a versioned bucket).
type DeletedShower interface {
	// ShowingDeleted is the same location, listing deleted objects or not.
	ShowingDeleted(show bool) Source
}

// Source is one browsable location. Implementations are immutable values,
// safe to use from the goroutine that lists them.
type Source interface {
	Kind() Kind
	// String is the full location shown in the pane header, e.g.
	// "/home/me/dir" or "s3://bucket/prefix/"; it also identifies it.
	String() string
	Caps() Caps
	// List streams the entries in pages to emit until done, an error, or
	// emit returning false. The first page arrives before the rest load.
	List(ctx context.Context, emit func([]Entry) bool) error
	// Open returns the location inside a folder entry.
	Open(e Entry) (Source, bool)
	// Parent returns the enclosing location and the name this location
	// has in it (to put the cursor back on it).
	Parent() (parent Source, name string, ok bool)
	// Home returns the home location, when there is one.
	Home() (Source, bool)
	// Details fetches what there is to know about one entry.
	Details(ctx context.Context, e Entry) (Details, error)
}

// Keys are the keys of entries (to address them in messages, such as
// the marks to take off).
func Keys(entries []Entry) []string {
	keys := make([]string, len(entries))
	for i, e := range entries {
		keys[i] = e.Key
	}
	return keys
}
