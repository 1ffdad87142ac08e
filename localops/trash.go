package localops

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// TrashedItem is a file or folder put in the trash: enough to show it
// and to put it back (Restore).
type TrashedItem struct {
	Original  string    // the absolute path it had
	TrashPath string    // where it is now
	InfoPath  string    // its .trashinfo file (freedesktop trash only)
	Deleted   time.Time // when it was trashed
}

// Trash moves path (a file, symlink or folder) to the desktop's trash:
// on Linux and other Unix desktops the freedesktop.org trash (the home
// trash in $XDG_DATA_HOME/Trash when path is on the same filesystem,
// else the filesystem's own .Trash/$uid or .Trash-$uid), on macOS
// ~/.Trash. Trashing is always a rename, never a copy. When no trash
// can take path, nothing is changed and the error is ErrNoTrash: the UI
// should then offer Remove with a stronger confirmation.
func Trash(path string) (TrashedItem, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return TrashedItem{}, fail("trash", path, err)
	}
	if err := refuseVital(abs); err != nil {
		return TrashedItem{}, fail("trash", abs, err)
	}
	if _, err := os.Lstat(abs); err != nil {
		return TrashedItem{}, fail("trash", abs, err)
	}
	item, err := trash(abs)
	return item, fail("trash", abs, err)
}

// Restore puts a trashed item back where it was (re-creating its folder
// if needed). If something else now has its name, nothing is changed
// and the error is ErrDestinationExists.
func Restore(item TrashedItem) error {
	if _, err := os.Lstat(item.Original); err == nil {
		return &Error{Op: "restore", Path: item.Original, Err: ErrDestinationExists}
	}
	if err := os.MkdirAll(filepath.Dir(item.Original), 0o777); err != nil {
		return fail("restore", item.Original, err)
	}
	if err := Move(item.TrashPath, item.Original, MoveOptions{}); err != nil {
		return err
	}
	if item.InfoPath != "" {
		if err := os.Remove(item.InfoPath); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fail("restore", item.Original, fmt.Errorf("restored, but its trash record %s remains: %s", item.InfoPath, reason(err)))
		}
	}
	return nil
}
