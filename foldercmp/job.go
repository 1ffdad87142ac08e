package foldercmp

import (
	"slices"
	"strings"

	"github.com/ferry-s3/ferry/syncplan"
)

// Direction is which way differences are copied.
type Direction int

// The directions.
const (
	LeftToRight Direction = iota
	RightToLeft
)

// Job is one direction's copy of the differences: what to copy from
// From to To (in path order; Src at From, Dst at To, zero when To lacks
// the file), and what only To holds, to delete once every copy has
// succeeded.
type Job struct {
	From, To Side
	Copy     []syncplan.Action
	Delete   []syncplan.Action
	// Refused says why the deletes asked for were dropped ("" when none
	// were): a source that lists no files would empty the target.
	Refused string
}

// CopyBytes are the bytes the copies move.
func (j Job) CopyBytes() int64 {
	var n int64
	for _, a := range j.Copy {
		n += a.Src.Size
	}
	return n
}

// DeleteBytes are the bytes the deletes remove.
func (j Job) DeleteBytes() int64 {
	var n int64
	for _, a := range j.Delete {
		n += a.Dst.Size
	}
	return n
}

// Job plans copying the differences in direction d: files only at the
// source and files that differ are copied over; with del, files only at
// the target are deleted — never when the source lists no files, and
// never below a source folder that could not be read.
func (r *Result) Job(d Direction, del bool) Job {
	j := Job{From: r.Left, To: r.Right}
	onlyFrom, onlyTo := OnlyLeft, OnlyRight
	srcFiles := r.Total.Same + r.Total.Differs + r.Total.OnlyLeft
	if d == RightToLeft {
		j.From, j.To = r.Right, r.Left
		onlyFrom, onlyTo = OnlyRight, OnlyLeft
		srcFiles = r.Total.Same + r.Total.Differs + r.Total.OnlyRight
	}
	pick := func(f File) (from, to syncplan.Entry) {
		if d == RightToLeft {
			return f.Right, f.Left
		}
		return f.Left, f.Right
	}
	for p, f := range r.files {
		from, to := pick(f)
		switch f.State {
		case Differs:
			j.Copy = append(j.Copy, syncplan.Action{Path: p, Src: from, Dst: to, Why: f.Why})
		case onlyFrom:
			j.Copy = append(j.Copy, syncplan.Action{Path: p, Src: from, Why: syncplan.Missing})
		case onlyTo:
			if del {
				j.Delete = append(j.Delete, syncplan.Action{Path: p, Dst: to, Why: syncplan.OnlyDest})
			}
		}
	}
	byPath := func(a, b syncplan.Action) int { return strings.Compare(a.Path, b.Path) }
	slices.SortFunc(j.Copy, byPath)
	slices.SortFunc(j.Delete, byPath)
	j.Delete = slices.DeleteFunc(j.Delete, func(a syncplan.Action) bool { return r.belowUnreadable(d, a.Path) })
	if len(j.Delete) > 0 && srcFiles == 0 {
		j.Refused = "nothing is deleted: " + j.From.String() + " lists no files, so deleting would empty " + j.To.String()
		j.Delete = nil
	}
	return j
}

// belowUnreadable reports whether path is below a folder of direction
// d's source that could not be read (what is there is unknown).
func (r *Result) belowUnreadable(d Direction, path string) bool {
	side := 0
	if d == RightToLeft {
		side = 1
	}
	for _, dir := range r.unreadable[side] {
		if strings.HasPrefix(path, dir+"/") {
			return true
		}
	}
	return false
}
