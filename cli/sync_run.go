package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ferry-s3/ferry/internal/safetext"
	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/syncplan"
)

// syncRun is one `ferry sync` at work.
type syncRun struct {
	ctx      context.Context
	s        *session
	a        *syncArgs
	src, dst *s3ops.Client // nil for a local side
	col      *collector
	stderr   io.Writer
	// skipped are the paths the sides left out; unreadable the source
	// folders that could not be read.
	mu         sync.Mutex
	skipped    []syncplan.Skip
	unreadable []string
	copyFailed atomic.Bool
	// streamed says the two prefixes are on connections that cannot copy
	// on the server side: the engine streams the copies (cp_stream.go).
	streamed bool
	// deletesLeft says files only at DEST were asked to go and some did
	// not (no terminal to ask on, or a delete failed).
	deletesLeft bool
	deleted     int
	same        int // files already equal
	// journal is the engine's journal ("-": none); consumed closes when
	// its updates have all been read.
	journal  string
	consumed chan struct{}
}

func runSync(s *session, a *syncArgs) error {
	_, fromFile, err := loadTransfers(dirsOf(s.ctx))
	if err != nil {
		return settingError(err)
	}
	a.opts = a.x.over(fromFile, a.opts)
	a.opts.Conflict = transfer.Overwrite // a sync replaces what differs
	r := &syncRun{ctx: s.ctx, s: s, a: a, stderr: s.stderr}
	if err := r.connect(); err != nil {
		return connectFailure(s, err)
	}
	rep := newReporter(a.out, s.stdout)
	r.col = newCollector(rep)
	stopTick := make(chan struct{})
	go r.col.ticking(stopTick)
	err = r.run(rep)
	close(stopTick)
	rep.close()
	if err != nil {
		return err
	}
	return exitCode(r.finish())
}

// connect makes the clients of the S3 sides (one connection).
func (r *syncRun) connect() error {
	var err error
	if r.a.src.isS3 {
		if r.src, err = r.s.connectNamed(r.a.src.conn); err != nil {
			return err
		}
	}
	if r.a.dst.isS3 {
		if r.dst, err = r.s.connectNamed(r.a.dst.conn); err != nil {
			return err
		}
	}
	r.streamed = r.src != nil && r.dst != nil && r.a.src.conn != r.a.dst.conn && !s3ops.SameIdentity(r.ctx, r.src, r.dst)
	return nil
}

// client is the connection the sync talks to.
func (r *syncRun) client() *s3ops.Client {
	if r.dst != nil {
		return r.dst
	}
	return r.src
}

// run resumes what an interrupted run left, plans, asks, copies and
// deletes.
func (r *syncRun) run(rep reporter) error {
	var e *transfer.Engine
	if r.src == nil || r.dst == nil || r.streamed {
		var err error
		if e, err = r.engine(); err != nil {
			return err
		}
		defer r.closeEngine(e)
	}
	plan, err := r.plan()
	if err != nil {
		return failure(r.ctx, err)
	}
	if err := r.checkDeletes(plan); err != nil {
		return err
	}
	r.same = plan.Same
	if r.a.dryRun {
		r.printPlan(plan)
		return nil
	}
	if !r.confirmDeletes(plan) {
		plan.Delete = nil
	}
	r.copy(e, plan)
	r.col.planned()
	select {
	case <-r.col.allDone:
	case <-r.ctx.Done():
	}
	if len(plan.Delete) > 0 {
		r.deleteOnlyAtDest(plan)
	}
	return nil
}

