package transfer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"time"

	"github.com/ferry-s3/ferry/xdg"
)

// The journal is one small file holding every unfinished job as a
// snapshot:
//
//	ferry-transfers 1 <crc32c of body, 8 hex> <body length>\n
//	{"jobs":[{...}, ...]}
//
// It is rewritten whole (temp file, fsync, rename) shortly after any job
// changes state or completes a part, so a crash loses at most the parts
// in flight. A file whose header, length or checksum does not match is
// renamed aside (".corrupt-<time>") and reported, never trusted.
//
// It holds what is needed to continue, never credentials or presigned
// URLs: bucket, key, upload id, local path, sizes, part numbers and ETags,
// completed download ranges, and the source's size and mtime.

const journalMagic = "ferry-transfers 1"

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// record is the journaled form of a job.
type record struct {
	ID          JobID     `json:"id"`
	Batch       BatchID   `json:"batch"`
	BatchPolicy Policy    `json:"bpolicy,omitempty"`
	Dir         Direction `json:"dir"`
	Local       string    `json:"local"`
	Root        string    `json:"root,omitempty"` // downloads: the folder the target must stay in
	// Into is where the copy was asked to go: a download's local folder,
	// an upload's key prefix. Rows name a file from there, so a folder
	// copied either way shows as "tree/a/b.md".
	Into        string    `json:"into,omitempty"`
	Bucket      string    `json:"bucket"`
	Key         string    `json:"key"`
	Size        int64     `json:"size"`
	ETag        string    `json:"etag,omitempty"`    // downloads: the object's ETag (sent as If-Match)
	Version     string    `json:"version,omitempty"` // downloads of one version of the object (DownloadVersionAs)
	Encrypted   bool      `json:"enc,omitempty"`     // downloads: encrypted with KMS or a customer key, so the ETag is no MD5
	Src         *srcStat  `json:"src,omitempty"`     // uploads: the source when the upload started
	From        *copyFrom `json:"from,omitempty"`    // copies: the source object and its connection (copyjob.go)
	ContentType string    `json:"ctype,omitempty"`
	Policy      Policy    `json:"policy,omitempty"`
	UploadID    string    `json:"upload,omitempty"`
	Checksum    string    `json:"ck,omitempty"`       // uploads: the algorithm the multipart upload declared (upcheck.go)
	Creating    int64     `json:"creating,omitempty"` // uploads: unix ns of the first create whose upload id is not known (strays.go)
	PartSize    int64     `json:"psize,omitempty"`
	Parts       []partRec `json:"parts,omitempty"`
	Ranges      string    `json:"ranges,omitempty"` // downloads: completed range numbers, "0-4,7"
	// Partial holds, for downloads, the bytes of unfinished ranges
	// written from their start (range number → bytes), on disk.
	Partial  map[int]int64 `json:"partial,omitempty"`
	Temp     string        `json:"temp,omitempty"`   // downloads: the temp file beside the target
	TempID   uint64        `json:"tempid,omitempty"` // downloads: the temp file's inode (resume.go)
	Conflict string        `json:"conflict,omitempty"`
	State    State         `json:"state"`
	Err      string        `json:"err,omitempty"`
	// Lost marks a job that failed for good and kept nothing (lost.go).
	Lost bool `json:"lost,omitempty"`
}

// srcStat identifies the version of a local file an upload is sending.
type srcStat struct {
	Size  int64 `json:"size"`
	MTime int64 `json:"mtime"` // unix nanoseconds
}

type partRec struct {
	N    int32  `json:"n"`
	ETag string `json:"etag"`
	CRC  string `json:"crc,omitempty"` // the checksum it was sent with (the upload's Checksum algorithm)
}

type journalDoc struct {
	Jobs []record `json:"jobs"`
	// Aborts are aborted multipart uploads still watched (abortwatch.go).
	Aborts []abortRec `json:"aborts,omitempty"`
}

// JournalError reports a journal that could not be used. The engine keeps
// working (without persistence when Busy).
type JournalError struct {
	Path     string
	SetAside string // where the unreadable file was moved, if it was
	Busy     bool   // another ferry holds the journal
	Reason   string
}

func (e *JournalError) Error() string {
	switch {
	case e.Busy:
		return fmt.Sprintf("transfer queue %s is in use by another ferry; this one will not remember its transfers", e.Path)
	case e.SetAside != "":
		return fmt.Sprintf("transfer queue %s was unreadable (%s); moved it to %s and started an empty queue", e.Path, e.Reason, e.SetAside)
	}
	return fmt.Sprintf("transfer queue %s: %s", e.Path, e.Reason)
}

// DefaultJournalPath is $XDG_STATE_HOME/ferry/transfers.journal.
func DefaultJournalPath() (string, error) { return JournalPathIn(xdg.Dirs{}) }

// JournalPathIn is transfers.journal in the state dir of d.
func JournalPathIn(d xdg.Dirs) (string, error) {
	dir, err := d.StateDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "transfers.journal"), nil
}

func encodeJournal(doc journalDoc) ([]byte, error) {
	body, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	head := fmt.Sprintf("%s %08x %d\n", journalMagic, crc32.Checksum(body, crcTable), len(body))
	return append([]byte(head), body...), nil
}

// decodeJournal parses a journal file's bytes and returns its jobs.
func decodeJournal(data []byte) ([]record, error) {
	doc, err := decodeJournalDoc(data)
	return doc.Jobs, err
}

// decodeJournalDoc parses a journal file's bytes, saying what is wrong
// with a damaged one.
func decodeJournalDoc(data []byte) (journalDoc, error) {
	var doc journalDoc
	head, body, ok := bytes.Cut(data, []byte("\n"))
	if !ok {
		return doc, errors.New("truncated header")
	}
	var sum uint32
	var n int
	var magic1, magic2 string
	if _, err := fmt.Sscanf(string(head), "%s %s %x %d", &magic1, &magic2, &sum, &n); err != nil ||
		magic1+" "+magic2 != journalMagic {
		return doc, errors.New("not a ferry transfer journal")
	}
	if len(body) != n {
		return doc, fmt.Errorf("truncated: %d of %d bytes", len(body), n)
	}
	if crc32.Checksum(body, crcTable) != sum {
		return doc, errors.New("checksum mismatch")
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		return journalDoc{}, fmt.Errorf("bad content: %v", err)
	}
	return doc, nil
}

// readJournal loads path. A missing file is an empty queue; a damaged one
// is renamed aside and reported with a *JournalError.
func readJournal(path string) (journalDoc, error) {
	var none journalDoc
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return none, nil
	}
	if err != nil {
		return none, &JournalError{Path: path, Reason: err.Error()}
	}
	doc, err := decodeJournalDoc(data)
	if err == nil {
		return doc, nil
	}
	aside := fmt.Sprintf("%s.corrupt-%s", path, time.Now().Format("20060102T150405"))
	if rerr := os.Rename(path, aside); rerr != nil {
		return none, &JournalError{Path: path, Reason: fmt.Sprintf("%v, and it cannot be moved aside: %v", err, rerr)}
	}
	return none, &JournalError{Path: path, SetAside: aside, Reason: err.Error()}
}

func writeJournal(path string, doc journalDoc) error {
	data, err := encodeJournal(doc)
	if err != nil {
		return err
	}
	return xdg.WriteFile(path, data)
}
