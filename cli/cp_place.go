package cli

import (
	"context"
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
)

// placer applies the conflict policy to uploads before they are queued:
// a file whose object exists is left out (skip) or renamed "name (1).ext"
// (keep-both). A single file is checked with HEAD; a folder's
// destination is listed once, so checking a thousand files costs one
// request per thousand keys already there, not a thousand requests.
type placer struct {
	ctx    context.Context
	c      *s3ops.Client
	policy transfer.Policy
	root   string // the local folder being uploaded ("" for a file)

	listed    bool
	existing  map[string]bool // keys below the folder's destination
	taken     map[string]bool // keys this upload will write
	conflicts map[string]s3ops.Location
	err       error // a check that failed: nothing is uploaded
}

func newPlacer(ctx context.Context, c *s3ops.Client, policy transfer.Policy, local string, folder bool) *placer {
	p := &placer{ctx: ctx, c: c, policy: policy, taken: map[string]bool{}, conflicts: map[string]s3ops.Location{}}
	if folder {
		p.root, _ = filepath.Abs(local)
	}
	return p
}

// place is the engine's PlaceFunc, or nil when existing objects are
// simply overwritten.
func (p *placer) place() transfer.PlaceFunc {
	if p.policy == transfer.Overwrite {
		return nil
	}
	return func(local string, dst s3ops.Location, _ int64) (s3ops.Location, string) {
		exists, err := p.exists(local, dst)
		if err != nil {
			return dst, err.Error()
		}
		if exists && p.policy == transfer.KeepBoth {
			if dst, err = p.freeName(local, dst); err != nil {
				p.err = err
				return dst, err.Error()
			}
			exists = false
		}
		if exists {
			p.conflicts[local] = dst
			return dst, reasonExists
		}
		p.taken[dst.Key] = true
		return dst, ""
	}
}

// exists reports whether dst is taken. A check that fails sets p.err,
// explained once (checkError), and every later file gets the same error.
func (p *placer) exists(local string, dst s3ops.Location) (bool, error) {
	if p.err != nil {
		return false, p.err
	}
	if p.taken[dst.Key] {
		return true, nil
	}
	found, err := p.look(local, dst)
	if err != nil {
		p.err = checkError(err)
	}
	return found, p.err
}

// look asks the bucket: HEAD for a single file, one listing for a folder.
func (p *placer) look(local string, dst s3ops.Location) (bool, error) {
	if p.root == "" {
		return headExists(p.ctx, p.c, dst)
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
func (p *placer) list(local string, dst s3ops.Location) error {
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

// freeName is the first "name (k).ext" beside dst that no object has.
func (p *placer) freeName(local string, dst s3ops.Location) (s3ops.Location, error) {
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

// checkError explains a failed look at the destination. Credentials that
// may write but not read (or list) can still upload without the check.
func checkError(err error) error {
	if s3ops.KindOf(err) == s3ops.KindAccessDenied {
		return fmt.Errorf("cannot check whether the destination exists (%w); --conflict overwrite uploads without checking", err)
	}
	return fmt.Errorf("cannot check whether the destination exists: %w", err)
}

// headExists reports whether an object exists.
func headExists(ctx context.Context, c *s3ops.Client, loc s3ops.Location) (bool, error) {
	_, err := c.Head(ctx, loc)
	if err == nil {
		return true, nil
	}
	if s3ops.KindOf(err) == s3ops.KindNoSuchKey {
		return false, nil
	}
	return false, err
}

// splitExt splits "photo.jpg" into "photo", ".jpg", keeping "a.tar.gz"'s
// extension whole and dot files (".env") as stems, as downloads do.
func splitExt(base string) (string, string) {
	ext := path.Ext(base)
	if ext == base || ext == "" {
		return base, ""
	}
	stem := strings.TrimSuffix(base, ext)
	if inner := path.Ext(stem); strings.EqualFold(inner, ".tar") && inner != stem {
		return strings.TrimSuffix(stem, inner), inner + ext
	}
	return stem, ext
}
