package foldercmp

import (
	"context"
	"iter"
	"path/filepath"
	"sync/atomic"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/syncplan"
)

// Side is one of the two folders: a local folder (Client nil) or an S3
// prefix (Loc's key empty or ending in "/").
type Side struct {
	Local  string
	Client *s3ops.Client
	Loc    s3ops.Location
	// Conn names the S3 side's connection ("" for the default one): two
	// S3 sides on different connections copy by streaming.
	Conn string
}

// IsS3 reports whether the side is an S3 prefix.
func (s Side) IsS3() bool { return s.Client != nil }

func (s Side) String() string {
	if s.IsS3() {
		return s.Loc.String()
	}
	return s.Local
}

// Object is where the file at path (relative, slash-separated) is, on
// an S3 side.
func (s Side) Object(path string) s3ops.Location {
	return s3ops.Location{Bucket: s.Loc.Bucket, Key: s.Loc.Key + path}
}

// File is where the file at path is, on a local side (an error for a
// path that cannot be a safe local name).
func (s Side) File(path string) (string, error) { return transfer.KeyToPath(s.Local, path) }

// Progress is how far a comparison has got; its counters are read while
// it runs (from another goroutine).
type Progress struct {
	// Left and Right count the files listed on each side so far.
	Left, Right atomic.Int64
	// LeftListed and RightListed are set once a side is listed to its
	// end (see Listed).
	LeftListed, RightListed atomic.Bool
}

// Listed reports whether both sides are listed: what is left is
// comparing content (hashing local files, asking S3 for checksums).
func (p *Progress) Listed() bool { return p.LeftListed.Load() && p.RightListed.Load() }

// counted is a side whose entries are counted as they stream.
type counted struct {
	syncplan.Side
	n    *atomic.Int64
	done *atomic.Bool
}

func (c counted) Entries(ctx context.Context) iter.Seq2[syncplan.Entry, error] {
	return func(yield func(syncplan.Entry, error) bool) {
		for e, err := range c.Side.Entries(ctx) {
			if err == nil {
				c.n.Add(1)
			}
			if !yield(e, err) {
				return
			}
		}
		c.done.Store(true)
	}
}

// planSide is s as the planner reads it; otherS3 says whether the other
// side is S3 (else keys must make local names).
func (s Side) planSide(otherS3, follow bool, skipped func(syncplan.Skip), unreadable func(string)) syncplan.Side {
	if s.IsS3() {
		return &syncplan.Remote{Client: s.Client, Loc: s.Loc, LocalNames: !otherS3, Skipped: skipped}
	}
	root, _ := filepath.Abs(s.Local)
	return &syncplan.Local{Root: root, FollowSymlinks: follow, Skipped: skipped, Unreadable: unreadable}
}
