package cli

import (
	"io"
	"sync"
)

// lateBars starts the bars when there is first something to show. A
// Bubble Tea program drawing inline owns the cursor's line even while it
// shows nothing, so a question asked before the work starts (sync asks
// before it deletes) would be overwritten: until then, no program runs.
type lateBars struct {
	w  io.Writer
	mu sync.Mutex
	r  *barReporter
}

// bars is the running program, started now if start and not yet.
func (l *lateBars) bars(start bool) *barReporter {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.r == nil && start {
		l.r = newBarReporter(l.w)
	}
	return l.r
}

func (l *lateBars) progress(active []activity, t tally) {
	if r := l.bars(t.Items > 0 || len(active) > 0); r != nil {
		r.progress(active, t)
	}
}

func (l *lateBars) finished(it item, t tally) { l.bars(true).finished(it, t) }

func (l *lateBars) close() {
	if r := l.bars(false); r != nil {
		r.close()
	}
}
