//go:build !unix

package syncplan

import "os"

// fileID is 0 where inode numbers are not available: the cache then
// trusts path, size and modification time.
func fileID(os.FileInfo) uint64 { return 0 }
