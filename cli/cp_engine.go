package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
)

// transferAll runs the uploads or downloads of a `ferry cp` through the
// transfer engine (the TUI's: presigned requests, retries, verification)
// with a journal of its own, so the same command run again resumes. It
// reports whether the run can be resumed that way.
func (r *cpRun) transferAll() (bool, error) {
	opts := r.a.opts
	journal, jerr := journalFor(r.ctx, r.c, r.a)
	if r.from != nil { // the source connection is part of what the command means
		journal, jerr = journalOf(r.ctx, r.c, r.a, "copy from "+r.a.srcs[0].conn)
	}
	if jerr != nil {
		fmt.Fprintf(r.stderr, "ferry cp: note: no journal, an interrupted run will start over: %v\n", jerr)
		journal = "-"
	}
	opts.JournalPath = journal
	opts.UploadsPath, _ = transfer.LedgerPathIn(dirsOf(r.ctx)) // none when there is no state dir
	opts.Sources = r.sources
	e := transfer.New(r.c, opts)
	restored, err := e.Restore()
	var je *transfer.JournalError
	switch {
	case errors.As(err, &je) && je.Busy:
		e.Close()
		return false, errors.New("the same copy is already running in another ferry cp (its journal is locked)")
	case err != nil:
		fmt.Fprintf(r.stderr, "ferry cp: warning: %v\n", err)
	}
	consumed := make(chan struct{})
	go func() {
		defer close(consumed)
		r.consume(e)
	}()
	if restored > 0 {
		r.resume(e, restored)
	} else {
		r.planTransfers(e)
	}
	r.col.planned()
	select {
	case <-r.col.allDone:
	case <-r.ctx.Done():
	}
	cerr := e.Close()
	<-consumed
	if journal != "-" && r.ctx.Err() == nil && !anyResumable(e.Jobs()) {
		removeJournal(journal) // nothing a re-run could continue: it would only say "resuming" and fail again
	}
	if cerr != nil && r.ctx.Err() == nil {
		fmt.Fprintf(r.stderr, "ferry cp: warning: %v\n", cerr)
	}
	return journal != "-", nil
}

// anyResumable reports whether a run of the same command would continue
// one of jobs where it stopped.
func anyResumable(jobs []transfer.JobStatus) bool {
	for _, j := range jobs {
		if j.Resumable {
			return true
		}
	}
	return false
}

// consume turns engine updates into collector events until the engine
// closes.
func (r *cpRun) consume(e *transfer.Engine) {
	consumeUpdates(e, r.col, r.stderr, "ferry cp", &r.jobFailed)
}

// consumeUpdates feeds a command's collector from its engine until the
// engine closes: running jobs to the bars, finished ones as items (a
// failure sets jobFailed), notices on stderr.
func consumeUpdates(e *transfer.Engine, col *collector, stderr io.Writer, cmd string, jobFailed *atomic.Bool) {
	for u := range e.Updates() {
		if n := u.Notice; n != nil {
			kind := "note"
			if n.Problem {
				kind = "warning"
			}
			fmt.Fprintf(stderr, "%s: %s: %s\n", cmd, kind, n.Text)
			continue
		}
		j := u.Job
		if u.Final || j.State.Finished() {
			it := jobItem(j)
			if it.Status == statusFailed {
				jobFailed.Store(true)
			}
			col.finish(string(j.ID), it)
			continue
		}
		name := j.Remote.Key
		if j.Dir == transfer.Download {
			name = display(j.Local)
		}
		col.running(activity{ID: string(j.ID), Name: name, Done: j.Done, Total: j.Total, Rate: j.Rate})
	}
}

// jobItem is the item of a finished engine job.
func jobItem(j transfer.JobStatus) item {
	it := item{Op: j.Dir.String(), Bucket: j.Remote.Bucket, Key: j.Remote.Key, Bytes: j.Done}
	switch j.Dir {
	case transfer.Upload:
		it.Source, it.Dest = display(j.Local), j.Remote.String()
	case transfer.Copy:
		it.Source, it.Dest = j.From.String(), j.Remote.String()
	default:
		it.Source, it.Dest = j.Remote.String(), display(j.Local)
	}
	if !j.Started.IsZero() && !j.Ended.IsZero() {
		it.Seconds = j.Ended.Sub(j.Started).Seconds()
	}
	switch j.State {
	case transfer.Done:
		it.Status, it.Bytes, it.Kept = statusDone, j.Total, min(j.Kept, j.Total)
	case transfer.Skipped:
		it.Status, it.Reason = statusSkipped, reasonExists
	case transfer.Cancelled:
		it.Status, it.Reason = statusCancelled, "cancelled"
	default:
		it.Status, it.Reason = statusFailed, j.Err
	}
	return it
}

