package gateway

import (
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/ferry-s3/ferry/xdg"
)

// DefaultAddr is where `ferry serve` listens unless told otherwise:
// loopback only, so nothing is exposed to the network by accident.
const DefaultAddr = "127.0.0.1:7070"

// ServeMain implements `ferry serve`: it parses args, runs the gateway
// until SIGINT/SIGTERM (or, for a child, until its stdin closes) and
// returns the process exit code.
func ServeMain(args []string, stdout, stderr io.Writer) int {
	o, child, err := parseServeFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "ferry serve:", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if child {
		ctx = stopWhenStdinCloses(ctx)
	}
	ready := func(endpoint string) { announce(stdout, stderr, o, endpoint, child) }
	if err := Run(ctx, o, ready); err != nil {
		fmt.Fprintln(stderr, "ferry serve:", err)
		return 1
	}
	if !child {
		fmt.Fprintln(stdout, "ferry serve: stopped")
	}
	return 0
}

func parseServeFlags(args []string, stderr io.Writer) (Options, bool, error) {
	fs := flag.NewFlagSet("ferry serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o Options
	var child bool
	fs.StringVar(&o.Dir, "dir", "", "data directory; each subdirectory is a bucket (required)")
	fs.StringVar(&o.Addr, "addr", DefaultAddr, "listen address; anything but loopback exposes the gateway to the network")
	fs.StringVar(&o.AccessKey, "access-key", os.Getenv("AWS_ACCESS_KEY_ID"), "access key (default: $AWS_ACCESS_KEY_ID, else generated)")
	fs.StringVar(&o.SecretKey, "secret-key", os.Getenv("AWS_SECRET_ACCESS_KEY"), "secret key (default: $AWS_SECRET_ACCESS_KEY, else generated)")
	fs.StringVar(&o.MetaDir, "meta-dir", "", "sidecar metadata directory, outside --dir (default: under the XDG data dir)")
	fs.StringVar(&o.VersioningDir, "versioning-dir", "", "enable bucket versioning, keeping old versions in this directory (outside --dir)")
	fs.StringVar(&o.Region, "region", DefaultRegion, "region reported to clients")
	fs.BoolVar(&child, "child", false, "internal: run as ferry's child process")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: ferry serve --dir DIR [--addr 127.0.0.1:PORT] [--access-key K --secret-key S]")
		fmt.Fprintln(stderr, "\nRuns a local S3 gateway over DIR (versitygw, posix backend).")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return o, false, err
	}
	if fs.NArg() > 0 {
		return o, false, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if o.Dir == "" {
		return o, false, errors.New("--dir is required")
	}
	if (o.AccessKey == "") != (o.SecretKey == "") {
		return o, false, errors.New("give both --access-key and --secret-key, or neither")
	}
	if o.AccessKey == "" {
		o.AccessKey, o.SecretKey = GenerateCredentials()
	}
	if o.MetaDir == "" {
		md, err := defaultMetaDir(o.Dir)
		if err != nil {
			return o, false, err
		}
		o.MetaDir = md
	}
	return o, child, nil
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
