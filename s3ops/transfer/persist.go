package transfer

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/ferry-s3/ferry/s3ops/checksum"
)

// minJournalGap spaces journal writes: changes within it are written
// together, so a burst of small files costs a few writes, not thousands.
// A long queue waits a little longer per write (perRecordGap per job), so
// snapshot cost stays a small share of the work.
const (
	minJournalGap = 25 * time.Millisecond
	perRecordGap  = 50 * time.Microsecond
)

// Restore opens the journal, brings back the unfinished jobs of the
// previous run (paused, or failed / waiting for a decision as they were)
// and returns how many. Call it once, before adding jobs; ResumeAll then
// continues them. A damaged journal is moved aside and reported as a
// *JournalError; a journal held by another ferry is reported with Busy
// set, and this engine then keeps its queue in memory only. In both cases
// the engine stays usable.
func (e *Engine) Restore() (int, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.restoreLocked()
}

func (e *Engine) restoreLocked() (int, error) {
	if e.restored {
		return 0, nil
	}
	e.restored = true
	path := e.o.JournalPath
	if path == "-" {
		return 0, nil
	}
	if path == "" {
		p, err := DefaultJournalPath()
		if err != nil {
			return 0, &JournalError{Path: "(state dir)", Reason: err.Error()}
		}
		path = p
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return 0, &JournalError{Path: path, Reason: err.Error()}
	}
	lock, busy, err := lockJournal(path)
	if err != nil {
		return 0, &JournalError{Path: path, Busy: busy, Reason: err.Error()}
	}
	e.lock = lock
	e.journalPath = path
	removeJournalTemps(path)
	doc, jerr := readJournal(path)
	for _, r := range doc.Jobs {
		e.adopt(r)
	}
	e.adoptAborts(doc.Aborts)
	e.persistLocked()
	return len(doc.Jobs), jerr
}

// adopt turns a journal record back into a job. Called with e.mu held.
func (e *Engine) adopt(r record) {
	b, ok := e.batches[r.Batch]
	if !ok {
		b = &batch{id: r.Batch, policy: r.BatchPolicy}
		e.batches[r.Batch] = b
	}
	j := &job{rec: r, batch: b, state: Paused, err: r.Err, resumed: true}
	switch r.State {
	case Failed, NeedsDecision:
		j.state, j.conflict = r.State, r.Conflict
	}
	if r.Dir != Download { // uploads and copies: parts sent
		j.resetParts()
		var done int64
		for _, p := range r.Parts {
			j.parts[p.N] = p.ETag
			if v, err := checksum.Parse(checksum.Algorithm(r.Checksum), p.CRC); err == nil {
				j.partCRCs[p.N] = v
			}
			done += partLen(r.Size, r.PartSize, p.N)
		}
		j.setDone(done)
	} else if n := rangeCount(r.Size, r.PartSize); n > 0 {
		if rs, err := decodeRanges(r.Ranges, n); err == nil {
			j.ranges = rs
			j.durable = r.Ranges
			j.partial, j.durablePartial = maps.Clone(r.Partial), r.Partial
			j.setDone(doneRangeBytes(rs, r.Size, r.PartSize) + j.partialBytes())
		}
	}
	b.jobs = append(b.jobs, j)
	e.jobs[r.ID] = j
	e.order = append(e.order, j)
	e.notifyLocked(j, false)
}

// persistLocked asks the journal writer for a new snapshot. Called with
// e.mu held; never blocks.
func (e *Engine) persistLocked() {
	select {
	case e.dirty <- struct{}{}:
	default:
	}
}

// journalLoop writes snapshots until the engine stops.
func (e *Engine) journalLoop() {
	defer e.bg.Done()
	for {
		select {
		case <-e.ctx.Done():
			return
		case <-e.dirty:
		}
		n, _ := e.flushJournal()
		select {
		case <-e.ctx.Done():
			return
		case <-time.After(minJournalGap + time.Duration(n)*perRecordGap):
		}
	}
}

