package transfer

import (
	"path/filepath"
	"strings"
	"time"
)

// How the engine keeps the ledger (ledger.go): an upload is recorded when
// a job gets or resumes it, dropped when it completes or is aborted, and
// a job that starts an upload first looks for one an earlier run left
// for the same source and destination.

// ledgerEntryOf is the ledger's view of an upload job. Called with e.mu
// held or before the job is shared.
func (e *Engine) ledgerEntryOf(j *job) LedgerEntry {
	src, _ := filepath.Abs(j.rec.Local)
	entry := LedgerEntry{Endpoint: e.endpoint, Bucket: j.rec.Bucket, Key: j.rec.Key, Source: src,
		UploadID: j.rec.UploadID, PartSize: j.rec.PartSize, Checksum: j.rec.Checksum, Touched: time.Now().UnixNano()}
	if j.rec.Src != nil {
		entry.Size, entry.MTime = j.rec.Src.Size, j.rec.Src.MTime
	}
	return entry
}

// takeLeftUpload gives a job without an upload the one an earlier run
// (of any journal, any spelling) left for the same source and
// destination when the source is the file it was sending: reconcile then
// keeps the parts the server holds that match the file. When the source
// changed since, the left upload is aborted: nothing can resume it.
func (e *Engine) takeLeftUpload(j *job, src srcStat) {
	e.mu.Lock()
	want, have := e.ledgerEntryOf(j), j.rec.UploadID != ""
	e.mu.Unlock()
	if have {
		return
	}
	left, ok := e.ledger.lookup(want)
	if !ok || e.heldUploads()[left.UploadID] {
		return
	}
	if left.Size == src.Size && left.MTime == src.MTime && left.PartSize > 0 {
		e.mu.Lock()
		j.rec.UploadID, j.rec.PartSize, j.rec.Checksum = left.UploadID, left.PartSize, left.Checksum
		j.resetParts()
		e.persistLocked()
		e.mu.Unlock()
		return
	}
	e.abortInBackground(left)
}

// abortLeftFor aborts the uploads earlier runs left for sources at or
// below path, which no longer exists: nothing can resume them.
func (e *Engine) abortLeftFor(path string) {
	entries, _ := e.ledger.Entries()
	held := e.heldUploads()
	for _, left := range entries {
		below := left.Source == path || strings.HasPrefix(left.Source, path+string(filepath.Separator))
		if left.Endpoint == e.endpoint && below && !held[left.UploadID] {
			e.abortInBackground(left)
		}
	}
}

func (e *Engine) abortInBackground(left LedgerEntry) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.watchAbortedLocked(left.location(), left.UploadID)
	e.wg.Add(1)
	go func() {
		defer e.wg.Done()
		_ = e.abort(left.location(), left.UploadID)
	}()
}

// recordUpload writes the job's upload to the ledger (again: the time it
// was last worked on is what ferry ls --incomplete shows).
func (e *Engine) recordUpload(j *job) {
	e.mu.Lock()
	entry := e.ledgerEntryOf(j)
	e.mu.Unlock()
	if entry.UploadID != "" {
		_ = e.ledger.put(entry)
	}
}
