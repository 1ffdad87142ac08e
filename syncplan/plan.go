package syncplan

import (
	"context"
	"iter"
	"slices"
	"strings"
	"sync"
)

// Mode is what makes two files of the same path different.
type Mode int

// The modes of comparison.
const (
	// ByContent: a different size, or the same size and different bytes
	// (the default).
	ByContent Mode = iota
	// BySize: a different size only.
	BySize
	// ByTime: a different size, or a source newer than the destination
	// (what aws s3 sync does; misses an older file restored on purpose).
	ByTime
)

// Why says why a path is copied or deleted.
type Why string

// The reasons.
const (
	Missing  Why = "missing"         // not at the destination
	Size     Why = "size"            // the sizes differ
	Content  Why = "content"         // same size, different bytes
	Newer    Why = "newer"           // ByTime: the source is newer
	Unknown  Why = "content unknown" // neither side says enough to compare: copied to be sure
	OnlyDest Why = "only at the destination"
)

// Action is one thing a sync does to a path.
type Action struct {
	Path string
	Src  Entry // zero for a delete
	Dst  Entry // zero for a missing file
	Why  Why
}

// Plan is what a sync does: the copies (in path order), the deletes
// (when asked for), and what was found equal or left out.
type Plan struct {
	Copy, Delete []Action
	Same         int   // files equal on both sides
	SameBytes    int64 // and their bytes
	SrcFiles     int   // files the source listed
	Skipped      []Skip
}

// CopyBytes are the bytes the copies move.
func (p *Plan) CopyBytes() int64 { return bytesOf(p.Copy, func(a Action) int64 { return a.Src.Size }) }

// DeleteBytes are the bytes the deletes remove.
func (p *Plan) DeleteBytes() int64 {
	return bytesOf(p.Delete, func(a Action) int64 { return a.Dst.Size })
}

func bytesOf(as []Action, size func(Action) int64) int64 {
	var n int64
	for _, a := range as {
		n += size(a)
	}
	return n
}

// Planner compares two sides.
type Planner struct {
	Src, Dst Side
	Mode     Mode
	// Delete plans to delete what only the destination has.
	Delete bool
	// Content compares the bytes of same-size files (ByContent).
	Content *Comparer
	// Workers compare content at once (hashing, HEADs); 0 means 8.
	Workers int
	// Progress hears how many files each side has listed so far.
	Progress func(src, dst int)
	// Unreadable are folders of the source that could not be read:
	// nothing below them is deleted (filled by the caller's Local side).
	Unreadable func() []string
	// Same, when set, hears of each file found equal on both sides (the
	// Plan only counts them); calls come one at a time, in no set order.
	Same func(src, dst Entry)
}

