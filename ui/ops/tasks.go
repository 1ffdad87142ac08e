package ops

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
	"github.com/ferry-s3/ferry/ui/transfers"
)

// taskFrame spaces a task's progress reports: at most ten a second.
const taskFrame = 100 * time.Millisecond

// unit is what a task counts.
type unit int

const (
	unitKeys  unit = iota // objects (or files)
	unitBytes             // bytes copied
)

// taskSpec describes a task before it starts.
type taskSpec struct {
	kind  string // "delete", "move", "copy"
	title string // the row's name
	route string // "from → to", or what is deleted
	unit  unit
	noun  string // what unitKeys counts: "objects", "items"
	conn  string // the S3 connection it works on, as named to the user ("" for local files)
	run   func(ctx context.Context, t *task) outcome
}

// outcome is how a task ended and what to do about it.
type outcome struct {
	err     error     // what stopped it; nil when it ran to the end
	failed  []failure // what failed while the rest went on
	noun    string    // what failed is counted as: "key", "item"
	summary string    // what it did, e.g. "deleted 412 objects from s3://b/logs/"
	changed []where   // places to list again
	then    tea.Cmd   // what comes next
	// conflict is the destinations that were in the way, to ask about.
	conflict *conflictMsg
	stopped  bool // the user cancelled (set by the runner)
}

// failure is one name that failed, and why.
type failure struct{ name, reason string }

func keyFailures(es []s3ops.KeyError) []failure {
	out := make([]failure, len(es))
	for i, e := range es {
		out[i] = failure{name: e.Key, reason: e.Err.Error()}
	}
	return out
}

// task is a running (or finished) background operation.
type task struct {
	id     transfer.JobID
	spec   taskSpec
	cancel context.CancelFunc

	mu             sync.Mutex
	done, total    int64
	floor          int64 // a total counted beforehand (the delete question's)
	listed         bool
	failedN        int
	state          transfer.State
	err            string
	started, ended time.Time
	out            outcome

	changed  chan struct{} // a report since the last look (capacity 1)
	finished chan struct{}
	launched bool // its goroutine runs (under the runner's lock)
}

// report records progress: done and total in the task's unit, failed
// keys so far, and whether the total is final.
func (t *task) report(done, total int64, failed int, listed bool) {
	t.mu.Lock()
	t.done, t.total, t.failedN = done, max(total, done, t.floor), failed
	t.listed = listed || t.floor > 0 && total <= t.floor
	t.mu.Unlock()
	select {
	case t.changed <- struct{}{}:
	default:
	}
}

// s3Reporter adapts s3ops progress to the task, adding what earlier
// entries of the same task already did.
func (t *task) s3Reporter(base *s3ops.Progress, last bool, u unit) func(s3ops.Progress) {
	return func(p s3ops.Progress) {
		done, total := int64(base.Done+p.Done), int64(base.Total+p.Total)
		if u == unitBytes {
			t.mu.Lock()
			total = t.total
			t.mu.Unlock()
			done = base.Bytes + p.Bytes
		}
		t.report(done, total, base.Failed+p.Failed, last && p.Listed)
	}
}

func (t *task) status() transfer.JobStatus {
	t.mu.Lock()
	defer t.mu.Unlock()
	return transfer.JobStatus{ID: t.id, Batch: transfer.BatchID(t.id), Dir: transfers.TaskDir,
		Remote: s3ops.Location{Key: t.spec.title}, State: t.state, Done: t.done, Total: t.total,
		Err: t.err, ETA: -1, Started: t.started, Ended: t.ended}
}

// runner starts tasks and keeps them until they are cleared.
type runner struct {
	mu    sync.Mutex
	next  int
	tasks map[transfer.JobID]*task
	base  context.Context
	now   func() time.Time
}

func newRunner(base context.Context, now func() time.Time) *runner {
	return &runner{tasks: map[transfer.JobID]*task{}, base: base, now: now}
}

// start registers a task and returns the command that runs it and
// reports its first state.
func (r *runner) start(spec taskSpec) (*task, tea.Cmd) {
	r.mu.Lock()
	r.next++
	id := transfer.JobID(fmt.Sprintf("task-%d", r.next))
	ctx, cancel := context.WithCancel(r.base)
	t := &task{id: id, spec: spec, cancel: cancel, state: transfer.Running, started: r.now(),
		changed: make(chan struct{}, 1), finished: make(chan struct{})}
	r.tasks[id] = t
	r.mu.Unlock()
	run := func() tea.Msg {
		r.mu.Lock()
		t.launched = true
		r.mu.Unlock()
		go r.run(ctx, t)
		return taskMsg{id: id, status: t.status(), at: time.Now()}
	}
	return t, run
}

