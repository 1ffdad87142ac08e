package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/cli"
	"github.com/ferry-s3/ferry/s3ops"
)

// configFile writes text as the config file of a fresh config dir for
// the test's commands (after stateDir) and returns its path.
func configFile(t *testing.T, text string) string {
	t.Helper()
	home := t.TempDir()
	configHome(t, home)
	path := filepath.Join(home, "ferry", "config.toml")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCpTakesConflictFromTheConfigAndFlagsWin(t *testing.T) {
	t.Parallel()
	stateDir(t)
	c := connect(t, map[string]string{"a.txt": "old"})
	configFile(t, "[transfers]\nconflict = \"keep-both\"\n")
	f := filepath.Join(writeTree(t, map[string]string{"a.txt": "new"}), "a.txt")

	if code, _, errOut := runMain(t, c, cli.CpMain, f, "s3://docs/"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if got, kept := download(t, c, "s3://docs/a (1).txt"), download(t, c, "s3://docs/a.txt"); got != "new" || kept != "old" {
		t.Fatalf("config keep-both: a (1).txt = %q, a.txt = %q", got, kept)
	}
	if code, _, errOut := runMain(t, c, cli.CpMain, f, "s3://docs/", "--conflict", "overwrite"); code != 0 ||
		download(t, c, "s3://docs/a.txt") != "new" {
		t.Fatalf("--conflict overwrite over the config: exit %d %s", code, errOut)
	}
}

func TestCpSkipsWithANoteWhenTheConfigSaysAsk(t *testing.T) {
	t.Parallel()
	stateDir(t)
	c := connect(t, map[string]string{"a.txt": "old"})
	path := configFile(t, "[transfers]\nfiles_in_flight = 2\nconflict = \"ask\"\n")
	f := filepath.Join(writeTree(t, map[string]string{"a.txt": "new"}), "a.txt")

	code, out, errOut := runMain(t, c, cli.CpMain, f, "s3://docs/")
	note := "ferry cp: note: config " + path + `:3 sets conflict = "ask", which only the TUI can do; existing files are skipped`
	if code != 0 || !strings.Contains(errOut, note) || strings.Count(errOut, "note:") != 1 || !strings.HasPrefix(out, "skipped: ") {
		t.Fatalf("exit %d\nstdout %q\nstderr %q", code, out, errOut)
	}
	if got := download(t, c, "s3://docs/a.txt"); got != "old" {
		t.Fatalf("the object was replaced: %q", got)
	}
	if _, _, errOut := runMain(t, c, cli.CpMain, "-q", f, "s3://docs/"); strings.Contains(errOut, "note:") {
		t.Fatalf("--quiet printed the note: %q", errOut)
	}
	if code, _, errOut := runMain(t, c, cli.CpMain, f, "s3://docs/", "--conflict", "keep-both"); code != 0 ||
		strings.Contains(errOut, "note:") || download(t, c, "s3://docs/a (1).txt") != "new" {
		t.Fatalf("--conflict keep-both: exit %d %q", code, errOut)
	}
}

// Part sizes show in the object's multipart ETag ("…-3" for 3 parts), so
// the test sees which setting the upload used.
func TestCpTakesPartSizesFromTheConfigAndFlagsWin(t *testing.T) {
	t.Parallel()
	stateDir(t)
	c := connect(t, nil)
	configFile(t, "[transfers]\npart_size = \"5MiB\"\nmultipart_threshold = \"5MiB\"\n")
	f := filepath.Join(writeTree(t, map[string]string{"big.bin": randomString(t, 11<<20)}), "big.bin")
	parts := func(key string) string {
		t.Helper()
		info, err := c.Head(context.Background(), s3ops.Location{Bucket: "docs", Key: key})
		if err != nil {
			t.Fatal(err)
		}
		_, n, _ := strings.Cut(strings.Trim(info.ETag, `"`), "-")
		return n
	}
	if code, _, errOut := runMain(t, c, cli.CpMain, f, "s3://docs/config.bin"); code != 0 || parts("config.bin") != "3" {
		t.Fatalf("config part size: exit %d, %s parts %s", code, parts("config.bin"), errOut)
	}
	if code, _, errOut := runMain(t, c, cli.CpMain, f, "s3://docs/flag.bin", "--part-size", "8M"); code != 0 || parts("flag.bin") != "2" {
		t.Fatalf("--part-size over the config: exit %d, %s parts %s", code, parts("flag.bin"), errOut)
	}
	if code, _, errOut := runMain(t, c, cli.CpMain, f, "s3://docs/whole.bin", "--multipart-threshold", "16M"); code != 0 || parts("whole.bin") != "" {
		t.Fatalf("--multipart-threshold over the config: exit %d, %s parts %s", code, parts("whole.bin"), errOut)
	}
}

func TestCpTakesFollowSymlinksFromTheConfigAndFlagsWin(t *testing.T) {
	t.Parallel()
	stateDir(t)
	c := connect(t, nil)
	configFile(t, "[transfers]\nfollow_symlinks = true\n")
	root := writeTree(t, map[string]string{"d/a.txt": "a", "target.txt": "linked"})
	if err := os.Symlink(filepath.Join(root, "target.txt"), filepath.Join(root, "d", "link.txt")); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runMain(t, c, cli.CpMain, "-r", filepath.Join(root, "d"), "s3://docs/on/"); code != 0 ||
		download(t, c, "s3://docs/on/d/link.txt") != "linked" {
		t.Fatalf("config follow_symlinks: exit %d %s", code, errOut)
	}
	code, out, errOut := runMain(t, c, cli.CpMain, "-r", filepath.Join(root, "d"), "s3://docs/off/", "--follow-symlinks=false")
	if code != 0 || !strings.Contains(out, "symbolic link not followed") {
		t.Fatalf("--follow-symlinks=false over the config: exit %d\n%s\n%s", code, out, errOut)
	}
}

func TestCpDownloadsCheckedBySizeOnlyWhenAskedByConfigOrFlag(t *testing.T) {
	t.Parallel()
	stateDir(t)
	c := connect(t, map[string]string{"a.txt": "A"})
	for _, tc := range []struct{ config, flag string }{
		{"[transfers]\nverify_downloads = false\n", ""},
		{"[transfers]\nverify_downloads = true\n", "--verify-downloads=false"},
	} {
		configFile(t, tc.config)
		dir := t.TempDir()
		args := []string{"s3://docs/a.txt", dir}
		if tc.flag != "" {
			args = append(args, tc.flag)
		}
		code, _, errOut := runMain(t, c, cli.CpMain, args...)
		if got, _ := os.ReadFile(filepath.Join(dir, "a.txt")); code != 0 || string(got) != "A" {
			t.Fatalf("%q %s: exit %d, %q; %s", tc.config, tc.flag, code, got, errOut)
		}
	}
}

func TestCpRefusesABadConfigNamingFileAndLine(t *testing.T) {
	t.Parallel()
	stateDir(t)
	never := func(context.Context) (*s3ops.Client, error) { t.Fatal("connected with a bad config"); return nil, nil }
	cases := []struct{ text, want string }{
		{"[transfers]\n\npart_size = \"16XB\"\n", `:3: [transfers] part_size: "16XB" is not a size`},
		{"[transfers]\nconflict = \"replace\"\n", `:2: [transfers] conflict: "replace" is not a policy`},
		{"[transfers]\nconflict = skip\n", ":2: "},
		{"[transfer]\nconflict = \"skip\"\n", `:1: unknown setting "transfer"`},
		{"[transfers]\nverify_downloads = \"no\"\n", `:2: [transfers] verify_downloads: "no" is not true or false`},
	}
	for _, tc := range cases {
		path := configFile(t, tc.text)
		var out, errOut strings.Builder
		code := cli.CpMain(dirsCtx(t, context.Background()), never, []string{"a.txt", "s3://docs/"}, &out, &errOut)
		if want := "ferry cp: config " + path + tc.want; code != 2 || !strings.HasPrefix(errOut.String(), want) {
			t.Errorf("%q: exit %d, stderr %q; want 2 and %q", tc.text, code, errOut.String(), want)
		}
	}
	// --help still works: it needs nothing from the config.
	var out strings.Builder
	if code := cli.CpMain(dirsCtx(t, context.Background()), never, []string{"--help"}, &out, &out); code != 0 ||
		!strings.Contains(out.String(), "ferry cp SOURCE... DEST") || !strings.Contains(out.String(), "When the destination exists") {
		t.Errorf("--help with a bad config: exit %d %q", code, out.String())
	}
}
