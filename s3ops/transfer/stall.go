package transfer

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/ferry-s3/ferry/s3ops"
)

// Options.StallTimeout is how long one presigned request may go without
// moving a byte (request body read by the transport, response headers,
// response body) before it is abandoned and retried. Nothing else limits
// a body: a connection that goes quiet with its socket open (a NAT or
// Wi-Fi hand-over that lost the flow, a server that hangs) would
// otherwise hold the transfer at 0 B/s forever.

var errStalled = errors.New("no data moved")

// stallGuard cancels one attempt's context when it stalls.
type stallGuard struct {
	timeout time.Duration
	ctx     context.Context
	cancel  context.CancelCauseFunc
	timer   *time.Timer
	stopped atomic.Bool
}

// watchStall starts a guard for one attempt; pass its ctx to the
// request, call kick whenever bytes move and stop when the attempt ends.
func (e *Engine) watchStall(ctx context.Context) *stallGuard {
	g := &stallGuard{timeout: e.o.StallTimeout}
	g.ctx, g.cancel = context.WithCancelCause(ctx)
	g.timer = time.AfterFunc(g.timeout, func() { g.cancel(errStalled) })
	return g
}

// kick restarts the stall clock.
func (g *stallGuard) kick() {
	if !g.stopped.Load() {
		g.timer.Reset(g.timeout)
	}
}

func (g *stallGuard) stop() {
	g.stopped.Store(true)
	g.timer.Stop()
	g.cancel(nil)
}

// explain turns the error of an attempt the guard cut off into a
// retryable network error that says what happened; other errors pass.
func (g *stallGuard) explain(err error) error {
	if err != nil && errors.Is(context.Cause(g.ctx), errStalled) {
		return &s3ops.Error{Kind: s3ops.KindNetwork, Err: err,
			Msg: fmt.Sprintf("the connection stalled (no data for %s)", g.timeout)}
	}
	return err
}
