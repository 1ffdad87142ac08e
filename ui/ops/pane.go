package ops

import (
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
)

// Pane is what the operations need of a file pane.
type Pane interface {
	ID() int
	Source() source.Source
	Current() (source.Entry, bool)
	Selection() []source.Entry
	// Refresh lists the location again, keeping cursor and marks.
	Refresh() tea.Cmd
	// RefreshTo lists it again with the cursor on the entry called name.
	RefreshTo(name string, isDir bool) tea.Cmd
	// SetSource shows another location (of either kind).
	SetSource(src source.Source) tea.Cmd
}

// inBucketList reports whether src is the S3 bucket list.
func inBucketList(src source.Source) bool {
	s, ok := src.(source.S3)
	return ok && s.Loc.Bucket == ""
}

// s3Loc is where entry e of the S3 location s is (see source.S3.Location).
func s3Loc(s source.S3, e source.Entry) s3ops.Location { return s.Location(e) }

// entryName is an entry's name as listed, folders with a trailing "/".
func entryName(e source.Entry) string {
	name := e.Name
	if name == "" {
		name = filepath.Base(e.Key)
	}
	if e.IsDir {
		name = strings.TrimSuffix(name, "/") + "/"
	}
	return common.Sanitize(name)
}

// where is a place an operation changed, so the panes showing it (or a
// place inside or around it) can be listed again.
type where struct {
	bucket  string // S3: the bucket ("" with buckets set: the bucket list)
	buckets bool   // the bucket list changed (a bucket made or deleted)
	dir     string // local: a folder that changed
}

func s3Where(bucket string) where { return where{bucket: bucket} }

func localWhere(path string) where { return where{dir: filepath.Dir(path)} }

// shows reports whether a pane at src shows something w changed.
func (w where) shows(src source.Source) bool {
	switch s := src.(type) {
	case source.S3:
		if w.buckets {
			return s.Loc.Bucket == "" || s.Loc.Bucket == w.bucket
		}
		return w.bucket != "" && s.Loc.Bucket == w.bucket
	case source.Local:
		return w.dir != "" && (related(s.Dir, w.dir))
	}
	return false
}

// related reports whether a and b are the same folder or one holds the other.
func related(a, b string) bool {
	sep := string(filepath.Separator)
	return a == b || strings.HasPrefix(a, strings.TrimSuffix(b, sep)+sep) || strings.HasPrefix(b, strings.TrimSuffix(a, sep)+sep)
}

// focusOn is an entry to put the cursor on in the panes showing the
// location src (a new folder, a renamed file).
type focusOn struct {
	src   string
	name  string
	isDir bool
}

// refreshPanes lists again every pane showing a place in ws, the cursor
// going to focus in the panes showing its location.
func refreshPanes(panes []Pane, ws []where, focus ...focusOn) tea.Cmd {
	var cmds []tea.Cmd
panes:
	for _, p := range panes {
		for _, f := range focus {
			if p.Source().String() == f.src {
				cmds = append(cmds, p.RefreshTo(f.name, f.isDir))
				continue panes
			}
		}
		for _, w := range ws {
			if w.shows(p.Source()) {
				cmds = append(cmds, p.Refresh())
				break
			}
		}
	}
	return tea.Batch(cmds...)
}

// connOf names the connection src is on, for a task's details ("" for
// local files).
func connOf(src source.Source) string {
	if s, ok := src.(source.S3); ok {
		return source.ConnName(s.Conn)
	}
	return ""
}
