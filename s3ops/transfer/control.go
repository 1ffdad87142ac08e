package transfer

import (
	"fmt"
	"os"
)

// Pause stops a queued or running job where it is; Resume continues it.
func (e *Engine) Pause(id JobID) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	j, err := e.lookup(id)
	if err != nil {
		return err
	}
	return e.pauseLocked(j)
}

func (e *Engine) pauseLocked(j *job) error {
	switch j.state {
	case Running:
		j.cancel(errPause) // finish() marks it Paused once its requests stop
	case Queued:
		e.setState(j, Paused)
		e.persistLocked()
		e.schedule()
	case Paused:
	default:
		return fmt.Errorf("cannot pause a transfer that is %s", j.state)
	}
	return nil
}

// Resume queues a paused job again; it continues from the parts it has.
func (e *Engine) Resume(id JobID) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	j, err := e.lookup(id)
	if err != nil {
		return err
	}
	if j.state != Paused {
		return fmt.Errorf("cannot resume a transfer that is %s", j.state)
	}
	e.requeue(j)
	return nil
}

func (e *Engine) requeue(j *job) {
	e.setState(j, Queued)
	e.queue = append(e.queue, j)
	e.persistLocked()
	e.schedule()
}

// PauseAll pauses every queued and running job.
func (e *Engine) PauseAll() {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, j := range e.order {
		if j.state == Queued || j.state == Running {
			_ = e.pauseLocked(j)
		}
	}
}

// ResumeAll resumes every paused job (after Restore, every job that was
// unfinished in the previous run).
func (e *Engine) ResumeAll() {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, j := range e.order {
		if j.state == Paused {
			e.requeue(j)
		}
	}
}

// Retry queues a failed job again. It keeps what was transferred unless
// the source file or the object changed, in which case it starts over.
func (e *Engine) Retry(id JobID) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	j, err := e.lookup(id)
	if err != nil {
		return err
	}
	if j.state != Failed {
		return fmt.Errorf("cannot retry a transfer that is %s", j.state)
	}
	j.restart = true
	j.err, j.rec.Lost = "", false
	e.requeue(j)
	return nil
}

// Decide answers a download waiting in NeedsDecision: Skip, Overwrite or
// KeepBoth (Ask leaves it waiting).
func (e *Engine) Decide(id JobID, p Policy) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	j, err := e.lookup(id)
	if err != nil {
		return err
	}
	if j.state != NeedsDecision {
		return fmt.Errorf("transfer is %s, not waiting for a decision", j.state)
	}
	return e.decideLocked(j, p)
}

// DecideBatch answers every waiting download of a batch the same way and
// applies the answer to the batch's later conflicts too ("for all").
func (e *Engine) DecideBatch(id BatchID, p Policy) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	b, ok := e.batches[id]
	if !ok {
		return fmt.Errorf("%w batch %q", ErrNoSuchJob, id)
	}
	if err := checkDecision(p); err != nil {
		return err
	}
	b.policy = p
	for _, j := range b.jobs {
		j.rec.BatchPolicy = p
		if j.state == NeedsDecision {
			_ = e.decideLocked(j, p)
		}
	}
	e.persistLocked()
	return nil
}

func checkDecision(p Policy) error {
	if p != Skip && p != Overwrite && p != KeepBoth {
		return fmt.Errorf("decision must be skip, overwrite or keep-both, not %s", p)
	}
	return nil
}

func (e *Engine) decideLocked(j *job, p Policy) error {
	if err := checkDecision(p); err != nil {
		return err
	}
	j.rec.Policy = p
	j.conflict = ""
	e.requeue(j)
	return nil
}

// Cancel stops a job for good: a multipart upload is aborted on the
// server and a download's temp file is removed.
func (e *Engine) Cancel(id JobID) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	j, err := e.lookup(id)
	if err != nil {
		return err
	}
	switch {
	case j.state == Running:
		j.cancel(errCancel) // the job's goroutine cleans up, then finish() marks it
	case j.state == Done || j.state == Cancelled || j.state == Skipped:
		return fmt.Errorf("cannot cancel a transfer that is %s", j.state)
	default:
		e.setState(j, Cancelled)
		e.persistLocked()
		e.schedule()
		e.wg.Add(1)
		go func() { defer e.wg.Done(); e.cleanup(j) }()
	}
	return nil
}

// CancelBatch cancels every unfinished job of a batch.
func (e *Engine) CancelBatch(id BatchID) error {
	e.mu.Lock()
	b, ok := e.batches[id]
	e.mu.Unlock()
	if !ok {
		return fmt.Errorf("%w batch %q", ErrNoSuchJob, id)
	}
	for _, j := range b.jobs {
		_ = e.Cancel(j.rec.ID)
	}
	return nil
}

// cleanup removes what a cancelled job left: the multipart upload on the
// server, the temp file of a download.
func (e *Engine) cleanup(j *job) {
	e.mu.Lock()
	rec := j.rec
	j.rec.UploadID, j.rec.Temp = "", ""
	j.forgetRanges()
	j.resetParts()
	if rec.UploadID != "" {
		e.watchAbortedLocked(j.loc(), rec.UploadID)
	}
	e.watchStraysLocked(j)
	e.mu.Unlock()
	if rec.Temp != "" {
		_ = os.Remove(rec.Temp)
	}
	if rec.UploadID == "" {
		return
	}
	if err := e.abort(j.loc(), rec.UploadID); err != nil {
		e.mu.Lock()
		j.err = "cancelled, but the server still holds the partial upload (" + sentence(err) + "); ferry keeps trying to remove it"
		e.notifyLocked(j, true)
		e.mu.Unlock()
	}
}

// ClearFinished forgets done, skipped and cancelled jobs (failed ones stay
// until retried or cancelled).
func (e *Engine) ClearFinished() {
	e.mu.Lock()
	defer e.mu.Unlock()
	kept := e.order[:0]
	for _, j := range e.order {
		if j.state == Done || j.state == Skipped || j.state == Cancelled {
			delete(e.jobs, j.rec.ID)
			j.batch.done.Add(-j.done.Load())
			continue
		}
		kept = append(kept, j)
	}
	clear(e.order[len(kept):])
	e.order = kept
	for id, b := range e.batches {
		live := b.jobs[:0]
		for _, j := range b.jobs {
			if _, ok := e.jobs[j.rec.ID]; ok {
				live = append(live, j)
			}
		}
		b.jobs = live
		if len(live) == 0 {
			delete(e.batches, id)
		}
	}
}
