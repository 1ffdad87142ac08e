package s3ops

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/ferry-s3/ferry/s3ops/checksum"
)

// The presigned requests built without the SDK's middleware are the
// SDK's own, for path-style and virtual-hosted endpoints, session tokens,
// and keys with every kind of character: the same URL path and query
// (but for the signing time and signature) and the same signed headers.
func TestDirectPresignsAreTheSDKs(t *testing.T) {
	t.Parallel()
	keys := []string{"plain.txt", "dir/sub/a b.txt", "日本/é.txt", "a+b=c&d.txt", "100%.txt", "../up", "x//y", "~tilde!*'();:@$,", "#hash?q"}
	for _, s := range []Settings{
		{EndpointURL: "http://127.0.0.1:7070", Region: "us-east-1", AccessKey: "AKIDEXAMPLE", SecretKey: "secret"},
		{Region: "eu-west-1", AccessKey: "AKIDEXAMPLE", SecretKey: "secret"}, // AWS: virtual-hosted
		{EndpointURL: "https://minio.example.com:9000", Region: "us-east-1", AccessKey: "AKIDEXAMPLE", SecretKey: "secret"},
		{Region: "us-west-2", CredentialsProvider: credentials.NewStaticCredentialsProvider("ASIAEXAMPLE", "secret", "session+token/=")},
	} {
		c, err := Connect(context.Background(), s)
		if err != nil {
			t.Fatal(err)
		}
		c.SetBucketRegion("my-bucket", s.Region)
		for _, key := range keys {
			loc := Location{Bucket: "my-bucket", Key: key}
			compare(t, "GET "+key, c, loc,
				func(p *s3.PresignClient, o func(*s3.PresignOptions)) (*v4.PresignedHTTPRequest, error) {
					return p.PresignGetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String(loc.Bucket), Key: aws.String(key),
						VersionId: aws.String("v1"), ResponseContentDisposition: aws.String(`attachment; filename="a b.txt"`)}, o)
				},
				func() (Presigned, error) {
					return c.PresignGet(context.Background(), loc, time.Hour, GetOptions{VersionID: "v1", ContentDisposition: `attachment; filename="a b.txt"`})
				})
			compare(t, "PUT "+key, c, loc,
				func(p *s3.PresignClient, o func(*s3.PresignOptions)) (*v4.PresignedHTTPRequest, error) {
					return p.PresignPutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String(loc.Bucket), Key: aws.String(key),
						ContentType: aws.String("text/plain")}, o)
				},
				func() (Presigned, error) { return c.PresignPut(context.Background(), loc, "text/plain", time.Hour) })
			sum := checksum.Of(checksum.CRC64NVME, []byte(key))
			compare(t, "PUT checked "+key, c, loc,
				func(p *s3.PresignClient, o func(*s3.PresignOptions)) (*v4.PresignedHTTPRequest, error) {
					return p.PresignPutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String(loc.Bucket), Key: aws.String(key),
						ContentType: aws.String("text/plain"), ChecksumCRC64NVME: aws.String(sum.String())}, o)
				},
				func() (Presigned, error) {
					return c.PresignPutChecked(context.Background(), loc, "text/plain", time.Hour, sum)
				})
			compare(t, "PART checked "+key, c, loc,
				func(p *s3.PresignClient, o func(*s3.PresignOptions)) (*v4.PresignedHTTPRequest, error) {
					return p.PresignUploadPart(context.Background(), &s3.UploadPartInput{Bucket: aws.String(loc.Bucket), Key: aws.String(key),
						UploadId: aws.String("up/id+1"), PartNumber: aws.Int32(7), ChecksumCRC64NVME: aws.String(sum.String())}, o)
				},
				func() (Presigned, error) {
					return c.PresignPartChecked(context.Background(), loc, "up/id+1", 7, time.Hour, sum)
				})
			compare(t, "PART "+key, c, loc,
				func(p *s3.PresignClient, o func(*s3.PresignOptions)) (*v4.PresignedHTTPRequest, error) {
					return p.PresignUploadPart(context.Background(), &s3.UploadPartInput{Bucket: aws.String(loc.Bucket), Key: aws.String(key),
						UploadId: aws.String("up/id+1"), PartNumber: aws.Int32(7)}, o)
				},
				func() (Presigned, error) {
					return c.PresignUploadPart(context.Background(), loc, "up/id+1", 7, time.Hour)
				})
		}
	}
}

func compare(t *testing.T, what string, c *Client, loc Location, viaSDK presignFunc, direct func() (Presigned, error)) {
	t.Helper()
	want, err := c.presign(context.Background(), loc.Bucket, time.Hour, viaSDK)
	if err != nil {
		t.Fatal(err)
	}
	got, err := direct()
	if err != nil {
		t.Fatal(err)
	}
	if a, b := comparable(t, want.URL), comparable(t, got.URL); a != b {
		t.Errorf("%s:\n SDK    %s\n direct %s", what, a, b)
	}
	if a, b := headerNames(want.Header), headerNames(got.Header); a != b || want.Method != got.Method {
		t.Errorf("%s: signed headers %s %s, want %s %s", what, got.Method, b, want.Method, a)
	}
}

// comparable is a presigned URL without what changes with the signing
// time (X-Amz-Date, X-Amz-Signature), its query in a fixed order.
func comparable(t *testing.T, raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Del("X-Amz-Date")
	q.Del("X-Amz-Signature")
	return u.Scheme + "://" + u.Host + u.EscapedPath() + "?" + q.Encode()
}

func headerNames(h http.Header) string {
	var names []string
	for k, v := range h {
		names = append(names, k+"="+strings.Join(v, ","))
	}
	sort.Strings(names)
	return strings.Join(names, ";")
}

// The SDK's own presigning, the reference the direct one is held to.

type presignFunc func(*s3.PresignClient, func(*s3.PresignOptions)) (*v4.PresignedHTTPRequest, error)

func (c *Client) presign(ctx context.Context, bucket string, d time.Duration, sign presignFunc) (Presigned, error) {
	if d <= 0 || d > MaxPresignExpiry {
		return Presigned{}, &Error{Kind: KindInvalidArgument, Msg: fmt.Sprintf("expiry %s is outside 1s..7d", d)}
	}
	p := c.presignerFor(ctx, bucket)
	// S3 paths are signed as sent (no double escaping), as the SDK's own
	// S3 presigner does.
	rec := &signingTimeRecorder{inner: v4.NewSigner(func(o *v4.SignerOptions) { o.DisableURIPathEscaping = true })}
	req, err := sign(p, func(o *s3.PresignOptions) {
		o.Expires = d
		o.Presigner = rec
	})
	if err != nil {
		return Presigned{}, classify(err)
	}
	signed := rec.at.UTC().Truncate(time.Second)
	return Presigned{URL: req.URL, Method: req.Method, Header: req.SignedHeader, Signed: signed, Expires: signed.Add(d)}, nil
}

// signingTimeRecorder notes the signing time (X-Amz-Date) so that
// Presigned.Expires is exactly what the server will enforce.
type signingTimeRecorder struct {
	inner *v4.Signer
	at    time.Time
}

func (r *signingTimeRecorder) PresignHTTP(ctx context.Context, creds aws.Credentials, req *http.Request,
	payloadHash, service, region string, at time.Time, opts ...func(*v4.SignerOptions)) (string, http.Header, error) {
	r.at = at
	return r.inner.PresignHTTP(ctx, creds, req, payloadHash, service, region, at, opts...)
}