// resume continues the unfinished jobs an interrupted run of the same
// command left in its journal, instead of planning the copy again.
func (r *cpRun) resume(e *transfer.Engine, n int) {
	fmt.Fprintf(r.stderr, "ferry cp: resuming %s left by an interrupted run of this command\n", count(n, "file"))
	var bytes int64
	jobs := e.Jobs()
	for _, j := range jobs {
		bytes += j.Total
	}
	r.col.plan(len(jobs), bytes)
	for _, j := range jobs {
		switch j.State {
		case transfer.Failed:
			_ = e.Retry(j.ID)
		case transfer.NeedsDecision:
			_ = e.Decide(j.ID, r.a.opts.Conflict)
		}
	}
	e.ResumeAll()
}

// planTransfers queues every source.
func (r *cpRun) planTransfers(e *transfer.Engine) {
	for i, src := range r.a.srcs {
		if r.ctx.Err() != nil {
			return
		}
		id := fmt.Sprintf("src%d", i)
		switch {
		case r.from != nil:
			r.planStream(e, id, src)
		case src.isS3:
			r.planDownload(e, id, src)
		default:
			r.planUpload(e, id, src)
		}
	}
}

func (r *cpRun) planUpload(e *transfer.Engine, id string, src endpoint) {
	fi, err := os.Stat(src.local)
	if err != nil {
		r.col.fail(id, r.sourceItem(src, "upload", errorText(err)))
		return
	}
	if fi.IsDir() && !r.a.recursive {
		r.col.fail(id, r.sourceItem(src, "upload", "is a folder: add -r to copy folders"))
		return
	}
	dst := r.s3Folder()
	if !fi.IsDir() {
		if dst, err = r.s3Dest(filepath.Base(src.local)); err != nil {
			r.col.fail(id, r.sourceItem(src, "upload", errorText(err)))
			return
		}
		if !dst.IsPrefix() {
			dst.Key = strings.TrimSuffix(dst.Key, "/")
		}
	}
	p := transfer.NewPlacer(r.ctx, r.c, r.a.opts.Conflict, src.local, fi.IsDir())
	p.Hint = "--conflict overwrite uploads without checking"
	b, err := e.UploadWith(r.ctx, src.local, dst, transfer.UploadOptions{Place: p.Func()})
	if err == nil && p.Err() != nil {
		_ = e.CancelBatch(b.ID)
		err = p.Err()
	}
	if err != nil {
		r.col.fail(id, r.sourceItem(src, "upload", errorText(err)))
		return
	}
	r.addBatch(b, "upload", "", conflictMap(p.Conflicts()))
}

func (r *cpRun) planDownload(e *transfer.Engine, id string, src endpoint) {
	s, err := r.resolveS3Source(src.loc)
	if err != nil {
		r.col.fail(id, r.sourceItem(src, "download", errorText(err)))
		return
	}
	if s.folder && !r.a.recursive {
		r.col.fail(id, r.sourceItem(src, "download", "is a folder: add -r to copy folders"))
		return
	}
	if fi, serr := os.Stat(r.a.dst.local); serr == nil && !fi.IsDir() && (s.folder || len(r.a.srcs) > 1) {
		r.col.fail(id, r.sourceItem(src, "download", r.a.dst.local+" is a file, not a folder"))
		return
	}
	var b transfer.Batch
	switch {
	case s.folder || r.localIntoDir():
		b, err = e.Download(r.ctx, s.loc, r.a.dst.local, r.a.opts.Conflict)
	default:
		b, err = e.DownloadAs(r.ctx, s.loc, r.a.dst.local, r.a.opts.Conflict)
	}
	if err != nil {
		r.col.fail(id, r.sourceItem(src, "download", errorText(err)))
		return
	}
	r.addBatch(b, "download", s.loc.Bucket, nil)
}

// addBatch counts a queued batch and reports what it left out: files
// skipped because their destination exists, and entries that could not
// be copied (a symbolic link not followed is only skipped).
func (r *cpRun) addBatch(b transfer.Batch, op, bucket string, conflicts map[string]s3ops.Location) {
	r.col.plan(len(b.Jobs), b.Bytes)
	for i, s := range b.Skipped {
		it := item{Op: op, Source: display(s.Path), Reason: s.Reason, Status: statusFailed}
		if op == "download" {
			it.Source, it.Bucket, it.Key = s3ops.Location{Bucket: bucket, Key: s.Path}.String(), bucket, s.Path
		}
		if loc, ok := conflicts[s.Path]; ok {
			it.Status, it.Reason, it.Dest, it.Bucket, it.Key = statusSkipped, reasonExists, loc.String(), loc.Bucket, loc.Key
		} else if strings.HasPrefix(s.Reason, "symbolic link") && !strings.Contains(s.Reason, "loop") {
			it.Status = statusSkipped
		}
		r.col.plan(1, 0)
		r.col.finish(fmt.Sprintf("%s-left%d", b.ID, i), it)
	}
}
