package transfer

import (
	"context"
	"fmt"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/ferry-s3/ferry/s3ops"
)

// ReasonExists is why an upload left out a file whose object exists.
const ReasonExists = "already exists"

// UploadConflict is a file left out of an upload because its object
// exists: where it would have gone.
type UploadConflict struct {
	Local string
	Dest  s3ops.Location
}

// Placer applies a conflict policy to uploads before they are queued
// (its Func is an UploadOptions.Place): a file whose object exists is
// overwritten, left out (Skip and Ask; Conflicts lists them so the
// caller can ask), or renamed "name (1).ext" (KeepBoth). A single file
// is checked with HEAD; a folder's destination is listed once, so
// checking a thousand files costs one request per thousand keys already
// there, not a thousand requests. A check that fails stops the upload:
// Err says why, once.
type Placer struct {
	ctx    context.Context
	c      *s3ops.Client
	policy Policy
	root   string // the local folder being uploaded ("" for files)
	// Hint ends the message of a check refused for lack of permission,
	// saying how to upload without checking (the CLI's flag, the TUI's
	// config setting).
	Hint string

	listed    bool
	existing  map[string]bool // keys below the folder's destination
	known     map[string]bool // answers from Check, for files
	taken     map[string]bool // keys this upload will write
	conflicts []UploadConflict
	err       error
}

// NewPlacer returns a placer for uploading local (folder says whether it
// is one) under policy.
func NewPlacer(ctx context.Context, c *s3ops.Client, policy Policy, local string, folder bool) *Placer {
	p := &Placer{ctx: ctx, c: c, policy: policy, taken: map[string]bool{}, known: map[string]bool{}}
	if folder {
		p.root, _ = filepath.Abs(local)
	}
	return p
}

// Placer is NewPlacer with the engine's client.
func (e *Engine) Placer(ctx context.Context, policy Policy, local string, folder bool) *Placer {
	return NewPlacer(ctx, e.c, policy, local, folder)
}

// Func is the PlaceFunc to give UploadWith, or nil when existing objects
// are simply overwritten.
func (p *Placer) Func() PlaceFunc {
	if p.policy == Overwrite {
		return nil
	}
	return func(local string, dst s3ops.Location, _ int64) (s3ops.Location, string) {
		exists, err := p.exists(local, dst)
		if err != nil {
			return dst, err.Error()
		}
		if exists && p.policy == KeepBoth {
			if dst, err = p.FreeName(local, dst); err != nil {
				p.err = err
				return dst, err.Error()
			}
			exists = false
		}
		if exists {
			p.conflicts = append(p.conflicts, UploadConflict{Local: local, Dest: dst})
			return dst, ReasonExists
		}
		p.taken[dst.Key] = true
		return dst, ""
	}
}

// Err is the check that failed, if one did; then nothing should be
// uploaded (the batch is cancelled by the caller).
func (p *Placer) Err() error { return p.err }

// Conflicts are the files left out because their objects exist, in the
// order they were met.
func (p *Placer) Conflicts() []UploadConflict { return p.conflicts }

// checkWorkers bounds the HEAD requests Check has in flight.
const checkWorkers = 8

// Check asks about many single files' destinations at once, so a drop
// of a thousand files does not wait for a thousand round trips one after
// another: many bound for one folder are answered by listing it
// (placer_list.go), the rest by HEAD, a few in parallel. Func then uses
// the answers.
func (p *Placer) Check(dsts []s3ops.Location) {
	if p.policy == Overwrite || p.err != nil {
		return
	}
	dsts = p.settleByListing(dsts)
	var mu sync.Mutex
	failed := func() bool { mu.Lock(); defer mu.Unlock(); return p.err != nil }
	work := make(chan s3ops.Location)
	var wg sync.WaitGroup
	for range min(checkWorkers, len(dsts)) {
		wg.Go(func() {
			for d := range work {
				found, err := p.c.Exists(p.ctx, d)
				mu.Lock()
				if err != nil && p.err == nil {
					p.err = p.checkError(err)
				}
				p.known[d.Bucket+"\x00"+d.Key] = found
				mu.Unlock()
			}
		})
	}
	// The first failed check decides for every file (Func then returns
	// it), so the rest are not asked.
	for _, d := range dsts {
		if failed() {
			break
		}
		work <- d
	}
	close(work)
	wg.Wait()
}

// exists reports whether dst is taken. A failed check sets p.err, and
// every later file gets the same error.
func (p *Placer) exists(local string, dst s3ops.Location) (bool, error) {
	if p.err != nil {
		return false, p.err
	}
	if p.taken[dst.Key] {
		return true, nil
	}
	found, err := p.look(local, dst)
	if err != nil {
		p.err = p.checkError(err)
	}
	return found, p.err
}

// look asks the bucket: HEAD for a single file (unless Check did), one
// listing for a folder.
func (p *Placer) look(local string, dst s3ops.Location) (bool, error) {
	if p.root == "" {
		if found, ok := p.known[dst.Bucket+"\x00"+dst.Key]; ok {
			return found, nil
		}
		return p.c.Exists(p.ctx, dst)
	}
	if !p.listed {
		p.listed = true
		if err := p.list(local, dst); err != nil {
			return false, err
		}
	}
	return p.existing[dst.Key], nil
}

// list reads every key below the folder's destination, found from the
// first file: its key ends with its path inside the folder.
func (p *Placer) list(local string, dst s3ops.Location) error {
	rel, err := filepath.Rel(p.root, local)
	if err != nil {
		return err
	}
	prefix := strings.TrimSuffix(dst.Key, filepath.ToSlash(rel))
	p.existing = map[string]bool{}
	return p.c.List(p.ctx, s3ops.Location{Bucket: dst.Bucket, Key: prefix}, s3ops.ListOptions{Recursive: true},
		func(pg s3ops.Page) bool {
			for _, e := range pg.Entries {
				p.existing[e.Key] = true
			}
			return true
		})
}

// FreeName is the first "name (k).ext" beside dst that no object has
// (and that this upload will not write).
func (p *Placer) FreeName(local string, dst s3ops.Location) (s3ops.Location, error) {
	dir, base := path.Split(dst.Key)
	stem, ext := splitExt(base)
	for k := 1; k < 10000; k++ {
		cand := s3ops.Location{Bucket: dst.Bucket, Key: fmt.Sprintf("%s%s (%d)%s", dir, stem, k, ext)}
		exists, err := p.exists(local, cand)
		if err != nil {
			return dst, err
		}
		if !exists {
			return cand, nil
		}
	}
	return dst, fmt.Errorf("no free name beside %s", dst)
}

// FreeS3Name is dst when no object has it, else the first free
// "name (k).ext" beside it (server-side copies use it for keep-both).
func FreeS3Name(ctx context.Context, c *s3ops.Client, dst s3ops.Location) (s3ops.Location, error) {
	p := NewPlacer(ctx, c, KeepBoth, "", false)
	exists, err := p.exists("", dst)
	if err != nil || !exists {
		return dst, err
	}
	return p.FreeName("", dst)
}

// checkError explains a failed look at the destination. Credentials that
// may write but not read (or list) can still upload without the check.
func (p *Placer) checkError(err error) error {
	if s3ops.KindOf(err) == s3ops.KindAccessDenied && p.Hint != "" {
		return fmt.Errorf("cannot check whether the destination exists (%w); %s", err, p.Hint)
	}
	return fmt.Errorf("cannot check whether the destination exists: %w", err)
}
