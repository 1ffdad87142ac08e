package cli_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/cli"
	"github.com/ferry-s3/ferry/gateway"
)

// A link `ferry --demo share` prints works while a demo runs (here
// `ferry demo serve`), and the command says how long; with no demo
// running it warns that the gateway it started dies with it, and the
// link is indeed dead. `ferry demo env` gives what reaches the running
// demo from any S3 tool: ferry itself, with nothing but those exports.
func TestDemoLinksWorkWhileTheDemoRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("seeds the demo store (a few seconds)")
	}
	stateDir(t)
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	noAWSConfig(t)
	ctx := context.Background()
	const sunset = "s3://media/images/sunset.png"

	code, link, errOut := ferryHere(ctx, t, "--demo", "share", sunset)
	if code != 0 || !strings.Contains(errOut, "will not work") {
		t.Fatalf("share with no demo running: exit %d, stderr %q; want a warning", code, errOut)
	}
	if status, err := getStatus(link); err == nil {
		t.Fatalf("the warning was wrong: the link answered %d", status)
	}
	if code, _, errOut := ferryHere(ctx, t, "demo", "env"); code != 1 || !strings.Contains(errOut, "no demo is running") {
		t.Fatalf("demo env with no demo: exit %d, stderr %q", code, errOut)
	}

	serveCtx, stopServe := context.WithCancel(ctx)
	served := make(chan int, 1)
	go func() {
		served <- cli.RunDeps(dirsCtx(t, serveCtx), cli.Deps{}, []string{"demo", "serve"}, io.Discard, io.Discard)
	}()
	stopped := false
	defer func() {
		if !stopped {
			stopServe()
			<-served
		}
	}()
	running := awaitDemo(t, served)

	code, link, errOut = ferryHere(ctx, t, "--demo", "share", sunset)
	if code != 0 || !strings.Contains(errOut, "while the demo") {
		t.Fatalf("share with a demo running: exit %d, stderr %q", code, errOut)
	}
	if status, err := getStatus(link); err != nil || status != http.StatusOK {
		t.Fatalf("the link of a running demo: %d, %v", status, err)
	}
	if code, _, errOut := ferryHere(ctx, t, "demo", "serve"); code != 1 || !strings.Contains(errOut, "already running") {
		t.Fatalf("a second demo serve: exit %d, stderr %q", code, errOut)
	}

	code, env, _ := ferryHere(ctx, t, "demo", "env")
	if code != 0 || !strings.Contains(env, "AWS_ENDPOINT_URL='"+running.Endpoint+"'") {
		t.Fatalf("demo env: exit %d:\n%s", code, env)
	}
	setExports(t, env)
	if code, out, errOut := ferryHere(ctx, t, "ls"); code != 0 || out != "docs\nlogs\nmedia\nodd-keys\n" {
		t.Fatalf("ferry ls with the demo's exports: exit %d, %q, %q", code, out, errOut)
	}

	stopServe()
	stopped = true
	if code := <-served; code != 0 {
		t.Fatalf("demo serve ended on Ctrl-C with exit %d", code)
	}
	if _, err := gateway.FindDemo(ctx); !errors.Is(err, gateway.ErrNoDemo) {
		t.Fatalf("after the demo stopped: %v", err)
	}
}

// ferryHere runs a ferry command line in this process, connecting as
// ferry does (no test connector).
func ferryHere(ctx context.Context, t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := cli.RunDeps(dirsCtx(t, ctx), cli.Deps{}, args, &out, &errOut)
	return code, strings.TrimSpace(out.String()) + "\n", errOut.String()
}

// awaitDemo waits until the demo `ferry demo serve` starts is found.
func awaitDemo(t *testing.T, served <-chan int) *gateway.RunningDemo {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		if d, err := gateway.FindDemo(context.Background()); err == nil {
			return d
		}
		select {
		case code := <-served:
			t.Fatalf("demo serve ended with exit %d before serving", code)
		case <-time.After(50 * time.Millisecond):
		}
	}
	t.Fatal("demo serve did not publish its demo within a minute")
	return nil
}

// getStatus GETs link (trimmed) and returns the status.
func getStatus(link string) (int, error) {
	resp, err := http.Get(strings.TrimSpace(link))
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, nil
}

// setExports sets the variables of `export NAME='value'` lines.
func setExports(t *testing.T, script string) {
	for _, line := range strings.Split(script, "\n") {
		name, value, ok := strings.Cut(strings.TrimPrefix(line, "export "), "=")
		if ok && strings.HasPrefix(line, "export ") {
			t.Setenv(name, strings.Trim(value, "'"))
		}
	}
}

// noAWSConfig hides this machine's AWS config and credentials.
func noAWSConfig(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(dir, "config"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "credentials"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	for _, name := range []string{"AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3"} {
		t.Setenv(name, "")
	}
}
