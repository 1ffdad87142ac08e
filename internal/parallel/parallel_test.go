package parallel

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
)

func TestEachRunsEveryItemWithinTheLimit(t *testing.T) {
	var running, most, ran atomic.Int32
	gate := make(chan struct{})
	items := make([]int, 20)
	done := make(chan error)
	go func() {
		done <- Each(context.Background(), 3, items, func(context.Context, int) error {
			n := running.Add(1)
			for {
				m := most.Load()
				if n <= m || most.CompareAndSwap(m, n) {
					break
				}
			}
			<-gate
			running.Add(-1)
			ran.Add(1)
			return nil
		})
	}()
	close(gate)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if ran.Load() != 20 || most.Load() > 3 {
		t.Fatalf("ran %d items, at most %d at once; want 20 and at most 3", ran.Load(), most.Load())
	}
}

func TestARealErrorWinsOverTheCancelItCauses(t *testing.T) {
	boom := errors.New("boom")
	err := Each(context.Background(), 2, []int{0, 1}, func(ctx context.Context, i int) error {
		if i == 1 {
			// fails with the cancel boom causes
			<-ctx.Done()
			return fmt.Errorf("part %d: %w", i, ctx.Err())
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
}

func TestARealErrorWinsOverAnEarlierCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	g, gctx := New(ctx, 0)
	first := make(chan struct{})
	g.Go(func() error {
		cancel()
		<-gctx.Done()
		close(first)
		return gctx.Err()
	})
	boom := errors.New("boom")
	g.Go(func() error {
		<-first
		return boom
	})
	if err := g.Wait(); !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom (a cancel came first)", err)
	}
}

func TestAFeedersFailureStopsTheWorkers(t *testing.T) {
	g, gctx := New(context.Background(), 1)
	broke := errors.New("the listing broke off")
	g.Go(func() error {
		<-gctx.Done()
		return gctx.Err()
	})
	g.Fail(broke)
	if err := g.Wait(); !errors.Is(err, broke) {
		t.Fatalf("err = %v, want the feeder's", err)
	}
	if !errors.Is(context.Cause(gctx), broke) {
		t.Fatalf("cause %v, want the feeder's error", context.Cause(gctx))
	}
}

func TestEachReportsACancelledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ran := false
	err := Each(ctx, 2, []int{1, 2, 3}, func(context.Context, int) error { ran = true; return nil })
	if !errors.Is(err, context.Canceled) || ran {
		t.Fatalf("err = %v, ran %v; want cancelled and nothing run", err, ran)
	}
}
