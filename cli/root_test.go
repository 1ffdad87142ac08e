package cli_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/cli"
	"github.com/ferry-s3/ferry/s3ops"
)

// errNoConnection ends a command at its connection, once the command
// line has been read and checked.
var errNoConnection = errors.New("test: no connection")

// runCapturing runs a command line whose connection fails, and returns
// the exit code, stderr and the settings it tried to connect with (nil
// when it never tried).
func runCapturing(t *testing.T, args ...string) (int, string, *s3ops.Settings) {
	t.Helper()
	stateDir(t)
	var got *s3ops.Settings
	deps := cli.Deps{Connect: func(_ context.Context, s s3ops.Settings) (*s3ops.Client, error) {
		got = &s
		return nil, errNoConnection
	}}
	var out, errOut bytes.Buffer
	code := cli.RunDeps(dirsCtx(t, context.Background()), deps, args, &out, &errOut)
	return code, errOut.String(), got
}

func TestConnectionFlagsGoBeforeOrAfterTheCommand(t *testing.T) {
	t.Parallel()
	flags := []string{"--profile", "work", "--region", "eu-west-3", "--endpoint-url", "http://minio:9000", "--path-style", "off", "--insecure"}
	off := false
	want := s3ops.Settings{Profile: "work", Region: "eu-west-3", EndpointURL: "http://minio:9000", PathStyle: &off, Insecure: true}
	for _, cmd := range [][]string{{"ls", "s3://bucket/prefix/"}, {"share", "s3://bucket/k", "--expires", "1h"},
		{"rm", "s3://bucket/k"}, {"cp", "s3://bucket/k", t.TempDir()}, {"s3://bucket/prefix/"}} {
		for _, args := range [][]string{append(append([]string{}, flags...), cmd...), append(append([]string{}, cmd...), flags...)} {
			code, errOut, got := runCapturing(t, args...)
			if code != 1 || got == nil || !reflect.DeepEqual(*got, want) {
				t.Errorf("%q: exit %d, settings %+v, stderr %q", args, code, got, errOut)
			}
		}
	}
	if _, _, got := runCapturing(t, "ls"); got == nil || got.PathStyle != nil {
		t.Fatalf("--path-style auto should leave the choice to s3ops (on for custom endpoints): %+v", got)
	}
}

func TestBadCommandLinesAreUsageErrorsThatNeverConnect(t *testing.T) {
	t.Parallel()
	for args, want := range map[string]string{
		"--path-style maybe":                `invalid argument "maybe" for "--path-style" flag: must be auto, on or off`,
		"ls --path-style maybe":             `invalid argument "maybe" for "--path-style" flag`,
		"--demo --endpoint-url http://x":    "--demo runs its own gateway",
		"cp --demo --profile p a s3://bkt/": "--demo runs its own gateway",
		"s3://a/ s3://b/":                   "one start location at most",
		"lss":                               `"lss" is neither a command nor an s3:// location (did you mean ls?)`,
		"help-me":                           `"help-me" is neither a command nor an s3:// location`,
		"share --bogus s3://bkt/k":          "ferry share: unknown flag: --bogus\nRun 'ferry share --help' for usage.",
		"serve --profile p --dir .":         "ferry serve: unknown flag: --profile",
		"version extra":                     `ferry version: unexpected argument "extra"`,
	} {
		code, errOut, got := runCapturing(t, strings.Fields(args)...)
		if code != 2 || got != nil || !strings.Contains(errOut, want) {
			t.Errorf("%s: exit %d, connected %v, stderr %q; want exit 2 and %q", args, code, got != nil, errOut, want)
		}
	}
}

func TestLeftAndRightTakeFoldersAndS3Locations(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, args := range [][]string{
		{"--left", "s3://logs/2026/", "--right", dir, "s3://docs/"},
		{"--left=~", "--right=s3://"},
	} {
		if code, errOut, got := runCapturing(t, args...); code != 1 || got == nil {
			t.Errorf("%q: exit %d, stderr %q; want it to get as far as connecting", args, code, errOut)
		}
	}
	file := filepath.Join(dir, "f.txt")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	for args, want := range map[string]string{
		"--left /definitely/not/here":   "--left: /definitely/not/here: no such folder",
		"--right s3://bad_bucket!/x":    "--right: bucket name",
		"--right " + dir + "/../" + "x": "no such folder",
		"--left " + file:                "is not a folder",
	} {
		if code, errOut, got := runCapturing(t, strings.Fields(args)...); code != 2 || got != nil || !strings.Contains(errOut, want) {
			t.Errorf("%s: exit %d, stderr %q; want 2 and %q", args, code, errOut, want)
		}
	}
}

func TestAStartWithoutCredentialsPointsToTheDemo(t *testing.T) {
	t.Parallel()
	noCreds := &s3ops.Error{Kind: s3ops.KindCredentials, Msg: "no AWS credentials found"}
	start := func(err error, args ...string) (int, string) {
		stateDir(t)
		deps := cli.Deps{Connect: func(context.Context, s3ops.Settings) (*s3ops.Client, error) { return nil, err }}
		var out, errOut bytes.Buffer
		return cli.RunDeps(dirsCtx(t, context.Background()), deps, args, &out, &errOut), errOut.String()
	}
	if code, errOut := start(noCreds); code != 1 || errOut != "ferry: no AWS credentials found\nferry: no AWS account at hand? `ferry --demo` opens ferry on a local demo store\n" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for name, c := range map[string]struct {
		err  error
		args []string
	}{
		"a profile was named": {noCreds, []string{"--profile", "work"}},
		"another error":       {&s3ops.Error{Kind: s3ops.KindNetwork, Msg: "cannot reach"}, nil},
		"a headless command":  {noCreds, []string{"ls"}},
	} {
		if code, errOut := start(c.err, c.args...); code != 1 || strings.Contains(errOut, "--demo") {
			t.Errorf("%s: exit %d, stderr %q", name, code, errOut)
		}
	}
}
