//go:build unix

package transfer

import (
	"os"
	"syscall"
)

// lockJournal takes an exclusive advisory lock beside the journal so two
// ferry processes never write the same queue. The lock dies with the
// process, so a crash never leaves it stuck.
func lockJournal(path string) (*os.File, bool, error) {
	f, err := os.OpenFile(path+".lock", os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, false, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, err == syscall.EWOULDBLOCK, err
	}
	return f, false, nil
}

// lockWait takes an exclusive advisory lock on path+".lock", waiting for
// another process that holds it (for short read-modify-write updates).
func lockWait(path string) (*os.File, error) {
	f, err := os.OpenFile(path+".lock", os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}
