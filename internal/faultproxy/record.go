package faultproxy

import (
	"maps"
	"net/http"
	"net/url"
	"time"
)

// Record is one request as the proxy saw it. The request side (Seq to
// Range, Fault, Rule) is filled in when the request arrives; the rest
// when it ends (Done).
type Record struct {
	// Seq numbers requests in arrival order, from 1, for the proxy's life.
	Seq    int
	Method string
	// Path is the decoded request path, "/bucket/key".
	Path  string
	Query url.Values
	// Range is the request's Range header, "" when none.
	Range string

	// Fault is what was injected (Kind None for nothing) and Rule who
	// injected it: a rule's name, "chaos", or "".
	Fault Fault
	Rule  string

	// Status is the status sent to the client, 0 when no status line was
	// sent (a reset or stall before the headers).
	Status int
	// BytesIn counts request body bytes read from the client, BytesOut
	// response body bytes written to it.
	BytesIn  int64
	BytesOut int64
	// Err says why the exchange did not complete normally ("" when it
	// did): the injected fault, the client going away, an upstream error.
	Err      string
	Done     bool
	Start    time.Time
	Duration time.Duration
}

// newRecord is the request side of a Record.
func newRecord(r *http.Request) *Record {
	return &Record{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(),
		Range: r.Header.Get("Range"), Start: time.Now()}
}

// Requests returns a copy of the log: every request since the proxy
// started or the log was last reset, in arrival order, including those
// still in flight (Done false). Call WaitIdle first to see final values.
func (p *Proxy) Requests() []Record {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]Record, len(p.log))
	for i, rec := range p.log {
		out[i] = *rec
		out[i].Query = maps.Clone(rec.Query)
	}
	return out
}

// Count is how many logged requests m selects. Match.Func sees the
// whole Record here, so it can test Status, bytes or the fault.
func (p *Proxy) Count(m Match) int {
	n := 0
	for _, rec := range p.Requests() {
		if m.matches(rec) {
			n++
		}
	}
	return n
}

// ResetLog empties the request log. Requests in flight are not logged.
func (p *Proxy) ResetLog() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.log = nil
}

// WaitIdle waits until no request is in flight, at most timeout, and
// reports whether the proxy went idle. Clients can see a fault (a reset,
// say) a moment before the proxy has finished logging it.
func (p *Proxy) WaitIdle(timeout time.Duration) bool {
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	for {
		p.mu.Lock()
		idle, ch := p.inflight == 0, p.idle
		p.mu.Unlock()
		if idle {
			return true
		}
		select {
		case <-ch:
		case <-timer.C:
			return false
		}
	}
}

// begin logs a new request, decides its fault and counts it in flight.
// It reports false when the proxy is closing.
func (p *Proxy) begin(rec *Record) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return false
	}
	p.seq++
	rec.Seq = p.seq
	rec.Fault, rec.Rule = p.decideLocked(*rec)
	p.log = append(p.log, rec)
	if p.inflight == 0 {
		p.idle = make(chan struct{})
	}
	p.inflight++
	return true
}

// end fills in the outcome of rec and counts it out of flight.
func (p *Proxy) end(rec *Record, x *exchange) {
	p.mu.Lock()
	defer p.mu.Unlock()
	rec.Status, rec.BytesIn, rec.BytesOut, rec.Err = x.status, x.in.Load(), x.out, x.err
	rec.Done, rec.Duration = true, time.Since(rec.Start)
	p.inflight--
	if p.inflight == 0 {
		close(p.idle)
	}
}

// decideLocked picks the fault for rec: the first rule that fires, else
// chaos. Every rule (and chaos) whose Match selects rec counts it.
func (p *Proxy) decideLocked(rec Record) (Fault, string) {
	var fired *Handle
	for _, h := range p.rules {
		if h.rule.Match.matches(rec) && h.consider(fired == nil) {
			fired = h
		}
	}
	var chaosFault Fault
	if p.chaos != nil && p.chaos.Match.matches(rec) {
		chaosFault = p.chaos.Pick(p.chaosN)
		p.chaosN++
	}
	switch {
	case fired != nil:
		return fired.rule.Fault, fired.rule.Name
	case chaosFault.injected():
		return chaosFault, "chaos"
	}
	return Fault{}, ""
}
