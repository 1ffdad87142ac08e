package syncplan

import (
	"context"
	"iter"
	"slices"
	"strings"
	"sync"

	"github.com/ferry-s3/ferry/s3ops"
)

// listers is how many folders of a prefix are listed at once. A
// recursive listing is a chain of requests, each waiting for the one
// before (its continuation token); the folders of the top level are
// independent chains, so they are listed side by side and read in
// order. A few pages of each wait ahead of the reader, no more, so
// memory stays bounded whatever the prefix holds.
const listers = 8

// slot is one place of the top level in key order: a file, or a folder
// whose keys arrive on keys.
type slot struct {
	file *s3ops.Entry
	keys <-chan listed
}

// listed is a page of a folder's keys, or the error that ended it.
type listed struct {
	entries []s3ops.Entry
	err     error
}

// objects streams every object below r.Loc in key order: the top level
// with a delimiter, its folders (those the filter walks into) listed
// several at a time.
func (r *Remote) objects(ctx context.Context) iter.Seq2[s3ops.Entry, error] {
	return func(yield func(s3ops.Entry, error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		slots := make(chan slot, listers)
		var producer sync.WaitGroup
		producer.Go(func() { r.topLevel(ctx, slots) })
		defer func() {
			cancel()
			for s := range slots {
				drain(s.keys)
			}
			producer.Wait()
		}()
		for s := range slots {
			if s.file != nil {
				if !yield(*s.file, nil) {
					return
				}
				continue
			}
			for page := range s.keys {
				if page.err != nil {
					yield(s3ops.Entry{}, page.err)
					return
				}
				for _, e := range page.entries {
					if !yield(e, nil) {
						return
					}
				}
			}
		}
	}
}

// topLevel lists r.Loc one level deep and sends its files and folders,
// in key order, starting a lister for each folder (at most listers at a
// time: a lister's slot is taken back when its folder is listed).
func (r *Remote) topLevel(ctx context.Context, slots chan<- slot) {
	defer close(slots)
	running := make(chan struct{}, listers)
	var wg sync.WaitGroup
	defer wg.Wait()
	send := func(s slot) bool {
		select {
		case slots <- s:
			return true
		case <-ctx.Done():
			return false
		}
	}
	err := r.Client.List(ctx, r.Loc, s3ops.ListOptions{PageSize: r.PageSize}, func(p s3ops.Page) bool {
		// A page holds its folders first, then its files: put them in
		// key order ("a.txt" < "a/" < "a0").
		slices.SortFunc(p.Entries, func(a, b s3ops.Entry) int { return strings.Compare(a.Key, b.Key) })
		for i := range p.Entries {
			e := &p.Entries[i]
			if !e.IsPrefix {
				if !send(slot{file: e}) {
					return false
				}
				continue
			}
			rel := strings.TrimSuffix(strings.TrimPrefix(e.Key, r.Loc.Key), "/")
			if !r.Filter.Folder(rel) {
				continue
			}
			select {
			case running <- struct{}{}:
			case <-ctx.Done():
				return false
			}
			keys := make(chan listed, 4)
			wg.Go(func() {
				defer func() { <-running }()
				r.listFolder(ctx, e.Key, keys)
			})
			if !send(slot{keys: keys}) {
				return false
			}
		}
		return true
	})
	if err != nil {
		errs := make(chan listed, 1)
		errs <- listed{err: err}
		close(errs)
		send(slot{keys: errs})
	}
}

// listFolder lists every key below prefix onto keys, page by page.
func (r *Remote) listFolder(ctx context.Context, prefix string, keys chan<- listed) {
	defer close(keys)
	loc := s3ops.Location{Bucket: r.Loc.Bucket, Key: prefix}
	err := r.Client.List(ctx, loc, s3ops.ListOptions{Recursive: true, PageSize: r.PageSize}, func(p s3ops.Page) bool {
		select {
		case keys <- listed{entries: p.Entries}:
			return true
		case <-ctx.Done():
			return false
		}
	})
	if err != nil && ctx.Err() == nil {
		keys <- listed{err: err}
	}
}

// drain empties a folder's channel so its lister can end.
func drain(keys <-chan listed) {
	for range keys {
	}
}
