package s3ops

import (
	"context"
	"strings"
	"sync"
)

// treeWork copies every key below a prefix to another prefix: a lister
// feeds keys to a few copy workers as pages arrive. For a move, copied
// keys go to a sourceRemover that deletes the originals in batches.
type treeWork struct {
	c        *Client
	src, dst Location
	opt      CopyOptions
	t        *tracker
	cancel   context.CancelFunc
	sources  *sourceRemover // nil for a copy
	stop     stopError
}

func (w *treeWork) run(ctx context.Context) error {
	jobs := make(chan listedObject, 2*w.opt.concurrency())
	go w.list(ctx, jobs)
	var wg sync.WaitGroup
	for range w.opt.concurrency() {
		wg.Go(func() {
			for o := range jobs {
				w.copyOne(ctx, o)
			}
		})
	}
	wg.Wait()
	if w.sources != nil {
		w.sources.flush(ctx)
	}
	return w.stop.get()
}

func (w *treeWork) list(ctx context.Context, jobs chan<- listedObject) {
	defer close(jobs)
	err := w.c.walkPrefix(ctx, w.src.Bucket, w.src.Key, func(page []listedObject) error {
		w.t.found(len(page))
		for _, o := range page {
			select {
			case jobs <- o:
			case <-ctx.Done():
				return classify(ctx.Err())
			}
		}
		return nil
	})
	if err != nil {
		w.stop.set(err)
		w.cancel()
		return
	}
	w.t.listed()
}

func (w *treeWork) copyOne(ctx context.Context, o listedObject) {
	if ctx.Err() != nil {
		return // stopping: drain the queue without copying
	}
	spec := copySpec{src: Location{Bucket: w.src.Bucket, Key: o.Key},
		dst: Location{Bucket: w.dst.Bucket, Key: w.dst.Key + strings.TrimPrefix(o.Key, w.src.Key)}}
	err := w.c.copyObject(ctx, spec, w.opt, w.t)
	switch {
	case err != nil && stopsEverything(err):
		w.stop.set(err)
		w.cancel()
	case err != nil:
		w.t.fail(KeyError{Key: o.Key, Err: err})
	case w.sources != nil:
		w.sources.add(ctx, o.Key, spec.dst)
	default:
		w.t.done(1)
	}
}

// stopsEverything tells failures that would repeat for every other key
// (no network, bad credentials, a missing bucket, cancellation) from
// those that concern one key (denied, missing, archived, changed).
func stopsEverything(err error) bool {
	switch KindOf(err) {
	case KindCanceled, KindNetwork, KindNoSuchBucket, KindCredentials, KindExpired, KindSignature:
		return true
	}
	return false
}
