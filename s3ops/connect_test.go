package s3ops_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/gateway/gwtest"
	"github.com/ferry-s3/ferry/s3ops"
)

func TestMain(m *testing.M) { gwtest.Main(m) }

// connect starts a fresh gateway for t and returns a client for it.
func connect(t *testing.T) (*s3ops.Client, *gwtest.Server) {
	t.Helper()
	srv := gwtest.Start(t)
	c, err := s3ops.Connect(context.Background(), s3ops.Settings{
		EndpointURL: srv.Endpoint, Region: srv.Region, AccessKey: srv.AccessKey, SecretKey: srv.SecretKey})
	if err != nil {
		t.Fatal(err)
	}
	return c, srv
}

// putObject uploads body with a presigned PUT, the way ferry moves bytes.
func putObject(t testing.TB, c *s3ops.Client, loc s3ops.Location, body []byte) {
	t.Helper()
	p, err := c.PresignPut(context.Background(), loc, "", time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPut, p.URL, bytes.NewReader(body))
	resp, err := c.HTTP().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		msg, _ := io.ReadAll(resp.Body)
		t.Fatalf("PUT %s: %d %s", loc, resp.StatusCode, msg)
	}
}

func mustCreateBucket(t testing.TB, c *s3ops.Client, name string) {
	t.Helper()
	if err := c.CreateBucket(context.Background(), name, ""); err != nil {
		t.Fatalf("create bucket %s: %v", name, err)
	}
}

func listAll(t *testing.T, c *s3ops.Client, loc s3ops.Location, opt s3ops.ListOptions) ([]s3ops.Entry, int) {
	t.Helper()
	var all []s3ops.Entry
	pages := 0
	err := c.List(context.Background(), loc, opt, func(p s3ops.Page) bool {
		pages++
		all = append(all, p.Entries...)
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	return all, pages
}

func names(es []s3ops.Entry) []string {
	var n []string
	for _, e := range es {
		n = append(n, e.Name)
	}
	sort.Strings(n)
	return n
}

func TestListBucketsAndNestedPrefixes(t *testing.T) {
	t.Parallel()
	c, _ := connect(t)
	mustCreateBucket(t, c, "alpha")
	mustCreateBucket(t, c, "beta")
	for _, k := range []string{"top.txt", "a/one.txt", "a/b/two.txt", "a/b/c/three.txt"} {
		putObject(t, c, s3ops.Location{Bucket: "alpha", Key: k}, []byte(k))
	}
	bs, err := c.ListBuckets(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) != 2 || bs[0].Name != "alpha" || bs[1].Name != "beta" {
		t.Fatalf("buckets = %+v", bs)
	}
	root, _ := listAll(t, c, s3ops.Location{Bucket: "alpha"}, s3ops.ListOptions{})
	if got := names(root); !slices.Equal(got, []string{"a/", "top.txt"}) {
		t.Fatalf("root = %v", got)
	}
	inner, _ := listAll(t, c, s3ops.Location{Bucket: "alpha", Key: "a/b/"}, s3ops.ListOptions{})
	if got := names(inner); !slices.Equal(got, []string{"c/", "two.txt"}) {
		t.Fatalf("a/b/ = %v", got)
	}
	for _, e := range inner {
		if e.Name == "two.txt" && (e.Size != int64(len("a/b/two.txt")) || e.Key != "a/b/two.txt" || e.Modified.IsZero()) {
			t.Fatalf("entry = %+v", e)
		}
	}
	rec, _ := listAll(t, c, s3ops.Location{Bucket: "alpha", Key: "a/"}, s3ops.ListOptions{Recursive: true})
	if len(rec) != 3 {
		t.Fatalf("recursive = %v", names(rec))
	}
}

func TestListingPaginatesAcrossThousandsOfKeys(t *testing.T) {
	t.Parallel()
	c, _ := connect(t)
	mustCreateBucket(t, c, "many")
	const n = 2345
	var wg sync.WaitGroup
	sem := make(chan struct{}, 16)
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			putObject(t, c, s3ops.Location{Bucket: "many", Key: fmt.Sprintf("p/k%05d", i)}, nil)
			<-sem
		}()
	}
	wg.Wait()
	entries, pages := listAll(t, c, s3ops.Location{Bucket: "many", Key: "p/"}, s3ops.ListOptions{})
	if len(entries) != n || pages < 3 {
		t.Fatalf("got %d entries in %d pages, want %d in >=3", len(entries), pages, n)
	}
	seen := map[string]bool{}
	for _, e := range entries {
		seen[e.Key] = true
	}
	if len(seen) != n {
		t.Fatalf("%d distinct keys, want %d", len(seen), n)
	}
}