// run runs the task to its end and records the outcome.
func (r *runner) run(ctx context.Context, t *task) {
	defer t.cancel()
	out := t.spec.run(ctx, t)
	t.mu.Lock()
	t.ended = r.now()
	switch {
	case errors.Is(ctx.Err(), context.Canceled):
		t.state, out.stopped = transfer.Cancelled, true
		t.err = "cancelled: " + out.summary
	case out.err != nil:
		t.state, t.err = transfer.Failed, out.err.Error()
	case len(out.failed) > 0:
		t.state = transfer.Failed
		t.err = fmt.Sprintf("%s failed (first: %s: %s)", units.Plural(len(out.failed), out.noun), out.failed[0].name, out.failed[0].reason)
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

func (r *runner) get(id transfer.JobID) (*task, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	t, ok := r.tasks[id]
	return t, ok
}

// cancelAll stops every running task (the program is ending).
func (r *runner) cancelAll() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, t := range r.tasks {
		t.cancel()
	}
}

// wait waits until every launched task has returned, or until timeout.
// A cancelled task may still be cleaning up (aborting the multipart
// upload of a server-side copy), and the program must not end under it.
// It reports whether all of them returned.
func (r *runner) wait(timeout time.Duration) bool {
	r.mu.Lock()
	var pending []chan struct{}
	for _, t := range r.tasks {
		if t.launched {
			pending = append(pending, t.finished)
		}
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

// running is how many tasks have not finished.
func (r *runner) running() int {
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

// taskMsg is a task's progress; taskDoneMsg its end.
type taskMsg struct {
	id     transfer.JobID
	status transfer.JobStatus
	at     time.Time
}

type taskDoneMsg struct {
	id     transfer.JobID
	status transfer.JobStatus
	out    outcome
}

// watch waits for the task's next report (no sooner than a frame after
// the last one) or its end.
func (t *task) watch(since time.Time) tea.Cmd {
	return func() tea.Msg {
		wait := time.NewTimer(max(0, time.Until(since.Add(taskFrame))))
		select {
		case <-wait.C:
		case <-t.finished:
		}
		wait.Stop()
		select {
		case <-t.changed:
		case <-t.finished:
		}
		select {
		case <-t.finished:
			t.mu.Lock()
			out := t.out
			t.mu.Unlock()
			return taskDoneMsg{id: t.id, status: t.status(), out: out}
		default:
			return taskMsg{id: t.id, status: t.status(), at: time.Now()}
		}
	}
}

// progressText is a task's bytes column.
func (t *task) progressText() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.spec.unit == unitBytes {
		if t.state == transfer.Done {
			return common.HumanSize(t.total)
		}
		return common.HumanSize(t.done) + "/" + common.HumanSize(t.total)
	}
	noun := " " + t.spec.noun
	switch {
	case t.state == transfer.Done:
		return units.Count(t.done) + noun
	case !t.listed:
		return units.Count(t.done) + "/" + units.Count(t.total) + "+"
	}
	return units.Count(t.done) + "/" + units.Count(t.total) + noun
}

// details describe a task for the details dialog.
func (t *task) details(tz *time.Location) []source.Field {
	progress := t.progressText()
	t.mu.Lock()
	defer t.mu.Unlock()
	f := []source.Field{{Label: "Operation", Value: t.spec.kind}, {Label: "What", Value: t.spec.route},
		{Label: "State", Value: t.state.String()}, {Label: "Progress", Value: progress},
		{Label: "Started", Value: common.FormatTime(t.started, tz)}}
	if t.spec.conn != "" {
		f = append(f[:2:2], append([]source.Field{{Label: "Connection", Value: t.spec.conn}}, f[2:]...)...)
	}
	if !t.ended.IsZero() {
		f = append(f, source.Field{Label: "Ended", Value: common.FormatTime(t.ended, tz)})
	}
	if t.err != "" {
		f = append(f, source.Field{Label: "Problem", Value: t.err})
	}
	for i, fl := range t.out.failed {
		if i == maxReported {
			f = append(f, source.Field{Label: "…", Value: units.Plural(len(t.out.failed)-i, "more")})
			break
		}
		f = append(f, source.Field{Label: fl.name, Value: fl.reason})
	}
	return f
}
