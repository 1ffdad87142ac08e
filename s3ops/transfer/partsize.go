package transfer

import (
	"fmt"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/s3ops"
)

// uploadPartSize picks the part size for a multipart upload of size
// bytes: the preferred size, raised (in whole MiB) so the upload fits in
// 10,000 parts, and never under S3's 5 MiB minimum.
func uploadPartSize(size, preferred int64) (int64, error) {
	if size > s3ops.MaxObject {
		return 0, fmt.Errorf("the file is %s; S3 objects are at most 5 TiB", units.Bytes(size))
	}
	ps := max(preferred, s3ops.MinPartSize)
	if need := (size + s3ops.MaxParts - 1) / s3ops.MaxParts; need > ps {
		const mib = 1 << 20
		ps = (need + mib - 1) / mib * mib
	}
	return min(ps, s3ops.MaxPartSize), nil
}

// partCount is how many parts (or ranges) of partSize cover size bytes;
// an empty file still has one part.
func partCount(size, partSize int64) int {
	if partSize <= 0 {
		return 0
	}
	return int(max(1, (size+partSize-1)/partSize))
}

// partLen is the length of part n (1-based) of a size-byte file.
func partLen(size, partSize int64, n int32) int64 {
	off := int64(n-1) * partSize
	return max(0, min(partSize, size-off))
}

// rangeCount is how many ranges a ranged download of size bytes has, or
// 0 for a download made with one GET (partSize 0).
func rangeCount(size, partSize int64) int {
	if partSize <= 0 {
		return 0
	}
	return partCount(size, partSize)
}

func doneRangeBytes(done []bool, size, partSize int64) int64 {
	var n int64
	for i, d := range done {
		if d {
			n += partLen(size, partSize, int32(i+1))
		}
	}
	return n
}
