package cli

import (
	"fmt"
	"strings"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
)

// A copy between two connections (work:s3://… to lab:s3://…) is copied on
// the server side when both reach the same store as the same identity;
// otherwise it is streamed through the transfer engine (transfer.Copy):
// the engine is the destination's, the sources are read over presigned
// GETs with the source connection's client, nothing is written to disk,
// and the journal (the command's own, as for uploads) lets a run of the
// same command resume it.

// streamBatch is how many objects of a listing are queued per batch, so
// a large prefix starts copying before it is listed whole.
const streamBatch = 1000

// srcClient is the client the sources are read with: the source
// connection's for a streamed copy, else the command's one.
func (r *cpRun) srcClient() *s3ops.Client {
	if r.from != nil {
		return r.from
	}
	return r.c
}

// planStream queues one source of a streamed copy: one object, or every
// key below a folder, after the conflict policy had its say.
func (r *cpRun) planStream(e *transfer.Engine, id string, src endpoint) {
	s, dst, ok := r.copyTarget(id, src)
	if !ok {
		return
	}
	if !s.folder {
		found, err := r.c.Exists(r.ctx, dst)
		if err != nil {
			r.col.fail(id, r.sourceItem(src, "copy", "cannot check whether the destination exists: "+errorText(err)))
			return
		}
		r.queueStream(e, id, []transfer.CopyPair{{Src: s.loc, Dst: dst, Size: s.size}}, map[string]bool{dst.Key: found}, dst.Key)
		return
	}
	root := dst
	existing, err := r.existingBelow(root)
	if err != nil {
		r.col.fail(id, r.sourceItem(src, "copy", "cannot check whether the destination exists: "+errorText(err)))
		return
	}
	n := 0
	err = r.from.List(r.ctx, s.loc, s3ops.ListOptions{Recursive: true}, func(p s3ops.Page) bool {
		var pairs []transfer.CopyPair
		for _, en := range p.Entries {
			dst := s3ops.Location{Bucket: root.Bucket, Key: root.Key + strings.TrimPrefix(en.Key, s.loc.Key)}
			pairs = append(pairs, transfer.CopyPair{Src: s3ops.Location{Bucket: s.loc.Bucket, Key: en.Key}, Dst: dst, Size: en.Size})
		}
		for len(pairs) > 0 && r.ctx.Err() == nil {
			k := min(len(pairs), streamBatch)
			n++
			r.queueStream(e, fmt.Sprintf("%s-%d", id, n), pairs[:k], existing, root.Key)
			pairs = pairs[k:]
		}
		return r.ctx.Err() == nil
	})
	if err != nil && r.ctx.Err() == nil {
		r.col.fail(id, r.sourceItem(src, "copy", "cannot list the folder: "+errorText(err)))
	}
}

// existingBelow lists the keys below a folder copy's destination once
// (none are needed when existing objects are overwritten anyway).
func (r *cpRun) existingBelow(root s3ops.Location) (map[string]bool, error) {
	existing := map[string]bool{}
	if r.a.opts.Conflict == transfer.Overwrite {
		return existing, nil
	}
	err := r.c.List(r.ctx, root, s3ops.ListOptions{Recursive: true}, func(p s3ops.Page) bool {
		for _, en := range p.Entries {
			existing[en.Key] = true
		}
		return true
	})
	return existing, err
}

// queueStream applies the conflict policy to pairs (existing holds the
// destination keys already there) and queues the rest as one batch.
func (r *cpRun) queueStream(e *transfer.Engine, id string, pairs []transfer.CopyPair, existing map[string]bool, into string) {
	var queue []transfer.CopyPair
	for i, p := range pairs {
		it := item{Op: "copy", Source: p.Src.String(), Dest: p.Dst.String(), Bucket: p.Dst.Bucket, Key: p.Dst.Key}
		if existing[p.Dst.Key] {
			switch r.a.opts.Conflict {
			case transfer.Overwrite:
			case transfer.KeepBoth:
				free, err := transfer.FreeS3Name(r.ctx, r.c, p.Dst)
				if err != nil {
					it.Reason = errorText(err)
					r.col.fail(fmt.Sprintf("%s-c%d", id, i), it)
					continue
				}
				p.Dst = free
			default:
				it.Status, it.Reason = statusSkipped, reasonExists
				r.col.plan(1, 0)
				r.col.finish(fmt.Sprintf("%s-c%d", id, i), it)
				continue
			}
		}
		queue = append(queue, p)
	}
	if len(queue) == 0 {
		return
	}
	b, err := e.Copy(r.ctx, r.a.srcs[0].conn, queue, into)
	if err != nil {
		r.col.fail(id, item{Op: "copy", Source: queue[0].Src.String(), Dest: r.a.dst.arg, Reason: errorText(err)})
		return
	}
	r.col.plan(len(b.Jobs), b.Bytes)
	for i, s := range b.Skipped {
		r.col.fail(fmt.Sprintf("%s-left%d", b.ID, i), item{Op: "copy", Source: s.Path, Reason: s.Reason})
	}
}
