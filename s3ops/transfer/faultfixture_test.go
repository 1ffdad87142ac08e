package transfer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/ferry-s3/ferry/internal/faultproxy"
	"github.com/ferry-s3/ferry/s3ops"
)

// faultFixture is a gateway with the fault-injection proxy in front of
// it. The embedded fixture's client talks to the gateway directly (for
// seeding and checking, never faulted); viaFP goes through the proxy.
type faultFixture struct {
	*fixture
	fp    *faultproxy.Proxy
	viaFP *s3ops.Client
}

func newFaultFixture(t testing.TB, seed int64) *faultFixture {
	t.Helper()
	f := newFixture(t, false)
	fp := faultproxy.Start(t, f.srv.Endpoint, faultproxy.WithSeed(seed), faultproxy.WithLogf(nil))
	return &faultFixture{fixture: f, fp: fp, viaFP: f.connect(fp.URL())}
}

// faultEngine starts an engine on the faulted connection, closed when the
// test ends, with a consumer that remembers every retry status shown.
func (ff *faultFixture) faultEngine(o Options) (*Engine, *statusLog) {
	ff.t.Helper()
	if o.JournalPath == "" {
		o.JournalPath = filepath.Join(ff.t.TempDir(), "transfers.journal")
	}
	e := New(ff.viaFP, o)
	if _, err := e.Restore(); err != nil {
		ff.t.Fatal(err)
	}
	ff.t.Cleanup(func() { e.Close() })
	log := &statusLog{retrying: map[JobID][]string{}}
	go func() {
		for u := range e.Updates() {
			log.add(u)
		}
	}()
	return e, log
}

// statusLog keeps the retry reasons the UI would have shown.
type statusLog struct {
	mu       sync.Mutex
	retrying map[JobID][]string
}

func (l *statusLog) add(u Update) {
	if u.Job.Retrying == "" {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.retrying[u.Job.ID] = append(l.retrying[u.Job.ID], u.Job.Retrying)
}

func (l *statusLog) all() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, rs := range l.retrying {
		out = append(out, rs...)
	}
	return out
}

// storedSHA is the sha256 of the object as the gateway keeps it on disk
// (its posix backend), read without going through S3 at all; "" when
// there is no such object.
func (f *fixture) storedSHA(t testing.TB, key string) string {
	t.Helper()
	p := filepath.Join(f.srv.Dir, f.bucket, filepath.FromSlash(key))
	fi, err := os.Stat(p)
	if errors.Is(err, os.ErrNotExist) || (err == nil && fi.IsDir()) {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	return fileSHA(t, p)
}

func bytesSHA(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// faultSeeds are the chaos seeds to run: FERRY_FAULT_SEEDS="1,2,3" (or
// "1-8") locally, the given defaults otherwise.
func faultSeeds(t testing.TB, defaults ...int64) []int64 {
	spec := os.Getenv("FERRY_FAULT_SEEDS")
	if spec == "" {
		return defaults
	}
	var out []int64
	for _, part := range strings.Split(spec, ",") {
		lo, hi, span := strings.Cut(strings.TrimSpace(part), "-")
		a, err := strconv.ParseInt(lo, 10, 64)
		b := a
		if err == nil && span {
			b, err = strconv.ParseInt(hi, 10, 64)
		}
		if err != nil || b < a {
			t.Fatalf("FERRY_FAULT_SEEDS=%q: want numbers or ranges like 1,2,5-8", spec)
		}
		for s := a; s <= b; s++ {
			out = append(out, s)
		}
	}
	return out
}

// uploadsLeft lists the multipart uploads the server still holds under
// prefix, asked directly (not through the faulted proxy).
func (f *fixture) uploadsLeft(t testing.TB, prefix string) []s3ops.MultipartUpload {
	t.Helper()
	ups, err := f.c.ListMultipartUploads(context.Background(), f.loc(prefix))
	if err != nil {
		t.Fatal(err)
	}
	return ups
}

// tempFilesUnder lists ferry's download temp files below dir.
func tempFilesUnder(dir string) []string {
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".ferry-") {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// settleAborts waits until every aborted upload e watches was last
// checked and found gone.
func settleAborts(t testing.TB, e *Engine) {
	t.Helper()
	waitFor(t, "aborted uploads to be checked", func() bool {
		e.mu.Lock()
		defer e.mu.Unlock()
		for _, p := range e.aborts {
			if !p.gone {
				return false
			}
		}
		return true
	})
}