// plan compares the sides, saying how far it got on a terminal.
func (r *syncRun) plan() (*syncplan.Plan, error) {
	a := r.a
	cmp := &syncplan.Comparer{Src: r.src, Dst: r.dst, SrcLoc: a.src.loc, DstLoc: a.dst.loc, PartSize: a.opts.PartSize}
	if cmp.PartSize == 0 {
		cmp.PartSize = transfer.DefaultPartSize
	}
	if !a.src.isS3 {
		cmp.Cache = syncplan.OpenHashCacheIn(dirsOf(r.ctx), a.src.local)
	} else if !a.dst.isS3 {
		cmp.Cache = syncplan.OpenHashCacheIn(dirsOf(r.ctx), a.dst.local)
	}
	p := syncplan.Planner{Src: r.side(a.src, a.dst.isS3), Dst: r.side(a.dst, a.src.isS3), Mode: a.mode, Delete: a.del,
		Content: cmp, Unreadable: r.unreadableDirs, Workers: max(a.opts.FilesInFlight, 8)}
	show := isTerminal(r.stderr) && !a.out.json && !a.out.quiet
	// The line redraws itself with \r and \033[K: written raw, as it
	// holds nothing but counts.
	raw := safetext.Raw(r.stderr)
	if show {
		p.Progress = func(src, dst int) {
			fmt.Fprintf(raw, "\r\033[Kferry sync: comparing: %s at SOURCE, %s at DEST…", units.Count(src), units.Count(dst))
		}
	}
	plan, err := p.Plan(r.ctx)
	if show {
		fmt.Fprint(raw, "\r\033[K")
	}
	if cmp.Cache != nil {
		if serr := cmp.Cache.Save(); serr != nil && err == nil {
			fmt.Fprintf(r.stderr, "ferry sync: note: the hash cache was not saved (the next run reads the files again): %v\n", serr)
		}
	}
	if plan != nil {
		plan.Skipped = append(plan.Skipped, r.skipped...)
	}
	return plan, err
}

// side is one end of the sync as the planner reads it; otherS3 says
// whether the other end is S3 (else keys must make local names).
func (r *syncRun) side(e endpoint, otherS3 bool) syncplan.Side {
	if !e.isS3 {
		root, _ := filepath.Abs(e.local)
		return &syncplan.Local{Root: root, Filter: r.a.filter, FollowSymlinks: r.a.opts.FollowSymlinks,
			Skipped: r.addSkip, Unreadable: r.addUnreadable, MissingIsEmpty: e == r.a.dst}
	}
	c := r.src
	if e == r.a.dst {
		c = r.dst
	}
	return &syncplan.Remote{Client: c, Loc: e.loc, Filter: r.a.filter, LocalNames: !otherS3, Skipped: r.addSkip}
}

func (r *syncRun) addSkip(s syncplan.Skip) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.skipped = append(r.skipped, s)
}

func (r *syncRun) addUnreadable(dir string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.unreadable = append(r.unreadable, dir)
}

func (r *syncRun) unreadableDirs() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.unreadable
}

// checkDeletes refuses --delete when SOURCE lists as empty: a wrong
// path or a prefix that lost its objects would empty DEST.
func (r *syncRun) checkDeletes(plan *syncplan.Plan) error {
	if !r.a.del || len(plan.Delete) == 0 || plan.SrcFiles > 0 || r.a.allowEmpty {
		return nil
	}
	return failure(r.ctx, fmt.Errorf("SOURCE lists no files, so --delete would empty DEST (%s): refused; "+
		"--allow-empty-source says that is meant", count(len(plan.Delete), "file")))
}

// confirmDeletes asks before deleting, unless -f; with no terminal to
// ask on, nothing is deleted and the summary says why.
func (r *syncRun) confirmDeletes(plan *syncplan.Plan) bool {
	if len(plan.Delete) == 0 || r.a.force {
		return true
	}
	q := fmt.Sprintf("delete %s (%s) at %s that %s does not have, once the copies are done?",
		count(len(plan.Delete), "file"), units.Bytes(plan.DeleteBytes()), r.a.dst.arg, r.a.src.arg)
	if !askable(r.s.stdin, r.stderr) {
		fmt.Fprintf(r.stderr, "ferry sync: not deleting %s only at DEST: no terminal to ask on (-f deletes without asking)\n",
			count(len(plan.Delete), "file"))
		r.deletesLeft = true
		return false
	}
	return confirmAs("ferry sync", r.s.stdin, r.stderr, q)
}

// finish prints the summary and picks the exit code.
func (r *syncRun) finish() int {
	t, failed, skipped := r.col.result()
	s := summary{cmd: "ferry sync", noun: "file", verbed: "copied", t: t, elapsed: time.Since(t.Started), failed: failed, skipped: skipped}
	if r.ctx.Err() != nil {
		fmt.Fprintf(r.stderr, "ferry sync: interrupted after %d of %d files; run the same command again to go on\n",
			t.Finished-t.Failed-t.Skipped, t.Items)
		return exitInterrupted
	}
	if r.a.dryRun {
		return exitOK
	}
	s.also = fmt.Sprintf("; %s unchanged", units.Count(r.same))
	if r.deleted > 0 {
		s.also += fmt.Sprintf("; %s deleted at DEST", count(r.deleted, "file"))
	}
	s.print(r.stderr)
	if len(failed) > 0 || r.copyFailed.Load() || r.deletesLeft {
		return exitFail
	}
	return exitOK
}
