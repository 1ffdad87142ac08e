package transfer

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"time"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/xdg"
)

// The ledger lists the multipart uploads ferry has started and not yet
// completed or aborted, across every journal (the TUI's and each ferry
// cp's), by what they mean: the endpoint in canonical form, the bucket,
// the key and the absolute, cleaned source path. Journals are per queue
// or per command, so without it another spelling of the same copy
// (./big.bin, s3://b/ for s3://b/big.bin, the endpoint with a trailing
// slash) neither resumed nor found the upload a failed run left, which
// then stayed billed on the server.
//
// With it, an upload that starts finds the upload a previous run left for
// the same source and destination: it resumes it when the source is the
// file it was sending (same size and modification time; the parts are
// checked against the file), and aborts it when the source changed.
// ferry ls --incomplete tells from it which uploads ferry can resume.
//
// It is one small JSON file (0600) rewritten whole under a lock (other
// ferry processes share it), holding what identifies an upload, never
// credentials or URLs.

// LedgerEntry is one unfinished multipart upload ferry started.
type LedgerEntry struct {
	Endpoint string `json:"endpoint"` // s3ops.Client.EndpointID
	Bucket   string `json:"bucket"`
	Key      string `json:"key"`
	Source   string `json:"source"` // absolute, cleaned local path
	UploadID string `json:"upload"`
	PartSize int64  `json:"psize"`
	Checksum string `json:"ck,omitempty"` // the algorithm the upload declared
	Size     int64  `json:"size"`         // the source's size when the upload started
	MTime    int64  `json:"mtime"`        // and its modification time (unix ns)
	Touched  int64  `json:"touched"`
}

// LastWorked is when a run last worked on the upload.
func (e LedgerEntry) LastWorked() time.Time { return time.Unix(0, e.Touched) }

// SourceUnchanged reports whether the source file is still the one the
// upload was sending, so a run can resume it.
func (e LedgerEntry) SourceUnchanged() bool {
	fi, err := os.Stat(e.Source)
	return err == nil && fi.Mode().IsRegular() && statOf(fi) == srcStat{Size: e.Size, MTime: e.MTime}
}

// SourceMissing reports whether the source file no longer exists.
func (e LedgerEntry) SourceMissing() bool {
	_, err := os.Stat(e.Source)
	return errors.Is(err, os.ErrNotExist)
}

type ledgerDoc struct {
	Uploads []LedgerEntry `json:"uploads"`
}

// Ledger is the ledger file at a path.
type Ledger struct{ path string }

// DefaultLedgerPath is $XDG_STATE_HOME/ferry/uploads.json, the ledger
// the TUI and every ferry cp share.
func DefaultLedgerPath() (string, error) { return LedgerPathIn(xdg.Dirs{}) }

// LedgerPathIn is uploads.json in the state dir of d.
func LedgerPathIn(d xdg.Dirs) (string, error) {
	dir, err := d.StateDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "uploads.json"), nil
}

// LedgerAt is the ledger file at path ("" for none: every call is a no-op).
func LedgerAt(path string) Ledger { return Ledger{path: path} }

// Entries lists the uploads in the ledger.
func (l Ledger) Entries() ([]LedgerEntry, error) {
	if l.path == "" {
		return nil, nil
	}
	doc, err := l.read()
	return doc.Uploads, err
}

// put records entry, replacing any entry for the same source and
// destination.
func (l Ledger) put(entry LedgerEntry) error {
	return l.update(func(es []LedgerEntry) []LedgerEntry {
		out := es[:0]
		for _, e := range es {
			if !e.sameTransfer(entry) && e.UploadID != entry.UploadID {
				out = append(out, e)
			}
		}
		return append(out, entry)
	})
}

// Drop forgets the upload id of bucket (completed or aborted).
func (l Ledger) Drop(endpoint, bucket, id string) error {
	return l.update(func(es []LedgerEntry) []LedgerEntry {
		out := es[:0]
		for _, e := range es {
			if e.Endpoint != endpoint || e.Bucket != bucket || e.UploadID != id {
				out = append(out, e)
			}
		}
		return out
	})
}

// lookup finds the entry for a source and destination.
func (l Ledger) lookup(want LedgerEntry) (LedgerEntry, bool) {
	entries, _ := l.Entries()
	for _, e := range entries {
		if e.sameTransfer(want) {
			return e, true
		}
	}
	return LedgerEntry{}, false
}

func (e LedgerEntry) sameTransfer(o LedgerEntry) bool {
	return e.Endpoint == o.Endpoint && e.Bucket == o.Bucket && e.Key == o.Key && e.Source == o.Source
}

func (e LedgerEntry) location() s3ops.Location { return s3ops.Location{Bucket: e.Bucket, Key: e.Key} }

func (l Ledger) update(fn func([]LedgerEntry) []LedgerEntry) error {
	if l.path == "" {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(l.path), 0o700); err != nil {
		return err
	}
	lock, err := lockWait(l.path)
	if err != nil {
		return err
	}
	defer lock.Close()
	doc, err := l.read()
	if err != nil && !errors.Is(err, errLedgerDamaged) {
		return err
	}
	doc.Uploads = fn(doc.Uploads)
	data, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	return xdg.WriteFile(l.path, data)
}

// errLedgerDamaged is a ledger that does not parse: it is started anew
// (the uploads it listed stay listed by ferry ls --incomplete, as not
// resumable).
var errLedgerDamaged = errors.New("the upload ledger is damaged")

func (l Ledger) read() (ledgerDoc, error) {
	var doc ledgerDoc
	data, err := os.ReadFile(l.path)
	if errors.Is(err, os.ErrNotExist) {
		return doc, nil
	}
	if err != nil {
		return doc, err
	}
	if json.Unmarshal(data, &doc) != nil {
		return ledgerDoc{}, errLedgerDamaged
	}
	return doc, nil
}