// flushJournal writes the current queue. Downloads' new ranges are
// fsynced first, so the journal never claims bytes that are not on disk.
// It returns how many jobs it wrote. A failure (a full or unwritable
// state dir) does not stop the transfers; it is reported once, as a
// Notice, and so is the first write that works again.
func (e *Engine) flushJournal() (int, error) {
	n, wrote, err := e.writeSnapshot()
	if wrote || err != nil { // with nothing to save, nothing says whether saving works
		e.noteJournal(err)
	}
	return n, err
}

// noteJournal posts a Notice when saving the queue starts or stops
// failing (or fails for another reason).
func (e *Engine) noteJournal(err error) {
	text := ""
	if err != nil {
		text = "cannot save the transfer queue (" + err.Error() + "): transfers go on, but if ferry stops now they start over"
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	failing := text != ""
	if failing == e.journalFailing {
		return // reported already (a failure may change its words; it is still the one problem)
	}
	e.journalFailing = failing
	if failing {
		e.updates.post(Update{Notice: &Notice{Text: text, Problem: true}})
	} else {
		e.updates.post(Update{Notice: &Notice{Text: "the transfer queue is saved again"}})
	}
}

// writeSnapshot writes the journal (see flushJournal), or removes it
// when nothing is left to continue; wrote says whether a file was
// written.
func (e *Engine) writeSnapshot() (n int, wrote bool, err error) {
	e.journalMu.Lock() // snapshots reach the disk in the order they were taken
	defer e.journalMu.Unlock()
	doc, files, path := e.snapshot()
	if path == "" {
		return 0, false, nil
	}
	for _, f := range files {
		if err := f.Sync(); err != nil && !errors.Is(err, os.ErrClosed) {
			return 0, false, fmt.Errorf("sync download: %w", err)
		}
	}
	if len(doc.Jobs) == 0 && len(doc.Aborts) == 0 {
		// Nothing to continue: no journal at all, not an empty one.
		if err := os.Remove(path); err != nil {
			if _, serr := os.Stat(path); serr == nil {
				return 0, false, err // it is there and stays: a stale snapshot
			}
		}
		return 0, false, nil
	}
	return len(doc.Jobs), true, writeJournal(path, doc)
}

// snapshot copies the unfinished jobs into records and collects the temp
// files to fsync. Ranges written after this point are in the next one.
func (e *Engine) snapshot() (journalDoc, []fileSyncer, string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.journalPath == "" {
		return journalDoc{}, nil, ""
	}
	var recs []record
	var files []fileSyncer
	for _, j := range e.order {
		if j.state == Done || j.state == Cancelled || j.state == Skipped {
			continue
		}
		if j.unsynced && j.file != nil {
			files = append(files, j.file)
			j.durable = encodeRanges(j.ranges)
			j.durablePartial = maps.Clone(j.partial)
			j.unsynced = false
		}
		recs = append(recs, j.record())
	}
	return journalDoc{Jobs: recs, Aborts: e.abortRecords()}, files, e.journalPath
}

// record is the job's journal form. Called with e.mu held.
func (j *job) record() record {
	r := j.rec
	r.State, r.Err, r.Conflict = j.state, j.err, j.conflict
	r.Parts = nil
	for n, etag := range j.parts {
		pr := partRec{N: n, ETag: etag}
		if v, ok := j.partCRCs[n]; ok {
			pr.CRC = v.String()
		}
		r.Parts = append(r.Parts, pr)
	}
	slices.SortFunc(r.Parts, func(a, b partRec) int { return cmp.Compare(a.N, b.N) })
	r.Ranges, r.Partial = j.durable, j.durablePartial
	return r
}

// removeJournalTemps deletes the temp files of journal writes that a
// crash cut short (the journal itself is only ever replaced by rename,
// so it is intact). Only the lock holder calls it: no write is running.
func removeJournalTemps(path string) {
	dir, prefix := filepath.Dir(path), "."+filepath.Base(path)+".tmp-"
	ents, _ := os.ReadDir(dir)
	for _, ent := range ents {
		if strings.HasPrefix(ent.Name(), prefix) {
			_ = os.Remove(filepath.Join(dir, ent.Name()))
		}
	}
}
