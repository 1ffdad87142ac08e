package transfers

import (
	"time"

	"github.com/ferry-s3/ferry/s3ops/jobs"
	"github.com/ferry-s3/ferry/s3ops/transfer"
)

// table is the UI's copy of the queue: every job as the engine last
// reported it, in the order the jobs were added, with counts and batch
// totals kept up to date as reports arrive. It is only ever touched from
// Update, so it needs no lock, and View never asks the engine anything.
type table struct {
	jobs    []jobs.Job // transfers and tasks alike
	index   map[transfer.JobID]int
	rates   map[transfer.BatchID]batchRate // the engine's smoothed batch rate
	counts  Counts
	batches map[transfer.BatchID]*BatchTotals
}

// batchRate is a batch's rate and ETA from its latest report.
type batchRate struct {
	rate float64
	eta  time.Duration // -1 when unknown
}

// Counts sums up the queue by state, for the header and the status bar.
type Counts struct {
	Jobs      int
	Queued    int
	Running   int // retrying ones included
	Tasks     int // background operations running (tasks, not transfers)
	Retrying  int
	Paused    int
	Decide    int // waiting for a conflict decision
	Failed    int
	Done      int
	Skipped   int
	Cancelled int
	// Bytes and Total are the transferred and total bytes of the jobs
	// that count towards progress (cancelled and skipped ones do not).
	Bytes, Total int64
	// Rate is the sum of the running jobs' rates, bytes per second.
	Rate float64
}

// Active is how many jobs are moving or about to (running or queued).
func (c Counts) Active() int { return c.Running + c.Queued }

// BatchTotals sums up the jobs of one batch as the UI knows them.
type BatchTotals struct {
	Jobs, Finished, Failed, Decide, Running int
	Bytes, Total                            int64
}

func newTable() table {
	return table{index: map[transfer.JobID]int{}, rates: map[transfer.BatchID]batchRate{},
		batches: map[transfer.BatchID]*BatchTotals{}}
}

// apply takes reports in; later reports of a job replace earlier ones.
func (t *table) apply(us []transfer.Update) {
	for _, u := range us {
		if u.Notice != nil {
			continue // news of the engine, not of a job (see Model.Notices)
		}
		t.put(jobs.FromTransfer(u.Job), true)
		t.rates[u.Batch.ID] = batchRate{rate: u.Batch.Rate, eta: u.Batch.ETA}
	}
	t.recount()
}

// applyJobs takes in the latest state of some jobs (tasks, whose reports
// do not come from the engine).
func (t *table) applyJobs(js []jobs.Job) {
	for _, j := range js {
		t.put(j, true)
	}
	t.recount()
}

// adopt adds jobs from a snapshot, leaving alone the jobs a report has
// already brought (a report is never older than a snapshot taken before
// it arrived, but may be newer).
func (t *table) adopt(snapshot []transfer.JobStatus) {
	for _, s := range snapshot {
		t.put(jobs.FromTransfer(s), false)
	}
	t.recount()
}

func (t *table) put(s jobs.Job, replace bool) {
	if i, ok := t.index[s.ID]; ok {
		if replace {
			t.jobs[i] = s
		}
		return
	}
	t.index[s.ID] = len(t.jobs)
	t.jobs = append(t.jobs, s)
}

// clearFinished drops done, skipped and cancelled jobs, as the engine's
// ClearFinished does, and says how many went. *at is a row index; it is
// moved to the same job, or to the next one kept when that job went.
func (t *table) clearFinished(at *int) int {
	kept := t.jobs[:0]
	cursor := 0
	for i, s := range t.jobs {
		if !clearable(s.State) {
			kept = append(kept, s)
		}
		if i < *at {
			cursor = len(kept)
		}
	}
	*at = cursor
	n := len(t.jobs) - len(kept)
	clear(t.jobs[len(kept):])
	t.jobs = kept
	t.index = make(map[transfer.JobID]int, len(kept))
	for i, s := range kept {
		t.index[s.ID] = i
	}
	t.recount()
	return n
}

func clearable(s transfer.State) bool {
	return s == transfer.Done || s == transfer.Skipped || s == transfer.Cancelled
}

// recount rebuilds the counts and batch totals: one pass over the jobs
// per batch of reports, so at most ten a second.
func (t *table) recount() {
	c := Counts{Jobs: len(t.jobs)}
	batches := map[transfer.BatchID]*BatchTotals{}
	for i := range t.jobs {
		s := &t.jobs[i]
		b := batches[batchOf(s)]
		if b == nil {
			b = &BatchTotals{}
			batches[batchOf(s)] = b
		}
		countJob(&c, b, s)
	}
	// Small files end before their own rate is measured; the batches'
	// rates see them, so the larger sum is the better estimate.
	var batchRates float64
	for id, r := range t.rates {
		switch b := batches[id]; {
		case b == nil:
			delete(t.rates, id)
		case b.Running > 0:
			batchRates += r.rate
		}
	}
	c.Rate = max(c.Rate, batchRates)
	t.counts, t.batches = c, batches
}

// batchOf is the batch a job counts in: a transfer's, or its own for a
// task.
func batchOf(j *jobs.Job) transfer.BatchID {
	if j.Transfer != nil {
		return j.Transfer.Batch
	}
	return transfer.BatchID(j.ID)
}

func countJob(c *Counts, b *BatchTotals, j *jobs.Job) {
	b.Jobs++
	switch j.State {
	case transfer.Queued:
		c.Queued++
	case transfer.Running:
		if j.Transfer == nil {
			c.Tasks++ // not a transfer: not paused, not resumed after a restart
			break
		}
		c.Running++
		b.Running++
		c.Rate += j.Transfer.Rate
		if j.Transfer.Retrying != "" {
			c.Retrying++
		}
	case transfer.Paused:
		c.Paused++
	case transfer.NeedsDecision:
		c.Decide++
		b.Decide++
	case transfer.Failed:
		c.Failed++
		b.Failed++
	case transfer.Done:
		c.Done++
		b.Finished++
	case transfer.Skipped:
		c.Skipped++
		b.Finished++
	case transfer.Cancelled:
		c.Cancelled++
		b.Finished++
	}
	if j.State != transfer.Cancelled && j.State != transfer.Skipped && j.Transfer != nil {
		c.Bytes += j.Transfer.Done
		c.Total += j.Transfer.Total
		b.Bytes += j.Transfer.Done
		b.Total += j.Transfer.Total
	}
}

// first is the index of the first job in state s, or -1.
func (t *table) first(s transfer.State) int {
	for i := range t.jobs {
		if t.jobs[i].State == s {
			return i
		}
	}
	return -1
}
