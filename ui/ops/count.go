package ops

import (
	"context"
	"io/fs"
	"path/filepath"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
)

// tally is what a selection holds: objects (or files) and their bytes,
// with folders counted through.
type tally struct {
	files   int64
	bytes   int64
	folders int // folders in the selection itself
	done    bool
	err     error
}

// countMsg carries the tally of a selection's folders to the dialog
// that asked.
type countMsg struct {
	id int
	t  tally
}

func (m countMsg) viewID() int { return m.id }

// shallow is the tally of a selection without looking inside folders.
func shallow(entries []source.Entry) tally {
	var t tally
	for _, e := range entries {
		if e.IsDir {
			t.folders++
			continue
		}
		t.files++
		t.bytes += e.Size
	}
	t.done = t.folders == 0
	return t
}

// countCmd counts everything in the selection, folders included: every
// key below an S3 prefix, every file below a local folder.
func countCmd(ctx context.Context, id int, src source.Source, entries []source.Entry) tea.Cmd {
	return func() tea.Msg {
		t := shallow(entries)
		for _, e := range entries {
			if !e.IsDir || t.err != nil {
				continue
			}
			switch s := src.(type) {
			case source.S3:
				t.err = countPrefix(ctx, s.Client, s3Loc(s, e), &t)
			case source.Local:
				t.err = countFolder(ctx, e.Key, &t)
			}
		}
		t.done = true
		return countMsg{id: id, t: t}
	}
}

func countPrefix(ctx context.Context, c *s3ops.Client, loc s3ops.Location, t *tally) error {
	return c.List(ctx, loc, s3ops.ListOptions{Recursive: true, PageSize: 1000}, func(p s3ops.Page) bool {
		for _, e := range p.Entries {
			t.files++
			t.bytes += e.Size
		}
		return ctx.Err() == nil
	})
}

func countFolder(ctx context.Context, dir string, t *tally) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // unreadable parts are left out of the count, not fatal
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				t.files++
				t.bytes += info.Size()
			}
		} else if !d.IsDir() {
			t.files++ // links and special files are deleted too
		}
		return nil
	})
}

// text sums a tally up: "414 objects, 39.5 MiB", or "counting…" with
// what is known while folders are still being counted.
func (t tally) text(noun string) string {
	switch {
	case t.err != nil && t.done:
		return "could not count everything: " + t.err.Error()
	case !t.done && t.files > 0:
		return units.Plural(int(t.files), noun) + " (" + common.HumanSize(t.bytes) + ") and " + units.Plural(t.folders, "folder") + " still being counted…"
	case !t.done:
		return units.Plural(t.folders, "folder") + ", counting what is in it…"
	}
	return units.Plural(int(t.files), noun) + ", " + common.HumanSize(t.bytes) + " in all"
}
