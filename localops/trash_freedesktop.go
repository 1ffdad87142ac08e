//go:build unix && !darwin

package localops

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// The freedesktop.org Trash specification (1.0): a trash directory holds
// files/ (the trashed items, renamed there) and info/ (one NAME.trashinfo
// per item with its original path and deletion date). The home trash is
// $XDG_DATA_HOME/Trash; other filesystems have $topdir/.Trash/$uid (if an
// administrator made a sticky .Trash) or $topdir/.Trash-$uid.

func trash(abs string) (TrashedItem, error) {
	if home, err := homeTrash(); err == nil {
		if within(abs, home) {
			return TrashedItem{}, errors.New("it is already in the trash")
		}
		if sameDevice(abs, home) {
			item, err := trashInto(home, abs, abs)
			if err == nil || !isCrossDevice(err) {
				return item, err
			}
			// Same filesystem, other mount (a bind mount): try its own trash.
		}
	}
	top, err := mountTop(abs)
	if err != nil {
		return TrashedItem{}, ErrNoTrash
	}
	rel, err := filepath.Rel(top, abs)
	if err != nil {
		return TrashedItem{}, ErrNoTrash
	}
	for _, dir := range topdirTrashes(top) {
		if within(abs, dir) {
			return TrashedItem{}, errors.New("it is already in the trash")
		}
		item, err := trashInto(dir, abs, rel)
		if err == nil || !isCrossDevice(err) {
			return item, err
		}
	}
	return TrashedItem{}, ErrNoTrash
}

// homeTrash is $XDG_DATA_HOME/Trash (default ~/.local/share/Trash),
// created if missing.
func homeTrash() (string, error) {
	data := os.Getenv("XDG_DATA_HOME")
	if !filepath.IsAbs(data) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		data = filepath.Join(home, ".local", "share")
	}
	dir := filepath.Join(data, "Trash")
	return dir, makeTrashDir(dir)
}

func makeTrashDir(dir string) error {
	for _, d := range []string{filepath.Join(dir, "files"), filepath.Join(dir, "info")} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return err
		}
	}
	return nil
}

// mountTop is the top directory of the filesystem holding abs: the last
// ancestor on the same device.
func mountTop(abs string) (string, error) {
	dev, err := deviceOf(abs)
	if err != nil {
		return "", err
	}
	top := abs
	for parent := filepath.Dir(top); parent != top; top, parent = parent, filepath.Dir(parent) {
		if d, err := deviceOf(parent); err != nil || d != dev {
			break
		}
	}
	return top, nil
}

// topdirTrashes are the usable trash directories of the filesystem whose
// top is top, in the spec's order of preference.
func topdirTrashes(top string) []string {
	uid := strconv.Itoa(os.Getuid())
	var dirs []string
	shared := filepath.Join(top, ".Trash")
	if fi, err := os.Lstat(shared); err == nil && fi.IsDir() && fi.Mode()&os.ModeSticky != 0 {
		if d := filepath.Join(shared, uid); ownTrashDir(d) {
			dirs = append(dirs, d)
		}
	}
	if d := filepath.Join(top, ".Trash-"+uid); ownTrashDir(d) {
		dirs = append(dirs, d)
	}
	return dirs
}

// ownTrashDir creates dir (0700) if needed and checks that it is a real
// directory, not a symlink someone planted.
func ownTrashDir(dir string) bool {
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, os.ErrExist) {
		return false
	}
	fi, err := os.Lstat(dir)
	return err == nil && fi.IsDir() && makeTrashDir(dir) == nil
}

// trashInto records abs in trashDir/info, then renames it into
// trashDir/files. pathValue is what the record says the original path
// was (absolute, or relative to the filesystem top for a topdir trash).
func trashInto(trashDir, abs, pathValue string) (TrashedItem, error) {
	now := time.Now()
	name, infoPath, err := reserveInfo(trashDir, filepath.Base(abs), pathValue, now)
	if err != nil {
		return TrashedItem{}, err
	}
	target := filepath.Join(trashDir, "files", name)
	if err := os.Rename(abs, target); err != nil {
		os.Remove(infoPath)
		return TrashedItem{}, err
	}
	return TrashedItem{Original: abs, TrashPath: target, InfoPath: infoPath, Deleted: now}, nil
}

// reserveInfo claims a free name by creating its .trashinfo exclusively
// (the spec's way to avoid races between programs) and writes the record.
func reserveInfo(trashDir, base, pathValue string, now time.Time) (string, string, error) {
	record := fmt.Sprintf("[Trash Info]\nPath=%s\nDeletionDate=%s\n", escapePath(pathValue), now.Format("2006-01-02T15:04:05"))
	for i := 1; i < 10000; i++ {
		name := numbered(base, i, ".")
		infoPath := filepath.Join(trashDir, "info", name+".trashinfo")
		f, err := os.OpenFile(infoPath, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return "", "", err
		}
		if _, err := os.Lstat(filepath.Join(trashDir, "files", name)); err == nil {
			f.Close() // a stray item without a record: leave it alone
			os.Remove(infoPath)
			continue
		}
		_, err = f.WriteString(record)
		if err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(infoPath)
			return "", "", err
		}
		return name, infoPath, nil
	}
	return "", "", fmt.Errorf("too many items named %s in the trash", base)
}

// escapePath percent-encodes a path for a .trashinfo record (RFC 2396
// escaping of every byte except unreserved characters and "/").
func escapePath(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-_.!~*'()/", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
