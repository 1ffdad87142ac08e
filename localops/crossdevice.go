package localops

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// A move across devices cannot be a rename. It copies src to a hidden
// temporary name in dst's folder (so the copy is on dst's device), syncs
// every file and folder to disk, renames the copy to dst (atomic, and
// never over an existing file unless asked), and only then removes src.
// If anything fails before the rename, the partial copy is removed and
// src is untouched.

func moveAcrossDevices(src, dst string, opt MoveOptions) error {
	tmp, err := tempName(dst)
	if err != nil {
		return fail("move", src, err)
	}
	if err := copyTree(src, tmp); err != nil {
		os.RemoveAll(tmp)
		return fail("move", src, err)
	}
	if err := putInPlace(tmp, dst, opt); err != nil {
		os.RemoveAll(tmp)
		return fail("move", src, err)
	}
	if err := syncDir(filepath.Dir(dst)); err != nil {
		return fail("move", src, err)
	}
	if err := os.RemoveAll(src); err != nil {
		return fail("move", src, fmt.Errorf("copied to %s, but the original could not be removed: %s", dst, reason(err)))
	}
	return nil
}

// tempName is an unused hidden name next to dst.
func tempName(dst string) (string, error) {
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return filepath.Join(filepath.Dir(dst), ".ferry-move-"+hex.EncodeToString(b[:])+"-"+filepath.Base(dst)), nil
}

// putInPlace renames the finished copy to dst. Without Overwrite a file
// is linked into place (link fails if dst appeared meanwhile, where a
// rename would silently replace it); a folder is renamed, which fails on
// an existing non-empty folder.
func putInPlace(tmp, dst string, opt MoveOptions) error {
	fi, err := os.Lstat(tmp)
	if err != nil {
		return err
	}
	if opt.Overwrite || fi.IsDir() {
		return os.Rename(tmp, dst)
	}
	if err := os.Link(tmp, dst); err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("%w: %s", ErrDestinationExists, dst)
		}
		return os.Rename(tmp, dst) // no hard links here (some filesystems): fall back
	}
	return os.Remove(tmp)
}

// copyTree copies a file, symlink or folder (recursively) from src to a
// new path dst, keeping permissions and modification times, and syncs
// what it wrote.
func copyTree(src, dst string) error {
	fi, err := os.Lstat(src)
	if err != nil {
		return err
	}
	switch {
	case fi.Mode().IsRegular():
		return copyFile(src, dst, fi)
	case fi.Mode()&os.ModeSymlink != 0:
		target, err := os.Readlink(src)
		if err != nil {
			return err
		}
		return os.Symlink(target, dst)
	case fi.IsDir():
		return copyDir(src, dst, fi)
	}
	return fmt.Errorf("%s is a special file (%s) and cannot be moved to another device", src, fi.Mode().Type())
}

func copyDir(src, dst string, fi os.FileInfo) error {
	if err := os.Mkdir(dst, 0o700); err != nil {
		return err
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if err := copyTree(filepath.Join(src, e.Name()), filepath.Join(dst, e.Name())); err != nil {
			return err
		}
	}
	if err := syncDir(dst); err != nil {
		return err
	}
	return keepModeAndTime(dst, fi)
}

func copyFile(src, dst string, fi os.FileInfo) error { return copyFileVia(src, dst, fi, nil) }

// copyFileVia copies src to the new file dst (never over an existing
// one), reading through wrap when given, then fsyncs it and gives it
// src's mode and times.
func copyFileVia(src, dst string, fi os.FileInfo, wrap func(io.Reader) io.Reader) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	var r io.Reader = in
	if wrap != nil {
		r = wrap(in)
	}
	_, err = io.Copy(out, r)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return keepModeAndTime(dst, fi)
}

func keepModeAndTime(path string, fi os.FileInfo) error {
	if err := os.Chmod(path, fi.Mode().Perm()|fi.Mode()&(os.ModeSetuid|os.ModeSetgid|os.ModeSticky)); err != nil {
		return err
	}
	return os.Chtimes(path, fi.ModTime(), fi.ModTime())
}

// syncDir flushes a folder's entries to disk, so a rename or new file in
// it survives a crash.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}
