package transfer

import (
	"context"
	"maps"
	"os"
	"strconv"
	"strings"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/checksum"
)

// A crash can land between the last step of a job and the journal write
// that records it: the download was moved under its final name, or the
// upload completed on the server, but the journal still says running.
// A resumed job first checks whether its work is already there, so it is
// neither reported as a conflict with its own file nor sent again. The
// check is made once: a retry after it does not hash the file again.

// downloadedBefore reports whether a resumed download's target already
// is the object: the same size and either the object's MD5, or the very
// file the previous run was writing (its temp file's inode).
func (e *Engine) downloadedBefore(j *job) bool {
	e.mu.Lock()
	resumed, rec := j.resumed, j.rec
	j.resumed = false
	e.mu.Unlock()
	if !resumed {
		return false
	}
	fi, err := os.Lstat(rec.Local)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != rec.Size {
		return false
	}
	if rec.TempID != 0 && fileID(fi) == rec.TempID {
		return true
	}
	return isMD5(rec.ETag) && strings.EqualFold(fileMD5(rec.Local, 0, rec.Size), rec.ETag)
}

// uploadedBefore reports whether a resumed upload's object already holds
// the source's bytes: the same size and the full-object checksum the
// store keeps (a CRC: cheap to compute), else the ETag those bytes give
// (the MD5, or for a multipart upload the MD5 of the parts' MD5s).
func (e *Engine) uploadedBefore(ctx context.Context, j *job, src srcStat) bool {
	e.mu.Lock()
	resumed, rec, parts := j.resumed, j.rec, maps.Clone(j.parts)
	e.mu.Unlock()
	if !resumed {
		return false
	}
	info, stored, err := e.c.StoredChecksum(ctx, j.loc(), "")
	if err == nil || s3ops.KindOf(err) == s3ops.KindNoSuchKey {
		e.mu.Lock()
		j.resumed = false // answered; a failed HEAD is asked again on the next try
		e.mu.Unlock()
	}
	if err != nil || info.Size != src.Size {
		return false
	}
	if stored && info.Parts == 0 {
		crc, err := fileCRC(rec.Local, info.Value.Alg, src.Size)
		return err == nil && crc == info.Value
	}
	if isMD5(info.ETag) {
		return strings.EqualFold(fileMD5(rec.Local, 0, src.Size), info.ETag)
	}
	if rec.PartSize <= 0 || !strings.HasSuffix(info.ETag, "-"+strconv.Itoa(partCount(src.Size, rec.PartSize))) {
		return false
	}
	var all []s3ops.Part
	for n := int32(1); n <= int32(partCount(src.Size, rec.PartSize)); n++ {
		etag, ok := parts[n]
		if !ok {
			etag = fileMD5(rec.Local, int64(n-1)*rec.PartSize, partLen(src.Size, rec.PartSize, n))
		}
		all = append(all, s3ops.Part{Number: n, ETag: etag})
	}
	return strings.EqualFold(multipartETag(all), info.ETag)
}

// fileMD5 hashes n bytes of path at off, or returns "" when it cannot.
func fileMD5(path string, off, n int64) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	return sectionHex(f, off, n)
}

// fileCRC is alg's CRC of the first n bytes of the file at path.
func fileCRC(path string, alg checksum.Algorithm, n int64) (checksum.Value, error) {
	f, err := os.Open(path)
	if err != nil {
		return checksum.Value{}, err
	}
	defer f.Close()
	return sectionCRC(f, 0, n, alg)
}
