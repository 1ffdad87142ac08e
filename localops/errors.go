package localops

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// Refusals the UI can test for with errors.Is and turn into a question.
var (
	// ErrDestinationExists: the target name is taken and Overwrite was
	// not set. It matches fs.ErrExist too.
	ErrDestinationExists = fmt.Errorf("the destination already exists: %w", fs.ErrExist)
	// ErrIntoItself: a folder cannot be moved into itself or below, and
	// nothing can replace a folder that contains it.
	ErrIntoItself = errors.New("a folder cannot be moved into itself")
	// ErrSameFile: source and destination are the same.
	ErrSameFile = errors.New("source and destination are the same")
	// ErrNoTrash: there is no trash for this path (other filesystem
	// without a usable trash, or a platform without one); the UI should
	// offer a permanent delete with a stronger confirmation.
	ErrNoTrash = errors.New("no trash is available for this location")
)

// Error is a failed local operation on Path, with a sentence for the user
// ("cannot move /a/b: permission denied"). Err keeps the cause.
type Error struct {
	Op   string // what was being done: "move", "delete", "trash", ...
	Path string
	Err  error
}

func (e *Error) Error() string { return fmt.Sprintf("cannot %s %s: %s", e.Op, e.Path, reason(e.Err)) }
func (e *Error) Unwrap() error { return e.Err }

// reason is the short cause of err: the system's words for an errno
// ("permission denied", "no space left on device"), not the repeated path.
func reason(err error) string {
	var pe *fs.PathError
	var le *os.LinkError
	var se *os.SyscallError
	var errno syscall.Errno
	switch {
	case errors.As(err, &pe):
		return reason(pe.Err)
	case errors.As(err, &le):
		return reason(le.Err)
	case errors.As(err, &se):
		return reason(se.Err)
	case errors.As(err, &errno):
		return errno.Error()
	}
	return err.Error()
}

func fail(op, path string, err error) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	return &Error{Op: op, Path: path, Err: err}
}
