package foldercmp

import (
	"strings"

	"github.com/ferry-s3/ferry/syncplan"
)

// Result is a finished comparison: every file's answer, sums by folder,
// and the totals.
type Result struct {
	Left, Right Side
	files       map[string]File
	dirs        map[string]*Tally
	// Total sums up every file.
	Total Tally
	// Skipped are the paths a side left out (links not followed, keys
	// that cannot be local names, unreadable folders), with why.
	Skipped    []syncplan.Skip
	unreadable [2][]string // folders of each side that could not be read
}

// Tally counts files by state, and their bytes (a differing file's
// bytes are the left one's).
type Tally struct {
	Same, Differs, OnlyLeft, OnlyRight                     int
	SameBytes, DiffersBytes, OnlyLeftBytes, OnlyRightBytes int64
}

// Differences is how many files are not the same.
func (t Tally) Differences() int { return t.Differs + t.OnlyLeft + t.OnlyRight }

// Files is how many files were found.
func (t Tally) Files() int { return t.Same + t.Differences() }

func (t *Tally) add(f File) {
	switch f.State {
	case Same:
		t.Same++
		t.SameBytes += f.Left.Size
	case Differs:
		t.Differs++
		t.DiffersBytes += f.Left.Size
	case OnlyLeft:
		t.OnlyLeft++
		t.OnlyLeftBytes += f.Left.Size
	case OnlyRight:
		t.OnlyRight++
		t.OnlyRightBytes += f.Right.Size
	}
}

func newResult(left, right Side) *Result {
	return &Result{Left: left, Right: right, files: map[string]File{}, dirs: map[string]*Tally{}}
}

// add records the answer for path (called one at a time).
func (r *Result) add(p string, f File) {
	r.files[p] = f
	r.Total.add(f)
	parentDirs(p, func(dir string) {
		t := r.dirs[dir]
		if t == nil {
			t = &Tally{}
			r.dirs[dir] = t
		}
		t.add(f)
	})
}

// File is the answer for the file at path (relative to the compared
// folders, slash-separated).
func (r *Result) File(path string) (File, bool) {
	f, ok := r.files[path]
	return f, ok
}

// Folder sums up the files below the folder at path; false when the
// comparison found none there (an empty folder, or one left out).
func (r *Result) Folder(path string) (Tally, bool) {
	t, ok := r.dirs[strings.TrimSuffix(path, "/")]
	if !ok {
		return Tally{}, false
	}
	return *t, true
}
