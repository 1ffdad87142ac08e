package transfer

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"unicode/utf8"
)

// Limits of local file systems that keys must fit in.
const (
	maxSegmentBytes = 255  // NAME_MAX on Linux, macOS and most file systems
	maxPathBytes    = 4095 // PATH_MAX - 1 on Linux
)

// UnsafeKeyError says why a key cannot become a local path.
type UnsafeKeyError struct {
	Key    string
	Reason string
}

func (e *UnsafeKeyError) Error() string {
	return fmt.Sprintf("key %q cannot be saved locally: %s", e.Key, e.Reason)
}

// KeyToPath maps rel, a key relative to the prefix being downloaded, to a
// path inside root. It refuses (never rewrites) what could escape root or
// what the local file system cannot hold: absolute keys, "." and ".."
// segments, empty segments ("a//b"), NUL and other control characters,
// segments over 255 bytes, and, on Windows, reserved names and characters.
// Refusing keeps the mapping one-to-one: two different keys never land on
// the same file. The result is always inside root or an error.
func KeyToPath(root, rel string) (string, error) {
	return keyToPath(root, rel, runtime.GOOS)
}

func keyToPath(root, rel, goos string) (string, error) {
	bad := func(reason string) (string, error) { return "", &UnsafeKeyError{Key: rel, Reason: reason} }
	switch {
	case rel == "":
		return bad("it is empty")
	case strings.HasPrefix(rel, "/"):
		return bad("it is an absolute path")
	case strings.HasSuffix(rel, "/"):
		return bad("it names a folder, not a file")
	}
	segs := strings.Split(rel, "/")
	for _, seg := range segs {
		if reason := segmentProblem(seg, goos); reason != "" {
			return bad(reason)
		}
	}
	p := filepath.Join(append([]string{root}, segs...)...)
	if len(p) > maxPathBytes {
		return bad(fmt.Sprintf("the local path would be %d bytes, over the %d-byte limit", len(p), maxPathBytes))
	}
	if !inside(root, p) {
		return bad("it points outside the target folder")
	}
	return p, nil
}

// segmentProblem explains why one path segment cannot be a local name, or
// returns "".
func segmentProblem(seg, goos string) string {
	switch {
	case seg == "":
		return `it has an empty segment ("//")`
	case seg == "." || seg == "..":
		return fmt.Sprintf("it has a %q segment", seg)
	case len(seg) > maxSegmentBytes:
		return fmt.Sprintf("a segment is %d bytes, over the %d-byte file name limit", len(seg), maxSegmentBytes)
	}
	for _, r := range seg {
		if r == 0 {
			return "it contains a NUL byte"
		}
		if r < 0x20 || r == 0x7f {
			return fmt.Sprintf("it contains the control character %U", r)
		}
	}
	switch goos {
	case "windows":
		return windowsProblem(seg)
	case "darwin":
		if !utf8.ValidString(seg) {
			return "it is not valid UTF-8, which macOS file names must be"
		}
	}
	return ""
}

var windowsReserved = map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true,
	"COM1": true, "COM2": true, "COM3": true, "COM4": true, "COM5": true, "COM6": true, "COM7": true, "COM8": true, "COM9": true,
	"LPT1": true, "LPT2": true, "LPT3": true, "LPT4": true, "LPT5": true, "LPT6": true, "LPT7": true, "LPT8": true, "LPT9": true}

func windowsProblem(seg string) string {
	if i := strings.IndexAny(seg, `<>:"\|?*`); i >= 0 {
		return fmt.Sprintf("it contains %q, which Windows file names cannot", seg[i:i+1])
	}
	if strings.HasSuffix(seg, ".") || strings.HasSuffix(seg, " ") {
		return "a segment ends in a dot or space, which Windows drops"
	}
	base, _, _ := strings.Cut(seg, ".")
	if windowsReserved[strings.ToUpper(strings.TrimRight(base, " "))] {
		return fmt.Sprintf("%q is a reserved device name on Windows", seg)
	}
	return ""
}

// inside reports whether p lies within root (or is root).
func inside(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
