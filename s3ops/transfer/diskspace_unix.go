//go:build linux || darwin || freebsd

package transfer

import (
	"errors"
	"syscall"
)

// freeBytes is the space an unprivileged user can still write in dir's
// file system; ok is false when it cannot be told.
func freeBytes(dir string) (int64, bool) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, false
	}
	return int64(uint64(st.Bavail) * uint64(st.Bsize)), true
}

// isDiskFull reports a write that failed for lack of space or quota.
func isDiskFull(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}
