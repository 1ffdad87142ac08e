package transfer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"time"

	"github.com/ferry-s3/ferry/s3ops"
)

// A command's journal (ferry cp keeps one per command) lasts until the
// same command runs again. One that has not run for StaleAfter is stale:
// its unfinished transfers still keep temp files in the user's folders
// and multipart uploads on the server. ferry ls --incomplete names the
// stale journals that hold transfers of the bucket it lists, and ferry rm
// --incomplete cleans them: temp files removed, uploads aborted, journal
// and lock deleted.

// StaleJournal is a journal no ferry has written for StaleAfter.
type StaleJournal struct {
	Path    string
	Touched time.Time // when a run last wrote it
	Jobs    []StaleJob
}

// StaleJob is an unfinished transfer a stale journal keeps.
type StaleJob struct {
	Dir      Direction
	Bucket   string
	Key      string
	Local    string
	Temp     string // a download's temp file ("" when none)
	UploadID string // an upload's multipart upload ("" when none)
}

// Holds reports whether the journal has a transfer to or from bucket.
func (s StaleJournal) Holds(bucket string) bool {
	for _, j := range s.Jobs {
		if j.Bucket == bucket {
			return true
		}
	}
	return false
}

// TempBytes is how much the journal's temp files take on disk.
func (s StaleJournal) TempBytes() int64 {
	var n int64
	for _, j := range s.Jobs {
		if fi, err := os.Stat(j.Temp); j.Temp != "" && err == nil {
			n += fi.Size()
		}
	}
	return n
}

// StaleJournals lists the journals in dir ("*.journal") written last
// more than StaleAfter before now and not held by a running ferry.
func StaleJournals(dir string, now time.Time) ([]StaleJournal, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.journal"))
	if err != nil {
		return nil, err
	}
	var out []StaleJournal
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil || now.Sub(fi.ModTime()) <= StaleAfter {
			continue
		}
		if s, ok := readStale(p, fi.ModTime()); ok {
			out = append(out, s)
		}
	}
	return out, nil
}

// readStale reads a journal nobody holds (a running ferry keeps its lock).
func readStale(path string, touched time.Time) (StaleJournal, bool) {
	lock, _, err := lockJournal(path)
	if err != nil {
		return StaleJournal{}, false
	}
	defer lock.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		return StaleJournal{}, false
	}
	doc, err := decodeJournalDoc(data)
	if err != nil {
		return StaleJournal{}, false
	}
	s := StaleJournal{Path: path, Touched: touched}
	for _, r := range doc.Jobs {
		s.Jobs = append(s.Jobs, StaleJob{Dir: r.Dir, Bucket: r.Bucket, Key: r.Key, Local: r.Local, Temp: r.Temp, UploadID: r.UploadID})
	}
	return s, true
}

// Clean removes what the journal keeps: its downloads' temp files, its
// uploads (aborted through c, and dropped from the ledger at ledgerPath),
// then the journal and its lock. It stops at the first upload that
// cannot be aborted, keeping the journal, so nothing is forgotten while
// still billed.
func (s StaleJournal) Clean(ctx context.Context, c *s3ops.Client, ledgerPath string) error {
	lock, busy, err := lockJournal(s.Path)
	if busy {
		return errors.New("a running ferry has taken this journal up again")
	}
	if err != nil {
		return err
	}
	defer lock.Close()
	for _, j := range s.Jobs {
		if j.Temp != "" {
			_ = os.Remove(j.Temp)
		}
		if j.UploadID == "" {
			continue
		}
		u := Incomplete{Key: j.Key, UploadID: j.UploadID}
		if err := AbortIncomplete(ctx, c, j.Bucket, u, ledgerPath); err != nil {
			return err
		}
	}
	if err := os.Remove(s.Path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return os.Remove(lock.Name())
}
