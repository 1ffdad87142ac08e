package transfer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ferry-s3/ferry/s3ops"
)

// Engine runs the transfer queue of one S3 connection. All methods are
// safe for concurrent use and return quickly (Upload and Download walk the
// folder or list the prefix first: call them off the UI thread).
type Engine struct {
	c *s3ops.Client
	o Options

	mu      sync.Mutex
	jobs    map[JobID]*job
	order   []*job // every job, in the order added
	queue   []*job // jobs to start, oldest first (stale entries are skipped)
	batches map[BatchID]*batch
	running int
	idle    *sync.Cond // signalled whenever a job stops running or leaves the queue

	ctx     context.Context
	stop    context.CancelFunc
	wg      sync.WaitGroup // job goroutines and cleanups
	bg      sync.WaitGroup // ticker and journal writer
	closed  bool
	updates *notifier

	journalPath string // "" when there is no journal
	restored    bool
	lock        *os.File
	dirty       chan struct{}
	journalMu   sync.Mutex // serialises journal writes (flushJournal)

	aborts    map[string]*pendingAbort // aborted uploads still watched (abortwatch.go)
	abortWake chan struct{}

	journalFailing bool // journal writes fail, and the user was told

	crc atomic.Int32 // crcState: what the store does with upload checksums (upcheck.go)

	ledger   Ledger // uploads ferry started, by what they mean (ledger.go)
	endpoint string // the client's EndpointID, for the ledger
}

// Errors of the control methods.
var (
	ErrNoSuchJob = errors.New("no such transfer")
	ErrClosed    = errors.New("the transfer engine is closed")
)

// New returns an engine sending bytes through client. It starts empty:
// call Restore to bring back the jobs of an earlier run.
func New(client *s3ops.Client, o Options) *Engine {
	ctx, stop := context.WithCancel(context.Background())
	e := &Engine{c: client, o: o.withDefaults(), jobs: map[JobID]*job{}, batches: map[BatchID]*batch{},
		ctx: ctx, stop: stop, updates: newNotifier(), dirty: make(chan struct{}, 1),
		aborts: map[string]*pendingAbort{}, abortWake: make(chan struct{}, 1),
		ledger: LedgerAt(o.UploadsPath)}
	if client != nil { // some tests drive the queue without a store
		e.endpoint = client.EndpointID()
	}
	e.idle = sync.NewCond(&e.mu)
	e.bg.Add(3)
	go e.tickLoop()
	go e.journalLoop()
	go e.abortLoop()
	return e
}

// Updates delivers progress reports. Read it continuously (e.g. from a
// re-armed tea.Cmd); the engine never waits for the reader: reports for
// the same job are merged while the reader is busy. It is closed by Close.
func (e *Engine) Updates() <-chan Update { return e.updates.out }

// Options returns the engine's settings, defaults filled in.
func (e *Engine) Options() Options { return e.o }

// Close stops every running job where it is (it comes back paused after
// Restore in the next run), writes the journal and stops the engine.
// Without a journal nothing can come back: unfinished multipart uploads
// are aborted and downloads' temp files removed (drop.go).
func (e *Engine) Close() error {
	e.mu.Lock()
	if e.closed {
		e.mu.Unlock()
		return nil
	}
	e.closed = true
	e.mu.Unlock()
	e.stop()
	e.wg.Wait()
	e.bg.Wait()
	if e.journalPath == "" {
		e.dropUnfinished()
	}
	_, err := e.flushJournal()
	e.updates.close()
	if e.lock != nil {
		if _, statErr := os.Stat(e.journalPath); errors.Is(statErr, os.ErrNotExist) {
			_ = os.Remove(e.lock.Name()) // no journal, no lock file beside it (still held: nobody waits on it)
		}
		e.lock.Close()
	}
	return err
}

// Jobs returns every job, in the order they were added.
func (e *Engine) Jobs() []JobStatus {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make([]JobStatus, len(e.order))
	for i, j := range e.order {
		out[i] = j.status()
	}
	return out
}

// Job returns one job's status.
func (e *Engine) Job(id JobID) (JobStatus, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	j, ok := e.jobs[id]
	if !ok {
		return JobStatus{}, false
	}
	return j.status(), true
}

// Batches returns the totals of every batch that still has jobs.
func (e *Engine) Batches() []BatchStatus {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []BatchStatus
	seen := map[BatchID]bool{}
	for _, j := range e.order {
		if !seen[j.batch.id] {
			seen[j.batch.id] = true
			out = append(out, j.batch.status())
		}
	}
	return out
}

// Wait blocks until no job is queued or running (paused, failed and
// waiting-for-decision jobs do not count), or ctx ends.
func (e *Engine) Wait(ctx context.Context) error {
	stop := context.AfterFunc(ctx, func() {
		e.mu.Lock()
		e.idle.Broadcast()
		e.mu.Unlock()
	})
	defer stop()
	e.mu.Lock()
	defer e.mu.Unlock()
	for e.busy() {
		if err := ctx.Err(); err != nil {
			return err
		}
		e.idle.Wait()
	}
	return nil
}

