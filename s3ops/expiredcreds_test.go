package s3ops_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/ferry-s3/ferry/gateway/gwtest"
	"github.com/ferry-s3/ferry/s3ops"
)

type countingCreds struct {
	ak, sk string
	calls  atomic.Int32
}

func (c *countingCreds) Retrieve(context.Context) (aws.Credentials, error) {
	c.calls.Add(1)
	return aws.Credentials{AccessKeyID: c.ak, SecretAccessKey: c.sk, CanExpire: true, Expires: time.Now().Add(time.Hour)}, nil
}

// A control-plane request refused because its temporary credentials
// expired (signed just before, arrived just after, or a server clock
// ahead of ours) is retried with fresh credentials, whether the refusal
// says ExpiredToken or, as S3 does for a HEAD, is a bare 400.
func TestRequestsRefusedForExpiredCredentialsAreRetriedWithFreshOnes(t *testing.T) {
	t.Parallel()
	srv := gwtest.Start(t)
	up, _ := url.Parse(srv.Endpoint)
	rp := httputil.NewSingleHostReverseProxy(up)
	rp.ErrorLog = log.New(io.Discard, "", 0)
	var refused atomic.Int32
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if refused.Add(1) <= 2 && (r.Method == "HEAD" || r.URL.Query().Has("list-type")) {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, "<Error><Code>ExpiredToken</Code><Message>The provided token has expired.</Message></Error>")
			return
		}
		rp.ServeHTTP(w, r)
	}))
	defer proxy.Close()
	creds := &countingCreds{ak: srv.AccessKey, sk: srv.SecretKey}
	c, err := s3ops.Connect(context.Background(), s3ops.Settings{EndpointURL: proxy.URL, Region: srv.Region, CredentialsProvider: creds})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.CreateBucket(context.Background(), "expiry", ""); err != nil {
		t.Fatal(err)
	}
	refused.Store(0)
	before := creds.calls.Load()
	if _, err := c.Head(context.Background(), s3ops.Location{Bucket: "expiry", Key: "nothing"}); s3ops.KindOf(err) != s3ops.KindNoSuchKey {
		t.Fatalf("HEAD after a bare 400: %v", err)
	}
	refused.Store(1) // the next listing is refused once, with ExpiredToken
	if err := c.List(context.Background(), s3ops.Location{Bucket: "expiry"}, s3ops.ListOptions{}, func(s3ops.Page) bool { return true }); err != nil {
		t.Fatalf("listing after ExpiredToken: %v", err)
	}
	if n := creds.calls.Load() - before; n < 2 {
		t.Errorf("the provider was asked %d times after the refusals, want fresh credentials each time", n)
	}
}
