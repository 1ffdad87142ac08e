//go:build linux

package syncplan

import (
	"os"
	"syscall"
)

// fileID is the inode number and change time of fi (0 when not known).
func fileID(fi os.FileInfo) (inode uint64, ctime int64) {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Ino), st.Ctim.Nano()
	}
	return 0, 0
}
