package transfer

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/ferry-s3/ferry/s3ops"
)

// copyBatch is how many objects of a listed folder go into one batch, so
// a large folder starts copying before it is listed whole.
const copyBatch = 1000

// CopyInto queues a streamed copy of src (an object, a folder ending in
// "/", or a whole bucket) from the connection called from into the folder
// dst of this engine's store, as a file manager copies: an object keeps
// its name, a folder arrives as a folder of its name (a bucket as one
// named after it). Objects already at their destination are dealt with
// by policy before anything is queued: Overwrite replaces them, KeepBoth
// copies beside them as "name (1).ext", Skip leaves them out (Skipped
// says so), Ask leaves them out and returns them, for the caller to ask
// about and queue with CopyPairs. A folder's destination is listed once,
// not asked about object by object.
func (e *Engine) CopyInto(ctx context.Context, from string, src, dst s3ops.Location, policy Policy) ([]Batch, []CopyPair, error) {
	sc, err := e.sourceClient(from)
	if err != nil {
		return nil, nil, err
	}
	if policy == PolicyDefault {
		policy = e.o.Conflict
	}
	if !src.IsPrefix() {
		info, err := sc.Head(ctx, src)
		if err != nil {
			return nil, nil, fmt.Errorf("cannot copy %s: %w", src, err)
		}
		to := s3ops.Location{Bucket: dst.Bucket, Key: dst.Key + path.Base(src.Key)}
		b, asks, err := e.copyPlaced(ctx, from, []CopyPair{{Src: src, Dst: to, Size: info.Size}}, dst.Key, policy, nil)
		return []Batch{b}, asks, err
	}
	root := dst.Key + path.Base(strings.TrimSuffix(src.Key, "/")) + "/"
	if src.Key == "" {
		root = dst.Key + src.Bucket + "/"
	}
	return e.queueTree(ctx, sc, treeCopy{from: from, src: src, into: dst.Key, policy: policy,
		root: s3ops.Location{Bucket: dst.Bucket, Key: root}})
}

// treeCopy is every key below the prefix src, copied (or moved) from the
// connection called from to the same path below the prefix root.
type treeCopy struct {
	from      string
	src, root s3ops.Location
	into      string // the prefix rows are named from
	policy    Policy
	// move deletes each source once copied, and takes the empty folder
	// markers along (a copy leaves them: the folders of the keys are
	// enough to show the tree).
	move bool
}

// queueTree lists t's source and queues it in batches as pages arrive;
// the destination is listed once first, to tell conflicts.
func (e *Engine) queueTree(ctx context.Context, sc *s3ops.Client, t treeCopy) ([]Batch, []CopyPair, error) {
	existing, err := e.keysBelow(ctx, t.root, t.policy)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot check what %s already holds: %w", t.root, err)
	}
	var out []Batch
	var conflicts []CopyPair
	var failed error
	err = sc.List(ctx, t.src, s3ops.ListOptions{Recursive: true}, func(p s3ops.Page) bool {
		pairs := t.pairs(p.Entries)
		for len(pairs) > 0 && failed == nil {
			k := min(len(pairs), copyBatch)
			var b Batch
			var asks []CopyPair
			if b, asks, failed = e.copyPlaced(ctx, t.from, pairs[:k], t.into, t.policy, existing); failed == nil {
				out, conflicts = append(out, b), append(conflicts, asks...)
			}
			pairs = pairs[k:]
		}
		return failed == nil && ctx.Err() == nil
	})
	if err == nil {
		err = failed
	}
	if err != nil {
		for _, b := range out {
			_ = e.CancelBatch(b.ID) // nothing of a copy that could not be listed whole
		}
		return nil, nil, fmt.Errorf("cannot %s %s: %w", t.verb(), t.src, err)
	}
	return out, conflicts, nil
}

func (t treeCopy) verb() string {
	if t.move {
		return "move"
	}
	return "copy"
}

// pairs are the copies of one listed page.
func (t treeCopy) pairs(entries []s3ops.Entry) []CopyPair {
	pairs := make([]CopyPair, 0, len(entries))
	for _, en := range entries {
		if isMarker(en.Key, en.Size) && !t.move {
			continue
		}
		to := s3ops.Location{Bucket: t.root.Bucket, Key: t.root.Key + strings.TrimPrefix(en.Key, t.src.Key)}
		pairs = append(pairs, CopyPair{Src: s3ops.Location{Bucket: t.src.Bucket, Key: en.Key}, Dst: to, Size: en.Size, Move: t.move})
	}
	return pairs
}

// isMarker reports an empty "folder/" object.
func isMarker(key string, size int64) bool { return strings.HasSuffix(key, "/") && size == 0 }

// keysBelow lists the keys below folder, when the policy needs to know
// (nil: Overwrite does not).
func (e *Engine) keysBelow(ctx context.Context, folder s3ops.Location, policy Policy) (map[string]bool, error) {
	if policy == Overwrite {
		return nil, nil
	}
	keys := map[string]bool{}
	err := e.c.List(ctx, folder, s3ops.ListOptions{Recursive: true}, func(p s3ops.Page) bool {
		for _, en := range p.Entries {
			keys[en.Key] = true
		}
		return true
	})
	return keys, err
}

// CopyPairs queues pairs from the connection called from as one batch,
// under policy (Overwrite or KeepBoth: the answer to CopyInto's
// conflicts); into names the rows.
func (e *Engine) CopyPairs(ctx context.Context, from string, pairs []CopyPair, into string, policy Policy) (Batch, error) {
	b, _, err := e.copyPlaced(ctx, from, pairs, into, policy, nil)
	return b, err
}

// copyPlaced applies policy to pairs and queues the rest as one batch;
// existing holds the destination keys already there (nil: ask with a
// HEAD each). Under Ask the pairs in the way come back unqueued.
func (e *Engine) copyPlaced(ctx context.Context, from string, pairs []CopyPair, into string, policy Policy, existing map[string]bool) (Batch, []CopyPair, error) {
	var queue, asks []CopyPair
	var left []SkippedEntry
	for _, p := range pairs {
		// A moved folder marker over one already there loses nothing:
		// no question about it.
		if policy != Overwrite && !(p.Move && isMarker(p.Dst.Key, p.Size)) {
			found := existing[p.Dst.Key]
			if existing == nil {
				var err error
				if found, err = e.c.Exists(ctx, p.Dst); err != nil {
					return Batch{}, nil, fmt.Errorf("cannot check whether %s exists: %w", p.Dst, err)
				}
			}
			switch {
			case found && policy == KeepBoth:
				free, err := FreeS3Name(ctx, e.c, p.Dst)
				if err != nil {
					return Batch{}, nil, err
				}
				p.Dst = free
			case found && policy == Ask:
				asks = append(asks, p)
				continue
			case found:
				left = append(left, SkippedEntry{Path: p.Src.String(), Reason: ReasonExists})
				continue
			}
		}
		queue = append(queue, p)
	}
	if len(queue) == 0 {
		return Batch{Skipped: left}, asks, nil
	}
	b, err := e.Copy(ctx, from, queue, into)
	b.Skipped = append(left, b.Skipped...)
	return b, asks, err
}
