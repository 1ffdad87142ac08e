package faultproxy

import (
	"context"
	"io"
	"sync/atomic"
	"time"
)

// pacer holds a body to a rate: after n bytes it waits until n/bps
// seconds have passed since it started. Zero bps never waits.
type pacer struct {
	bps   int64
	start time.Time
	sent  int64
}

func newPacer(bps int64) *pacer { return &pacer{bps: bps, start: time.Now()} }

// limited reports whether the pacer slows anything down.
func (p *pacer) limited() bool { return p.bps > 0 }

// chunk caps a buffer size so a throttled body moves in about twenty
// steps a second instead of bursts.
func (p *pacer) chunk(size int) int {
	if p.bps == 0 {
		return size
	}
	return int(min(int64(size), max(1, p.bps/20)))
}

// wait accounts for n more bytes and sleeps until they are due; false
// means ctx ended first.
func (p *pacer) wait(ctx context.Context, n int) bool {
	if p.bps == 0 || n == 0 {
		return true
	}
	p.sent += int64(n)
	due := p.start.Add(time.Duration(float64(p.sent) / float64(p.bps) * float64(time.Second)))
	return sleepCtx(ctx, time.Until(due))
}

// meteredReader counts (and paces) a request body as it is read.
type meteredReader struct {
	r    io.ReadCloser
	n    *atomic.Int64
	pace *pacer
	ctx  context.Context
}

func (m *meteredReader) Read(b []byte) (int, error) {
	b = b[:m.pace.chunk(len(b))]
	n, err := m.r.Read(b)
	m.n.Add(int64(n))
	if !m.pace.wait(m.ctx, n) && err == nil {
		err = m.ctx.Err()
	}
	return n, err
}

func (m *meteredReader) Close() error { return m.r.Close() }
