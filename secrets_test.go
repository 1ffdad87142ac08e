package main

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/cli"
	"github.com/ferry-s3/ferry/gateway/gwtest"
	"github.com/ferry-s3/ferry/s3ops"
)

// The secrets test runs ferry as a user would, in child processes (this
// test binary re-executed into ferry's own main, see init), each with its
// own temp XDG_STATE_HOME, XDG_CONFIG_HOME, XDG_DATA_HOME and HOME: a
// headless session (share, ls, cp up and down, an interrupted cp that
// leaves its journal, rm), failing commands, a --demo session, and two
// panics. It then reads every file ferry wrote and everything it printed
// and looks for the secret access key, a session token and presigned URL
// signatures. The URL that `ferry share` prints on stdout is what the
// user asked for, so share's stdout is the one output left out.

// mainChildEnv turns the test binary into ferry.
const mainChildEnv = "FERRY_MAIN_CHILD"

func init() {
	switch {
	case len(os.Args) > 1 && os.Args[1] == "serve": // a gateway started by gwtest
		os.Exit(run(os.Args[1:]))
	case os.Getenv(mainChildEnv) == "panic":
		// A panic while a connection (and its keys) is live, in the code
		// path ferry's own handler covers.
		os.Exit(cli.Execute(cli.NewRoot(cli.Deps{Connect: connectThen(func() {
			var m map[string]int
			m["boom"]++
		})}), os.Args[1:]))
	case os.Getenv(mainChildEnv) == "goroutine-panic":
		// One the handler cannot catch: the Go runtime prints it.
		os.Exit(cli.Execute(cli.NewRoot(cli.Deps{Connect: connectThen(func() {
			done := make(chan struct{})
			go func() { defer close(done); var p *struct{ n int }; p.n++ }()
			<-done
		})}), os.Args[1:]))
	case os.Getenv(mainChildEnv) != "":
		os.Exit(run(os.Args[1:]))
	}
}

// connectThen connects as ferry does, then runs boom with the client
// (and its keys) live.
func connectThen(boom func()) func(context.Context, s3ops.Settings) (*s3ops.Client, error) {
	return func(ctx context.Context, s s3ops.Settings) (*s3ops.Client, error) {
		c, err := s3ops.Connect(ctx, s)
		if err != nil {
			return nil, err
		}
		boom()
		return c, nil
	}
}

// fakeToken is a session token nothing may ever print or store.
const fakeToken = "FwoGZXIvYXdzEFERRYTESTSESSIONTOKENc2VjcmV0dG9rZW4gZG8gbm90IGxlYWs="

// session is one user's temp environment and everything ferry printed.
type session struct {
	t        *testing.T
	home     string
	endpoint string
	env      []string
	outputs  map[string][]byte // what ferry printed, by command
}

func newSession(t *testing.T, endpoint, access, secret, token string) *session {
	home := t.TempDir()
	s := &session{t: t, home: home, endpoint: endpoint, outputs: map[string][]byte{}}
	s.env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home, "TMPDIR=" + os.TempDir(),
		"XDG_STATE_HOME=" + filepath.Join(home, "state"), "XDG_CONFIG_HOME=" + filepath.Join(home, "config"),
		"XDG_DATA_HOME=" + filepath.Join(home, "data"), "XDG_CACHE_HOME=" + filepath.Join(home, "cache"),
		"AWS_CONFIG_FILE=" + filepath.Join(home, "no-aws-config"), "AWS_SHARED_CREDENTIALS_FILE=" + filepath.Join(home, "no-aws-credentials"),
		"AWS_EC2_METADATA_DISABLED=true", "AWS_REGION=us-east-1", "AWS_ACCESS_KEY_ID=" + access,
		"AWS_SECRET_ACCESS_KEY=" + secret, "TERM=dumb"}
	if token != "" {
		s.env = append(s.env, "AWS_SESSION_TOKEN="+token)
	}
	return s
}

