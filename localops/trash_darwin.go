package localops

import (
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// trash renames abs into ~/.Trash under a free name ("name 2.ext", ...),
// as the Finder names clashes. Files on other volumes are refused with
// ErrNoTrash rather than copied.
func trash(abs string) (TrashedItem, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return TrashedItem{}, ErrNoTrash
	}
	dir := filepath.Join(home, ".Trash")
	if within(abs, dir) {
		return TrashedItem{}, fmt.Errorf("it is already in the trash")
	}
	if !sameDevice(abs, dir) {
		return TrashedItem{}, ErrNoTrash
	}
	for i := 1; i < 10000; i++ {
		target := filepath.Join(dir, numbered(filepath.Base(abs), i, " "))
		if _, err := os.Lstat(target); err == nil {
			continue
		}
		if err := os.Rename(abs, target); err != nil {
			if isCrossDevice(err) {
				return TrashedItem{}, ErrNoTrash
			}
			return TrashedItem{}, err
		}
		return TrashedItem{Original: abs, TrashPath: target, Deleted: time.Now()}, nil
	}
	return TrashedItem{}, fmt.Errorf("too many items named %s in the trash", filepath.Base(abs))
}
