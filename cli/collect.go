package cli

import (
	"math"
	"sort"
	"sync"
	"time"
)

// collector gathers the items of a running command: what is planned,
// what runs (for the bars) and what finished. It feeds the reporter and
// knows when everything planned has finished.
type collector struct {
	rep reporter

	mu       sync.Mutex
	t        tally
	active   map[string]activity
	done     map[string]int64 // bytes so far of running items
	ended    map[string]bool
	failed   []item
	skipped  []item
	planning bool
	allDone  chan struct{}
	closed   bool
	lastAt   time.Time
	lastDone int64
	seq      int
}

func newCollector(rep reporter) *collector {
	return &collector{rep: rep, active: map[string]activity{}, done: map[string]int64{}, ended: map[string]bool{},
		planning: true, allDone: make(chan struct{}), t: tally{Started: time.Now()}}
}

// plan adds n items of bytes in total to the work.
func (c *collector) plan(n int, bytes int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t.Items += n
	c.t.Bytes += bytes
}

// planned says no more items will be added.
func (c *collector) planned() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.planning = false
	c.checkDone()
}

// running reports progress of an item still moving.
func (c *collector) running(a activity) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ended[a.ID] {
		return
	}
	c.t.BytesDone += a.Done - c.done[a.ID]
	c.done[a.ID] = a.Done
	if old, ok := c.active[a.ID]; ok {
		a.seq = old.seq
	} else {
		c.seq++
		a.seq = c.seq
	}
	c.active[a.ID] = a
}

// finish records an item that ended (once per id; repeats are ignored).
func (c *collector) finish(id string, it item) {
	c.mu.Lock()
	if c.ended[id] {
		c.mu.Unlock()
		return
	}
	c.ended[id] = true
	it.id = id
	delete(c.active, id)
	if it.Status == statusDone {
		c.t.BytesDone += it.Bytes - c.done[id]
		c.t.BytesKept += it.Kept
	} else {
		c.t.BytesDone -= c.done[id]
	}
	delete(c.done, id)
	c.t.Finished++
	switch it.Status {
	case statusFailed:
		c.t.Failed++
		c.failed = append(c.failed, it)
	case statusSkipped:
		c.t.Skipped++
		c.skipped = append(c.skipped, it)
	}
	t := c.t
	c.mu.Unlock()
	c.rep.finished(it, t)
	c.mu.Lock()
	c.checkDone()
	c.mu.Unlock()
}

// fail records an item that failed before it could be planned (a missing
// source, a folder without -r); it counts as planned and finished.
func (c *collector) fail(id string, it item) {
	c.plan(1, 0)
	it.Status = statusFailed
	c.finish(id, it)
}

func (c *collector) checkDone() {
	if !c.closed && !c.planning && c.t.Finished >= c.t.Items {
		c.closed = true
		close(c.allDone)
	}
}

// tick sends the reporter a snapshot and updates the overall rate.
func (c *collector) tick(now time.Time) {
	c.mu.Lock()
	if !c.lastAt.IsZero() {
		dt := now.Sub(c.lastAt).Seconds()
		inst := math.Max(0, float64(c.t.BytesDone-c.lastDone)/dt)
		if c.t.Rate == 0 {
			c.t.Rate = inst
		} else {
			c.t.Rate += (1 - math.Exp(-dt/3)) * (inst - c.t.Rate)
		}
	}
	c.lastAt, c.lastDone = now, c.t.BytesDone
	active := make([]activity, 0, len(c.active))
	for _, a := range c.active {
		active = append(active, a)
	}
	t := c.t
	c.mu.Unlock()
	sort.Slice(active, func(i, j int) bool { return active[i].seq < active[j].seq })
	c.rep.progress(active, t)
}

// ticking calls tick ten times a second until stop is closed.
func (c *collector) ticking(stop <-chan struct{}) {
	tk := time.NewTicker(100 * time.Millisecond)
	defer tk.Stop()
	for {
		select {
		case <-stop:
			return
		case now := <-tk.C:
			c.tick(now)
		}
	}
}

// result is the final totals and the failed and skipped items.
func (c *collector) result() (tally, []item, []item) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t, c.failed, c.skipped
}
