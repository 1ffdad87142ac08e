package transfer

import (
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"sync"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/preview"
)

// sourceReader streams one section of the file being uploaded: it hashes
// (MD5, to check the ETag the server returns) and counts what it hands to
// the HTTP transport, and fails rather than let a file that changed
// meanwhile be uploaded short or mixed.
//
// net/http may go on reading a request body after Do returns (when the
// server answered early), so the reader is locked and finish() cuts it
// off before its counts are used.
type sourceReader struct {
	mu      sync.Mutex
	done    bool
	f       *os.File
	r       *io.SectionReader
	want    srcStat
	left    int64
	md5     hash.Hash
	j       *job
	counted int64
	err     error  // why reading stopped early, kept for the caller
	kick    func() // tells the stall guard bytes moved (nil: none)
	known   string // the section's MD5 (hex) when computed beforehand: not hashed again
}

func newSourceReader(f *os.File, off, n int64, want srcStat, j *job) *sourceReader {
	return &sourceReader{f: f, r: io.NewSectionReader(f, off, n), want: want, left: n, md5: md5.New(), j: j}
}

func (s *sourceReader) Read(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done {
		return 0, errAttemptOver
	}
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
	if s.known == "" && s.md5 != nil {
		s.md5.Write(p[:n])
	}
	s.j.add(int64(n))
	s.counted += int64(n)
	if s.kick != nil && n > 0 {
		s.kick()
	}
	return n, err
}

// errAttemptOver stops the transport reading a body whose request is over.
var errAttemptOver = errors.New("request already finished")

// finish ends the attempt: no more reads.
func (s *sourceReader) finish() {
	s.mu.Lock()
	s.done = true
	s.mu.Unlock()
}

// rollback ends the attempt and takes back the bytes it counted.
func (s *sourceReader) rollback() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.done = true
	s.j.add(-s.counted)
	s.counted = 0
}

// sum is the MD5 of the bytes sent ("" when they were not hashed); call
// after finish.
func (s *sourceReader) sum() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.known != "":
		return s.known
	case s.md5 == nil:
		return ""
	}
	return hex.EncodeToString(s.md5.Sum(nil))
}

// cause is the reader's own error if it stopped the request, else err.
func (s *sourceReader) cause(err error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
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
		return fmt.Errorf("%w during the upload (%s); retry to upload the new version", errSourceChanged, howChanged(want, got))
	}
	return nil
}

// howChanged says how a source file changed: its size, or that it was
// modified keeping its size.
func howChanged(was, now srcStat) string {
	if was.Size == now.Size {
		return "modified, same size " + units.Bytes(now.Size)
	}
	return "size " + units.Change(was.Size, now.Size)
}

// contentType is the MIME type of a file: from its extension, else from
// its first 512 bytes (http.DetectContentType).
func contentType(f *os.File, size int64) string {
	if t := preview.TypeByName(f.Name()); t != "" || size == 0 {
		return preview.ContentType(f.Name(), nil)
	}
	head := make([]byte, 512)
	n, _ := f.ReadAt(head, 0)
	return preview.ContentType(f.Name(), head[:n])
}
