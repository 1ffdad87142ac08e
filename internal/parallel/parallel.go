// Package parallel runs work on a bounded number of goroutines, stopping
// at the first failure: golang.org/x/sync/errgroup with SetLimit, plus
// the one rule ferry's concurrent operations share, that a real error
// wins over a cancellation. When one worker fails, the others see their
// context cancelled and fail with context.Canceled; that echo, or a
// cancel that arrived before the failure, must not be what the caller
// reports.
package parallel

import (
	"context"
	"errors"
	"sync"

	"golang.org/x/sync/errgroup"
)

// Group is an errgroup.Group with a limit whose Wait reports the first
// error that is not a cancellation, or the first cancellation when
// nothing else failed. The first error of any kind cancels the group's
// context.
type Group struct {
	g      *errgroup.Group
	cancel context.CancelCauseFunc
	mu     sync.Mutex
	// err is the error Wait reports.
	err error
}

// New starts a group of at most limit goroutines at a time (no limit
// when limit is 0 or less) and the context its work should use.
func New(ctx context.Context, limit int) (*Group, context.Context) {
	ctx, cancel := context.WithCancelCause(ctx)
	g, ctx := errgroup.WithContext(ctx)
	if limit > 0 {
		g.SetLimit(limit)
	}
	return &Group{g: g, cancel: cancel}, ctx
}

// Go runs fn on a goroutine, waiting for a free one when the group is at
// its limit.
func (g *Group) Go(fn func() error) {
	g.g.Go(func() error {
		err := fn()
		if err != nil {
			g.keep(err)
		}
		return err
	})
}

// Fail records err as if a worker had returned it and cancels the
// group's context: the feeder's own failure (a listing that broke off).
func (g *Group) Fail(err error) {
	g.keep(err)
	g.cancel(err)
}

func (g *Group) keep(err error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.err == nil || IsCancel(g.err) && !IsCancel(err) {
		g.err = err
	}
}

// Wait waits for every goroutine and returns the error that stopped
// them, a real one before a cancellation.
func (g *Group) Wait() error {
	_ = g.g.Wait()
	g.cancel(nil)
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.err
}

// IsCancel reports whether err is a cancellation rather than a failure.
func IsCancel(err error) bool { return errors.Is(err, context.Canceled) }

// Each runs fn on every item, at most limit at a time, and stops at the
// first failure: items not yet started are not started, and those
// running see ctx cancelled. It returns the first real error, else a
// cancellation, else ctx's error when ctx ended before every item ran.
func Each[T any](ctx context.Context, limit int, items []T, fn func(context.Context, T) error) error {
	g, gctx := New(ctx, limit)
	for _, it := range items {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error { return fn(gctx, it) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return ctx.Err()
}
