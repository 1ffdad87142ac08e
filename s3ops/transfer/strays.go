package transfer

import (
	"context"
	"errors"
	"time"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/checksum"
)

// CreateMultipartUpload is not idempotent. When its answer is lost (the
// connection breaks after the server created the upload, the user
// cancels while it is on its way, ferry is killed) the upload exists on
// the server under an id ferry never learned, and would be billed there
// forever. So before each create the job journals when it started
// creating (written to disk before the request leaves), the id is
// journaled as soon as it arrives, and creates are made with one attempt
// per call. Once the job has an upload (or is cancelled, or fails for
// good), uploads of the same key that the server started since the mark
// and that no job holds are aborted. A mark that survives a crash makes
// the resumed job sweep too.
//
// The window is measured on the server's clock when ferry has an upload
// of its own to compare with (it is listed with the strays), and on the
// local clock with a generous slack otherwise.

const (
	// straySlack widens a window measured on the server's clock, whose
	// timestamps have one-second resolution.
	straySlack = 2 * time.Second
	// strayLocalSlack widens a window measured on the local clock, which
	// may differ from the server's.
	strayLocalSlack = 30 * time.Second
)

// createUpload makes one CreateMultipartUpload attempt for j and, when
// earlier attempts (of this run or one that crashed) may have left
// strays, sweeps them once it succeeds.
func (e *Engine) createUpload(ctx context.Context, j *job) (string, error) {
	start := time.Now()
	e.mu.Lock()
	if j.rec.Creating == 0 {
		j.rec.Creating = start.UnixNano()
	}
	from := time.Unix(0, j.rec.Creating)
	e.mu.Unlock()
	_, _ = e.flushJournal() // the mark is on disk before the request leaves
	id, alg, err := e.createOnce(ctx, j)
	if err != nil {
		if !mayHaveCreated(err) && from.Equal(start) {
			e.mu.Lock()
			j.rec.Creating = 0 // refused: nothing was created
			e.mu.Unlock()
		}
		return "", err
	}
	if from.Before(start) {
		_, _ = e.sweepStrays(ctx, j.loc(), id, from)
	}
	e.mu.Lock()
	j.rec.Checksum = string(alg)
	e.mu.Unlock()
	return id, nil
}

// createOnce makes one create, declaring the upload's full-object
// checksum unless the store refuses checksums (then, once refused, a
// plain create follows at once: a refusal created nothing).
func (e *Engine) createOnce(ctx context.Context, j *job) (string, checksum.Algorithm, error) {
	if j.rec.Dir == Copy {
		return e.createCopyOnce(ctx, j)
	}
	if alg := e.uploadAlg(); alg != "" {
		id, err := e.c.CreateCheckedUploadOnce(ctx, j.loc(), j.rec.ContentType, alg)
		if !e.refusesChecksums(err) {
			return id, alg, err
		}
	}
	id, err := e.c.CreateMultipartUploadOnce(ctx, j.loc(), j.rec.ContentType)
	return id, "", err
}

// mayHaveCreated reports whether a failed attempt may still have created
// an upload: it broke off, or the server failed after accepting it. A
// refusal (4xx, SlowDown) created nothing.
func mayHaveCreated(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	switch s3ops.KindOf(err) {
	case s3ops.KindNetwork, s3ops.KindServer, s3ops.KindCanceled, s3ops.KindOther:
		return true
	}
	return false
}

// watchStraysLocked leaves a job's possible strays to the abort watcher
// (the job was cancelled or failed before it learned an upload id). The
// watcher sweeps for Options.AbortLateWatch, since a create that was cut
// off may still be running on the server. Called with e.mu held.
func (e *Engine) watchStraysLocked(j *job) {
	if j.rec.Creating == 0 {
		return
	}
	e.watchLocked(abortRec{Bucket: j.rec.Bucket, Key: j.rec.Key, Strays: j.rec.Creating,
		Until: time.Now().Add(e.o.AbortLateWatch).UnixNano()}, 0)
	j.rec.Creating = 0
}

// sweepStrays aborts the uploads of loc's key that the server started
// since from and no job holds, other than ours (when ours is "", the
// window is taken on the local clock). It reports how many it found.
func (e *Engine) sweepStrays(ctx context.Context, loc s3ops.Location, ours string, from time.Time) (int, error) {
	ups, err := e.c.ListMultipartUploads(ctx, loc)
	if err != nil {
		return 0, err
	}
	lo, hi := from.Add(-strayLocalSlack), time.Now().Add(strayLocalSlack)
	for _, u := range ups {
		if u.Key == loc.Key && u.UploadID == ours && !u.Initiated.IsZero() {
			lo, hi = u.Initiated.Add(-time.Since(from)-straySlack), u.Initiated.Add(straySlack)
		}
	}
	held := e.heldUploads()
	found := 0
	for _, u := range ups {
		if u.Key != loc.Key || u.UploadID == ours || held[u.UploadID] || u.Initiated.Before(lo) || u.Initiated.After(hi) {
			continue
		}
		found++
		_ = e.abort(loc, u.UploadID)
	}
	return found, nil
}

// heldUploads are the upload ids jobs of this engine hold.
func (e *Engine) heldUploads() map[string]bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	held := map[string]bool{}
	for _, j := range e.order {
		if j.rec.UploadID != "" {
			held[j.rec.UploadID] = true
		}
	}
	return held
}
