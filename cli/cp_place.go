package cli

import (
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
)

// conflictMap indexes an upload's conflicts by local path, to report
// each left-out file with the object that is in its way.
func conflictMap(cs []transfer.UploadConflict) map[string]s3ops.Location {
	m := make(map[string]s3ops.Location, len(cs))
	for _, c := range cs {
		m[c.Local] = c.Dest
	}
	return m
}
