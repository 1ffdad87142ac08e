package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/ui/common"
)

// localPage is how many directory entries a local listing reads at once.
const localPage = 1000

// Local is a directory on the local file system.
type Local struct{ Dir string }

// NewLocal returns the local directory dir, made absolute.
func NewLocal(dir string) Local {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	return Local{Dir: filepath.Clean(dir)}
}

// Kind is KindLocal.
func (l Local) Kind() Kind { return KindLocal }

// String is the directory's absolute path.
func (l Local) String() string { return l.Dir }

// Caps: local directories have a home and dot-files.
func (l Local) Caps() Caps { return Caps{Home: true, Hidden: true} }

// List reads the directory in pages of localPage entries.
func (l Local) List(ctx context.Context, emit func([]Entry) bool) error {
	f, err := os.Open(l.Dir)
	if err != nil {
		return localError(l.Dir, err)
	}
	defer f.Close()
	for ctx.Err() == nil {
		des, err := f.ReadDir(localPage)
		if len(des) > 0 && !emit(l.entries(des)) {
			return nil
		}
		if errors.Is(err, io.EOF) || (err == nil && len(des) == 0) {
			return nil
		}
		if err != nil {
			return localError(l.Dir, err)
		}
	}
	return ctx.Err()
}

func (l Local) entries(des []fs.DirEntry) []Entry {
	out := make([]Entry, 0, len(des))
	for _, de := range des {
		if e, ok := l.entry(de); ok {
			out = append(out, e)
		}
	}
	return out
}

// entry describes one directory entry, following symlinks for the type,
// size and time so a link to a folder opens like a folder.
func (l Local) entry(de fs.DirEntry) (Entry, bool) {
	path := filepath.Join(l.Dir, de.Name())
	info, err := de.Info()
	if err != nil {
		return Entry{}, false // removed since the directory was read
	}
	e := Entry{Name: de.Name(), Key: path, Link: info.Mode()&fs.ModeSymlink != 0}
	if e.Link {
		if target, err := os.Stat(path); err == nil {
			info = target
		}
	}
	e.IsDir = info.IsDir()
	e.Modified = info.ModTime()
	if info.Mode().IsRegular() {
		e.Size = info.Size()
	}
	return e, true
}

// Open enters a folder entry.
func (l Local) Open(e Entry) (Source, bool) {
	if !e.IsDir {
		return nil, false
	}
	return Local{Dir: e.Key}, true
}

// Parent is the enclosing directory; the root has none.
func (l Local) Parent() (Source, string, bool) {
	parent := filepath.Dir(l.Dir)
	if parent == l.Dir {
		return nil, "", false
	}
	return Local{Dir: parent}, filepath.Base(l.Dir), true
}

// Home is the user's home directory.
func (l Local) Home() (Source, bool) {
	home, err := os.UserHomeDir()
	if err != nil {
		return nil, false
	}
	return NewLocal(home), true
}

// Details stats one entry (without following a symlink, whose target is
// named instead).
func (l Local) Details(ctx context.Context, e Entry) (Details, error) {
	info, err := os.Lstat(e.Key)
	if err != nil {
		return Details{}, localError(e.Key, err)
	}
	d := Details{Title: e.Name, Fields: []Field{{"Path", e.Key}, {"Type", localType(e.Key, info)}}}
	if info.Mode().IsRegular() {
		d.Fields = append(d.Fields, Field{"Size", SizeText(info.Size())})
	}
	d.Fields = append(d.Fields,
		Field{"Mode", info.Mode().String()},
		Field{"Modified", info.ModTime().Local().Format("2006-01-02 15:04:05 MST")})
	return d, nil
}

func localType(path string, info fs.FileInfo) string {
	switch {
	case info.Mode()&fs.ModeSymlink != 0:
		target, err := os.Readlink(path)
		if err != nil {
			return "symbolic link"
		}
		return "symbolic link → " + target
	case info.IsDir():
		return "directory"
	case info.Mode().IsRegular():
		return "file"
	}
	return strings.TrimSpace(info.Mode().Type().String()) + " (special file)"
}

// localError turns an OS error into a sentence naming the path.
func localError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("cannot read %s: permission denied", path)
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s does not exist (any more)", path)
	}
	return fmt.Errorf("cannot read %s: %v", path, err)
}

// SizeText is a size for details: human and exact ("1.5 KiB (1,536 bytes)").
func SizeText(n int64) string {
	if n < 1024 {
		return fmt.Sprintf("%d bytes", n)
	}
	return fmt.Sprintf("%s (%s bytes)", common.HumanSize(n), units.Count(n))
}
