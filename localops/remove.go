package localops

import (
	"errors"
	"os"
	"path/filepath"
)

// Remove deletes path for good: a file, a symlink (not its target) or a
// folder with everything in it. It refuses a filesystem root and the
// home folder, which no file manager gesture should erase at once.
func Remove(path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return fail("delete", path, err)
	}
	if err := refuseVital(abs); err != nil {
		return fail("delete", abs, err)
	}
	if _, err := os.Lstat(abs); err != nil {
		return fail("delete", abs, err)
	}
	return fail("delete", abs, os.RemoveAll(abs))
}

// refuseVital refuses to delete or trash a filesystem root or $HOME.
func refuseVital(abs string) error {
	if filepath.Dir(abs) == abs {
		return errors.New("this is the root of the filesystem")
	}
	if home, err := os.UserHomeDir(); err == nil && filepath.Clean(home) == abs {
		return errors.New("this is your home folder")
	}
	return nil
}
