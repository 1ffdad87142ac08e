package transfer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/gateway/gwtest"
	"github.com/ferry-s3/ferry/s3ops"
)

// childEnv makes the test binary run a transfer as a child process that
// the crash tests kill (see crash_test.go).
const childEnv = "FERRY_TRANSFER_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		os.Exit(crashChild())
	}
	if os.Getenv(killChildEnv) != "" {
		os.Exit(killChild()) // killtest_test.go
	}
	gwtest.Main(m)
}

const mib = 1 << 20

// fixture is a gateway, optionally a loopback proxy in front of it, and
// a client that talks through the proxy when there is one.
type fixture struct {
	t      testing.TB
	srv    *gwtest.Server
	proxy  *proxy
	c      *s3ops.Client
	bucket string
}

// newFixture uses the package's shared gateway, in a bucket of the
// test's own.
func newFixture(t testing.TB, withProxy bool) *fixture {
	t.Helper()
	srv := gwtest.Shared(t)
	return newFixtureOn(t, srv, srv.NewBucket(t), withProxy)
}

// newFixtureOn is newFixture on the gateway srv, in bucket.
func newFixtureOn(t testing.TB, srv *gwtest.Server, bucket string, withProxy bool) *fixture {
	t.Helper()
	f := &fixture{t: t, srv: srv, bucket: bucket}
	endpoint := f.srv.Endpoint
	if withProxy {
		f.proxy = newProxy(t, f.srv.Endpoint)
		endpoint = f.proxy.URL()
	}
	f.c = f.connect(endpoint)
	if err := f.c.CreateBucket(context.Background(), f.bucket, ""); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) connect(endpoint string) *s3ops.Client {
	c, err := s3ops.Connect(context.Background(), s3ops.Settings{EndpointURL: endpoint, Region: f.srv.Region,
		AccessKey: f.srv.AccessKey, SecretKey: f.srv.SecretKey})
	if err != nil {
		f.t.Fatal(err)
	}
	return c
}

// smallParts are options that exercise multipart with little data.
func smallParts(journal string) Options {
	return Options{PartSize: 5 * mib, MultipartThreshold: 5 * mib, PartsPerFile: 3, FilesInFlight: 4,
		JournalPath: journal, MaxRetries: 4}
}

// engine starts an engine with o (journal in a temp dir unless set) that
// is closed when the test ends.
func (f *fixture) engine(o Options) *Engine {
	f.t.Helper()
	if o.JournalPath == "" {
		o.JournalPath = filepath.Join(f.t.TempDir(), "transfers.journal")
	}
	e := New(f.c, o)
	if _, err := e.Restore(); err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(func() { e.Close() })
	go func() {
		for range e.Updates() { // a consumer, as the UI would be
		}
	}()
	return e
}

func (f *fixture) loc(key string) s3ops.Location { return s3ops.Location{Bucket: f.bucket, Key: key} }

// seed uploads a new random file of size bytes to key straight to the
// gateway (in parts when o says so) and returns the file's path.
func (f *fixture) seed(t testing.TB, key string, size int64, randSeed uint64, o Options) string {
	t.Helper()
	src := filepath.Join(t.TempDir(), path.Base(key))
	writeRandom(t, src, size, randSeed)
	seeder := f.engine(o)
	if _, err := seeder.Upload(context.Background(), src, f.loc(key)); err != nil {
		t.Fatal(err)
	}
	wait(t, seeder, Done)
	return src
}

// wait waits for the engine to go idle and fails if a job is not Done.
func wait(t testing.TB, e *Engine, want State) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := e.Wait(ctx); err != nil {
		t.Fatalf("engine did not finish: %v; jobs %+v", err, e.Jobs())
	}
	for _, j := range e.Jobs() {
		if j.State != want {
			t.Fatalf("job %s (%s → %s) is %s, want %s: %s", j.ID, j.Local, j.Remote, j.State, want, j.Err)
		}
	}
}

// waitFor polls cond until it holds or the test times out.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// writeRandom writes size pseudo-random bytes (seeded by seed) to path.
func writeRandom(t testing.TB, path string, size int64, seed uint64) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := rand.NewChaCha8([32]byte{byte(seed), byte(seed >> 8), 7})
	if _, err := io.CopyN(f, r, size); err != nil {
		t.Fatal(err)
	}
}

func fileSHA(t testing.TB, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}
