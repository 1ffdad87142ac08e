package syncplan

import (
	"context"
	"iter"
	"time"
)

// Entry is one file of a side: a local file or an object.
type Entry struct {
	// Path is relative to the side's root, slash-separated.
	Path    string
	Size    int64
	ModTime time.Time
	// ETag is an object's (S3 sides only).
	ETag string
	// Local is a local file's full path (local sides only).
	Local string
}

// Side is one end of a sync.
type Side interface {
	// Entries streams the side's files in bytewise order of their paths;
	// an error ends the stream.
	Entries(ctx context.Context) iter.Seq2[Entry, error]
	// String names the side for messages.
	String() string
}

// Skip is a path a side leaves out, and why (a symbolic link not
// followed, a key that cannot be a local name, a folder it cannot read).
type Skip struct {
	Path, Reason string
}
