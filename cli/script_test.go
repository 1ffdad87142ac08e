package cli_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/ferry-s3/ferry/cli"
	"github.com/ferry-s3/ferry/gateway/gwtest"
	"github.com/ferry-s3/ferry/s3ops"
)

// The scripts in testdata/*.txtar run ferry as a user does, one command
// line at a time, against a real gateway: each subcommand's happy path,
// its usage errors, help without credentials, flags after the command,
// exit codes. `ferry ARGS` runs this test binary as ferry (see TestMain)
// and fails the script unless it exits 0 (`! ferry` expects a failure);
// `rc N` checks the exit code of the last `ferry`. Each script gets its
// own bucket $BUCKET, the gateway's $ENDPOINT and its keys in the
// environment, and its own HOME and XDG directories under $WORK.

// asFerry, set in the environment, makes this test binary run ferry's
// own command tree with its arguments, as the ferry binary would.
const asFerry = "FERRY_TEST_AS_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(asFerry) != "" {
		os.Exit(cli.Execute(cli.NewRoot(cli.Deps{}), os.Args[1:]))
	}
	gwtest.Main(m)
}

func TestScriptsRunFerryAsAUserDoes(t *testing.T) {
	t.Parallel()
	srv := gwtest.Start(t)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	var buckets atomic.Int32
	testscript.Run(t, testscript.Params{
		Dir: "testdata",
		Setup: func(env *testscript.Env) error {
			bucket := fmt.Sprintf("script-%d", buckets.Add(1))
			if err := makeScriptBucket(srv, bucket); err != nil {
				return err
			}
			scriptEnv(env, srv, bucket)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"ferry": func(ts *testscript.TestScript, neg bool, args []string) { runFerry(ts, exe, neg, args) },
			"rc":    checkRC,
		},
		RequireUniqueNames: true,
	})
}

// scriptEnv is a user's environment with the gateway's keys, and
// nothing of this machine's user: no AWS config files, no instance
// role, HOME and the XDG directories inside the script's work dir.
func scriptEnv(env *testscript.Env, srv *gwtest.Server, bucket string) {
	home := filepath.Join(env.WorkDir, "home")
	for k, v := range map[string]string{
		asFerry: "1", "BUCKET": bucket, "ENDPOINT": srv.Endpoint, "GATEWAY_ADDR": strings.TrimPrefix(srv.Endpoint, "http://"),
		"AWS_ACCESS_KEY_ID": srv.AccessKey, "AWS_SECRET_ACCESS_KEY": srv.SecretKey, "AWS_REGION": srv.Region,
		"AWS_CONFIG_FILE": filepath.Join(home, "no-aws-config"), "AWS_SHARED_CREDENTIALS_FILE": filepath.Join(home, "no-aws-credentials"),
		"AWS_EC2_METADATA_DISABLED": "true", "HOME": home,
		"XDG_STATE_HOME": filepath.Join(env.WorkDir, "state"), "XDG_CONFIG_HOME": filepath.Join(env.WorkDir, "config"),
		"XDG_DATA_HOME": filepath.Join(env.WorkDir, "data"), "XDG_CACHE_HOME": filepath.Join(env.WorkDir, "cache"),
	} {
		env.Setenv(k, v)
	}
}

func makeScriptBucket(srv *gwtest.Server, bucket string) error {
	c, err := s3ops.Connect(context.Background(), s3ops.Settings{EndpointURL: srv.Endpoint, Region: srv.Region,
		AccessKey: srv.AccessKey, SecretKey: srv.SecretKey})
	if err != nil {
		return err
	}
	return c.CreateBucket(context.Background(), bucket, "")
}

// runFerry runs ferry ARGS and keeps its exit code for rc.
func runFerry(ts *testscript.TestScript, exe string, neg bool, args []string) {
	err := ts.Exec(exe, args...)
	code := 0
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		ts.Fatalf("ferry: %v", err)
	}
	ts.Setenv("RC", strconv.Itoa(code))
	switch {
	case neg && code == 0:
		ts.Fatalf("ferry succeeded; want a failure")
	case !neg && code != 0:
		ts.Fatalf("ferry exited %d", code)
	}
}

// checkRC is `rc N`: the last ferry exited with N.
func checkRC(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 || neg {
		ts.Fatalf("usage: rc CODE")
	}
	if got := ts.Getenv("RC"); got != args[0] {
		ts.Fatalf("ferry exited %s, want %s", got, args[0])
	}
}
