// Package gateway runs the embedded S3 server (versitygw with its posix
// backend) that powers `ferry serve`, `ferry --demo` and the tests.
//
// versitygw changes the working directory of its process and allows one
// instance per process, so callers that are not themselves a dedicated
// server process must use Spawn, which runs `ferry serve` (or any binary
// that calls Run) as a child process.
package gateway

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/versity/versitygw/backend/meta"
	"github.com/versity/versitygw/backend/posix"
	"github.com/versity/versitygw/embedgw"
)

// DefaultRegion is the region the embedded gateway reports to clients.
const DefaultRegion = "us-east-1"

// Options describes one gateway instance.
type Options struct {
	// Dir is the posix root: each subdirectory is a bucket.
	Dir string
	// MetaDir holds versitygw's sidecar metadata (ACLs, ETags, content
	// types); it must lie outside Dir.
	MetaDir string
	// VersioningDir, when set, enables bucket versioning and stores old
	// versions there (outside Dir).
	VersioningDir string
	// Addr is the host:port to listen on.
	Addr string
	// AccessKey and SecretKey are the root credentials clients sign with.
	AccessKey string
	SecretKey string
	// Region is reported to clients; DefaultRegion when empty.
	Region string
}

// Endpoint is the http URL clients use to reach a gateway listening on addr.
func Endpoint(addr string) string {
	return "http://" + addr
}

// Run serves S3 on o.Addr until ctx is cancelled. ready is called once the
// gateway answers a request signed with its keys (see waitListening). Run changes the process working directory
// (a versitygw property) and may be called once per process.
func Run(ctx context.Context, o Options, ready func(endpoint string)) error {
	if err := o.validate(); err != nil {
		return err
	}
	if err := addrFree(o.Addr); err != nil {
		return err
	}
	be, err := newBackend(o)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error, 1)
	go func() { errc <- embedgw.RunVersityGW(ctx, be, o.embedConfig()) }()
	if err := waitListening(ctx, o, errc); err != nil {
		return err
	}
	if ready != nil {
		ready(Endpoint(o.Addr))
	}
	select {
	case err = <-errc:
		return err
	case <-ctx.Done():
	}
	// The server drains keep-alive connections on shutdown; clients that
	// hold idle connections open would delay exit indefinitely.
	select {
	case <-errc:
	case <-time.After(2 * time.Second):
	}
	return nil
}

func (o *Options) validate() error {
	if o.Dir == "" || o.MetaDir == "" {
		return errors.New("gateway: a data dir and a metadata dir are required")
	}
	if o.AccessKey == "" || o.SecretKey == "" {
		return errors.New("gateway: access key and secret key are required")
	}
	if o.Addr == "" {
		return errors.New("gateway: a listen address is required")
	}
	if o.Region == "" {
		o.Region = DefaultRegion
	}
	for _, p := range []*string{&o.Dir, &o.MetaDir, &o.VersioningDir} {
		if *p == "" {
			continue
		}
		abs, err := filepath.Abs(*p)
		if err != nil {
			return err
		}
		*p = abs
	}
	if isWithin(o.MetaDir, o.Dir) || (o.VersioningDir != "" && isWithin(o.VersioningDir, o.Dir)) {
		return fmt.Errorf("gateway: metadata and versioning dirs must lie outside %s", o.Dir)
	}
	return nil
}

func isWithin(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func newBackend(o Options) (*posix.Posix, error) {
	for _, d := range []string{o.Dir, o.MetaDir, o.VersioningDir} {
		if d == "" {
			continue
		}
		if err := os.MkdirAll(d, 0o700); err != nil {
			return nil, fmt.Errorf("gateway: %w", err)
		}
	}
	sc, err := meta.NewSideCar(o.MetaDir)
	if err != nil {
		return nil, fmt.Errorf("gateway: sidecar metadata: %w", err)
	}
	opts := posix.PosixOpts{SideCarDir: o.MetaDir, VersioningDir: o.VersioningDir,
		// versitygw leaves this at 0 unless set, which refuses every
		// server-side copy of a non-empty object; S3's limit is 5 GiB.
		CopyObjectThreshold: 5 << 30}
	// versitygw first checks "sidecar inside root" as a plain string
	// prefix, refusing a sibling such as /srv/s3meta for /srv/s3; the
	// trailing separator makes that check exact (its own later checks are).
	be, err := posix.New(o.Dir+string(filepath.Separator), sc, opts)
	if err != nil {
		return nil, fmt.Errorf("gateway: posix backend: %w", err)
	}
	return be, nil
}

func (o Options) embedConfig() *embedgw.Config {
	return &embedgw.Config{
		RootUserAccess:    o.AccessKey,
		RootUserSecret:    o.SecretKey,
		Region:            o.Region,
		Ports:             []string{o.Addr},
		MaxConnections:    4096,
		MaxRequests:       2048,
		MultipartMaxParts: 10000,
		Quiet:             true,
		KeepAlive:         true,
	}
}

// waitListening returns once this gateway answers on addr, or with the
// error that stopped it. A bare TCP connect is not enough: the port was
// picked free a moment before versitygw binds it, and another process
// (another test package's gateway) may have bound it in between. Then
// our bind fails, but a connect would reach the other server and the
// caller would talk to a gateway with other keys. So the probe is a
// ListBuckets signed with this gateway's own keys, which only it accepts.
// addrFree fails when addr is taken. The readiness probe cannot tell
// another gateway that knows the same keys from this one, so a taken
// address is refused before starting; binding still fails if another
// process takes it in the moment after.
func addrFree(addr string) error {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return l.Close()
}

func waitListening(ctx context.Context, o Options, errc <-chan error) error {
	probe := newProbe(o)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-errc:
			if err == nil {
				err = errors.New("gateway stopped before listening")
			}
			return err
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		if probe(ctx) {
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("gateway: %s did not start answering within 30s", o.Addr)
}

// newProbe returns a check that a ListBuckets signed with o's keys
// succeeds at o.Addr (one attempt, a second at most).
func newProbe(o Options) func(context.Context) bool {
	client := s3.New(s3.Options{Region: o.Region, BaseEndpoint: aws.String(Endpoint(o.Addr)), UsePathStyle: true,
		Credentials:                credentials.NewStaticCredentialsProvider(o.AccessKey, o.SecretKey, ""),
		RequestChecksumCalculation: aws.RequestChecksumCalculationWhenRequired,
		ResponseChecksumValidation: aws.ResponseChecksumValidationWhenRequired,
		RetryMaxAttempts:           1, HTTPClient: &http.Client{Timeout: time.Second}})
	return func(ctx context.Context) bool {
		_, err := client.ListBuckets(ctx, &s3.ListBucketsInput{})
		return err == nil
	}
}
