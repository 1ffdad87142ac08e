package s3ops

import (
	"context"
	"strings"

	"github.com/ferry-s3/ferry/internal/parallel"
)

// treeWork copies every key below a prefix to another prefix: the lister
// hands keys to a few copy workers as pages arrive. For a move, copied
// keys go to a sourceRemover that deletes the originals in batches.
type treeWork struct {
	c        *Client
	src, dst Location
	opt      CopyOptions
	t        *tracker
	sources  *sourceRemover // nil for a copy
}

func (w *treeWork) run(ctx context.Context) error {
	g, gctx := parallel.New(ctx, w.opt.concurrency())
	err := w.c.walkPrefix(gctx, w.src.Bucket, w.src.Key, func(page []listedObject) error {
		w.t.found(len(page))
		for _, o := range page {
			if err := gctx.Err(); err != nil {
				return classify(err)
			}
			g.Go(func() error { return w.copyOne(gctx, o) })
		}
		return nil
	})
	if err != nil {
		g.Fail(err)
	} else {
		w.t.listed()
	}
	err = g.Wait()
	if w.sources != nil {
		w.sources.flush(ctx)
	}
	return err
}

// copyOne copies one key; an error that stops everything is returned,
// one that concerns this key only is counted as its failure.
func (w *treeWork) copyOne(ctx context.Context, o listedObject) error {
	if ctx.Err() != nil {
		return nil // stopping: started late, copies nothing
	}
	spec := copySpec{src: Location{Bucket: w.src.Bucket, Key: o.Key},
		dst: Location{Bucket: w.dst.Bucket, Key: w.dst.Key + strings.TrimPrefix(o.Key, w.src.Key)}}
	err := w.c.copyObject(ctx, spec, w.opt, w.t)
	switch {
	case err != nil && stopsEverything(err):
		return err
	case err != nil:
		w.t.fail(KeyError{Key: o.Key, Err: err})
	case w.sources != nil:
		w.sources.add(ctx, o.Key, spec.dst)
	default:
		w.t.done(1)
	}
	return nil
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
