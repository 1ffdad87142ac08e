package jobs

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/ferry-s3/ferry/internal/safetext"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
)

// Plan is what a copy or a move does: each source with its destination,
// all of them in S3 or all of them local.
type Plan struct {
	Client *s3ops.Client // the S3 pairs' client
	S3     []Pair
	Local  []LocalPair
	From   string // where the sources are (a folder or prefix), for messages
	To     string // where they go, for messages
	// Bytes is the size of the objects when the plan has no folders (a
	// copy then counts bytes), 0 otherwise.
	Bytes int64
}

// Pair is an S3 source and its destination.
type Pair struct{ Src, Dst s3ops.Location }

// LocalPair is a local source and its destination.
type LocalPair struct{ Src, Dst string }

// IsLocal reports whether the plan moves local files.
func (p Plan) IsLocal() bool { return len(p.S3) == 0 }

// Len is how many pairs the plan has.
func (p Plan) Len() int { return len(p.S3) + len(p.Local) }

// Dests names the plan's destinations.
func (p Plan) Dests() []string {
	var out []string
	for _, s := range p.S3 {
		out = append(out, s.Dst.String())
	}
	for _, l := range p.Local {
		out = append(out, l.Dst)
	}
	return out
}

// FirstSource is the first pair's source.
func (p Plan) FirstSource() string {
	if len(p.S3) > 0 {
		return p.S3[0].Src.Key
	}
	return p.Local[0].Src
}

// only is the plan with no pairs, for collecting some of them.
func (p Plan) only() Plan {
	return Plan{Client: p.Client, From: p.From, To: p.To}
}

// Place is somewhere a task changed, so what shows it can be listed
// again: an S3 bucket, or a local folder.
type Place struct {
	Bucket string
	Dir    string
}

func bucketPlace(b string) Place { return Place{Bucket: b} }

func dirOf(path string) Place { return Place{Dir: filepath.Dir(path)} }

// FreeNames gives every destination of plan the first free
// "name (k).ext" (or "folder (k)/") beside it, for keep both.
func FreeNames(ctx context.Context, plan Plan) (Plan, error) {
	out := plan.only()
	out.Bytes = plan.Bytes
	for _, p := range plan.S3 {
		dst, err := freeS3(ctx, plan.Client, p.Dst)
		if err != nil {
			return out, err
		}
		out.S3 = append(out.S3, Pair{Src: p.Src, Dst: dst})
	}
	for _, p := range plan.Local {
		dst, err := freeLocal(p.Dst)
		if err != nil {
			return out, err
		}
		out.Local = append(out.Local, LocalPair{Src: p.Src, Dst: dst})
	}
	return out, nil
}

// freeS3 is the first free name beside dst: an object's from the
// transfer engine's rule, a prefix's where nothing is listed below it.
func freeS3(ctx context.Context, c *s3ops.Client, dst s3ops.Location) (s3ops.Location, error) {
	if !dst.IsPrefix() {
		return transfer.FreeS3Name(ctx, c, dst)
	}
	dir, name := path.Split(strings.TrimSuffix(dst.Key, "/"))
	for k := 1; k < 10000; k++ {
		cand := s3ops.Location{Bucket: dst.Bucket, Key: fmt.Sprintf("%s%s (%d)/", dir, name, k)}
		taken := false
		err := c.List(ctx, cand, s3ops.ListOptions{PageSize: 1}, func(p s3ops.Page) bool {
			taken = len(p.Entries) > 0
			return false
		})
		if err != nil {
			return dst, err
		}
		if !taken {
			return cand, nil
		}
	}
	return dst, fmt.Errorf("no free name beside %s", safetext.Text(dst.String()))
}

// freeLocal is the first "name (k).ext" beside p that does not exist (a
// folder's name has no extension).
func freeLocal(p string) (string, error) {
	dir, base := filepath.Split(p)
	stem, ext := base, ""
	if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
		if e := filepath.Ext(base); e != "" && e != base {
			stem, ext = strings.TrimSuffix(base, e), e
		}
	}
	for k := 1; k < 10000; k++ {
		cand := filepath.Join(dir, fmt.Sprintf("%s (%d)%s", stem, k, ext))
		if _, err := os.Lstat(cand); errors.Is(err, os.ErrNotExist) {
			return cand, nil
		}
	}
	return p, fmt.Errorf("no free name beside %s", safetext.Text(p))
}
