//go:build !unix

package localops

import (
	"errors"
	"syscall"
)

// errNotSameDevice is Windows' ERROR_NOT_SAME_DEVICE.
const errNotSameDevice = syscall.Errno(17)

// isCrossDevice reports a rename refused because src and dst are on
// different volumes.
func isCrossDevice(err error) bool { return errors.Is(err, errNotSameDevice) }
