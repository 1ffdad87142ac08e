package transfer

import (
	"math"
	"sync"
	"time"
)

// tick is how often running jobs report progress: at most 10 updates per
// second per job.
const tick = 100 * time.Millisecond

// rateWindow is how far back a rate looks: long enough that parts
// acknowledged every few seconds give a steady figure, short enough to
// follow a real change of speed.
const rateWindow = 5 * time.Second

// warmUp is how long the start of a transfer is left out of its rate:
// what moves first fills socket buffers and caches faster than the link
// carries it. minRateSpan is how much time a rate then needs before it
// is shown: a transfer that just started (or resumed) has no honest rate.
const (
	warmUp      = 500 * time.Millisecond
	minRateSpan = 500 * time.Millisecond
)

// stallAfter is how long without a byte acknowledged makes a running
// transfer stalled: no rate and no ETA are shown then, but how long.
const stallAfter = 3 * time.Second

// meter turns a counter of acknowledged bytes into a rate (bytes/s) over
// a sliding window of samples, and knows when the counter last moved.
type meter struct {
	samples []sample // the window, oldest first
	rate    float64
	shown   float64   // the rate last reported as changed
	movedAt time.Time // when the counter last moved (or sampling began)
	started time.Time // the first sample
}

type sample struct {
	at    time.Time
	bytes int64
}

// sample feeds the counter's value at now and reports whether there is
// news: the counter moved, or the rate changed by a tenth or more since
// it was last news (so a stalled transfer does not keep showing the
// speed it had).
func (m *meter) sample(now time.Time, bytes int64) bool {
	if len(m.samples) == 0 { // the first sample is the baseline, not news
		m.samples, m.started, m.movedAt = append(m.samples, sample{now, bytes}), now, now
		return false
	}
	moved := bytes != m.samples[len(m.samples)-1].bytes
	if moved {
		m.movedAt = now
	}
	if now.Sub(m.started) < warmUp {
		m.samples[0] = sample{now, bytes} // the rate starts from after the warm-up
		return moved
	}
	m.samples = append(m.samples, sample{now, bytes})
	for len(m.samples) > 1 && now.Sub(m.samples[1].at) >= rateWindow {
		m.samples = m.samples[1:]
	}
	first := m.samples[0]
	m.rate = 0
	if span := now.Sub(first.at); span >= minRateSpan && bytes > first.bytes {
		m.rate = float64(bytes-first.bytes) / span.Seconds()
	}
	if m.rate < stalledRate {
		m.rate = 0
	}
	if moved || math.Abs(m.rate-m.shown) > m.shown/10 {
		m.shown = m.rate
		return true
	}
	return false
}

// stalled is how long the counter has not moved, 0 under stallAfter.
func (m *meter) stalled(now time.Time) time.Duration {
	if m.movedAt.IsZero() || now.Sub(m.movedAt) < stallAfter {
		return 0
	}
	return now.Sub(m.movedAt)
}

// stalledRate is where a rate is taken as zero.
const stalledRate = 1024

func (m *meter) reset() { *m = meter{} }

// notifier delivers updates to one consumer without ever blocking the
// engine: updates wait in a map keyed by job, a newer one replacing an
// older one (a Final flag is kept), and a goroutine feeds them to the
// channel as fast as the consumer reads.
type notifier struct {
	mu      sync.Mutex
	pending map[JobID]Update
	order   []JobID
	wake    chan struct{}
	out     chan Update
	stop    chan struct{}
	stopped chan struct{}
}

func newNotifier() *notifier {
	n := &notifier{pending: map[JobID]Update{}, wake: make(chan struct{}, 1),
		out: make(chan Update, 64), stop: make(chan struct{}), stopped: make(chan struct{})}
	go n.loop()
	return n
}

func (n *notifier) post(u Update) {
	n.mu.Lock()
	if old, ok := n.pending[u.Job.ID]; ok {
		u.Final = u.Final || old.Final
	} else {
		n.order = append(n.order, u.Job.ID)
	}
	n.pending[u.Job.ID] = u
	n.mu.Unlock()
	select {
	case n.wake <- struct{}{}:
	default:
	}
}

func (n *notifier) next() (Update, bool) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if len(n.order) == 0 {
		return Update{}, false
	}
	id := n.order[0]
	n.order = n.order[1:]
	u := n.pending[id]
	delete(n.pending, id)
	return u, true
}

func (n *notifier) loop() {
	defer close(n.stopped)
	defer close(n.out)
	for {
		select {
		case <-n.wake:
		case <-n.stop:
			return
		}
		for u, ok := n.next(); ok; u, ok = n.next() {
			select {
			case n.out <- u:
			case <-n.stop:
				return
			}
		}
	}
}

func (n *notifier) close() {
	close(n.stop)
	<-n.stopped
}
