package gateway

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/spf13/pflag"

	"github.com/ferry-s3/ferry/xdg"
)

// DefaultAddr is where `ferry serve` listens unless told otherwise:
// loopback only, so nothing is exposed to the network by accident.
const DefaultAddr = "127.0.0.1:7070"

// ServeMain runs `ferry serve` for a binary that is not ferry itself (a
// test binary that gwtest re-executes as a gateway): it parses args with
// the flags of ServeFlags, runs the gateway until SIGINT/SIGTERM (or,
// for a child, until its stdin closes) and returns the exit code. ferry
// itself parses the same flags through its command tree (package cli).
func ServeMain(args []string, stdout, stderr io.Writer) int {
	var f ServeFlags
	fs := pflag.NewFlagSet("ferry serve", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	f.Register(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return 0
		}
		return 2
	}
	o, err := f.Options(fs.Args())
	if err != nil {
		fmt.Fprintln(stderr, "ferry serve:", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := Serve(ctx, o, f.Child, stdout, stderr); err != nil {
		fmt.Fprintln(stderr, "ferry serve:", err)
		return 1
	}
	return 0
}

// ServeFlags are the flags of `ferry serve`, defined once for ferry's
// command tree and for ServeMain.
type ServeFlags struct {
	o Options
	// Child is set by --child: the gateway runs as a child process of
	// ferry (or of a test) and says on stdout when it is ready.
	Child bool
}

// Register adds the flags to fs. --child is internal: hidden from help.
func (f *ServeFlags) Register(fs *pflag.FlagSet) {
	fs.StringVar(&f.o.Dir, "dir", "", "data directory; each subdirectory is a bucket (required)")
	fs.StringVar(&f.o.Addr, "addr", DefaultAddr, "listen address; anything but loopback exposes the gateway")
	// The keys' defaults are read from the environment after parsing, so
	// that help never prints a secret.
	fs.StringVar(&f.o.AccessKey, "access-key", "", "access key (default: $AWS_ACCESS_KEY_ID, else generated)")
	fs.StringVar(&f.o.SecretKey, "secret-key", "", "secret key (default: $AWS_SECRET_ACCESS_KEY, else generated)")
	fs.StringVar(&f.o.MetaDir, "meta-dir", "", "sidecar metadata directory, outside --dir (default: in the XDG data dir)")
	fs.StringVar(&f.o.VersioningDir, "versioning-dir", "", "enable bucket versioning, keeping old versions here (outside --dir)")
	fs.StringVar(&f.o.Region, "region", DefaultRegion, "region reported to clients")
	fs.BoolVar(&f.Child, "child", false, "internal: run as ferry's child process")
	fs.MarkHidden("child")
}

// Options checks the parsed flags (args are the positional arguments,
// of which serve takes none) and completes them: keys from the
// environment or generated, the default metadata directory. Its errors
// are usage errors.
func (f *ServeFlags) Options(args []string) (Options, error) {
	o := f.o
	if len(args) > 0 {
		return o, fmt.Errorf("unexpected argument %q", args[0])
	}
	if o.Dir == "" {
		return o, errors.New("--dir is required")
	}
	if o.AccessKey == "" {
		o.AccessKey = os.Getenv("AWS_ACCESS_KEY_ID")
	}
	if o.SecretKey == "" {
		o.SecretKey = os.Getenv("AWS_SECRET_ACCESS_KEY")
	}
	if (o.AccessKey == "") != (o.SecretKey == "") {
		return o, errors.New("give both --access-key and --secret-key, or neither")
	}
	if o.AccessKey == "" {
		o.AccessKey, o.SecretKey = GenerateCredentials()
	}
	if o.MetaDir == "" {
		md, err := defaultMetaDir(o.Dir)
		if err != nil {
			return o, err
		}
		o.MetaDir = md
	}
	return o, nil
}

// Serve runs the gateway o describes until ctx ends (for a child, also
// until its stdin closes), announcing it on stdout.
func Serve(ctx context.Context, o Options, child bool, stdout, stderr io.Writer) error {
	if child {
		ctx = stopWhenStdinCloses(ctx)
	}
	if !child {
		quietLibraryOutput()
	}
	ready := func(endpoint string) { announce(stdout, stderr, o, endpoint, child) }
	if err := Run(ctx, o, ready); err != nil {
		return plainBindError(err, o.Addr)
	}
	if !child {
		fmt.Fprintln(stdout, "ferry serve: stopped")
	}
	return nil
}

// quietLibraryOutput sends what versitygw prints on the process's stdout
// with fmt.Println ("Using sidecar directory for metadata…", "No IAM
// service configured…": nothing a ferry user can act on) to /dev/null.
// ferry's own lines go to the writer Serve was given, taken before. The
// gateway's goroutines may print at any time until the process exits,
// so os.Stdout is not put back: serving is the process's last act.
func quietLibraryOutput() {
	if null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0); err == nil {
		os.Stdout = null
	}
}

// plainBindError says in one sentence that the address is taken, where
// versitygw's error names it three times.
func plainBindError(err error, addr string) error {
	if errors.Is(err, syscall.EADDRINUSE) {
		return fmt.Errorf("%s is already in use: stop what listens there, or pick another --addr", addr)
	}
	return err
}

// defaultMetaDir keeps sidecar metadata for DIR under the XDG data dir, one
// folder per absolute data dir, so DIR itself holds only the user's files.
func defaultMetaDir(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	base, err := xdg.DataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(base, "gateway-meta", xdg.PathKey(abs)), nil
}

func announce(stdout, stderr io.Writer, o Options, endpoint string, child bool) {
	if child {
		fmt.Fprintln(stdout, readyPrefix+endpoint)
		return
	}
	if !isLoopback(o.Addr) {
		fmt.Fprintf(stderr, "warning: listening on %s, reachable from other machines\n", o.Addr)
	}
	fmt.Fprintf(stdout, "ferry serve: S3 gateway on %s\n", o.Dir)
	fmt.Fprintf(stdout, "  endpoint:   %s\n", endpoint)
	fmt.Fprintf(stdout, "  region:     %s\n", o.Region)
	fmt.Fprintf(stdout, "  access key: %s\n", o.AccessKey)
	fmt.Fprintf(stdout, "  secret key: %s\n", o.SecretKey)
	fmt.Fprintf(stdout, "Try: AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s ferry --endpoint-url %s\n",
		o.AccessKey, o.SecretKey, endpoint)
	fmt.Fprintln(stdout, "Stop with Ctrl-C.")
}

func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// stopWhenStdinCloses ties a child gateway's life to its parent: when the
// parent exits for any reason its end of the stdin pipe closes.
func stopWhenStdinCloses(ctx context.Context) context.Context {
	ctx, cancel := context.WithCancel(ctx)
	go func() {
		io.Copy(io.Discard, os.Stdin)
		cancel()
	}()
	return ctx
}

// GenerateCredentials returns a random access key and secret key in the
// shapes AWS uses (20 upper-case alphanumerics, 40 base64-ish characters).
func GenerateCredentials() (access, secret string) {
	return randomString(20, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
		randomString(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
}

func randomString(n int, alphabet string) string {
	b := make([]byte, n)
	rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}