func TestOddKeysRoundTripExactly(t *testing.T) {
	t.Parallel()
	c, _ := connect(t)
	mustCreateBucket(t, c, "odd")
	keys := []string{"with space.txt", "plus+sign.txt", "eq=ual.txt", "pct%20lit.txt", "hash#tag.txt",
		"q?mark.txt", "ünïcödé/日本語.txt", "amp&er.txt", "semi;colon", "tilde~", "dir with space/x y.bin"}
	for _, k := range keys {
		putObject(t, c, s3ops.Location{Bucket: "odd", Key: k}, []byte("body of "+k))
	}
	all, _ := listAll(t, c, s3ops.Location{Bucket: "odd"}, s3ops.ListOptions{Recursive: true})
	got := map[string]bool{}
	for _, e := range all {
		got[e.Key] = true
	}
	for _, k := range keys {
		if !got[k] {
			t.Errorf("key %q missing from listing %v", k, names(all))
		}
		loc := s3ops.Location{Bucket: "odd", Key: k}
		info, err := c.Head(context.Background(), loc)
		if err != nil || info.Size != int64(len("body of "+k)) {
			t.Errorf("head %q: %+v %v", k, info, err)
		}
		p, err := c.PresignGet(context.Background(), loc, time.Minute, s3ops.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		resp, err := http.Get(p.URL)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || string(body) != "body of "+k {
			t.Errorf("GET %q: %d %q", k, resp.StatusCode, body)
		}
	}
}

func TestBucketRegionDiscoveredAndUsedForSigning(t *testing.T) {
	t.Parallel()
	c, srv := connect(t)
	mustCreateBucket(t, c, "regional")
	if r := c.BucketRegion(context.Background(), "regional"); r != srv.Region {
		t.Fatalf("region = %q, want %q", r, srv.Region)
	}
	p, err := c.PresignGet(context.Background(), s3ops.Location{Bucket: "regional", Key: "k"}, time.Minute, s3ops.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.URL, "%2F"+srv.Region+"%2Fs3%2Faws4_request") {
		t.Fatalf("URL not signed for %s: %s", srv.Region, p.URL)
	}
}

func TestBucketRegionFromHeaderOnRedirect(t *testing.T) {
	t.Parallel()
	// A server that answers like AWS for a bucket in another region.
	srv := newRegionRedirectServer(t, "eu-west-3")
	c, err := s3ops.Connect(context.Background(), s3ops.Settings{
		EndpointURL: srv, Region: "us-east-1", AccessKey: "AKIDEXAMPLE", SecretKey: "secret"})
	if err != nil {
		t.Fatal(err)
	}
	if r := c.BucketRegion(context.Background(), "faraway"); r != "eu-west-3" {
		t.Fatalf("region = %q, want eu-west-3", r)
	}
}

func TestErrorsAreClassified(t *testing.T) {
	t.Parallel()
	c, srv := connect(t)
	ctx := context.Background()
	err := c.List(ctx, s3ops.Location{Bucket: "missing-bucket"}, s3ops.ListOptions{}, func(s3ops.Page) bool { return true })
	if s3ops.KindOf(err) != s3ops.KindNoSuchBucket {
		t.Fatalf("missing bucket: %v (kind %d)", err, s3ops.KindOf(err))
	}
	bad, err := s3ops.Connect(ctx, s3ops.Settings{EndpointURL: srv.Endpoint, Region: srv.Region,
		AccessKey: srv.AccessKey, SecretKey: "wrong-secret"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = bad.ListBuckets(ctx)
	if k := s3ops.KindOf(err); k != s3ops.KindSignature {
		t.Fatalf("wrong secret: %v (kind %d)", err, k)
	}
	srv.Stop()
	_, err = c.ListBuckets(ctx)
	if k := s3ops.KindOf(err); k != s3ops.KindNetwork {
		t.Fatalf("stopped server: %v (kind %d)", err, k)
	}
	if !strings.Contains(err.Error(), "cannot reach") {
		t.Fatalf("message %q", err)
	}
}

func TestUnknownProfileFailsWithClearMessage(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("AWS_CONFIG_FILE", dir+"/config")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", dir+"/credentials")
	_, err := s3ops.Connect(context.Background(), s3ops.Settings{Profile: "nope"})
	if err == nil || !strings.Contains(err.Error(), `profile "nope"`) {
		t.Fatalf("err = %v", err)
	}
}

func TestEndpointIDIsTheSameForEverySpelling(t *testing.T) {
	t.Parallel()
	id := func(endpoint string) string {
		c, err := s3ops.Connect(context.Background(), s3ops.Settings{EndpointURL: endpoint, Region: "us-east-1", AccessKey: "a", SecretKey: "b"})
		if err != nil {
			t.Fatal(err)
		}
		return c.EndpointID()
	}
	for _, spelled := range []string{"http://127.0.0.1:9000", "HTTP://127.0.0.1:9000/", "http://127.0.0.1:9000//"} {
		if got := id(spelled); got != "http://127.0.0.1:9000" {
			t.Errorf("%q → %q", spelled, got)
		}
	}
	cases := map[string]string{
		"https://MinIO.example.com:443/": "https://minio.example.com",
		"http://example.com:80":          "http://example.com",
		"http://[::1]:9000/s3/":          "http://[::1]:9000/s3",
		"https://[::1]":                  "https://[::1]",
		"":                               "aws",
	}
	for in, want := range cases {
		if got := id(in); got != want {
			t.Errorf("%q → %q, want %q", in, got, want)
		}
	}
}