func (e *Engine) busy() bool {
	if e.running > 0 {
		return true
	}
	for _, j := range e.queue {
		if j.state == Queued {
			return true
		}
	}
	return false
}

// add registers a new batch's jobs and starts what fits.
func (e *Engine) add(b *batch) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return ErrClosed
	}
	_, _ = e.restoreLocked() // never lose the previous run's queue; Restore reports its errors
	e.batches[b.id] = b
	for _, j := range b.jobs {
		e.jobs[j.rec.ID] = j
		e.order = append(e.order, j)
		e.queue = append(e.queue, j)
	}
	e.persistLocked()
	e.schedule()
	return nil
}

// schedule starts queued jobs while slots are free. Called with e.mu held.
func (e *Engine) schedule() {
	for e.running < e.o.FilesInFlight && len(e.queue) > 0 && !e.closed {
		j := e.queue[0]
		e.queue = e.queue[1:]
		if j.state == Queued && j.cancel == nil {
			e.start(j)
		}
	}
	if !e.busy() {
		e.idle.Broadcast()
	}
}

func (e *Engine) start(j *job) {
	ctx, cancel := context.WithCancelCause(e.ctx)
	j.cancel = cancel
	j.err, j.retrying, j.conflict, j.finishing = "", "", "", ""
	j.meter.reset()
	j.started, j.ended = time.Now(), time.Time{}
	e.setState(j, Running)
	e.running++
	e.wg.Add(1)
	go func() {
		defer e.wg.Done()
		err := e.run(ctx, j)
		cause := context.Cause(ctx)
		cancel(nil)
		e.finish(j, err, cause)
		if err != nil && errors.Is(cause, errCancel) {
			e.cleanup(j) // after finish: the user sees "cancelled" at once
		}
	}()
}

// Stop causes given to a running job's context.
var (
	errPause  = errors.New("paused")
	errCancel = errors.New("cancelled")
)

func (e *Engine) run(ctx context.Context, j *job) error {
	switch j.rec.Dir {
	case Upload:
		return e.upload(ctx, j)
	case Copy:
		return e.copyJob(ctx, j)
	}
	return e.download(ctx, j)
}

// finish records how a run ended and starts the next job.
func (e *Engine) finish(j *job, err, cause error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	j.cancel = nil
	e.running--
	var need *needDecision
	switch {
	case err == nil:
		e.setState(j, Done)
	case errors.Is(err, errSkipped):
		e.setState(j, Skipped)
	case errors.As(err, &need):
		j.conflict = need.what
		e.setState(j, NeedsDecision)
	case errors.Is(cause, errCancel):
		e.setState(j, Cancelled)
	case errors.Is(cause, errPause):
		e.setState(j, Paused)
	case e.closed:
		// Stopped by Close: stays "running" in the journal and comes back paused.
	default:
		j.err = sentence(err)
		e.setState(j, Failed)
		e.watchStraysLocked(j) // a create cut off on the way may have left an upload
		if failedForGood(j.rec.Dir, err) {
			e.loseLocked(j) // see lost.go
		}
	}
	e.persistLocked()
	e.schedule()
}

// setState moves j to s and reports it. Called with e.mu held.
func (e *Engine) setState(j *job, s State) {
	if s != Running {
		j.retrying = ""
	}
	j.state = s
	if s.Finished() {
		j.ended = time.Now()
	}
	e.notifyLocked(j, s.Finished())
}

func (e *Engine) notifyLocked(j *job, final bool) {
	e.updates.post(Update{Job: j.status(), Batch: j.batch.status(), Final: final})
}

// lookup finds a job. Called with e.mu held.
func (e *Engine) lookup(id JobID) (*job, error) {
	j, ok := e.jobs[id]
	if !ok {
		return nil, fmt.Errorf("%w %q", ErrNoSuchJob, id)
	}
	return j, nil
}

// tickLoop samples running jobs' counters ten times a second and reports
// those that moved.
func (e *Engine) tickLoop() {
	defer e.bg.Done()
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		select {
		case <-e.ctx.Done():
			return
		case now := <-t.C:
			e.sample(now)
		}
	}
}

func (e *Engine) sample(now time.Time) {
	e.mu.Lock()
	defer e.mu.Unlock()
	sampled := map[*batch]bool{}
	for _, j := range e.order {
		if j.state != Running {
			continue
		}
		if !sampled[j.batch] {
			sampled[j.batch] = true
			j.batch.meter.sample(now, j.batch.done.Load())
		}
		news := j.meter.sample(now, j.moved())
		phase := j.phase(now)
		if news || phase != j.shownPhase || phase == phaseStalled { // a stalled job reports how long, every tick
			j.shownPhase = phase
			e.notifyLocked(j, false)
		}
	}
}
