package cli_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/ferry-s3/ferry/cli"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/xdg"
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
	code := main(dirsCtx(t, ctx), connect, args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// testDirs are the directories of ferry's own files that stateDir gave
// each test, by test name: the commands a test runs get them through
// their context (dirsCtx), not the environment, so such tests can run
// in parallel.
var testDirs sync.Map // name → *xdg.Dirs

// stateDir gives the test its own state dir (returned), and an empty
// config dir (no config file of the machine's user applies) and cache
// dir, for every command the test runs through dirsCtx.
func stateDir(t *testing.T) string {
	t.Helper()
	d := &xdg.Dirs{State: t.TempDir(), Config: t.TempDir(), Cache: t.TempDir()}
	testDirs.Store(t.Name(), d)
	t.Cleanup(func() { testDirs.Delete(t.Name()) })
	return d.State
}

// configHome makes home (holding ferry/config.toml) the config dir of
// the test's commands, after stateDir.
func configHome(t *testing.T, home string) {
	t.Helper()
	d := givenDirs(t)
	if d == nil {
		t.Fatal("configHome before stateDir")
	}
	d.Config = home
}

// dirsCtx is ctx with the directories stateDir gave t (see givenDirs);
// without them, ctx (the environment's directories).
func dirsCtx(t *testing.T, ctx context.Context) context.Context {
	if d := givenDirs(t); d != nil {
		return cli.WithDirs(ctx, *d)
	}
	return ctx
}

// givenDirs are the directories stateDir gave t, or the test t is a
// subtest of (nil: none).
func givenDirs(t *testing.T) *xdg.Dirs {
	for name := t.Name(); ; {
		if d, ok := testDirs.Load(name); ok {
			return d.(*xdg.Dirs)
		}
		i := strings.LastIndex(name, "/")
		if i < 0 {
			return nil
		}
		name = name[:i]
	}
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
