package s3ops

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go/encoding/httpbinding"
)

// Presigning through the SDK runs its whole middleware stack (endpoint
// rules, serializers, customizations) for every request: about 150 µs
// and 370 allocations, most of the CPU ferry spends per small file. The
// URL's base (scheme, host and the path before the key: "/bucket/" for
// path-style, "/" for a virtual host) and the signing region depend only
// on the bucket, so they are learned once per bucket from one SDK
// presign, and every request after that is built here and signed with
// the SDK's own SigV4 signer (presign_test.go checks both give the same
// request, odd keys included).

// presignBase is what every presigned URL of one bucket shares.
type presignBase struct {
	scheme, host, prefix, region string
}

// baseFor learns bucket's presign base from one SDK presign.
func (c *Client) baseFor(ctx context.Context, bucket string) (presignBase, error) {
	c.mu.Lock()
	b, ok := c.bases[bucket]
	c.mu.Unlock()
	if ok {
		return b, nil
	}
	p := c.presignerFor(ctx, bucket)
	const probe = "ferry-probe"
	req, err := p.PresignGetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(probe)},
		func(o *s3.PresignOptions) { o.Expires = time.Minute })
	if err != nil {
		return b, classify(err)
	}
	u, err := url.Parse(req.URL)
	if err != nil || !strings.HasSuffix(u.EscapedPath(), "/"+probe) {
		return b, fmt.Errorf("cannot learn how to presign for bucket %q from %q", bucket, u.Path)
	}
	scope := strings.Split(u.Query().Get("X-Amz-Credential"), "/") // key/date/region/service/aws4_request
	if len(scope) != 5 {
		return b, fmt.Errorf("cannot learn the signing region of bucket %q", bucket)
	}
	b = presignBase{scheme: u.Scheme, host: u.Host, prefix: strings.TrimSuffix(u.EscapedPath(), probe), region: scope[2]}
	c.mu.Lock()
	c.bases[bucket] = b
	c.mu.Unlock()
	return b, nil
}

// presignDirect signs method on loc for d with query parameters and
// headers to sign (beside Host), without the SDK's middleware.
func (c *Client) presignDirect(ctx context.Context, method string, loc Location, query url.Values, hdr http.Header, d time.Duration) (Presigned, error) {
	if d <= 0 || d > MaxPresignExpiry {
		return Presigned{}, &Error{Kind: KindInvalidArgument, Msg: fmt.Sprintf("expiry %s is outside 1s..7d", d)}
	}
	b, err := c.baseFor(ctx, loc.Bucket)
	if err != nil {
		return Presigned{}, err
	}
	creds, err := c.cfg.Credentials.Retrieve(ctx)
	if err != nil {
		return Presigned{}, classify(err)
	}
	q := url.Values{}
	for k, v := range query {
		q[k] = v
	}
	q.Set("X-Amz-Expires", strconv.FormatInt(int64(d/time.Second), 10))
	u := &url.URL{Scheme: b.scheme, Host: b.host, RawPath: b.prefix + httpbinding.EscapePath(loc.Key, false), RawQuery: q.Encode()}
	u.Path, _ = url.PathUnescape(u.RawPath)
	req := &http.Request{Method: method, URL: u, Host: b.host, Header: hdr.Clone()}
	if req.Header == nil {
		req.Header = http.Header{}
	}
	at := c.tuning.Now().UTC().Truncate(time.Second)
	signed, signedHdr, err := c.signer.PresignHTTP(ctx, creds, req, "UNSIGNED-PAYLOAD", "s3", b.region, at,
		func(o *v4.SignerOptions) { o.DisableURIPathEscaping = true })
	if err != nil {
		return Presigned{}, classify(err)
	}
	return Presigned{URL: signed, Method: method, Header: signedHdr, Signed: at, Expires: at.Add(d)}, nil
}
