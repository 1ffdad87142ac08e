package localops

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// CheckName validates a name typed for a new folder or a rename: not
// empty, no "." or ".." or empty path elements, no NUL or control
// characters. A "/" inside makes nested folders (Mkdir) or moves into a
// subfolder (Rename).
func CheckName(name string) error {
	if name == "" {
		return fmt.Errorf("the name cannot be empty")
	}
	for _, part := range strings.Split(filepath.ToSlash(name), "/") {
		switch part {
		case "":
			return fmt.Errorf("%q: a name cannot start or end with %q or contain %q", name, "/", "//")
		case ".", "..":
			return fmt.Errorf("%q: %q and %q cannot be used as names", name, ".", "..")
		}
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f {
			return fmt.Errorf("%q: names cannot contain control characters", name)
		}
	}
	return nil
}

// Mkdir creates the folder name inside parent (with any missing folders
// of a nested name) and returns its path. An existing file or folder of
// that name is ErrDestinationExists.
func Mkdir(parent, name string) (string, error) {
	if err := CheckName(name); err != nil {
		return "", &Error{Op: "create folder", Path: name, Err: err}
	}
	path := filepath.Join(parent, filepath.FromSlash(name))
	if _, err := os.Lstat(path); err == nil {
		return "", &Error{Op: "create folder", Path: path, Err: ErrDestinationExists}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
		return "", fail("create folder", path, err)
	}
	if err := os.Mkdir(path, 0o777); err != nil { // the umask decides, as for mkdir(1)
		if os.IsExist(err) {
			err = ErrDestinationExists
		}
		return "", fail("create folder", path, err)
	}
	return path, nil
}

// Rename gives path a new name in the same folder (see Move for what is
// refused) and returns the new path.
func Rename(path, newName string, opt MoveOptions) (string, error) {
	if err := CheckName(newName); err != nil {
		return "", &Error{Op: "rename", Path: path, Err: err}
	}
	dst := filepath.Join(filepath.Dir(filepath.Clean(path)), filepath.FromSlash(newName))
	return dst, Move(path, dst, opt)
}

// numbered is name for i == 1, else name with i before its extension,
// joined by sep: "report.pdf", "report 2.pdf", ...
func numbered(name string, i int, sep string) string {
	if i == 1 {
		return name
	}
	ext := filepath.Ext(name)
	if ext == name || strings.HasPrefix(name, ".") && strings.Count(name, ".") == 1 {
		ext = ""
	}
	return fmt.Sprintf("%s%s%d%s", strings.TrimSuffix(name, ext), sep, i, ext)
}
