package localops

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// CopyOptions tunes Copy.
type CopyOptions struct {
	// Overwrite replaces an existing file at the destination and merges a
	// folder into an existing folder. Without it an existing destination
	// is ErrDestinationExists.
	Overwrite bool
	// Progress, when set, is called with the bytes copied so far.
	Progress func(bytes int64)
}

// Copy copies src (a file, symlink or folder, recursively) to the new
// path dst, keeping permissions and modification times. Like a move
// across devices it writes to a hidden temporary name beside dst, syncs
// it and only then puts it in place, so dst never holds half a copy. A
// folder cannot be copied into itself (ErrIntoItself). Cancelling ctx
// stops the copy and removes the partial one.
func Copy(ctx context.Context, src, dst string, opt CopyOptions) error {
	src, dst, err := absPair(src, dst)
	if err != nil {
		return err
	}
	si, err := os.Lstat(src)
	if err != nil {
		return fail("copy", src, err)
	}
	if src == dst {
		return &Error{Op: "copy", Path: src, Err: ErrSameFile}
	}
	if si.IsDir() && within(resolveParent(dst), resolveParent(src)) {
		return &Error{Op: "copy", Path: src, Err: fmt.Errorf("%w (%s)", ErrIntoItself, dst)}
	}
	c := &copier{ctx: ctx, progress: opt.Progress}
	return fail("copy", src, c.copyTo(src, dst, si, opt.Overwrite))
}

// copier carries a copy's context and byte count through the tree.
type copier struct {
	ctx      context.Context
	progress func(int64)
	copied   int64
}

// copyTo copies src to dst: through a temp name when dst is free (or a
// file to replace), merging when both are folders and overwrite is set.
func (c *copier) copyTo(src, dst string, si os.FileInfo, overwrite bool) error {
	di, err := os.Lstat(dst)
	switch {
	case err == nil && !overwrite:
		return fmt.Errorf("%w: %s", ErrDestinationExists, dst)
	case err == nil && si.IsDir() && di.IsDir():
		return c.merge(src, dst)
	case err == nil && (si.IsDir() || di.IsDir()):
		return fmt.Errorf("a %s is in the way at %s", kindOf(di), dst)
	case err != nil && !errors.Is(err, os.ErrNotExist):
		return err
	}
	tmp, err := tempName(dst)
	if err != nil {
		return err
	}
	if err := c.tree(src, tmp, si); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := putInPlace(tmp, dst, MoveOptions{Overwrite: overwrite}); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	return syncDir(filepath.Dir(dst))
}

func kindOf(fi os.FileInfo) string {
	if fi.IsDir() {
		return "folder"
	}
	return "file"
}

// merge copies everything in folder src into the existing folder dst.
func (c *copier) merge(src, dst string) error {
	entries, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	for _, e := range entries {
		fi, err := e.Info()
		if err != nil {
			return err
		}
		if err := c.copyTo(filepath.Join(src, e.Name()), filepath.Join(dst, e.Name()), fi, true); err != nil {
			return err
		}
	}
	return nil
}

// tree copies src to the new path dst.
func (c *copier) tree(src, dst string, fi os.FileInfo) error {
	if err := c.ctx.Err(); err != nil {
		return err
	}
	switch {
	case fi.Mode().IsRegular():
		return c.file(src, dst, fi)
	case fi.Mode()&os.ModeSymlink != 0:
		target, err := os.Readlink(src)
		if err != nil {
			return err
		}
		return os.Symlink(target, dst)
	case fi.IsDir():
		return c.dir(src, dst, fi)
	}
	return fmt.Errorf("%s is a special file (%s) and cannot be copied", src, fi.Mode().Type())
}

func (c *copier) dir(src, dst string, fi os.FileInfo) error {
	if err := os.Mkdir(dst, 0o700); err != nil {
		return err
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			return err
		}
		if err := c.tree(filepath.Join(src, e.Name()), filepath.Join(dst, e.Name()), info); err != nil {
			return err
		}
	}
	if err := syncDir(dst); err != nil {
		return err
	}
	return keepModeAndTime(dst, fi)
}

func (c *copier) file(src, dst string, fi os.FileInfo) error {
	return copyFileVia(src, dst, fi, func(r io.Reader) io.Reader { return &countingReader{r: r, c: c} })
}

// countingReader reports bytes as they are read and stops when the
// copy's context ends.
type countingReader struct {
	r io.Reader
	c *copier
}

func (r *countingReader) Read(p []byte) (int, error) {
	if err := r.c.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := r.r.Read(p)
	r.c.copied += int64(n)
	if r.c.progress != nil && n > 0 {
		r.c.progress(r.c.copied)
	}
	return n, err
}
