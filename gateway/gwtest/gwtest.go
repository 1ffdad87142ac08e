// Package gwtest starts real S3 gateways (versitygw in a child process on
// 127.0.0.1) for tests. A test package opts in with
//
//	func TestMain(m *testing.M) { gwtest.Main(m) }
//
// which lets the test binary re-execute itself as the gateway process.
package gwtest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/gateway"
)

// serveArg is the first argument that turns a test binary into a gateway.
const serveArg = "serve" // the same subcommand as `ferry serve`, so StartDemo works in tests

// Main runs the tests, or the gateway when this binary was started by Start.
func Main(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == serveArg {
		os.Exit(gateway.ServeMain(os.Args[2:], os.Stdout, os.Stderr))
	}
	skipRaceExitSleep()
	os.Exit(m.Run())
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

	child *gateway.Child
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
	root := t.TempDir()
	o := gateway.Options{Dir: filepath.Join(root, "data"), MetaDir: filepath.Join(root, "meta")}
	for _, opt := range opts {
		opt(&o)
	}
	if err := os.MkdirAll(o.Dir, 0o700); err != nil {
		t.Fatal(err)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	child, err := gateway.Spawn(context.Background(), []string{exe, serveArg}, o)
	if err != nil {
		t.Fatalf("start gateway: %v", err)
	}
	t.Cleanup(func() {
		if err := child.Stop(); err != nil {
			t.Errorf("stop gateway: %v", err)
		}
	})
	return &Server{Endpoint: child.Endpoint, AccessKey: child.AccessKey, SecretKey: child.SecretKey,
		Region: child.Region, Dir: o.Dir, child: child}
}

// Stop stops the gateway early (e.g. to test an unreachable endpoint).
func (s *Server) Stop() error { return s.child.Stop() }
