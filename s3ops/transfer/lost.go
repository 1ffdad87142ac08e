package transfer

import (
	"errors"
	"os"

	"github.com/ferry-s3/ferry/s3ops"
)

// A job that fails in a way a resume cannot mend keeps nothing: its
// multipart upload is aborted (it would stay billed on the server) and a
// download's temp file removed (it would stay in the user's folder, and
// every re-run would "resume" it and fail again). The job is marked lost:
// it is still listed as failed and Retry starts it over, but a run whose
// jobs are all finished or lost leaves no journal behind (JobStatus.Resumable).
// Interruptions, network and server failures and expired credentials
// keep what was transferred for a resume.

// failedForGood reports whether err ends a job of direction dir in a way
// resuming cannot mend: the source changed or is gone, the object changed
// or is gone, the store refused (no bucket, an argument or condition it
// will not take; for uploads also no access), the bytes never checked
// out, the local file system refused (permissions, a read-only or full
// disk). A download refused access keeps its ranges: access can be
// granted and the rest fetched (its temp file costs only local disk,
// where an upload's parts are billed on the server).
func failedForGood(dir Direction, err error) bool {
	var disk *diskFullError
	var pathErr *os.PathError
	var linkErr *os.LinkError
	switch {
	case errors.Is(err, errSourceChanged), errors.Is(err, errSourceGone), errors.Is(err, errObjectChanged),
		errors.Is(err, errMismatch), errors.Is(err, errCopySourceChanged), errors.As(err, &disk), errors.As(err, &pathErr), errors.As(err, &linkErr):
		return true
	}
	switch s3ops.KindOf(err) {
	case s3ops.KindNoSuchBucket, s3ops.KindNoSuchKey, s3ops.KindInvalidArgument, s3ops.KindExists:
		return true
	case s3ops.KindAccessDenied:
		return dir != Download
	}
	return false
}

// loseLocked discards what a job that failed for good kept. Called with
// e.mu held.
func (e *Engine) loseLocked(j *job) {
	j.rec.Lost = true
	if j.rec.Dir != Download {
		e.forgetUploadLocked(j) // resuming cannot mend it: do not leave it billed
		return
	}
	if j.rec.Temp != "" {
		_ = os.Remove(j.rec.Temp)
	}
	j.rec.Temp = ""
	j.forgetRanges()
	j.setDone(0)
}
