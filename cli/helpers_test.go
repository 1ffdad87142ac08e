package cli_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/cli"
	"github.com/ferry-s3/ferry/s3ops"
)

type mainFunc func(context.Context, cli.Connector, []string, io.Writer, io.Writer) int

// runMain runs a headless command against c with its own state dir (so
// journals of different tests never meet) and returns exit code, stdout
// and stderr.
func runMain(t *testing.T, c *s3ops.Client, main mainFunc, args ...string) (int, string, string) {
	t.Helper()
	return runMainCtx(context.Background(), t, c, main, args...)
}

func runMainCtx(ctx context.Context, t *testing.T, c *s3ops.Client, main mainFunc, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	connect := func(context.Context) (*s3ops.Client, error) { return c, nil }
	code := main(ctx, connect, args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// stateDir gives the test its own $XDG_STATE_HOME, and an empty
// $XDG_CONFIG_HOME (no config file of the machine's user applies).
func stateDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_STATE_HOME", dir)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	return dir
}

// writeTree creates files (path → content) under a new temp folder.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for p, body := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// readTree reads every file under root (relative slash path → content).
func readTree(t *testing.T, root string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		got[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func randomString(t *testing.T, n int) string {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func lines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

func sameTree(t *testing.T, got, want map[string]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d files %v, want %d", len(got), keys(got), len(want))
	}
	for k, v := range want {
		if got[k] != v {
			t.Fatalf("%s: got %d bytes, want %d (or different content)", k, len(got[k]), len(v))
		}
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
