//go:build unix

package syncplan

import (
	"os"
	"syscall"
)

// fileID is the inode number of fi, or 0 when it is not known.
func fileID(fi os.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Ino)
	}
	return 0
}
