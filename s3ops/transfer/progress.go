package transfer

import (
	"math"
	"sync"
	"time"
)

// tick is how often running jobs report progress: at most 10 updates per
// second per job.
const tick = 100 * time.Millisecond

// rateWindow is the time constant of the rate's exponential smoothing:
// long enough that the ETA does not jump with every packet, short enough
// to follow a real change of speed within a few seconds.
const rateWindow = 3 * time.Second

// meter smooths a byte counter into a rate (bytes/s).
type meter struct {
	at    time.Time
	bytes int64
	rate  float64
	shown float64 // the rate last reported as changed
}

// stalledRate is where a decaying rate is taken as zero.
const stalledRate = 1024

// sample feeds the counter's value at now and reports whether there is
// news: the counter moved, or (when it stalls) the rate has fallen by a
// tenth or more since it was last news, so a stalled transfer does not
// keep showing the speed it had.
func (m *meter) sample(now time.Time, bytes int64) bool {
	if m.at.IsZero() {
		m.at, m.bytes = now, bytes
		return false
	}
	dt := now.Sub(m.at).Seconds()
	if dt <= 0 {
		return false
	}
	inst := float64(bytes-m.bytes) / dt
	if inst < 0 {
		inst = 0 // an attempt was rolled back; not a negative speed
	}
	if m.rate == 0 {
		m.rate = inst
	} else {
		alpha := 1 - math.Exp(-dt/rateWindow.Seconds())
		m.rate += alpha * (inst - m.rate)
	}
	if m.rate < stalledRate {
		m.rate = 0
	}
	moved := bytes != m.bytes
	m.at, m.bytes = now, bytes
	if moved || math.Abs(m.rate-m.shown) > m.shown/10 {
		m.shown = m.rate
		return true
	}
	return false
}

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
