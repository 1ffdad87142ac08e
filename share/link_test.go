package share_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/ferry-s3/ferry/gateway/gwtest"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/share"
)

// connect starts a fresh gateway for t and returns a client for it, with
// one bucket.
func connect(t *testing.T, bucket string) (*s3ops.Client, *gwtest.Server) {
	t.Helper()
	srv := gwtest.Start(t)
	c, err := s3ops.Connect(context.Background(), s3ops.Settings{
		EndpointURL: srv.Endpoint, Region: srv.Region, AccessKey: srv.AccessKey, SecretKey: srv.SecretKey})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.CreateBucket(context.Background(), bucket, ""); err != nil {
		t.Fatal(err)
	}
	return c, srv
}

// put stores body at loc through ferry's own upload link.
func put(t *testing.T, c *s3ops.Client, loc s3ops.Location, body string) {
	t.Helper()
	l, err := share.UploadLink(context.Background(), c, loc, share.UploadOptions{Expiry: time.Minute, ContentType: "application/octet-stream"})
	if err != nil {
		t.Fatal(err)
	}
	if code, msg := send(t, http.MethodPut, l.URL, "application/octet-stream", body); code != 200 {
		t.Fatalf("PUT %s: %d %s", loc, code, msg)
	}
}

// send makes a plain net/http request, as a browser or curl would.
func send(t *testing.T, method, u, contentType, body string) (int, string) {
	t.Helper()
	resp := do(t, method, u, contentType, body)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func do(t *testing.T, method, u, contentType, body string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

func query(t *testing.T, link, name string) string {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query().Get(name)
}

func TestDownloadLinkServesBytesUntilExpiryThenIsRefused(t *testing.T) {
	c, _ := connect(t, "docs")
	loc := s3ops.Location{Bucket: "docs", Key: "report.bin"}
	body := string(bytes.Repeat([]byte{0, 1, 2, 0xff, 'x'}, 4000))
	put(t, c, loc, body)

	l, err := share.DownloadLink(context.Background(), c, loc, share.DownloadOptions{Expiry: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if l.Method != http.MethodGet || l.Plan.Sign != 2*time.Second || !l.Expires().Equal(l.Signed.Add(2*time.Second)) {
		t.Fatalf("link = %+v", l)
	}
	if code, got := send(t, http.MethodGet, l.URL, "", ""); code != 200 || got != body {
		t.Fatalf("before expiry: %d, %d bytes (want %d)", code, len(got), len(body))
	}
	time.Sleep(time.Until(l.Expires()) + 1500*time.Millisecond)
	if code, msg := send(t, http.MethodGet, l.URL, "", ""); code != http.StatusForbidden {
		t.Fatalf("after expiry: %d %s", code, msg)
	}
}

func TestTamperedDownloadLinkIsRefused(t *testing.T) {
	c, _ := connect(t, "docs")
	put(t, c, s3ops.Location{Bucket: "docs", Key: "a.txt"}, "secret a")
	put(t, c, s3ops.Location{Bucket: "docs", Key: "b.txt"}, "secret b")
	l, err := share.DownloadLink(context.Background(), c, s3ops.Location{Bucket: "docs", Key: "a.txt"}, share.DownloadOptions{Expiry: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	if code, _ := send(t, http.MethodGet, l.URL, "", ""); code != 200 {
		t.Fatalf("untouched link: %d", code)
	}
	sig := query(t, l.URL, "X-Amz-Signature")
	flipped := string(sig[0]^1) + sig[1:]
	tampered := map[string]string{
		"signature": strings.Replace(l.URL, "X-Amz-Signature="+sig, "X-Amz-Signature="+flipped, 1),
		"key":       strings.Replace(l.URL, "/docs/a.txt", "/docs/b.txt", 1),
		"expiry":    strings.Replace(l.URL, "X-Amz-Expires=3600", "X-Amz-Expires=3601", 1),
	}
	for what, u := range tampered {
		if u == l.URL {
			t.Fatalf("could not tamper with the %s of %s", what, l.URL)
		}
		if code, body := send(t, http.MethodGet, u, "", ""); code != http.StatusForbidden || strings.Contains(body, "secret") {
			t.Errorf("tampered %s: %d %q", what, code, body)
		}
	}
}

func TestUploadLinkAcceptsOnlyTheSignedContentType(t *testing.T) {
	c, _ := connect(t, "inbox")
	loc := s3ops.Location{Bucket: "inbox", Key: "notes.txt"}
	l, err := share.UploadLink(context.Background(), c, loc, share.UploadOptions{Expiry: time.Hour, ContentType: "text/plain"})
	if err != nil {
		t.Fatal(err)
	}
	if l.Method != http.MethodPut || l.ContentType != "text/plain" || l.Header.Get("Content-Type") != "text/plain" {
		t.Fatalf("link = %+v", l)
	}
	if code, msg := send(t, http.MethodPut, l.URL, "application/json", `{"x":1}`); code != http.StatusForbidden {
		t.Fatalf("other Content-Type: %d %s", code, msg)
	}
	if _, err := c.Head(context.Background(), loc); s3ops.KindOf(err) != s3ops.KindNoSuchKey {
		t.Fatalf("refused upload left an object: %v", err)
	}
	if code, msg := send(t, http.MethodPut, l.URL, "text/plain", "hello"); code != 200 {
		t.Fatalf("signed Content-Type: %d %s", code, msg)
	}
	info, err := c.Head(context.Background(), loc)
	if err != nil || info.ContentType != "text/plain" || info.Size != 5 {
		t.Fatalf("uploaded object: %+v %v", info, err)
	}
}

func TestUploadLinkGuessesContentTypeFromName(t *testing.T) {
	c, _ := connect(t, "inbox")
	for key, want := range map[string]string{"photo.PNG": "image/png", "data.unknownext": "application/octet-stream", "noext": "application/octet-stream"} {
		l, err := share.UploadLink(context.Background(), c, s3ops.Location{Bucket: "inbox", Key: key}, share.UploadOptions{Expiry: time.Hour})
		if err != nil || l.ContentType != want || !strings.Contains(l.Curl, "'Content-Type: "+want+"'") {
			t.Errorf("%s: content type %q, curl %q, %v; want %s", key, l.ContentType, l.Curl, err, want)
		}
	}
}

var oddKeys = []string{"with space.txt", "plus+sign.txt", "eq=ual.txt", "pct%20lit.txt", "hash#tag.txt",
	"q?mark.txt", "ünïcödé/日本語.txt", "amp&er.txt", "brackets[1]{2}.txt", "it's.txt", "dir with space/x y.bin"}

func TestOddKeysWorkForUploadAndDownloadLinks(t *testing.T) {
	c, _ := connect(t, "odd")
	for _, key := range oddKeys {
		loc := s3ops.Location{Bucket: "odd", Key: key}
		up, err := share.UploadLink(context.Background(), c, loc, share.UploadOptions{Expiry: time.Hour, ContentType: "text/plain"})
		if err != nil {
			t.Fatal(err)
		}
		if code, msg := send(t, http.MethodPut, up.URL, "text/plain", "body of "+key); code != 200 {
			t.Errorf("PUT %q: %d %s", key, code, msg)
			continue
		}
		down, err := share.DownloadLink(context.Background(), c, loc, share.DownloadOptions{Expiry: time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		if code, got := send(t, http.MethodGet, down.URL, "", ""); code != 200 || got != "body of "+key {
			t.Errorf("GET %q: %d %q", key, code, got)
		}
	}
}

func TestAttachmentLinkSendsContentDispositionAndTypeOverride(t *testing.T) {
	c, _ := connect(t, "docs")
	for _, key := range []string{"dir/plain report.pdf", "dir/日本語 ä.txt", `dir/say "hi"; 100%.txt`} {
		loc := s3ops.Location{Bucket: "docs", Key: key}
		put(t, c, loc, "content")
		l, err := share.DownloadLink(context.Background(), c, loc, share.DownloadOptions{
			Expiry: time.Hour, Attachment: true, ContentType: "application/x-ferry-test"})
		if err != nil {
			t.Fatal(err)
		}
		resp := do(t, http.MethodGet, l.URL, "", "")
		resp.Body.Close()
		want := share.ContentDisposition(key[strings.LastIndexByte(key, '/')+1:])
		if resp.StatusCode != 200 || resp.Header.Get("Content-Disposition") != want || l.Disposition != want {
			t.Errorf("%q: %d Content-Disposition %q, want %q", key, resp.StatusCode, resp.Header.Get("Content-Disposition"), want)
		}
		if ct := resp.Header.Get("Content-Type"); ct != "application/x-ferry-test" {
			t.Errorf("%q: Content-Type %q", key, ct)
		}
	}
	l, err := share.DownloadLink(context.Background(), c, s3ops.Location{Bucket: "docs", Key: "dir/plain report.pdf"},
		share.DownloadOptions{Expiry: time.Hour, Attachment: true, Name: "Résumé.pdf"})
	if err != nil {
		t.Fatal(err)
	}
	resp := do(t, http.MethodGet, l.URL, "", "")
	resp.Body.Close()
	if got := resp.Header.Get("Content-Disposition"); !strings.Contains(got, "filename*=UTF-8''R%C3%A9sum%C3%A9.pdf") {
		t.Fatalf("custom name: %q", got)
	}
}

func TestLinkIsSignedForTheBucketsRegionAndAddressing(t *testing.T) {
	c, srv := connect(t, "regional")
	loc := s3ops.Location{Bucket: "regional", Key: "k.txt"}
	put(t, c, loc, "x")
	l, err := share.DownloadLink(context.Background(), c, loc, share.DownloadOptions{Expiry: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(l.URL)
	ep, _ := url.Parse(srv.Endpoint)
	if u.Host != ep.Host || u.Path != "/regional/k.txt" {
		t.Fatalf("not path-style on the endpoint: %s", l.URL)
	}
	if cred := query(t, l.URL, "X-Amz-Credential"); !strings.HasSuffix(cred, "/"+srv.Region+"/s3/aws4_request") {
		t.Fatalf("credential scope %q is not for %s", cred, srv.Region)
	}
}

func TestLinkUsesTheBucketsRegionNotTheClientDefault(t *testing.T) {
	c, srv := connect(t, "regional")
	loc := s3ops.Location{Bucket: "regional", Key: "k.txt"}
	put(t, c, loc, "x")
	// A client whose default region is another one, which has learned the
	// bucket's region (as ListBuckets or HeadBucket teach it on AWS).
	far, err := s3ops.Connect(context.Background(), s3ops.Settings{
		EndpointURL: srv.Endpoint, Region: "eu-west-3", AccessKey: srv.AccessKey, SecretKey: srv.SecretKey})
	if err != nil {
		t.Fatal(err)
	}
	far.SetBucketRegion("regional", srv.Region)
	l, err := share.DownloadLink(context.Background(), far, loc, share.DownloadOptions{Expiry: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	if cred := query(t, l.URL, "X-Amz-Credential"); !strings.Contains(cred, "/"+srv.Region+"/") {
		t.Fatalf("credential scope %q", cred)
	}
	if code, body := send(t, http.MethodGet, l.URL, "", ""); code != 200 || body != "x" {
		t.Fatalf("GET: %d %q", code, body)
	}
}

// expiringProvider hands out the gateway's real keys but says they expire
// at a fixed time, as STS, SSO or IMDS credentials do. (The gateway only
// knows its static keys, so a made-up session token would be refused;
// what matters here is the expiry the SDK reports.)
type expiringProvider struct {
	access, secret string
	expires        time.Time
}

func (p expiringProvider) Retrieve(context.Context) (aws.Credentials, error) {
	return aws.Credentials{AccessKeyID: p.access, SecretAccessKey: p.secret,
		CanExpire: true, Expires: p.expires, Source: "test-expiring"}, nil
}

func connectExpiring(t *testing.T, in time.Duration) (*s3ops.Client, time.Time) {
	t.Helper()
	srv := gwtest.Start(t)
	expires := time.Now().Add(in)
	c, err := s3ops.Connect(context.Background(), s3ops.Settings{EndpointURL: srv.Endpoint, Region: srv.Region,
		CredentialsProvider: expiringProvider{srv.AccessKey, srv.SecretKey, expires}})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.CreateBucket(context.Background(), "tmp", ""); err != nil {
		t.Fatal(err)
	}
	put(t, c, s3ops.Location{Bucket: "tmp", Key: "f.txt"}, "short-lived")
	return c, expires
}

func TestCredentialsExpiringInTenMinutesCapTheLink(t *testing.T) {
	c, expires := connectExpiring(t, 10*time.Minute)
	loc := s3ops.Location{Bucket: "tmp", Key: "f.txt"}
	plan, err := share.PlanFor(context.Background(), c, 24*time.Hour, share.Cap)
	if err != nil || !plan.Capped || !plan.CredentialsExpire.Equal(expires) || plan.Note == "" {
		t.Fatalf("plan = %+v, %v", plan, err)
	}
	l, err := share.DownloadLink(context.Background(), c, loc, share.DownloadOptions{Expiry: 24 * time.Hour, Policy: share.Cap})
	if err != nil {
		t.Fatal(err)
	}
	secs, _ := strconv.Atoi(query(t, l.URL, "X-Amz-Expires"))
	if secs < 595 || secs > 600 {
		t.Fatalf("X-Amz-Expires = %d, want about 600", secs)
	}
	end := l.Signed.Add(time.Duration(secs) * time.Second)
	if !l.Expires().Equal(end) || end.After(expires) || expires.Sub(end) > 2*time.Second {
		t.Fatalf("link ends %v (stated %v), credentials %v", end, l.Expires(), expires)
	}
	if !strings.Contains(l.Plan.Note, "instead of 24h") {
		t.Fatalf("note %q", l.Plan.Note)
	}
	if code, body := send(t, http.MethodGet, l.URL, "", ""); code != 200 || body != "short-lived" {
		t.Fatalf("capped link: %d %q", code, body)
	}
}

func TestCredentialsExpiringInTenMinutesWarnButKeepExpiry(t *testing.T) {
	c, expires := connectExpiring(t, 10*time.Minute)
	l, err := share.DownloadLink(context.Background(), c, s3ops.Location{Bucket: "tmp", Key: "f.txt"},
		share.DownloadOptions{Expiry: 24 * time.Hour, Policy: share.Warn})
	if err != nil {
		t.Fatal(err)
	}
	if got := query(t, l.URL, "X-Amz-Expires"); got != "86400" {
		t.Fatalf("X-Amz-Expires = %s, want 86400", got)
	}
	if l.Plan.Capped || !l.Plan.Limited || !l.Expires().Equal(expires) || !strings.Contains(l.Plan.Note, "will stop working") {
		t.Fatalf("plan = %+v", l.Plan)
	}
}

func TestDownloadLinkForMissingObjectSaysSo(t *testing.T) {
	c, _ := connect(t, "docs")
	_, err := share.DownloadLink(context.Background(), c, s3ops.Location{Bucket: "docs", Key: "typo.txt"}, share.DownloadOptions{Expiry: time.Hour})
	if s3ops.KindOf(err) != s3ops.KindNoSuchKey || !strings.Contains(err.Error(), "s3://docs/typo.txt: no such object") {
		t.Fatalf("err = %v", err)
	}
	_, err = share.DownloadLink(context.Background(), c, s3ops.Location{Bucket: "nobucket", Key: "x"}, share.DownloadOptions{Expiry: time.Hour})
	if err == nil || !strings.Contains(err.Error(), "s3://nobucket/x") {
		t.Fatalf("missing bucket: %v", err)
	}
	for _, loc := range []s3ops.Location{{Bucket: "docs"}, {Bucket: "docs", Key: "dir/"}} {
		if _, err := share.DownloadLink(context.Background(), c, loc, share.DownloadOptions{Expiry: time.Hour}); err == nil {
			t.Errorf("%s accepted", loc)
		}
	}
}

func TestManyMakesOneLinkPerObjectAsNameTabURL(t *testing.T) {
	c, _ := connect(t, "docs")
	locs := []s3ops.Location{{Bucket: "docs", Key: "p/one.txt"}, {Bucket: "docs", Key: "p/missing.txt"}, {Bucket: "docs", Key: "p/two words.txt"}}
	put(t, c, locs[0], "1")
	put(t, c, locs[2], "2")
	links, err := share.Many(context.Background(), c, locs, share.DownloadOptions{Expiry: time.Hour})
	if err == nil || !strings.Contains(err.Error(), "p/missing.txt: no such object") || len(links) != 2 {
		t.Fatalf("links %d, err %v", len(links), err)
	}
	lines := strings.Split(strings.TrimSuffix(share.Lines(links), "\n"), "\n")
	for i, want := range []struct{ name, body string }{{"one.txt", "1"}, {"two words.txt", "2"}} {
		name, u, ok := strings.Cut(lines[i], "\t")
		if !ok || name != want.name {
			t.Fatalf("line %q", lines[i])
		}
		if code, body := send(t, http.MethodGet, u, "", ""); code != 200 || body != want.body {
			t.Fatalf("%s: %d %q", name, code, body)
		}
	}
}
