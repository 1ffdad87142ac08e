package transfer

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func TestKeyToPathRefusesHostileKeysAndSaysWhy(t *testing.T) {
	t.Parallel()
	root := filepath.Join(t.TempDir(), "dl")
	long := strings.Repeat("é", 128) // 256 bytes
	cases := []struct {
		key, reason string
	}{
		{"../x", `".." segment`},
		{"a/../../x", `".." segment`},
		{"a/..", `".." segment`},
		{"./x", `"." segment`},
		{"a/./b", `"." segment`},
		{"/abs", "absolute path"},
		{"/", "absolute path"},
		{"", "empty"},
		{"a//b", "empty segment"},
		{"a/", "names a folder"},
		{"\x00", "NUL"},
		{"a\x00b", "NUL"},
		{"a/b\x00/c", "NUL"},
		{"bell\a", "control character U+0007"},
		{"esc\x1b[31m", "control character U+001B"},
		{"nl\nx", "control character U+000A"},
		{"del\x7f", "control character U+007F"},
		{"ok/" + long, "over the 255-byte"},
		{strings.Repeat("d/", 2100) + "f", "over the 4095-byte"},
	}
	for _, c := range cases {
		p, err := KeyToPath(root, c.key)
		var uk *UnsafeKeyError
		if !errors.As(err, &uk) || !strings.Contains(err.Error(), c.reason) || p != "" {
			t.Errorf("KeyToPath(%q) = %q, %v; want an error saying %q", c.key, p, err, c.reason)
		}
	}
}

func TestKeyToPathKeepsOrdinaryAndOddKeys(t *testing.T) {
	t.Parallel()
	root := filepath.Join(t.TempDir(), "dl")
	cases := map[string]string{
		"a.txt":                  "a.txt",
		"dir/sub/file.bin":       "dir/sub/file.bin",
		"with space.txt":         "with space.txt",
		"plus+eq=pct%20#?.txt":   "plus+eq=pct%20#?.txt",
		"ünïcödé/日本語.txt":        "ünïcödé/日本語.txt",
		"..hidden":               "..hidden",
		"a..b/...":               "a..b/...",
		"back\\slash":            "back\\slash",
		strings.Repeat("x", 255): strings.Repeat("x", 255),
	}
	for key, want := range cases {
		p, err := KeyToPath(root, key)
		if err != nil || p != filepath.Join(root, filepath.FromSlash(want)) {
			t.Errorf("KeyToPath(%q) = %q, %v; want %q", key, p, err, want)
		}
	}
}

func TestWindowsRulesRefuseReservedNamesAndCharacters(t *testing.T) {
	t.Parallel()
	for key, reason := range map[string]string{
		"CON":         "reserved device name",
		"dir/nul.txt": "reserved device name",
		"a:b":         `":"`,
		"q?":          `"?"`,
		"trail.":      "ends in a dot",
		"back\\sl":    `"\\"`,
	} {
		if _, err := keyToPath(`C:\dl`, key, "windows"); err == nil || !strings.Contains(err.Error(), reason) {
			t.Errorf("windows %q: %v; want %q", key, err, reason)
		}
	}
	if _, err := keyToPath("/dl", "CONSOLE.txt", "windows"); err != nil {
		t.Errorf("CONSOLE.txt refused: %v", err)
	}
}

// FuzzKeyToPath checks the mapper's promise for any key: it never panics,
// and a result is always strictly inside the target folder.
func FuzzKeyToPath(f *testing.F) {
	for _, seed := range []string{"a", "a/b/c", "../x", "a/../../x", "/abs", "a\x00b", "a//b", ".", "..",
		"x/./y", "日本/語", strings.Repeat("z", 300), "a\\..\\..\\b", "C:/x", "\x1b]0;t\a"} {
		f.Add(seed)
	}
	root := filepath.Join(f.TempDir(), "target")
	f.Fuzz(func(t *testing.T, key string) {
		for _, goos := range []string{"linux", "darwin", "windows"} {
			p, err := keyToPath(root, key, goos)
			if err != nil {
				if p != "" {
					t.Fatalf("%s: error with a path %q", goos, p)
				}
				continue
			}
			rel, rerr := filepath.Rel(root, p)
			if rerr != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, "../") || filepath.IsAbs(rel) {
				t.Fatalf("%s: %q mapped to %q, outside %q", goos, key, p, root)
			}
			if strings.ContainsRune(p, 0) {
				t.Fatalf("%s: %q mapped to a path with NUL", goos, key)
			}
		}
	})
}
