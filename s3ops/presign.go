package s3ops

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

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
	q := url.Values{"x-id": {"GetObject"}}
	if opt.ContentDisposition != "" {
		q.Set("response-content-disposition", opt.ContentDisposition)
	}
	if opt.ContentType != "" {
		q.Set("response-content-type", opt.ContentType)
	}
	if opt.VersionID != "" {
		q.Set("versionId", opt.VersionID)
	}
	return c.presignDirect(ctx, http.MethodGet, loc, q, nil, d)
}

// PresignPut signs a PUT of loc for d with contentType signed in, so the
// uploader must send exactly that Content-Type.
func (c *Client) PresignPut(ctx context.Context, loc Location, contentType string, d time.Duration) (Presigned, error) {
	return c.presignDirect(ctx, http.MethodPut, loc, url.Values{"x-id": {"PutObject"}}, contentTypeHeader(contentType), d)
}

// PresignUploadPart signs the PUT of one part of a multipart upload.
func (c *Client) PresignUploadPart(ctx context.Context, loc Location, uploadID string, part int32, d time.Duration) (Presigned, error) {
	q := url.Values{"x-id": {"UploadPart"}, "uploadId": {uploadID}, "partNumber": {strconv.Itoa(int(part))}}
	return c.presignDirect(ctx, http.MethodPut, loc, q, nil, d)
}

func contentTypeHeader(ct string) http.Header {
	if ct == "" {
		return nil
	}
	return http.Header{"Content-Type": {ct}}
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
