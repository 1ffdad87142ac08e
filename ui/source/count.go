package source

import (
	"context"
	"fmt"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/localops"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/ui/common"
)

// Tally is what a selection holds: objects (or files) and their bytes,
// with folders counted through. The questions before a copy, an upload,
// a download or a delete state it.
type Tally struct {
	Files   int64
	Bytes   int64
	Folders int  // folders in the selection itself
	Done    bool // folders have been counted through (or there are none)
	Err     error
	// Skipped entries in the folders will be left out (an upload leaves
	// out links it does not follow, special files, unreadable folders),
	// for SkipReason when they share one.
	Skipped    int
	SkipReason string
}

// AddSkipped adds n entries left out for reason.
func (t *Tally) AddSkipped(n int, reason string) {
	if n == 0 {
		return
	}
	if t.Skipped == 0 {
		t.SkipReason = reason
	} else if t.SkipReason != reason {
		t.SkipReason = ""
	}
	t.Skipped += n
}

// Shallow is the tally of a selection without looking inside folders;
// it is Done when there are no folders.
func Shallow(entries []Entry) Tally {
	var t Tally
	for _, e := range entries {
		if e.IsDir {
			t.Folders++
			continue
		}
		t.Files++
		t.Bytes += e.Size
	}
	t.Done = t.Folders == 0
	return t
}

// Count counts everything in the selection of src, folders included:
// every key below an S3 prefix (a bucket entry of the bucket list counts
// the whole bucket), every file below a local folder. It stops at the
// first error, which it keeps with what was counted so far.
func Count(ctx context.Context, src Source, entries []Entry) Tally {
	t := Shallow(entries)
	for _, e := range entries {
		if !e.IsDir || t.Err != nil {
			continue
		}
		switch s := src.(type) {
		case S3:
			if s.Client == nil {
				t.Err = s.unreachable()
				continue
			}
			t.Err = countPrefix(ctx, s.Client, s.Location(e), &t)
		case Local:
			t.Err = CountFolder(ctx, e.Key, &t)
		}
	}
	t.Done = true
	return t
}

func countPrefix(ctx context.Context, c *s3ops.Client, loc s3ops.Location, t *Tally) error {
	return c.List(ctx, loc, s3ops.ListOptions{Recursive: true, PageSize: 1000}, func(p s3ops.Page) bool {
		for _, e := range p.Entries {
			t.Files++
			t.Bytes += e.Size
		}
		return ctx.Err() == nil
	})
}

// CountFolder adds what is below the local folder dir to t (see
// localops.CountTree).
func CountFolder(ctx context.Context, dir string, t *Tally) error {
	files, bytes, err := localops.CountTree(ctx, dir)
	t.Files += files
	t.Bytes += bytes
	return err
}

// Text sums a tally up: "414 objects, 39.5 MiB in all", or what is known
// while folders are still being counted.
func (t Tally) Text(noun string) string {
	switch {
	case t.Err != nil && t.Done:
		return "could not count everything: " + t.Err.Error()
	case !t.Done && t.Files > 0:
		return units.Plural(int(t.Files), noun) + " (" + common.HumanSize(t.Bytes) + ") and " + units.Plural(t.Folders, "folder") + " still being counted…"
	case !t.Done:
		return units.Plural(t.Folders, "folder") + ", counting what is in it…"
	}
	return units.Plural(int(t.Files), noun) + ", " + common.HumanSize(t.Bytes) + " in all" + t.skippedText()
}

// skippedText is what a finished count will leave out, if anything.
func (t Tally) skippedText() string {
	switch {
	case t.Skipped == 0:
		return ""
	case t.SkipReason != "":
		return fmt.Sprintf("; %d left out (%s)", t.Skipped, t.SkipReason)
	}
	return fmt.Sprintf("; %d left out (the status line names them after queueing)", t.Skipped)
}
