// Package gwtest starts real S3 gateways (versitygw in a child process on
// 127.0.0.1) for tests. A test package opts in with
//
//	func TestMain(m *testing.M) { gwtest.Main(m) }
//
// which lets the test binary re-execute itself as the gateway process.
// A test either starts its own gateway (Start: for versioning, fixed
// addresses, or stopping it) or uses the package's shared one (Shared)
// in a bucket of its own (Server.NewBucket), which lets tests run in
// parallel without a gateway each.
package gwtest

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/gateway"
)

// serveArg is the first argument that turns a test binary into a gateway.
const serveArg = "serve" // the same subcommand as `ferry serve`, so StartDemo works in tests

// Main runs the tests, or the gateway when this binary was started by
// Start or Shared. It stops the shared gateway after the last test.
func Main(m *testing.M) { MainWith(m, nil) }

// MainWith is Main with setup run before the tests (and not in the
// gateway process); the function setup returns runs after them.
func MainWith(m *testing.M, setup func() (cleanup func())) {
	if len(os.Args) > 1 && os.Args[1] == serveArg {
		os.Exit(gateway.ServeMain(os.Args[2:], os.Stdout, os.Stderr))
	}
	skipRaceExitSleep()
	raiseParallel()
	cleanup := func() {}
	if setup != nil {
		cleanup = setup()
	}
	code := m.Run()
	cleanup()
	if err := stopShared(); err != nil {
		fmt.Fprintln(os.Stderr, "gwtest: stop the shared gateway:", err)
		code = max(code, 1)
	}
	os.Exit(code)
}

// parallelPerCPU is how many parallel tests run per CPU unless
// -test.parallel says otherwise. Tests against a gateway mostly wait
// (on the gateway process, throttled proxies, timers), so one test per
// CPU, the default, leaves the CPUs idle most of the time.
const parallelPerCPU = 4

// raiseParallel sets -test.parallel to parallelPerCPU tests per CPU when
// the command line does not set it.
func raiseParallel() {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.parallel" })
	if !set {
		flag.Set("test.parallel", strconv.Itoa(parallelPerCPU*runtime.GOMAXPROCS(0)))
	}
}

// skipRaceExitSleep stops gateway children built with -race from
// sleeping a second on exit (the race runtime's atexit_sleep_ms), which
// otherwise adds a second to every test that starts a gateway.
func skipRaceExitSleep() {
	if g := os.Getenv("GORACE"); !strings.Contains(g, "atexit_sleep_ms") {
		os.Setenv("GORACE", strings.TrimSpace(g+" atexit_sleep_ms=0"))
	}
}

// Server is a running test gateway. Dir is its posix root: a
// subdirectory is a bucket, a file below it an object.
type Server struct {
	Endpoint  string
	AccessKey string
	SecretKey string
	Region    string
	Dir       string

	child  *gateway.Child
	shared bool
}

// Option adjusts the gateway a test starts.
type Option func(*gateway.Options)

// WithVersioning enables bucket versioning support.
func WithVersioning() Option {
	return func(o *gateway.Options) { o.VersioningDir = filepath.Join(filepath.Dir(o.Dir), "versions") }
}

// WithAddr makes the gateway listen on a fixed loopback address.
func WithAddr(addr string) Option {
	return func(o *gateway.Options) { o.Addr = addr }
}

// Start launches a gateway over fresh temp dirs and stops it when the test ends.
func Start(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s, err := spawn(t.TempDir(), opts)
	if err != nil {
		t.Fatalf("start gateway: %v", err)
	}
	t.Cleanup(func() {
		if err := s.child.Stop(); err != nil {
			t.Errorf("stop gateway: %v", err)
		}
	})
	return s
}

// spawn starts a gateway with its data and metadata under root.
func spawn(root string, opts []Option) (*Server, error) {
	o := gateway.Options{Dir: filepath.Join(root, "data"), MetaDir: filepath.Join(root, "meta")}
	for _, opt := range opts {
		opt(&o)
	}
	if err := os.MkdirAll(o.Dir, 0o700); err != nil {
		return nil, err
	}
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	child, err := gateway.Spawn(context.Background(), []string{exe, serveArg}, o)
	if err != nil {
		return nil, err
	}
	return &Server{Endpoint: child.Endpoint, AccessKey: child.AccessKey, SecretKey: child.SecretKey,
		Region: child.Region, Dir: o.Dir, child: child}, nil
}

// Stop stops the gateway early (e.g. to test an unreachable endpoint).
// The shared gateway is not one test's to stop.
func (s *Server) Stop() error {
	if s.shared {
		return errors.New("the shared gateway cannot be stopped by one test: use Start")
	}
	return s.child.Stop()
}
