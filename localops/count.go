package localops

import (
	"context"
	"io/fs"
	"path/filepath"
)

// CountTree counts what is below the local folder dir (or dir itself, a
// file): regular files with their sizes, and links and special files
// (which a delete removes too) as files of no size. Unreadable parts are
// left out; a cancel stops the count where it is.
func CountTree(ctx context.Context, dir string) (files, bytes int64, err error) {
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // unreadable parts are left out of the count, not fatal
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				files++
				bytes += info.Size()
			}
		} else if !d.IsDir() {
			files++
		}
		return nil
	})
	return files, bytes, err
}
