package transfer

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// ensureDirInside creates dir (which must lie inside root) one level at a
// time, refusing to pass through a symbolic link or a file, so a download
// can never be steered outside root by links already on disk.
func ensureDirInside(root, dir string) error {
	if !inside(root, dir) {
		return fmt.Errorf("%s is outside %s", dir, root)
	}
	if err := os.MkdirAll(root, 0o777); err != nil {
		return err
	}
	rel, _ := filepath.Rel(root, dir)
	cur := root
	for _, seg := range strings.Split(rel, string(filepath.Separator)) {
		if seg == "." || seg == "" {
			continue
		}
		cur = filepath.Join(cur, seg)
		fi, err := os.Lstat(cur)
		switch {
		case errors.Is(err, os.ErrNotExist):
			if err := os.Mkdir(cur, 0o777); err != nil && !errors.Is(err, os.ErrExist) {
				return err
			}
		case err != nil:
			return err
		case fi.Mode()&os.ModeSymlink != 0:
			return fmt.Errorf("%s is a symbolic link; ferry does not download through links", cur)
		case !fi.IsDir():
			return fmt.Errorf("%s is a file where a folder is needed", cur)
		}
	}
	return nil
}

// tempName is the hidden file beside target that a download is written to
// until verified. The job id keeps it unique and lets a resumed job find it.
func tempName(target string, id JobID) string {
	base := filepath.Base(target)
	suffix := "." + string(id) + ".part"
	if room := maxSegmentBytes - len(".ferry-") - len(suffix); len(base) > room {
		base = truncateUTF8(base, room)
	}
	return filepath.Join(filepath.Dir(target), ".ferry-"+base+suffix)
}

func truncateUTF8(s string, n int) string {
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}

// keepBothName is the first "name (k).ext" beside path that does not exist.
func keepBothName(path string) string {
	dir, base := filepath.Split(path)
	stem, ext := splitExt(base)
	for k := 1; ; k++ {
		cand := filepath.Join(dir, fmt.Sprintf("%s (%d)%s", stem, k, ext))
		if _, err := os.Lstat(cand); errors.Is(err, os.ErrNotExist) {
			return cand
		}
	}
}

// splitExt splits "photo.jpg" into "photo", ".jpg", keeping compound
// archive extensions whole ("a.tar.gz") and dot files as stems (".bashrc").
func splitExt(base string) (string, string) {
	ext := filepath.Ext(base)
	if ext == base || ext == "" {
		return base, ""
	}
	stem := strings.TrimSuffix(base, ext)
	if inner := filepath.Ext(stem); strings.EqualFold(inner, ".tar") && inner != stem {
		return strings.TrimSuffix(stem, inner), inner + ext
	}
	return stem, ext
}

// commitNoReplace moves tmp to target unless target exists (then it
// returns os.ErrExist and tmp stays). A hard link makes the check and the
// move one atomic step; where links are not supported it falls back to
// check-then-rename.
func commitNoReplace(tmp, target string) error {
	err := os.Link(tmp, target)
	if err == nil {
		return os.Remove(tmp)
	}
	if errors.Is(err, os.ErrExist) {
		return os.ErrExist
	}
	var le *os.LinkError
	if errors.As(err, &le) && (errors.Is(le.Err, syscall.EPERM) || errors.Is(le.Err, syscall.ENOTSUP) ||
		errors.Is(le.Err, syscall.EXDEV) || errors.Is(le.Err, syscall.EMLINK)) {
		if _, serr := os.Lstat(target); serr == nil {
			return os.ErrExist
		}
		return os.Rename(tmp, target)
	}
	return err
}
