package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/ferry-s3/ferry/internal/safetext"
	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/syncplan"
)

// engine starts the transfer engine of a sync between a folder and a
// prefix, with a journal of its own (the same sync run again finds it),
// and first finishes what an interrupted run left: the plan made after
// sees those files in step.
func (r *syncRun) engine() (*transfer.Engine, error) {
	opts := r.a.opts
	c := r.client()
	command := "sync"
	if r.streamed { // the source connection is part of what the command means
		command = "sync from " + r.a.src.conn
		opts.Sources = sourceOf(r.a.src.conn, r.src)
	}
	journal, jerr := journalOf(r.ctx, c, cpArgs{srcs: []endpoint{r.a.src}, dst: r.a.dst, recursive: true, opts: opts}, command)
	if jerr != nil {
		fmt.Fprintf(r.stderr, "ferry sync: note: no journal, an interrupted run will start over: %v\n", jerr)
		journal = "-"
	}
	opts.JournalPath = journal
	opts.UploadsPath, _ = transfer.LedgerPathIn(dirsOf(r.ctx))
	e := transfer.New(c, opts)
	restored, err := e.Restore()
	var je *transfer.JournalError
	switch {
	case errors.As(err, &je) && je.Busy:
		e.Close()
		return nil, failure(r.ctx, errors.New("the same sync is already running in another ferry (its journal is locked)"))
	case err != nil:
		fmt.Fprintf(r.stderr, "ferry sync: warning: %v\n", err)
	}
	r.journal, r.consumed = journal, make(chan struct{})
	go func() {
		defer close(r.consumed)
		consumeUpdates(e, r.col, r.stderr, "ferry sync", &r.copyFailed)
	}()
	if restored > 0 {
		r.resume(e, restored)
	}
	return e, nil
}

// resume finishes the files an interrupted run of this sync left.
func (r *syncRun) resume(e *transfer.Engine, n int) {
	fmt.Fprintf(r.stderr, "ferry sync: finishing %s left by an interrupted run first\n", count(n, "file"))
	jobs := e.Jobs()
	var bytes int64
	for _, j := range jobs {
		bytes += j.Total
		if j.State == transfer.Failed {
			_ = e.Retry(j.ID)
		}
	}
	r.col.plan(len(jobs), bytes)
	e.ResumeAll()
	_ = e.Wait(r.ctx)
}

// closeEngine stops the engine and drops a journal nothing could resume.
func (r *syncRun) closeEngine(e *transfer.Engine) {
	cerr := e.Close()
	<-r.consumed
	if r.journal != "-" && r.ctx.Err() == nil && !anyResumable(e.Jobs()) {
		removeJournal(r.journal)
	}
	if cerr != nil && r.ctx.Err() == nil {
		fmt.Fprintf(r.stderr, "ferry sync: warning: %v\n", cerr)
	}
}

// copy queues every copy of the plan: through the engine between a
// folder and a prefix or two connections that cannot copy on the server
// side, server-side between two prefixes otherwise.
func (r *syncRun) copy(e *transfer.Engine, plan *syncplan.Plan) {
	for _, s := range plan.Skipped {
		r.col.plan(1, 0)
		r.col.finish("skip:"+s.Path, item{Op: "sync", Source: s.Path, Status: statusSkipped, Reason: s.Reason})
	}
	if e == nil {
		r.copyServerSide(plan.Copy)
		return
	}
	a := r.a
	for i, act := range plan.Copy {
		if r.ctx.Err() != nil {
			return
		}
		src := s3ops.Location{Bucket: a.src.loc.Bucket, Key: a.src.loc.Key + act.Path}
		dst := s3ops.Location{Bucket: a.dst.loc.Bucket, Key: a.dst.loc.Key + act.Path}
		var b transfer.Batch
		var err error
		switch {
		case r.streamed:
			b, err = e.Copy(r.ctx, a.src.conn, []transfer.CopyPair{{Src: src, Dst: dst, Size: act.Src.Size}}, a.dst.loc.Key)
		case a.dst.isS3:
			b, err = e.Upload(r.ctx, act.Src.Local, dst)
		default:
			var target string
			if target, err = transfer.KeyToPath(a.dst.local, act.Path); err == nil {
				obj := s3ops.Entry{Key: src.Key, Size: act.Src.Size, ETag: act.Src.ETag}
				b, err = e.DownloadListedAs(src.Bucket, obj, target, transfer.Overwrite)
			}
		}
		r.queued(fmt.Sprintf("sync%d", i), act, b, err)
	}
}

