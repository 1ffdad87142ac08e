//go:build !unix

package transfer

import "os"

// lockJournal only creates the lock file where flock is not available.
func lockJournal(path string) (*os.File, bool, error) {
	f, err := os.OpenFile(path+".lock", os.O_RDWR|os.O_CREATE, 0o600)
	return f, false, err
}

// lockWait only creates the lock file where flock is not available.
func lockWait(path string) (*os.File, error) {
	return os.OpenFile(path+".lock", os.O_RDWR|os.O_CREATE, 0o600)
}
