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
// copies beside them as "name (1).ext", Skip and Ask leave them out
// (Skipped says so; a copy between two stores is not asked about one
// object at a time). A folder's destination is listed once, not asked
// about object by object.
func (e *Engine) CopyInto(ctx context.Context, from string, src, dst s3ops.Location, policy Policy) ([]Batch, error) {
	sc, err := e.sourceClient(from)
	if err != nil {
		return nil, err
	}
	if policy == PolicyDefault {
		policy = e.o.Conflict
	}
	if !src.IsPrefix() {
		info, err := sc.Head(ctx, src)
		if err != nil {
			return nil, fmt.Errorf("cannot copy %s: %w", src, err)
		}
		to := s3ops.Location{Bucket: dst.Bucket, Key: dst.Key + path.Base(src.Key)}
		b, err := e.copyPlaced(ctx, from, []CopyPair{{Src: src, Dst: to, Size: info.Size}}, dst.Key, policy, nil)
		return []Batch{b}, err
	}
	root := dst.Key + path.Base(strings.TrimSuffix(src.Key, "/")) + "/"
	if src.Key == "" {
		root = dst.Key + src.Bucket + "/"
	}
	existing, err := e.keysBelow(ctx, s3ops.Location{Bucket: dst.Bucket, Key: root}, policy)
	if err != nil {
		return nil, fmt.Errorf("cannot check what %s already holds: %w", s3ops.Location{Bucket: dst.Bucket, Key: root}, err)
	}
	var out []Batch
	var failed error
	err = sc.List(ctx, src, s3ops.ListOptions{Recursive: true}, func(p s3ops.Page) bool {
		pairs := make([]CopyPair, 0, len(p.Entries))
		for _, en := range p.Entries {
			if strings.HasSuffix(en.Key, "/") && en.Size == 0 {
				continue // a folder marker
			}
			to := s3ops.Location{Bucket: dst.Bucket, Key: root + strings.TrimPrefix(en.Key, src.Key)}
			pairs = append(pairs, CopyPair{Src: s3ops.Location{Bucket: src.Bucket, Key: en.Key}, Dst: to, Size: en.Size})
		}
		for len(pairs) > 0 && failed == nil {
			k := min(len(pairs), copyBatch)
			var b Batch
			if b, failed = e.copyPlaced(ctx, from, pairs[:k], dst.Key, policy, existing); failed == nil {
				out = append(out, b)
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
		return nil, fmt.Errorf("cannot copy %s: %w", src, err)
	}
	return out, nil
}

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

// copyPlaced applies policy to pairs and queues the rest as one batch;
// existing holds the destination keys already there (nil: ask with a
// HEAD, for a single object).
func (e *Engine) copyPlaced(ctx context.Context, from string, pairs []CopyPair, into string, policy Policy, existing map[string]bool) (Batch, error) {
	var queue []CopyPair
	var left []SkippedEntry
	for _, p := range pairs {
		if policy != Overwrite {
			found := existing[p.Dst.Key]
			if existing == nil {
				var err error
				if found, err = e.c.Exists(ctx, p.Dst); err != nil {
					return Batch{}, fmt.Errorf("cannot check whether %s exists: %w", p.Dst, err)
				}
			}
			switch {
			case found && policy == KeepBoth:
				free, err := FreeS3Name(ctx, e.c, p.Dst)
				if err != nil {
					return Batch{}, err
				}
				p.Dst = free
			case found:
				left = append(left, SkippedEntry{Path: p.Src.String(), Reason: ReasonExists})
				continue
			}
		}
		queue = append(queue, p)
	}
	b := Batch{Skipped: left}
	if len(queue) == 0 {
		return b, nil
	}
	q, err := e.Copy(ctx, from, queue, into)
	q.Skipped = append(left, q.Skipped...)
	return q, err
}