// queued counts a queued copy, or reports why it could not be queued.
func (r *syncRun) queued(id string, act syncplan.Action, b transfer.Batch, err error) {
	if err != nil {
		r.copyFailed.Store(true)
		r.col.plan(1, 0)
		r.col.fail(id, item{Op: "sync", Source: act.Path, Status: statusFailed, Reason: errorText(err)})
		return
	}
	r.col.plan(len(b.Jobs), b.Bytes)
	for i, s := range b.Skipped {
		r.copyFailed.Store(true)
		r.col.plan(1, 0)
		r.col.fail(fmt.Sprintf("%s-left%d", id, i), item{Op: "sync", Source: display(s.Path), Status: statusFailed, Reason: s.Reason})
	}
}

// copyServerSide copies between two prefixes, a few objects at a time.
func (r *syncRun) copyServerSide(acts []syncplan.Action) {
	cr := &cpRun{ctx: r.ctx, c: r.src, a: cpArgs{opts: r.a.opts}, col: r.col, stderr: r.stderr}
	tasks := make(chan copyTask)
	var wg sync.WaitGroup
	for range max(r.a.opts.FilesInFlight, transfer.DefaultFilesInFlight) {
		wg.Go(func() {
			for t := range tasks {
				cr.copyOne(t)
			}
		})
	}
	for i, act := range acts {
		t := copyTask{id: fmt.Sprintf("copy%d", i), size: act.Src.Size,
			src: s3ops.Location{Bucket: r.a.src.loc.Bucket, Key: r.a.src.loc.Key + act.Path},
			dst: s3ops.Location{Bucket: r.a.dst.loc.Bucket, Key: r.a.dst.loc.Key + act.Path}}
		r.col.plan(1, t.size)
		select {
		case tasks <- t:
		case <-r.ctx.Done():
		}
	}
	close(tasks)
	wg.Wait()
}

// deleteOnlyAtDest removes what only DEST has, once every copy has
// succeeded (a failed copy leaves DEST as it is: its extra files may be
// what the user still has of a file that did not arrive).
func (r *syncRun) deleteOnlyAtDest(plan *syncplan.Plan) {
	_, failed, _ := r.col.result()
	if r.ctx.Err() != nil || len(failed) > 0 || r.copyFailed.Load() {
		fmt.Fprintf(r.stderr, "ferry sync: not deleting %s only at DEST: not every copy succeeded\n", count(len(plan.Delete), "file"))
		r.deletesLeft = true
		return
	}
	if r.a.dst.isS3 {
		r.deleteObjects(plan.Delete)
		return
	}
	r.deleteFiles(plan.Delete)
}

func (r *syncRun) deleteObjects(acts []syncplan.Action) {
	keys := make([]string, len(acts))
	for i, act := range acts {
		keys[i] = r.a.dst.loc.Key + act.Path
	}
	res, err := r.dst.DeleteKeys(r.ctx, r.a.dst.loc.Bucket, keys, nil)
	refused := map[string]string{}
	for _, f := range res.Failed {
		refused[f.Key] = f.Err.Error()
	}
	if err != nil {
		fmt.Fprintf(r.stderr, "ferry sync: deleting at DEST stopped: %v\n", errorText(err))
		r.deletesLeft = true
	}
	r.deleted = res.Deleted
	for _, k := range keys[:min(len(keys), res.Deleted+len(res.Failed))] {
		it := item{Op: "delete", Status: statusDone, Source: s3ops.Location{Bucket: r.a.dst.loc.Bucket, Key: k}.String(), Bucket: r.a.dst.loc.Bucket, Key: k}
		if why, bad := refused[k]; bad {
			it.Status, it.Reason = statusFailed, why
		}
		r.reportDelete(it)
	}
}

