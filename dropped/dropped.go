// Package dropped parses terminal pastes produced by drag-and-drop of files into paths.
//
// Terminals turn a file drop into ordinary pasted text, and every terminal
// does it differently: kitty pastes raw paths one per line, iTerm2,
// Terminal.app and WezTerm escape shell metacharacters with backslashes, VTE
// terminals (GNOME Terminal, Tilix, ...) single-quote each path, Windows
// Terminal double-quotes paths that contain spaces, and some sources paste a
// text/uri-list of file:// URIs. Split recognises all of these (and mixtures
// of them) and refuses anything that does not look like a list of paths, so
// that ordinary typed or pasted text can be passed on untouched.
package dropped

import (
	"os"
	"path/filepath"
)

// Path is one path found in a paste.
type Path struct {
	Path   string // cleaned absolute (or as given if relative) local path
	Exists bool   // whether os.Lstat succeeded at parse time
	IsDir  bool   // whether the path (following symlinks) is a directory
	Size   int64  // bytes for regular files (0 for dirs / missing)
}

// Parse reads a paste. ok is false when the paste does not look like a list of paths
// (e.g. ordinary typed text), in which case the caller leaves it to whatever has focus.
//
// Paths are deduplicated, keeping the order of first appearance, and each is
// stat'ed once. A dangling symlink is reported with Exists true, IsDir false
// and Size 0.
func Parse(text string) (paths []Path, ok bool) {
	tokens, ok := Split(text)
	if !ok {
		return nil, false
	}
	seen := make(map[string]struct{}, len(tokens))
	paths = make([]Path, 0, len(tokens))
	for _, tok := range tokens {
		p := clean(tok)
		if _, dup := seen[p]; dup {
			continue
		}
		seen[p] = struct{}{}
		paths = append(paths, stat(p))
	}
	return paths, true
}

// clean cleans absolute paths and leaves relative ones as given.
func clean(p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return p
}

// stat describes p using Lstat for existence and Stat for the rest.
func stat(p string) Path {
	out := Path{Path: p}
	if _, err := os.Lstat(p); err != nil {
		return out
	}
	out.Exists = true
	fi, err := os.Stat(p)
	if err != nil {
		return out // dangling symlink (or unreadable target)
	}
	out.IsDir = fi.IsDir()
	if fi.Mode().IsRegular() {
		out.Size = fi.Size()
	}
	return out
}