// ferry runs one command (mode "" for plain ferry) and keeps its output.
// It returns the exit code; keepStdout false leaves stdout out of the scan.
func (s *session) ferry(mode string, keepStdout bool, args ...string) (int, string, string) {
	s.t.Helper()
	cmd := s.command(mode, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := runWithTimeout(cmd, 2*time.Minute)
	code := cmd.ProcessState.ExitCode()
	if err != nil && code < 0 {
		s.t.Fatalf("ferry %s: %v\n%s", strings.Join(args, " "), err, stderr.Bytes())
	}
	name := mode + " " + strings.Join(args, " ")
	s.outputs[name+" (stderr)"] = stderr.Bytes()
	if keepStdout {
		s.outputs[name+" (stdout)"] = stdout.Bytes()
	}
	return code, stdout.String(), stderr.String()
}

func (s *session) command(mode string, args ...string) *exec.Cmd {
	exe, _ := os.Executable()
	if s.endpoint != "" {
		args = append([]string{"--endpoint-url", s.endpoint}, args...)
	}
	cmd := exec.Command(exe, args...)
	if mode == "" {
		mode = "1"
	}
	cmd.Env = append(append([]string{}, s.env...), mainChildEnv+"="+mode)
	return cmd
}

func runWithTimeout(cmd *exec.Cmd, d time.Duration) error {
	if err := cmd.Start(); err != nil {
		return err
	}
	timer := time.AfterFunc(d, func() { cmd.Process.Kill() })
	defer timer.Stop()
	return cmd.Wait()
}

// scan fails on any secret in what the session wrote or printed.
func (s *session) scan(secrets ...string) {
	s.t.Helper()
	secrets = append(secrets, "X-Amz-Signature=", "X-Amz-Security-Token=", "x-amz-signature=")
	check := func(where string, data []byte) {
		for _, secret := range secrets {
			if secret != "" && bytes.Contains(data, []byte(secret)) {
				s.t.Errorf("%s contains %q", where, shorten(secret))
			}
		}
	}
	files := 0
	filepath.WalkDir(s.home, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Type()&fs.ModeSymlink != 0 {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			s.t.Errorf("cannot read %s to scan it: %v", p, err)
			return nil
		}
		files++
		check(p, data)
		return nil
	})
	for name, out := range s.outputs {
		check("the output of "+name, out)
		if os.Getenv("FERRY_SECRETS_DUMP") != "" {
			s.t.Logf("--- %s:\n%s", name, out)
		}
	}
	s.t.Logf("scanned %d files and %d outputs", files, len(s.outputs))
}

func shorten(s string) string {
	if len(s) > 12 {
		return s[:6] + "…"
	}
	return s
}

