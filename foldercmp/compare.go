package foldercmp

import (
	"context"
	"errors"
	"path"
	"sync"

	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/syncplan"
)

// State is what a file's comparison found.
type State int

// The states of a file.
const (
	Same      State = iota // on both sides, equal
	Differs                // on both sides, different (File.Why says how)
	OnlyLeft               // on the left side only
	OnlyRight              // on the right side only
)

// File is one file's answer.
type File struct {
	State State
	// Why is what differs: syncplan.Size, syncplan.Content, or
	// syncplan.Unknown when neither side says enough to compare.
	Why         syncplan.Why
	Left, Right syncplan.Entry // the zero Entry on the side without it
}

// Options tune a comparison.
type Options struct {
	// PartSize is the part size of ferry's uploads (0: the engine's
	// default), the first guess of a multipart ETag's layout.
	PartSize int64
	// FollowSymlinks reads linked files and folders of a local side.
	FollowSymlinks bool
	// Workers compare content at once (0: syncplan's default).
	Workers int
}

// Errors of Compare.
var (
	ErrBothLocal = errors.New("compare works between a local folder and S3, or two S3 folders")
	ErrNoBucket  = errors.New("open a bucket (or a folder in one) to compare with")
)

// Compare reads both sides recursively and compares every file found on
// both by size, then content. prog (may be nil) counts as it goes.
func Compare(ctx context.Context, left, right Side, o Options, prog *Progress) (*Result, error) {
	switch {
	case !left.IsS3() && !right.IsS3():
		return nil, ErrBothLocal
	case left.IsS3() && left.Loc.Bucket == "", right.IsS3() && right.Loc.Bucket == "":
		return nil, ErrNoBucket
	}
	if prog == nil {
		prog = &Progress{}
	}
	r := newResult(left, right)
	var mu sync.Mutex
	skipped := func(s syncplan.Skip) {
		mu.Lock()
		defer mu.Unlock()
		r.Skipped = append(r.Skipped, s)
	}
	unreadable := func(side int) func(string) {
		return func(dir string) {
			mu.Lock()
			defer mu.Unlock()
			r.unreadable[side] = append(r.unreadable[side], dir)
		}
	}
	cmp := &syncplan.Comparer{PartSize: o.PartSize}
	if cmp.PartSize == 0 {
		cmp.PartSize = transfer.DefaultPartSize
	}
	if left.IsS3() {
		cmp.Src, cmp.SrcLoc = left.Client, left.Loc
	} else {
		cmp.Cache = syncplan.OpenHashCache(left.Local)
	}
	if right.IsS3() {
		cmp.Dst, cmp.DstLoc = right.Client, right.Loc
	} else {
		cmp.Cache = syncplan.OpenHashCache(right.Local)
	}
	p := syncplan.Planner{
		Src:     counted{left.planSide(right.IsS3(), o.FollowSymlinks, skipped, unreadable(0)), &prog.Left, &prog.LeftListed},
		Dst:     counted{right.planSide(left.IsS3(), o.FollowSymlinks, skipped, unreadable(1)), &prog.Right, &prog.RightListed},
		Delete:  true, // what only the right side has is reported as a delete
		Content: cmp,
		Workers: o.Workers,
		Same:    func(s, d syncplan.Entry) { r.add(s.Path, File{State: Same, Left: s, Right: d}) },
	}
	plan, err := p.Plan(ctx)
	if cmp.Cache != nil {
		_ = cmp.Cache.Save() // a cache not saved only costs hashing again
	}
	if err != nil {
		return nil, err
	}
	for _, a := range plan.Copy {
		f := File{State: Differs, Why: a.Why, Left: a.Src, Right: a.Dst}
		if a.Why == syncplan.Missing {
			f = File{State: OnlyLeft, Left: a.Src}
		}
		r.add(a.Path, f)
	}
	for _, a := range plan.Delete {
		r.add(a.Path, File{State: OnlyRight, Right: a.Dst})
	}
	r.Skipped = append(r.Skipped, plan.Skipped...)
	return r, nil
}

// parentDirs calls each with every folder above path ("" for the root).
func parentDirs(p string, each func(dir string)) {
	for d := path.Dir(p); ; d = path.Dir(d) {
		if d == "." || d == "/" {
			each("")
			return
		}
		each(d)
	}
}
