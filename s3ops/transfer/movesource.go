package transfer

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ferry-s3/ferry/s3ops"
)

// A move between two connections is a streamed copy whose job then
// deletes its source (CopyPair.Move, journaled as copyFrom.Move). The
// source is deleted by the job that copied it, after the copy returned
// complete and verified (every part's checksum, the full-object one
// when the source keeps it), never before: a copy that fails, is
// cancelled or skipped keeps its source. Once the copy is complete the
// job journals Copied before it deletes, so a run after a crash checks
// the destination and goes straight to the delete, and a source already
// gone then (deleted just before the crash) is a finished move.

// FinishingRemove is what JobStatus.Finishing says while a move deletes
// its source.
const FinishingRemove = "deleting the source"

// removeTimeout bounds deleting a source whose copy is done: a
// cancellation arriving then should not leave the object twice, so the
// delete still runs.
const removeTimeout = 30 * time.Second

// errSourceReplaced is a source written again after its copy started:
// the new version was not copied, so it is kept.
var errSourceReplaced = errors.New("the source changed after it was copied, so it was kept (copy it again to move the new version)")

// SourceKeptError is a move whose copy is done but whose source could not
// be deleted: the object then exists on both connections.
type SourceKeptError struct {
	Dst s3ops.Location
	Err error
}

func (e *SourceKeptError) Error() string {
	return fmt.Sprintf("copied to %s, but the source was kept: %v", e.Dst, e.Err)
}

func (e *SourceKeptError) Unwrap() error { return e.Err }

// MoveTo queues a move of src (an object, or every key below a prefix
// ending in "/") from the connection called from to dst on this
// engine's store: dst is the full new name (a prefix for a prefix). Keys
// below a prefix keep their path under dst, empty folder markers
// included, so an empty folder moves too. Conflicts are dealt with as in
// CopyInto, and the pairs returned under Ask keep Move for CopyPairs.
func (e *Engine) MoveTo(ctx context.Context, from string, src, dst s3ops.Location, policy Policy) ([]Batch, []CopyPair, error) {
	sc, err := e.sourceClient(from)
	if err != nil {
		return nil, nil, err
	}
	if err := e.checkNotItself(sc, src, dst); err != nil {
		return nil, nil, err
	}
	if policy == PolicyDefault {
		policy = e.o.Conflict
	}
	into := dst.Parent().Key
	if !src.IsPrefix() {
		info, err := sc.Head(ctx, src)
		if err != nil {
			return nil, nil, fmt.Errorf("cannot move %s: %w", src, err)
		}
		b, asks, err := e.copyPlaced(ctx, from, []CopyPair{{Src: src, Dst: dst, Size: info.Size, Move: true}}, into, policy, nil)
		return []Batch{b}, asks, err
	}
	return e.queueTree(ctx, sc, treeCopy{from: from, src: src, root: dst, into: into, policy: policy, move: true})
}

// checkNotItself refuses a move whose source and destination are one
// object: two connections may reach the same store, and deleting the
// source would then delete the copy.
func (e *Engine) checkNotItself(sc *s3ops.Client, src, dst s3ops.Location) error {
	if sc.EndpointID() != e.c.EndpointID() || src.Bucket != dst.Bucket {
		return nil
	}
	if src == dst || (src.IsPrefix() && strings.HasPrefix(dst.Key, src.Key)) {
		return fmt.Errorf("cannot move %s onto itself: both connections reach the same store", src)
	}
	return nil
}

// copiedForMove reports whether a move's copy was completed by an
// earlier run (journaled Copied) and its destination is still there
// with the source's size: only the delete is left then.
func (e *Engine) copiedForMove(ctx context.Context, j *job) bool {
	from := e.copySource(j)
	if !from.Move || !from.Copied {
		return false
	}
	info, err := e.c.Head(ctx, j.loc())
	if err == nil && info.Size == j.rec.Size {
		j.setDone(j.rec.Size)
		return true
	}
	e.setCopied(j, false) // the copy is not there: copy again
	return false
}

// setCopied journals whether the move's copy is complete.
func (e *Engine) setCopied(j *job, copied bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	from := *j.rec.From // a new record: journal snapshots may read the old one
	from.Copied = copied
	j.rec.From = &from
	e.persistLocked()
}

// removeSource deletes the source of a move whose copy is complete,
// unless it was written again since the copy pinned it.
func (e *Engine) removeSource(ctx context.Context, j *job, src *s3ops.Client) error {
	e.setCopied(j, true)
	e.setFinishing(j, FinishingRemove)
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), removeTimeout)
	defer cancel()
	from := e.copySource(j)
	err := e.withRetry(ctx, j, "delete the source", func(ctx context.Context) error {
		info, err := src.Head(ctx, from.loc())
		switch {
		case s3ops.KindOf(err) == s3ops.KindNoSuchKey:
			return nil // deleted by an earlier run cut off before it said so
		case err != nil:
			return e.sourceErr(src, err)
		case info.ETag != from.ETag:
			return errSourceReplaced
		}
		// Conditional too, where the store supports it: a write landing
		// between the HEAD and the delete is kept as well.
		_, err = src.Delete(ctx, from.loc(), s3ops.DeleteOptions{IfMatch: from.ETag})
		if errors.Is(err, s3ops.ErrChanged) {
			return errSourceReplaced
		}
		return e.sourceErr(src, err)
	})
	if err != nil {
		return &SourceKeptError{Dst: j.loc(), Err: err}
	}
	return nil
}
