package jobs

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/s3ops/transfer"
)

// Spec describes a task before it starts; Delete, Copy and Move make
// them, and any other long operation can be one: Run does the work,
// reporting its progress through the Task.
type Spec struct {
	Kind  Kind
	Title string // what a list calls it
	Route string // "copy from → to", or what is deleted
	Unit  Unit
	Noun  string // what Items counts: "objects", "items"
	// Conn names the S3 connection it works on, as the user knows it
	// ("" for local files).
	Conn string
	Run  func(ctx context.Context, t *Task) Outcome
}

// Outcome is how a task ended and what is left to do about it.
type Outcome struct {
	Err     error     // what stopped it; nil when it ran to the end
	Failed  []Failure // what failed while the rest went on
	Noun    string    // what Failed counts: "key", "item"
	Summary string    // what it did, e.g. "deleted 412 objects in s3://b/logs/"
	Changed []Place   // places to list again
	// Conflicts are the pairs whose destinations were in the way (nil:
	// none), to ask about and run again.
	Conflicts *Plan
	Stopped   bool // the task was cancelled
}

// Task is a running (or finished) task.
type Task struct {
	id     transfer.JobID
	spec   Spec
	cancel context.CancelFunc

	mu             sync.Mutex
	done, total    int64
	floor          int64 // a total counted beforehand (a delete question's)
	listed         bool
	state          transfer.State
	conflict       string // what waits for a decision, while it does
	err            string
	started, ended time.Time
	out            Outcome

	changed  chan struct{} // a report since the last look (capacity 1)
	finished chan struct{}
}

// ID is the task's id, unique in its Runner.
func (t *Task) ID() transfer.JobID { return t.id }

// Spec is what the task was started as.
func (t *Task) Spec() Spec { return t.spec }

// Changed has a value when the task reported progress since the last
// receive from it.
func (t *Task) Changed() <-chan struct{} { return t.changed }

// Finished is closed once the task has ended (Outcome is then final).
func (t *Task) Finished() <-chan struct{} { return t.finished }

// Outcome is how the task ended (the zero Outcome until Finished).
func (t *Task) Outcome() Outcome {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.out
}

// Report records progress: done and total in the task's unit, and
// whether the total is final.
func (t *Task) Report(done, total int64, listed bool) {
	t.mu.Lock()
	t.done, t.total = done, max(total, done, t.floor)
	t.listed = listed || t.floor > 0 && total <= t.floor
	t.mu.Unlock()
	select {
	case t.changed <- struct{}{}:
	default:
	}
}

// Status is the task as a job.
func (t *Task) Status() Job {
	t.mu.Lock()
	defer t.mu.Unlock()
	j := Job{ID: t.id, Kind: t.spec.Kind, Name: t.spec.Title, Route: t.spec.Route, Conn: t.spec.Conn, State: t.state, Err: t.err,
		Progress: Progress{Done: t.done, Total: t.total, Unit: t.spec.Unit, Noun: t.spec.Noun, Listed: t.listed},
		Started:  t.started, Ended: t.ended, Failures: t.out.Failed}
	if t.conflict != "" {
		j.State, j.Conflict = transfer.NeedsDecision, t.conflict
	}
	return j
}

// Runner starts tasks and keeps them until they are forgotten.
type Runner struct {
	mu    sync.Mutex
	next  int
	tasks map[transfer.JobID]*Task
	base  context.Context
	now   func() time.Time
}

// NewRunner returns a runner whose tasks stop when base is cancelled;
// now stamps their start and end.
func NewRunner(base context.Context, now func() time.Time) *Runner {
	return &Runner{tasks: map[transfer.JobID]*Task{}, base: base, now: now}
}

// Start starts spec in its own goroutine.
func (r *Runner) Start(spec Spec) *Task {
	r.mu.Lock()
	r.next++
	id := transfer.JobID(fmt.Sprintf("task-%d", r.next))
	ctx, cancel := context.WithCancel(r.base)
	t := &Task{id: id, spec: spec, cancel: cancel, state: transfer.Running, started: r.now(),
		changed: make(chan struct{}, 1), finished: make(chan struct{})}
	r.tasks[id] = t
	r.mu.Unlock()
	go r.run(ctx, t)
	return t
}

// run runs the task to its end and records the outcome.
func (r *Runner) run(ctx context.Context, t *Task) {
	defer t.cancel()
	out := t.spec.Run(ctx, t)
	t.mu.Lock()
	t.ended = r.now()
	switch {
	case errors.Is(ctx.Err(), context.Canceled):
		t.state, out.Stopped = transfer.Cancelled, true
		t.err = "cancelled: " + out.Summary
	case out.Err != nil:
		t.state, t.err = transfer.Failed, out.Err.Error()
	case len(out.Failed) > 0:
		t.state = transfer.Failed
		t.err = fmt.Sprintf("%s failed (first: %s: %s)", units.Plural(len(out.Failed), out.Noun), out.Failed[0].Name, out.Failed[0].Reason)
	default:
		t.state = transfer.Done
	}
	if t.state == transfer.Done {
		t.total = t.done // what there turned out to be (the bar of an empty one is full too)
	}
	t.out = out
	t.mu.Unlock()
	close(t.finished)
}

// Get is task id.
func (r *Runner) Get(id transfer.JobID) (*Task, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	t, ok := r.tasks[id]
	return t, ok
}

// Cancel stops task id; its Outcome says what it had done.
func (r *Runner) Cancel(id transfer.JobID) error {
	t, ok := r.Get(id)
	if !ok {
		return fmt.Errorf("no task %s", id)
	}
	t.cancel()
	return nil
}

// Await marks finished task id as waiting for a decision about what
// (its conflicts, left for later); Settle takes the mark off.
func (r *Runner) Await(id transfer.JobID, what string) (Job, bool) { return r.mark(id, what) }

// Settle says task id's decision is made: it shows how it ended again.
func (r *Runner) Settle(id transfer.JobID) (Job, bool) { return r.mark(id, "") }

func (r *Runner) mark(id transfer.JobID, what string) (Job, bool) {
	t, ok := r.Get(id)
	if !ok {
		return Job{}, false
	}
	t.mu.Lock()
	t.conflict = what
	t.mu.Unlock()
	return t.Status(), true
}

// CancelAll stops every running task (the program is ending).
func (r *Runner) CancelAll() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, t := range r.tasks {
		t.cancel()
	}
}

// Wait waits until every task has returned, or until timeout. A
// cancelled task may still be cleaning up (aborting the multipart upload
// of a server-side copy), and the program must not end under it. It
// reports whether all of them returned.
func (r *Runner) Wait(timeout time.Duration) bool {
	r.mu.Lock()
	pending := make([]chan struct{}, 0, len(r.tasks))
	for _, t := range r.tasks {
		pending = append(pending, t.finished)
	}
	r.mu.Unlock()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for _, done := range pending {
		select {
		case <-done:
		case <-deadline.C:
			return false
		}
	}
	return true
}

// Running is how many tasks have not finished.
func (r *Runner) Running() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, t := range r.tasks {
		select {
		case <-t.finished:
		default:
			n++
		}
	}
	return n
}
