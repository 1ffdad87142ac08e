//go:build unix

package localops

import (
	"errors"
	"syscall"
)

// isCrossDevice reports a rename refused because src and dst are on
// different filesystems (or mounts).
func isCrossDevice(err error) bool { return errors.Is(err, syscall.EXDEV) }
