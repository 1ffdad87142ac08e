package s3ops

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// S3 has no rename: a move is a server-side copy followed by a delete of
// the original, and an original is only deleted once its copy exists.

// MoveResult is what a Move did.
type MoveResult struct {
	Moved  int   // keys copied and whose original was deleted
	Bytes  int64 // bytes copied (by the server)
	Failed []KeyError
}

// Err summarises Failed as one *Error (nil when every key was moved).
func (r MoveResult) Err() error { return failuresError("move", r.Moved, r.Failed) }

// Move renames or moves one object, or every key below a prefix, to dst
// (the full new name; see Into), within a bucket or across buckets and
// regions. Content type, metadata, tags, storage class and encryption
// are kept, as in Copy.
//
// A prefix cannot move into itself (ErrIntoItself); an existing
// destination fails with ErrDestinationExists unless opt.Overwrite. For
// a prefix, a key whose copy fails keeps its original and is reported
// in Failed; a key copied but whose original could not be deleted is
// reported too (it then exists twice). On a versioned bucket the
// original gets a delete marker and its versions stay.
func (c *Client) Move(ctx context.Context, src, dst Location, opt CopyOptions) (MoveResult, error) {
	if err := checkPair("move", src, dst); err != nil {
		return MoveResult{}, err
	}
	t := newTracker(opt.Progress)
	if src.IsPrefix() {
		err := c.copyTree(ctx, src, dst, opt, t, true)
		done, failed := t.result()
		return MoveResult{Moved: done, Bytes: t.bytes(), Failed: failed}, err
	}
	if err := c.checkFree(ctx, dst, opt); err != nil {
		return MoveResult{}, err
	}
	t.found(1)
	t.listed()
	if err := c.copyObject(ctx, copySpec{src: src, dst: dst}, opt, t); err != nil {
		return MoveResult{}, err
	}
	cl, _ := c.clientFor(ctx, src.Bucket)
	delCtx, cancel := afterCopy(ctx)
	defer cancel()
	_, err := cl.DeleteObject(delCtx, &s3.DeleteObjectInput{Bucket: aws.String(src.Bucket), Key: aws.String(src.Key)})
	if err != nil {
		return MoveResult{}, notRemoved(dst, err)
	}
	t.done(1)
	return MoveResult{Moved: 1, Bytes: t.bytes()}, nil
}

// notRemoved explains a move whose copy succeeded but whose original
// could not be deleted.
func notRemoved(dst Location, err error) *Error {
	e := classify(err).(*Error)
	return &Error{Kind: e.Kind, Code: e.Code, Err: e,
		Msg: fmt.Sprintf("copied to %s, but the original could not be deleted: %s", dst, e.Msg)}
}

// afterCopyTimeout bounds deleting originals after a cancellation.
const afterCopyTimeout = 30 * time.Second

// afterCopy is the context for deleting an original whose copy is done:
// a cancellation arriving now should not leave the object twice, so the
// delete still runs (bounded in time).
func afterCopy(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), afterCopyTimeout)
}

// sourceRemover deletes the originals of a prefix move in batches, each
// only after its copy succeeded.
type sourceRemover struct {
	c       *Client
	bucket  string
	t       *tracker
	mu      sync.Mutex
	pending []string
	dstOf   map[string]Location // for the failure messages
}

func newSourceRemover(c *Client, bucket string, t *tracker) *sourceRemover {
	return &sourceRemover{c: c, bucket: bucket, t: t, dstOf: map[string]Location{}}
}

// add queues the original of a finished copy, deleting a full batch.
func (r *sourceRemover) add(ctx context.Context, key string, dst Location) {
	r.mu.Lock()
	r.pending = append(r.pending, key)
	r.dstOf[key] = dst
	var batch []string
	if len(r.pending) >= deleteBatchSize {
		batch, r.pending = r.pending, nil
	}
	r.mu.Unlock()
	if batch != nil {
		r.remove(ctx, batch)
	}
}

// flush deletes the originals still queued.
func (r *sourceRemover) flush(ctx context.Context) {
	r.mu.Lock()
	batch := r.pending
	r.pending = nil
	r.mu.Unlock()
	if len(batch) > 0 {
		r.remove(ctx, batch)
	}
}

func (r *sourceRemover) remove(ctx context.Context, keys []string) {
	delCtx, cancel := afterCopy(ctx)
	defer cancel()
	failed, err := r.c.deleteBatch(delCtx, r.bucket, keys)
	if err != nil {
		failed = make([]KeyError, len(keys))
		for i, k := range keys {
			failed[i] = KeyError{Key: k, Err: err}
		}
	}
	r.mu.Lock()
	for i := range failed {
		failed[i].Err = notRemoved(r.dstOf[failed[i].Key], failed[i].Err)
	}
	for _, k := range keys {
		delete(r.dstOf, k)
	}
	r.mu.Unlock()
	r.t.failAll(failed)
	r.t.done(len(keys) - len(failed))
}
