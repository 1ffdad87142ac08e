package cli

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
)

// copyTask is one object to copy on the server side.
type copyTask struct {
	id       string
	src, dst s3ops.Location
	size     int64
}

// copyAll copies S3 to S3 with s3ops.Copy, one object at a time per
// worker, so the conflict policy applies per object and every object is
// reported. There is no journal: the copies are server-side, and a run
// again skips what is already there.
func (r *cpRun) copyAll() {
	tasks := make(chan copyTask)
	var wg sync.WaitGroup
	workers := r.a.opts.FilesInFlight
	if workers <= 0 {
		workers = transfer.DefaultFilesInFlight
	}
	for range workers {
		wg.Go(func() {
			for t := range tasks {
				r.copyOne(t)
			}
		})
	}
	n := 0
	send := func(t copyTask) bool {
		n++
		t.id = fmt.Sprintf("copy%d", n)
		r.col.plan(1, t.size)
		select {
		case tasks <- t:
			return true
		case <-r.ctx.Done():
			return false
		}
	}
	for i, src := range r.a.srcs {
		if r.ctx.Err() != nil {
			break
		}
		r.planCopy(fmt.Sprintf("src%d", i), src, send)
	}
	r.col.planned()
	close(tasks)
	wg.Wait()
}

// planCopy turns one source into copy tasks: one object, or every key
// below a folder (listed page by page while the first copies run).
func (r *cpRun) planCopy(id string, src endpoint, send func(copyTask) bool) {
	s, dst, ok := r.copyTarget(id, src)
	if !ok {
		return
	}
	if !s.folder {
		send(copyTask{src: s.loc, dst: dst, size: s.size})
		return
	}
	root := dst
	if root.Bucket == s.loc.Bucket && strings.HasPrefix(root.Key, s.loc.Key) {
		r.col.fail(id, r.sourceItem(src, "copy", fmt.Sprintf("cannot copy a folder into itself (%s)", root)))
		return
	}
	err := r.c.List(r.ctx, s.loc, s3ops.ListOptions{Recursive: true}, func(p s3ops.Page) bool {
		for _, e := range p.Entries {
			dst := s3ops.Location{Bucket: root.Bucket, Key: root.Key + strings.TrimPrefix(e.Key, s.loc.Key)}
			if !send(copyTask{src: s3ops.Location{Bucket: s.loc.Bucket, Key: e.Key}, dst: dst, size: e.Size}) {
				return false
			}
		}
		return true
	})
	if err != nil && r.ctx.Err() == nil {
		r.col.fail(id, r.sourceItem(src, "copy", "cannot list the folder: "+errorText(err)))
	}
}

// copyOne copies one object under the conflict policy.
func (r *cpRun) copyOne(t copyTask) {
	it := item{Op: "copy", Source: t.src.String(), Dest: t.dst.String(), Bucket: t.dst.Bucket, Key: t.dst.Key}
	if r.ctx.Err() != nil {
		it.Status, it.Reason = statusCancelled, "cancelled"
		r.col.finish(t.id, it)
		return
	}
	r.col.running(activity{ID: t.id, Name: t.src.Key, Total: t.size})
	start := time.Now()
	res, err := r.copyObject(t, &it)
	it.Seconds = time.Since(start).Seconds()
	switch {
	case err == nil:
		it.Status, it.Bytes = statusDone, res.Bytes
	case errors.Is(err, s3ops.ErrDestinationExists):
		it.Status, it.Reason = statusSkipped, reasonExists
	case r.ctx.Err() != nil:
		it.Status, it.Reason = statusCancelled, "cancelled"
	default:
		it.Status, it.Reason = statusFailed, errorText(err)
	}
	r.col.finish(t.id, it)
}

func (r *cpRun) copyObject(t copyTask, it *item) (s3ops.CopyResult, error) {
	opt := s3ops.CopyOptions{Overwrite: r.a.opts.Conflict == transfer.Overwrite, Concurrency: r.a.opts.PartsPerFile}
	if r.a.opts.Conflict == transfer.KeepBoth {
		dst, err := transfer.FreeS3Name(r.ctx, r.c, t.dst)
		if err != nil {
			return s3ops.CopyResult{}, err
		}
		t.dst = dst
		it.Dest, it.Key = dst.String(), dst.Key
	}
	return r.c.Copy(r.ctx, t.src, t.dst, opt)
}

// lastName is the last path element of a key.
func lastName(key string) string {
	key = strings.TrimSuffix(key, "/")
	return key[strings.LastIndexByte(key, '/')+1:]
}

// copyTarget resolves one source of an S3 to S3 copy and where it goes:
// an object's destination key, or the folder a prefix is copied into.
// When it cannot (no such source, a folder without -r) it records why
// and reports false.
func (r *cpRun) copyTarget(id string, src endpoint) (s3Source, s3ops.Location, bool) {
	s, err := r.resolveS3Source(src.loc)
	if err != nil {
		r.col.fail(id, r.sourceItem(src, "copy", errorText(err)))
		return s, s3ops.Location{}, false
	}
	if !s.folder {
		dst, err := r.s3Dest(lastName(s.loc.Key))
		if err != nil {
			r.col.fail(id, r.sourceItem(src, "copy", errorText(err)))
			return s, dst, false
		}
		return s, dst, true
	}
	if !r.a.recursive {
		r.col.fail(id, r.sourceItem(src, "copy", "is a folder: add -r to copy folders"))
		return s, s3ops.Location{}, false
	}
	root := s3ops.Into(s.loc, r.s3Folder())
	if s.loc.Key == "" {
		root.Key = r.s3Folder().Key + s.loc.Bucket + "/"
	}
	return s, root, true
}
