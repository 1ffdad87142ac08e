package transfer

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
)

// sourceReader streams one section of the file being uploaded: it hashes
// (MD5, to check the ETag the server returns) and counts what it hands to
// the HTTP transport, and fails rather than let a file that changed
// meanwhile be uploaded short or mixed.
type sourceReader struct {
	f       *os.File
	r       *io.SectionReader
	want    srcStat
	left    int64
	md5     hash.Hash
	j       *job
	counted int64
	err     error // why reading stopped early, kept for the caller
}

func newSourceReader(f *os.File, off, n int64, want srcStat, j *job) *sourceReader {
	return &sourceReader{f: f, r: io.NewSectionReader(f, off, n), want: want, left: n, md5: md5.New(), j: j}
}

func (s *sourceReader) Read(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	if s.left == 0 {
		return 0, io.EOF
	}
	n, err := s.r.Read(p)
	s.left -= int64(n)
	if err == io.EOF && s.left > 0 {
		s.err = fmt.Errorf("%w: it is shorter than when the upload started", errSourceChanged)
		return 0, s.err
	}
	if s.left == 0 {
		// The last bytes are held back until the file is known to be the
		// one we started with, so a changed file fails the request.
		if err := checkSource(s.f, s.want); err != nil {
			s.err = err
			return 0, err
		}
	}
	s.md5.Write(p[:n])
	s.j.add(int64(n))
	s.counted += int64(n)
	return n, err
}

// rollback takes back the bytes this attempt counted.
func (s *sourceReader) rollback() {
	s.j.add(-s.counted)
	s.counted = 0
}

func (s *sourceReader) sum() string { return hex.EncodeToString(s.md5.Sum(nil)) }

// cause is the reader's own error if it stopped the request, else err.
func (s *sourceReader) cause(err error) error {
	if s.err != nil {
		return s.err
	}
	return err
}

func statOf(fi os.FileInfo) srcStat {
	return srcStat{Size: fi.Size(), MTime: fi.ModTime().UnixNano()}
}

// checkSource fails when f no longer has the size and mtime of want.
func checkSource(f *os.File, want srcStat) error {
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("%w: %v", errSourceChanged, err)
	}
	if got := statOf(fi); got != want {
		return fmt.Errorf("%w during the upload (size %s → %s); retry to upload the new version",
			errSourceChanged, humanBytes(want.Size), humanBytes(got.Size))
	}
	return nil
}

// contentType is the MIME type of a file: from its extension, else from
// its first 512 bytes (http.DetectContentType).
func contentType(f *os.File, size int64) string {
	if t := mime.TypeByExtension(filepath.Ext(f.Name())); t != "" {
		return t
	}
	if size == 0 {
		return "application/octet-stream"
	}
	head := make([]byte, 512)
	n, _ := f.ReadAt(head, 0)
	return http.DetectContentType(head[:n])
}
