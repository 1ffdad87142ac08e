package transfer

import (
	"fmt"
	"path/filepath"

	"github.com/ferry-s3/ferry/internal/units"
)

// A download checks for room before it starts, and a write that fails
// because the disk filled up meanwhile (other downloads, other programs)
// removes the partial temp file: keeping it would hold the space the
// user needs to free, and the download cannot resume into a full disk
// anyway. Either way the job fails with the numbers, and Retry starts
// over once there is room.

// checkRoom fails when the target's folder has less free space than the
// bytes the job still has to write.
func (e *Engine) checkRoom(j *job) error {
	need := j.rec.Size - j.done.Load()
	dir := filepath.Dir(j.rec.Local)
	free, ok := freeBytes(dir)
	if !ok || free >= need {
		return nil
	}
	return fmt.Errorf("not enough free space in %s: the download needs %s more, %s is free",
		dir, units.Bytes(need), units.Bytes(free))
}

// diskFull removes the temp file of a download whose disk filled up and
// says so.
func (e *Engine) diskFull(j *job, err error) error {
	e.dropTemp(j)
	j.setDone(0)
	dir := filepath.Dir(j.rec.Local)
	msg := fmt.Sprintf("the disk is full: the download needs %s in %s", units.Bytes(j.rec.Size), dir)
	if free, ok := freeBytes(dir); ok {
		msg += fmt.Sprintf(", %s is free", units.Bytes(free))
	}
	return &diskFullError{msg: msg + "; the partial download was removed, retry once there is room", err: err}
}

// diskFullError is the sentence for a full disk; the write error stays
// reachable with errors.Is/As.
type diskFullError struct {
	msg string
	err error
}

func (e *diskFullError) Error() string { return e.msg }
func (e *diskFullError) Unwrap() error { return e.err }
