package syncplan

import (
	"context"
	"errors"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"
)

// Local is a local folder tree as a side of a sync.
type Local struct {
	Root   string
	Filter *Filter
	// FollowSymlinks walks into linked folders and reads linked files;
	// without it links are left out (and said so).
	FollowSymlinks bool
	// Skipped hears of each path left out, and why.
	Skipped func(Skip)
	// Unreadable hears of each folder that could not be read: what is
	// below it is unknown, so nothing there may be deleted.
	Unreadable func(path string)
	// MissingIsEmpty lists a Root that does not exist as empty: a
	// destination folder the sync is about to make.
	MissingIsEmpty bool
}

func (l *Local) String() string { return l.Root }

// Entries walks the tree in the order S3 lists keys: bytewise by path.
// Reading a folder's entries sorted by name is not that order ("a-b"
// comes before "a/…" bytewise, after "a" by name), so a folder's
// entries are sorted with a "/" after the names of folders.
func (l *Local) Entries(ctx context.Context) iter.Seq2[Entry, error] {
	return func(yield func(Entry, error) bool) {
		fi, err := os.Stat(l.Root)
		if errors.Is(err, fs.ErrNotExist) && l.MissingIsEmpty {
			return
		}
		if err != nil {
			yield(Entry{}, err)
			return
		}
		if !fi.IsDir() {
			yield(Entry{}, &fs.PathError{Op: "sync", Path: l.Root, Err: errors.New("not a folder")})
			return
		}
		w := walk{l: l, ctx: ctx, yield: yield, seen: map[string]bool{}}
		w.dir(l.Root, "")
	}
}

// walk is one walk of a Local tree.
type walk struct {
	l     *Local
	ctx   context.Context
	yield func(Entry, error) bool
	seen  map[string]bool // real paths of the folders on the way down (link loops)
	done  bool
}

// child is one entry of a folder, resolved.
type child struct {
	name string
	fi   fs.FileInfo
	key  string // the name, with "/" for folders: the sort key
}

func (w *walk) dir(full, rel string) {
	if w.done || w.ctx.Err() != nil {
		w.stop(w.ctx.Err())
		return
	}
	real, _ := filepath.EvalSymlinks(full)
	if w.seen[real] {
		w.skip(rel, "a symbolic link loop")
		return
	}
	w.seen[real] = true
	defer delete(w.seen, real)
	kids, err := w.children(full, rel)
	if err != nil {
		if rel == "" {
			w.stop(err)
			return
		}
		w.skip(rel, "cannot read the folder: "+errText(err))
		if w.l.Unreadable != nil {
			w.l.Unreadable(rel)
		}
		return
	}
	for _, k := range kids {
		if w.done {
			return
		}
		path := joinRel(rel, k.name)
		if k.fi.IsDir() {
			if w.l.Filter.Folder(path) {
				w.dir(filepath.Join(full, k.name), path)
			}
			continue
		}
		if w.l.Filter.File(path) && !w.yield(Entry{Path: path, Size: k.fi.Size(), ModTime: k.fi.ModTime(), Local: filepath.Join(full, k.name)}, nil) {
			w.done = true
		}
	}
}

// children reads a folder: regular files and folders (links resolved
// when followed), sorted as S3 sorts keys; the rest is skipped.
func (w *walk) children(full, rel string) ([]child, error) {
	ents, err := os.ReadDir(full)
	if err != nil {
		return nil, err
	}
	kids := make([]child, 0, len(ents))
	for _, de := range ents {
		path := joinRel(rel, de.Name())
		if !utf8.ValidString(de.Name()) {
			w.skip(path, "the name is not valid UTF-8, which S3 keys must be")
			continue
		}
		fi, err := w.resolve(filepath.Join(full, de.Name()), de)
		if err != nil {
			w.skip(path, errText(err))
			continue
		}
		switch {
		case fi == nil:
			w.skip(path, "symbolic link not followed")
		case fi.IsDir():
			kids = append(kids, child{name: de.Name(), fi: fi, key: de.Name() + "/"})
		case fi.Mode().IsRegular():
			kids = append(kids, child{name: de.Name(), fi: fi, key: de.Name()})
		default:
			w.skip(path, "not a regular file")
		}
	}
	slices.SortFunc(kids, func(a, b child) int { return strings.Compare(a.key, b.key) })
	return kids, nil
}

// resolve stats an entry, following a link only when asked (nil, nil
// for a link left alone).
func (w *walk) resolve(full string, de fs.DirEntry) (fs.FileInfo, error) {
	if de.Type()&fs.ModeSymlink != 0 {
		if !w.l.FollowSymlinks {
			return nil, nil
		}
		return os.Stat(full)
	}
	return de.Info()
}

func (w *walk) skip(path, reason string) {
	if w.l.Skipped != nil {
		w.l.Skipped(Skip{Path: path, Reason: reason})
	}
}

func (w *walk) stop(err error) {
	if !w.done && err != nil {
		w.yield(Entry{}, err)
	}
	w.done = true
}

func joinRel(rel, name string) string {
	if rel == "" {
		return name
	}
	return rel + "/" + name
}

func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return err.Error()
}