// Plan merges the two sides' listings and decides.
func (p *Planner) Plan(ctx context.Context) (*Plan, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	plan := &Plan{}
	checks := newChecker(ctx, p, plan)
	err := merge(ahead(ctx, p.Src.Entries), ahead(ctx, p.Dst.Entries), func(s, d *Entry, nSrc, nDst int) {
		if p.Progress != nil && (nSrc+nDst)%1000 == 0 {
			p.Progress(nSrc, nDst)
		}
		p.decide(plan, checks, s, d)
	}, &plan.SrcFiles)
	if cerr := checks.wait(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	p.dropUnreadable(plan)
	slices.SortFunc(plan.Copy, func(a, b Action) int { return strings.Compare(a.Path, b.Path) })
	return plan, nil
}

// decide files one path found on one side or both.
func (p *Planner) decide(plan *Plan, checks *checker, s, d *Entry) {
	switch {
	case d == nil:
		checks.add(Action{Path: s.Path, Src: *s, Why: Missing})
	case s == nil:
		if p.Delete {
			checks.deleted(Action{Path: d.Path, Dst: *d, Why: OnlyDest})
		}
	case s.Size != d.Size:
		checks.add(Action{Path: s.Path, Src: *s, Dst: *d, Why: Size})
	case p.Mode == BySize:
		checks.same(*s, *d)
	case p.Mode == ByTime && s.ModTime.After(d.ModTime):
		checks.add(Action{Path: s.Path, Src: *s, Dst: *d, Why: Newer})
	case p.Mode == ByTime:
		checks.same(*s, *d)
	default:
		checks.compare(*s, *d)
	}
}

// dropUnreadable keeps no delete below a source folder that could not
// be read.
func (p *Planner) dropUnreadable(plan *Plan) {
	if p.Unreadable == nil {
		return
	}
	bad := p.Unreadable()
	plan.Delete = slices.DeleteFunc(plan.Delete, func(a Action) bool {
		for _, dir := range bad {
			if strings.HasPrefix(a.Path, dir+"/") {
				return true
			}
		}
		return false
	})
}

// merge walks two sorted streams together, calling each with the entry
// of a path on the source (s), the destination (d) or both; counting the
// source's files in *nSrc.
func merge(src, dst iter.Seq2[Entry, error], each func(s, d *Entry, nSrc, nDst int), nSrcOut *int) error {
	nextS, stopS := iter.Pull2(src)
	defer stopS()
	nextD, stopD := iter.Pull2(dst)
	defer stopD()
	pull := func(next func() (Entry, error, bool), n *int) (*Entry, error) {
		e, err, ok := next()
		if !ok || err != nil {
			return nil, err
		}
		*n++
		return &e, nil
	}
	var nSrc, nDst int
	defer func() { *nSrcOut = nSrc }()
	s, err := pull(nextS, &nSrc)
	if err != nil {
		return err
	}
	d, err := pull(nextD, &nDst)
	if err != nil {
		return err
	}
	for s != nil || d != nil {
		switch {
		case d == nil || s != nil && s.Path < d.Path:
			each(s, nil, nSrc, nDst)
			s, err = pull(nextS, &nSrc)
		case s == nil || d.Path < s.Path:
			each(nil, d, nSrc, nDst)
			d, err = pull(nextD, &nDst)
		default:
			each(s, d, nSrc, nDst)
			if s, err = pull(nextS, &nSrc); err == nil {
				d, err = pull(nextD, &nDst)
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// checker files decisions into the plan and compares content in the
// background, a few at a time.
type checker struct {
	ctx  context.Context
	p    *Planner
	plan *Plan
	mu   sync.Mutex
	work chan [2]Entry
	wg   sync.WaitGroup
	err  error
	once sync.Once
}

func newChecker(ctx context.Context, p *Planner, plan *Plan) *checker {
	c := &checker{ctx: ctx, p: p, plan: plan, work: make(chan [2]Entry, 64)}
	workers := p.Workers
	if workers <= 0 {
		workers = 8
	}
	for range workers {
		c.wg.Go(c.run)
	}
	return c
}

func (c *checker) run() {
	for pair := range c.work {
		if c.ctx.Err() != nil {
			continue
		}
		same, why, err := c.p.Content.Same(c.ctx, pair[0], pair[1])
		switch {
		case isLocalErr(err):
			c.skip(Skip{Path: pair[0].Path, Reason: "cannot compare it: " + errText(err)})
		case err != nil:
			c.fail(err)
		case same:
			c.same(pair[0], pair[1])
		default:
			c.add(Action{Path: pair[0].Path, Src: pair[0], Dst: pair[1], Why: why})
		}
	}
}

func (c *checker) compare(s, d Entry) { c.work <- [2]Entry{s, d} }

func (c *checker) add(a Action) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.plan.Copy = append(c.plan.Copy, a)
}

func (c *checker) deleted(a Action) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.plan.Delete = append(c.plan.Delete, a)
}

func (c *checker) same(s, d Entry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.plan.Same++
	c.plan.SameBytes += s.Size
	if c.p.Same != nil {
		c.p.Same(s, d)
	}
}

func (c *checker) skip(s Skip) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.plan.Skipped = append(c.plan.Skipped, s)
}

func (c *checker) fail(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err == nil {
		c.err = err
	}
}

// wait finishes the comparisons still running.
func (c *checker) wait() error {
	c.once.Do(func() { close(c.work) })
	c.wg.Wait()
	return c.err
}