func (r *syncRun) deleteFiles(acts []syncplan.Action) {
	for _, act := range acts {
		path, err := transfer.KeyToPath(r.a.dst.local, act.Path)
		if err == nil {
			err = os.Remove(path)
		}
		it := item{Op: "delete", Status: statusDone, Source: display(path)}
		if err != nil {
			it.Status, it.Reason = statusFailed, errorText(err)
		} else {
			r.deleted++
			removeEmptyDirs(filepath.Dir(path), r.a.dst.local)
		}
		r.reportDelete(it)
	}
}

// removeEmptyDirs removes dir and the folders above it, up to root, while
// the deletes left them empty.
func removeEmptyDirs(dir, root string) {
	root, _ = filepath.Abs(root)
	for dir, _ = filepath.Abs(dir); dir != root && len(dir) > len(root); dir = filepath.Dir(dir) {
		if os.Remove(dir) != nil {
			return
		}
	}
}

// reportDelete prints a delete as the output mode does (not in the bars'
// tally: the summary counts deletes on their own line).
func (r *syncRun) reportDelete(it item) {
	if it.Status == statusFailed {
		r.deletesLeft = true
		fmt.Fprintf(r.stderr, "ferry sync: %s\n", line(it))
		return
	}
	switch {
	case r.a.out.json:
		b, _ := json.Marshal(jsonItem{Key: it.Key, Status: it.Status, Op: it.Op, Bucket: it.Bucket, Source: it.Source})
		safetext.Raw(r.s.stdout).Write(append(safetext.JSON(b), '\n'))
	case !r.a.out.quiet:
		fmt.Fprintln(r.s.stdout, line(it))
	}
}

// printPlan prints what a dry run would do: a line (or JSON object) per
// copy and delete, and the counts on stderr.
func (r *syncRun) printPlan(plan *syncplan.Plan) {
	op := "upload"
	switch {
	case r.a.src.isS3 && r.a.dst.isS3:
		op = "copy"
	case r.a.src.isS3:
		op = "download"
	}
	for _, act := range plan.Copy {
		r.planLine(op, act.Path, act.Why, act.Src.Size)
	}
	for _, act := range plan.Delete {
		r.planLine("delete", act.Path, act.Why, act.Dst.Size)
	}
	for _, s := range plan.Skipped {
		fmt.Fprintf(r.stderr, "ferry sync: left out %s: %s\n", s.Path, s.Reason)
	}
	fmt.Fprintf(r.stderr, "ferry sync: dry run: would copy %s (%s) and delete %s (%s); %s unchanged\n",
		count(len(plan.Copy), "file"), units.Bytes(plan.CopyBytes()), count(len(plan.Delete), "file"),
		units.Bytes(plan.DeleteBytes()), units.Count(plan.Same))
}

// planJSON is the --json form of a planned action.
type planJSON struct {
	Op    string `json:"op"`
	Path  string `json:"path"`
	Why   string `json:"why"`
	Bytes int64  `json:"bytes"`
}

func (r *syncRun) planLine(op, path string, why syncplan.Why, size int64) {
	if r.a.out.json {
		b, _ := json.Marshal(planJSON{Op: op, Path: path, Why: string(why), Bytes: size})
		safetext.Raw(r.s.stdout).Write(append(safetext.JSON(b), '\n'))
		return
	}
	fmt.Fprintf(r.s.stdout, "%-8s %s (%s, %s)\n", op, path, why, units.Bytes(size))
}
