package transfer

import (
	"context"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/ferry-s3/ferry/s3ops"
)

// expiringCreds hands out the gateway's real keys as temporary
// credentials that expire after life, as STS, SSO or an instance role
// would, and remembers when each set was issued and expires.
type expiringCreds struct {
	ak, sk string
	life   time.Duration
	calls  atomic.Int32

	mu     sync.Mutex
	issued [][2]time.Time // issued at, expires at
}

func (c *expiringCreds) Retrieve(ctx context.Context) (aws.Credentials, error) {
	c.calls.Add(1)
	now := time.Now()
	c.mu.Lock()
	c.issued = append(c.issued, [2]time.Time{now, now.Add(c.life)})
	c.mu.Unlock()
	return aws.Credentials{AccessKeyID: c.ak, SecretAccessKey: c.sk, CanExpire: true, Expires: now.Add(c.life),
		Source: "test"}, nil
}

// expiredAt reports whether a request signed at signed (X-Amz-Date, whole
// seconds) arrives after the credentials it was signed with expired. The
// gateway does not know these credentials are temporary, so the test
// proxy enforces it the way S3 does for session tokens. Ties go to the
// request: it is judged by the newest set issued before it could have
// been signed.
func (c *expiringCreds) expiredAt(signed, arrived time.Time) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := len(c.issued) - 1; i >= 0; i-- {
		if c.issued[i][0].Before(signed.Add(time.Second)) {
			return arrived.After(c.issued[i][1])
		}
	}
	return false
}

func signingTime(r *http.Request) (time.Time, bool) {
	v := r.URL.Query().Get("X-Amz-Date")
	if v == "" {
		v = r.Header.Get("X-Amz-Date")
	}
	at, err := time.Parse("20060102T150405Z", v)
	return at, err == nil
}

func TestCredentialsThatExpireMidTransferAreRefreshedAndURLsResigned(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	creds := &expiringCreds{ak: f.srv.AccessKey, sk: f.srv.SecretKey, life: 3 * time.Second}
	c, err := s3ops.Connect(context.Background(), s3ops.Settings{EndpointURL: f.proxy.URL(), Region: f.srv.Region,
		CredentialsProvider: creds})
	if err != nil {
		t.Fatal(err)
	}
	var rejected, held atomic.Int32
	f.proxy.setHook(func(r *http.Request) action {
		var delay time.Duration
		if r.Method == "GET" && r.Header.Get("Range") != "" && held.Add(1) == 2 {
			delay = creds.life + time.Second // this range arrives after its credentials expired
		}
		time.Sleep(delay)
		if at, ok := signingTime(r); ok && creds.expiredAt(at, time.Now()) {
			rejected.Add(1)
			return action{Status: http.StatusBadRequest, Code: "ExpiredToken"}
		}
		return action{}
	})
	f.proxy.bps.Store(3 * mib) // each file takes several credential lifetimes
	e := New(c, Options{PartSize: 5 * mib, MultipartThreshold: 5 * mib, PartsPerFile: 2, JournalPath: "-"})
	defer e.Close()
	statuses := &statusLog{retrying: map[JobID][]string{}}
	go func() {
		for u := range e.Updates() {
			statuses.add(u)
		}
	}()
	src := filepath.Join(t.TempDir(), "long.bin")
	writeRandom(t, src, 20*mib+5, 13)
	if _, err := e.Upload(context.Background(), src, f.loc("creds/long.bin")); err != nil {
		t.Fatal(err)
	}
	wait(t, e, Done)
	dst := t.TempDir()
	// The HEAD this makes may be signed just before the credentials
	// expire and refused just after: the SDK must refresh and retry.
	if _, err := e.Download(context.Background(), f.loc("creds/long.bin"), dst, PolicyDefault); err != nil {
		t.Fatal(err)
	}
	wait(t, e, Done)

	if fileSHA(t, src) != fileSHA(t, filepath.Join(dst, "long.bin")) {
		t.Fatal("content differs")
	}
	t.Logf("the provider was asked %d times; the proxy refused %d requests as signed with expired credentials",
		creds.calls.Load(), rejected.Load())
	if n := creds.calls.Load(); n < 3 { // at connect, then at least twice more
		t.Errorf("the provider was asked %d times in a transfer lasting several lifetimes", n)
	}
	if rejected.Load() == 0 {
		t.Error("no request was refused as expired; the test did not exercise expiry")
	}
	for _, j := range e.Jobs() {
		if j.Err != "" || j.Retrying != "" {
			t.Errorf("job %s ends with %q / %q", j.Local, j.Err, j.Retrying)
		}
	}
	if !slices.ContainsFunc(statuses.all(), func(s string) bool { return strings.Contains(s, "credentials expired") }) {
		t.Errorf("the user was not told credentials were refreshed: %q", statuses.all())
	}
}
