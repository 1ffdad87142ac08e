package sharepage_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"html"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/sharepage"
)

// expiringProvider hands out the gateway's real keys but says they expire
// at a fixed time, as STS, SSO or IMDS credentials do.
type expiringProvider struct {
	access, secret string
	expires        time.Time
}

func (p expiringProvider) Retrieve(context.Context) (aws.Credentials, error) {
	return aws.Credentials{AccessKeyID: p.access, SecretAccessKey: p.secret, CanExpire: true, Expires: p.expires}, nil
}

func expiresParam(t *testing.T, link string) time.Duration {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	secs, _ := strconv.Atoi(u.Query().Get("X-Amz-Expires"))
	return time.Duration(secs) * time.Second
}

func TestPagesSignedWithShortLivedCredentialsAreCappedToThem(t *testing.T) {
	_, srv := connect(t, "team")
	credsEnd := time.Now().Add(10 * time.Minute)
	c, err := s3ops.Connect(context.Background(), s3ops.Settings{EndpointURL: srv.Endpoint, Region: srv.Region,
		CredentialsProvider: expiringProvider{srv.AccessKey, srv.SecretKey, credsEnd}})
	if err != nil {
		t.Fatal(err)
	}
	up := makeUploadPage(t, c, "inbox/", 3*24*time.Hour, 100)
	down := makeDownloadPage(t, c, map[string][]byte{"share/a.txt": []byte("a")}, 3*24*time.Hour)
	for _, p := range []sharepage.Page{up, down} {
		if p.Expires.After(credsEnd) || credsEnd.Sub(p.Expires) > 3*time.Second || !p.Link.Plan.Capped ||
			!strings.Contains(p.Link.Plan.Note, "instead of 3d") || expiresParam(t, p.URL()) > 10*time.Minute {
			t.Errorf("%s: ends %s (credentials %s), plan %+v", p.Kind, p.Expires, credsEnd, p.Link.Plan)
		}
	}
	page := fetchPage(t, down)
	if d := expiresParam(t, html.UnescapeString(hrefRE.FindStringSubmatch(page)[1])); d > 10*time.Minute || d < 9*time.Minute {
		t.Errorf("a link inside the download page lasts %s", d)
	}
	var policy struct{ Expiration time.Time }
	for _, kv := range uploadForm(t, fetchPage(t, up)).fields {
		if kv[0] == "policy" {
			raw, _ := base64.StdEncoding.DecodeString(kv[1])
			_ = json.Unmarshal(raw, &policy)
		}
	}
	if policy.Expiration.After(credsEnd) || credsEnd.Sub(policy.Expiration) > 3*time.Second {
		t.Errorf("the upload policy expires %s, the credentials %s", policy.Expiration, credsEnd)
	}
}
