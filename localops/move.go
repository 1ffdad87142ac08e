package localops

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// MoveOptions tunes Move.
type MoveOptions struct {
	// Overwrite replaces an existing file at the destination, and merges
	// a folder into an existing folder (files inside are replaced).
	// Without it an existing destination is ErrDestinationExists.
	Overwrite bool
}

// Move moves or renames src to dst (the full new path). On one device it
// is a rename; across devices it copies everything to a temporary name
// next to dst, syncs it to disk, renames it into place and only then
// removes src, so an interruption never loses data (at worst both
// exist). Refused, before anything changes: moving a folder into itself
// (ErrIntoItself), onto itself (ErrSameFile), onto an existing name
// without opt.Overwrite (ErrDestinationExists), and replacing a folder
// by a file or a file by a folder.
func Move(src, dst string, opt MoveOptions) error {
	src, dst, err := absPair(src, dst)
	if err != nil {
		return err
	}
	si, err := os.Lstat(src)
	if err != nil {
		return fail("move", src, err)
	}
	if err := checkMove(src, dst, si); err != nil {
		return err
	}
	di, err := os.Lstat(dst)
	switch {
	case err == nil && os.SameFile(si, di):
		// A case-only rename on a case-insensitive filesystem.
		return fail("move", src, os.Rename(src, dst))
	case err == nil:
		return moveOnto(src, dst, si, di, opt)
	case !errors.Is(err, os.ErrNotExist):
		return fail("move", dst, err)
	}
	return moveTo(src, dst, opt)
}

func absPair(src, dst string) (string, string, error) {
	a, err := filepath.Abs(src)
	if err != nil {
		return "", "", fail("move", src, err)
	}
	b, err := filepath.Abs(dst)
	if err != nil {
		return "", "", fail("move", dst, err)
	}
	return a, b, nil
}

// checkMove refuses moves that make no sense whatever is at dst.
func checkMove(src, dst string, si os.FileInfo) error {
	if src == dst {
		return &Error{Op: "move", Path: src, Err: ErrSameFile}
	}
	if err := refuseVital(src); err != nil {
		return fail("move", src, err)
	}
	if si.IsDir() && within(resolveParent(dst), resolveParent(src)) {
		return &Error{Op: "move", Path: src, Err: fmt.Errorf("%w (%s)", ErrIntoItself, dst)}
	}
	if within(resolveParent(src), resolveParent(dst)) {
		// Merging a folder into one that contains it moves things onto
		// themselves.
		return &Error{Op: "move", Path: src, Err: fmt.Errorf("%w: %s contains it", ErrIntoItself, dst)}
	}
	if _, err := os.Stat(filepath.Dir(dst)); err != nil {
		return fail("move", src, fmt.Errorf("the destination folder %s does not exist", filepath.Dir(dst)))
	}
	return nil
}

// resolveParent is path with its folder's symlinks resolved (the last
// element is kept as is: it may not exist yet, and a symlink being moved
// is not followed).
func resolveParent(path string) string {
	dir, base := filepath.Split(path)
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if real, err := filepath.EvalSymlinks(d); err == nil {
			rest, _ := filepath.Rel(d, filepath.Clean(dir))
			return filepath.Join(real, rest, base)
		}
		if filepath.Dir(d) == d {
			return path
		}
	}
}

// within reports whether path is dir or lies below it.
func within(path, dir string) bool {
	return path == dir || strings.HasPrefix(path, dir+string(filepath.Separator))
}

// moveOnto handles a destination that exists.
func moveOnto(src, dst string, si, di os.FileInfo, opt MoveOptions) error {
	switch {
	case !opt.Overwrite:
		return &Error{Op: "move", Path: src, Err: fmt.Errorf("%w: %s", ErrDestinationExists, dst)}
	case si.IsDir() && di.IsDir():
		return merge(src, dst, opt)
	case di.IsDir():
		return &Error{Op: "move", Path: src, Err: fmt.Errorf("a folder is in the way at %s; a file cannot replace it", dst)}
	case si.IsDir():
		return &Error{Op: "move", Path: src, Err: fmt.Errorf("a file is in the way at %s; a folder cannot replace it", dst)}
	}
	return moveTo(src, dst, opt)
}

// merge moves everything inside folder src into the existing folder dst,
// then removes src if it ended up empty.
func merge(src, dst string, opt MoveOptions) error {
	entries, err := os.ReadDir(src)
	if err != nil {
		return fail("move", src, err)
	}
	var errs []error
	for _, e := range entries {
		errs = append(errs, Move(filepath.Join(src, e.Name()), filepath.Join(dst, e.Name()), opt))
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return fail("move", src, os.Remove(src))
}

// moveTo renames src to dst, falling back to copy-then-remove across
// devices.
func moveTo(src, dst string, opt MoveOptions) error {
	err := os.Rename(src, dst)
	if err == nil {
		return nil
	}
	if isCrossDevice(err) {
		return moveAcrossDevices(src, dst, opt)
	}
	return fail("move", src, err)
}
