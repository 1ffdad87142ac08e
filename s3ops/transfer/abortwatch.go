package transfer

import (
	"context"
	"errors"
	"time"

	"github.com/ferry-s3/ferry/s3ops"
)

// An aborted multipart upload can come back: a part request the server
// was still receiving when the upload was aborted may be stored after
// the abort (S3's documentation says to abort again; versitygw recreates
// the upload). How long that can take depends on how much of the part
// was still buffered on the way, which on a slow uplink is many seconds.
// abort therefore watches briefly itself, and then hands the upload to a
// background watcher that checks it until it has stayed gone for
// Options.AbortLateWatch, aborting it again each time it reappears. Pending
// checks are journaled: one that outlives the engine is finished by the
// next engine after Restore, so no upload is orphaned by a quick exit.

const (
	abortCheckFirst = 500 * time.Millisecond
	abortCheckMax   = 5 * time.Second
)

// abortRec is an aborted upload still being watched, as journaled.
type abortRec struct {
	Bucket   string `json:"bucket"`
	Key      string `json:"key"`
	UploadID string `json:"upload,omitempty"`
	Until    int64  `json:"until"` // unix nanoseconds: watched until then
	// Strays, when set, makes this a sweep for uploads of Key that a
	// create cut off since then (unix nanoseconds) may have left (see
	// strays.go); UploadID is then empty.
	Strays int64 `json:"strays,omitempty"`
}

// pendingAbort is an aborted upload the watcher still checks.
type pendingAbort struct {
	rec  abortRec
	next time.Time     // when to check next
	gap  time.Duration // the wait after the next check
	gone bool          // the last check found it gone
}

func abortKey(loc s3ops.Location, id string) string {
	return loc.Bucket + "\x00" + loc.Key + "\x00" + id
}

// watchAborted hands an upload being aborted to the watcher (again, to
// restart its watch after a fresh abort).
func (e *Engine) watchAborted(loc s3ops.Location, id string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.watchAbortedLocked(loc, id)
}

// watchAbortedLocked is watchAborted with e.mu held. Callers that drop a
// job's upload id call it under the same lock, so the journal never
// loses track of the upload.
func (e *Engine) watchAbortedLocked(loc s3ops.Location, id string) {
	e.watchLocked(abortRec{Bucket: loc.Bucket, Key: loc.Key, UploadID: id,
		Until: time.Now().Add(e.o.AbortLateWatch).UnixNano()}, abortCheckFirst)
}

func (e *Engine) watchLocked(r abortRec, first time.Duration) {
	id := r.UploadID
	if r.Strays != 0 {
		id = "strays"
	}
	e.aborts[abortKey(s3ops.Location{Bucket: r.Bucket, Key: r.Key}, id)] =
		&pendingAbort{rec: r, next: time.Now().Add(first), gap: abortCheckFirst}
	e.persistLocked()
	select {
	case e.abortWake <- struct{}{}:
	default:
	}
}

// abortLoop checks pending aborts as they fall due until the engine stops.
func (e *Engine) abortLoop() {
	defer e.bg.Done()
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		timer.Reset(e.nextAbortCheck())
		select {
		case <-e.ctx.Done():
			return
		case <-e.abortWake:
		case <-timer.C:
			e.checkAborts(e.ctx)
		}
	}
}

// nextAbortCheck is how long until the first pending check falls due.
func (e *Engine) nextAbortCheck() time.Duration {
	e.mu.Lock()
	defer e.mu.Unlock()
	wait := time.Hour
	for _, p := range e.aborts {
		wait = min(wait, max(0, time.Until(p.next)))
	}
	return wait
}

// checkAborts checks every pending abort that is due: one that came back
// is aborted again and watched anew; one that stayed gone past its watch
// is forgotten.
func (e *Engine) checkAborts(ctx context.Context) {
	e.mu.Lock()
	var due []*pendingAbort
	for _, p := range e.aborts {
		if !time.Now().Before(p.next) {
			due = append(due, p)
		}
	}
	e.mu.Unlock()
	for _, p := range due {
		gone, reaborted := e.probeAborted(ctx, p.rec)
		if ctx.Err() != nil {
			return
		}
		e.mu.Lock()
		p.gone = gone
		switch {
		case gone && time.Now().UnixNano() > p.rec.Until:
			for k, q := range e.aborts {
				if q == p {
					delete(e.aborts, k)
				}
			}
			e.persistLocked()
		case reaborted: // it was back, and is aborted again
			p.rec.Until = time.Now().Add(e.o.AbortLateWatch).UnixNano()
			p.gap = abortCheckFirst
			e.persistLocked()
		}
		p.next = time.Now().Add(p.gap)
		p.gap = min(2*p.gap, abortCheckMax)
		e.mu.Unlock()
	}
}

// probeAborted checks one watched upload (or sweeps one key for strays)
// and aborts what it finds: gone means nothing was there.
func (e *Engine) probeAborted(ctx context.Context, r abortRec) (gone, reaborted bool) {
	loc := s3ops.Location{Bucket: r.Bucket, Key: r.Key}
	if r.Strays != 0 {
		n, err := e.sweepStrays(ctx, loc, "", time.Unix(0, r.Strays))
		return err == nil && n == 0, n > 0
	}
	_, err := e.c.ListParts(ctx, loc, r.UploadID)
	var se *s3ops.Error
	if errors.As(err, &se) && se.Code == "NoSuchUpload" {
		return true, false
	}
	if err != nil {
		return false, false
	}
	return false, e.c.AbortMultipartUpload(ctx, loc, r.UploadID) == nil
}

// adoptAborts brings back the watches of the previous run: each upload
// is checked (and aborted again if it came back) at least once more.
// Called with e.mu held.
func (e *Engine) adoptAborts(recs []abortRec) {
	for _, r := range recs {
		e.watchLocked(r, 0)
	}
}

// abortRecords lists the pending aborts for the journal. Called with
// e.mu held.
func (e *Engine) abortRecords() []abortRec {
	var out []abortRec
	for _, p := range e.aborts {
		out = append(out, p.rec)
	}
	return out
}
