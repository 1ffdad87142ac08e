package s3ops

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// MaxPresignExpiry is SigV4's limit on a presigned URL's lifetime.
const MaxPresignExpiry = 7 * 24 * time.Hour

// Presigned is a signed request anyone can make until Expires. Header
// holds the headers that were signed and must be sent as they are.
type Presigned struct {
	URL     string
	Method  string
	Header  http.Header
	Signed  time.Time
	Expires time.Time
}

// GetOptions are the optional parts of a presigned GET.
type GetOptions struct {
	// ContentDisposition overrides the response header (response-content-disposition).
	ContentDisposition string
	// ContentType overrides the response header (response-content-type).
	ContentType string
	// VersionID selects an object version.
	VersionID string
}

// PresignGet signs a GET of loc for d, in the bucket's own region.
func (c *Client) PresignGet(ctx context.Context, loc Location, d time.Duration, opt GetOptions) (Presigned, error) {
	in := &s3.GetObjectInput{Bucket: aws.String(loc.Bucket), Key: aws.String(loc.Key)}
	if opt.ContentDisposition != "" {
		in.ResponseContentDisposition = aws.String(opt.ContentDisposition)
	}
	if opt.ContentType != "" {
		in.ResponseContentType = aws.String(opt.ContentType)
	}
	if opt.VersionID != "" {
		in.VersionId = aws.String(opt.VersionID)
	}
	return c.presign(ctx, loc.Bucket, d, func(p *s3.PresignClient, o func(*s3.PresignOptions)) (*v4.PresignedHTTPRequest, error) {
		return p.PresignGetObject(ctx, in, o)
	})
}

// PresignPut signs a PUT of loc for d with contentType signed in, so the
// uploader must send exactly that Content-Type.
func (c *Client) PresignPut(ctx context.Context, loc Location, contentType string, d time.Duration) (Presigned, error) {
	in := &s3.PutObjectInput{Bucket: aws.String(loc.Bucket), Key: aws.String(loc.Key)}
	if contentType != "" {
		in.ContentType = aws.String(contentType)
	}
	return c.presign(ctx, loc.Bucket, d, func(p *s3.PresignClient, o func(*s3.PresignOptions)) (*v4.PresignedHTTPRequest, error) {
		return p.PresignPutObject(ctx, in, o)
	})
}

// PresignUploadPart signs the PUT of one part of a multipart upload.
func (c *Client) PresignUploadPart(ctx context.Context, loc Location, uploadID string, part int32, d time.Duration) (Presigned, error) {
	in := &s3.UploadPartInput{Bucket: aws.String(loc.Bucket), Key: aws.String(loc.Key),
		UploadId: aws.String(uploadID), PartNumber: aws.Int32(part)}
	return c.presign(ctx, loc.Bucket, d, func(p *s3.PresignClient, o func(*s3.PresignOptions)) (*v4.PresignedHTTPRequest, error) {
		return p.PresignUploadPart(ctx, in, o)
	})
}

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

func (c *Client) presignerFor(ctx context.Context, bucket string) *s3.PresignClient {
	cl, region := c.clientFor(ctx, bucket)
	c.mu.Lock()
	defer c.mu.Unlock()
	if p, ok := c.presigner[region]; ok {
		return p
	}
	p := s3.NewPresignClient(cl)
	c.presigner[region] = p
	return p
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
