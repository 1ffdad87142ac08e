package dropped

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// vteQuote quotes s the way VTE terminals do.
func vteQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// fixture creates a file, a dir, a dangling symlink and a symlink to the dir.
func fixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a b.txt"), []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "sub dir"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "missing-target"), filepath.Join(dir, "dangle")); err != nil {
		t.Skipf("symlinks unsupported: %v", err)
	}
	if err := os.Symlink(filepath.Join(dir, "sub dir"), filepath.Join(dir, "dirlink")); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestParseStatsFilesDirsMissingAndSymlinks(t *testing.T) {
	dir := fixture(t)
	at := func(name string) string { return filepath.Join(dir, name) }
	tests := []struct {
		name string
		want Path
	}{
		{"regular file", Path{Path: at("a b.txt"), Exists: true, Size: 5}},
		{"directory", Path{Path: at("sub dir"), Exists: true, IsDir: true}},
		{"missing", Path{Path: at("nope")}},
		{"dangling symlink", Path{Path: at("dangle"), Exists: true}},
		{"symlink to dir", Path{Path: at("dirlink"), Exists: true, IsDir: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := Parse(vteQuote(tc.want.Path))
			if !ok || len(got) != 1 || got[0] != tc.want {
				t.Fatalf("Parse = %+v, %v; want [%+v]", got, ok, tc.want)
			}
		})
	}
}

func TestParseDedupesKeepingFirstOrder(t *testing.T) {
	dir := fixture(t)
	file := filepath.Join(dir, "a b.txt")
	sub := filepath.Join(dir, "sub dir")
	paste := strings.Join([]string{
		vteQuote(sub),
		strings.ReplaceAll(file, " ", `\ `),
		"file://" + strings.ReplaceAll(file, " ", "%20"),
		vteQuote(dir + "/./sub dir/"),
		vteQuote(file),
	}, " ")
	got, ok := Parse(paste)
	if !ok || len(got) != 2 || got[0].Path != sub || got[1].Path != file {
		t.Fatalf("Parse(%q) = %+v, %v; want [%s %s]", paste, got, ok, sub, file)
	}
}

func TestParseKeepsRelativePathsAsGiven(t *testing.T) {
	got, ok := Parse("./x/../y")
	if !ok || len(got) != 1 || got[0].Path != "./x/../y" {
		t.Fatalf("Parse = %+v, %v", got, ok)
	}
}

func TestParseRejectsText(t *testing.T) {
	for _, in := range []string{"", "hello world", "and/or", "'/unterminated"} {
		if got, ok := Parse(in); ok || got != nil {
			t.Errorf("Parse(%q) = %+v, %v; want nil, false", in, got, ok)
		}
	}
}
