//go:build !(linux || darwin || freebsd)

package transfer

import (
	"errors"
	"syscall"
)

// freeBytes cannot tell the free space here: downloads find out when a
// write fails.
func freeBytes(string) (int64, bool) { return 0, false }

// isDiskFull reports a write that failed for lack of space.
func isDiskFull(err error) bool { return errors.Is(err, syscall.ENOSPC) }