func TestNothingFerryWritesOrPrintsHoldsASecret(t *testing.T) {
	srv := gwtest.Start(t)
	slow := startSlowProxy(t, srv.Endpoint)
	data := t.TempDir()
	for i, name := range []string{"a.txt", "sub/b.bin", "big.bin"} {
		size := 1000 + i
		if name == "big.bin" {
			size = 24 << 20
		}
		writeFile(t, filepath.Join(data, "tree", name), size)
	}
	s := newSession(t, srv.Endpoint, srv.AccessKey, srv.SecretKey, "")
	if code, _, errOut := s.ferry("", true, "cp", "-r", filepath.Join(data, "tree"), "s3://secrets-test/"); code != 1 ||
		!strings.Contains(errOut, "secrets-test") {
		t.Logf("cp to a missing bucket: %d %s", code, errOut)
	}
	mustRun(t, s, "mb", func() error { return makeBucket(srv, "secrets-test") })
	for _, args := range [][]string{
		{"cp", "-r", filepath.Join(data, "tree"), "s3://secrets-test/up/"},
		{"cp", "-r", "--json", "s3://secrets-test/up/", filepath.Join(s.home, "down")},
		{"ls", "s3://secrets-test/up/tree/"},
		{"ls", "--json", "s3://secrets-test/up/tree/"},
		{"rm", "s3://secrets-test/up/tree/a.txt"},
	} {
		if code, _, errOut := s.ferry("", true, args...); code != 0 {
			t.Errorf("ferry %s: exit %d: %s", strings.Join(args, " "), code, errOut)
		}
	}
	if code, url, _ := s.ferry("", false, "share", "s3://secrets-test/up/tree/sub/b.bin", "--expires", "1h"); code != 0 ||
		!strings.Contains(url, "X-Amz-Signature=") {
		t.Errorf("share: exit %d, printed %q", code, url)
	}
	s.ferry("", false, "share", "--upload", "--copy", "s3://secrets-test/up/new.txt") // stdout: the link, the product
	// Failures: a missing object, a wrong secret, an unreachable endpoint.
	s.ferry("", true, "cp", "s3://secrets-test/nope.txt", s.home)
	s.ferry("", true, "--endpoint-url", "http://127.0.0.1:1", "ls", "s3://secrets-test/")
	// A cp interrupted mid-transfer leaves its journal for the next run.
	interruptedCopy(t, s, slow, filepath.Join(data, "tree", "big.bin"))
	checkJournalsLeft(t, s)
	// Panics while the keys are loaded.
	if code, _, errOut := s.ferry("panic", true, "ls", "s3://secrets-test/"); code != 2 || !strings.Contains(errOut, "internal error") {
		t.Errorf("panic: exit %d: %s", code, errOut)
	}
	if code, _, errOut := s.ferry("goroutine-panic", true, "ls", "s3://secrets-test/"); code != 2 || !strings.Contains(errOut, "goroutine") {
		t.Errorf("goroutine panic: exit %d: %s", code, errOut)
	}
	s.scan(srv.SecretKey)

	wrong := newSession(t, srv.Endpoint, srv.AccessKey, "WRONGwrongWRONGwrongWRONGwrongWRONGwrong", "")
	wrong.ferry("", true, "ls", "s3://secrets-test/")
	wrong.ferry("", true, "cp", filepath.Join(data, "tree", "a.txt"), "s3://secrets-test/w.txt")
	wrong.scan("WRONGwrongWRONGwrongWRONGwrongWRONGwrong")

	// A session token (the gateway refuses requests that carry one it did
	// not issue, so every request fails: the error paths are scanned).
	tok := newSession(t, srv.Endpoint, srv.AccessKey, srv.SecretKey, fakeToken)
	tok.ferry("", false, "share", "s3://secrets-test/up/tree/sub/b.bin")
	tok.ferry("", true, "ls", "s3://secrets-test/")
	tok.ferry("", true, "cp", "-r", filepath.Join(data, "tree"), "s3://secrets-test/tok/")
	tok.ferry("", true, "cp", "s3://secrets-test/up/tree/sub/b.bin", tok.home)
	tok.ferry("panic", true, "ls", "s3://secrets-test/")
	tok.scan(srv.SecretKey, fakeToken)
}

// startSlowProxy is a loopback proxy in front of the gateway that sends
// bodies at 2 MiB/s, so a copy through it can be interrupted midway.
func startSlowProxy(t *testing.T, upstream string) string {
	return newThrottledProxy(t, upstream, 2<<20)
}

// interruptedCopy starts an upload through the slow proxy and interrupts
// it (SIGINT, as Ctrl-C) once it is under way.
func interruptedCopy(t *testing.T, s *session, endpoint, file string) {
	cmd := s.command("", "--endpoint-url", endpoint, "cp", file, "s3://secrets-test/slow/big.bin")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitForUploadJournal(t, filepath.Join(s.home, "state", "ferry", "cp"))
	cmd.Process.Signal(syscall.SIGINT)
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Error("cp did not stop on SIGINT")
	}
	s.outputs["interrupted cp"] = out.Bytes()
}

// waitForUploadJournal waits until a journal in dir names a multipart
// upload: the copy is under way, with something to resume.
func waitForUploadJournal(t *testing.T, dir string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		journals, _ := filepath.Glob(filepath.Join(dir, "*.journal"))
		for _, j := range journals {
			if b, _ := os.ReadFile(j); bytes.Contains(b, []byte(`"upload":"`)) {
				return
			}
		}
		time.Sleep(10 * time.Millisecond) // between looks at the condition
	}
	t.Error("the copy never journaled its upload")
}

// checkJournalsLeft checks the interrupted cp left a journal (so the scan
// covers one) with owner-only modes.
func checkJournalsLeft(t *testing.T, s *session) {
	journals, _ := filepath.Glob(filepath.Join(s.home, "state", "ferry", "cp", "*.journal"))
	if len(journals) == 0 {
		t.Error("the interrupted cp left no journal to scan")
	}
}

func mustRun(t *testing.T, _ *session, what string, fn func() error) {
	t.Helper()
	if err := fn(); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func writeFile(t *testing.T, p string, size int) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	b := bytes.Repeat([]byte("ferry secrets test "), size/19+1)[:size]
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
