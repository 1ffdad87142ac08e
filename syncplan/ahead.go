package syncplan

import (
	"context"
	"iter"
)

// ahead runs seq in a goroutine of its own, a few batches ahead of its
// reader. Pulled in turn, a folder walk and a prefix listing would take
// turns (the walk idle while a listing page is on its way); read ahead
// they overlap, and the comparing overlaps both. Returning early cancels
// seq and waits for its goroutine, so none outlives the reader.
func ahead(ctx context.Context, seq func(context.Context) iter.Seq2[Entry, error]) iter.Seq2[Entry, error] {
	const batchSize, batches = 256, 4
	type item struct {
		e   Entry
		err error
	}
	return func(yield func(Entry, error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		ch := make(chan []item, batches)
		defer func() {
			cancel()
			for range ch {
			}
		}()
		go func() {
			defer close(ch)
			batch := make([]item, 0, batchSize)
			send := func() bool {
				select {
				case ch <- batch:
					batch = make([]item, 0, batchSize)
					return true
				case <-ctx.Done():
					return false
				}
			}
			for e, err := range seq(ctx) {
				if batch = append(batch, item{e, err}); len(batch) == batchSize && !send() {
					return
				}
			}
			if len(batch) > 0 {
				send()
			}
		}()
		for b := range ch {
			for _, it := range b {
				if !yield(it.e, it.err) {
					return
				}
			}
		}
	}
}
