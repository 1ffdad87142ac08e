//go:build unix

package localops

import (
	"os"
	"syscall"
)

// deviceOf is the id of the filesystem holding path (not following a
// final symlink).
func deviceOf(path string) (uint64, error) {
	fi, err := os.Lstat(path)
	if err != nil {
		return 0, err
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, os.ErrInvalid
	}
	return uint64(st.Dev), nil //nolint:unconvert // int32 on some systems
}

// sameDevice reports whether a and b are known to be on one filesystem.
func sameDevice(a, b string) bool {
	da, err1 := deviceOf(a)
	db, err2 := deviceOf(b)
	return err1 == nil && err2 == nil && da == db
}
