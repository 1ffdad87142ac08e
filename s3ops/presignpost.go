package s3ops

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// PresignPutHeaders signs a PUT of loc for d with every header of hdr
// signed in (e.g. Content-Type and Cache-Control of a page ferry writes),
// so the request must send exactly those headers.
func (c *Client) PresignPutHeaders(ctx context.Context, loc Location, hdr http.Header, d time.Duration) (Presigned, error) {
	return c.presignDirect(ctx, http.MethodPut, loc, url.Values{"x-id": {"PutObject"}}, hdr, d)
}

// PostTarget is where a browser form uploads into a bucket with an S3
// POST policy (PostObject): the bucket's URL as this client addresses it
// (path-style or virtual host), and the region a policy must be signed for.
type PostTarget struct {
	// URL is the form's action: "https://host/bucket" (path-style) or
	// "https://bucket.host/" (virtual host).
	URL string
	// Region is the signing region of the bucket.
	Region string
}

// PostTargetFor learns the POST target of bucket (from the same presign
// base every presigned URL of the bucket uses, so a page served by a
// presigned GET and the form it holds share one origin).
func (c *Client) PostTargetFor(ctx context.Context, bucket string) (PostTarget, error) {
	b, err := c.baseFor(ctx, bucket)
	if err != nil {
		return PostTarget{}, err
	}
	path := b.prefix
	if path != "/" {
		path = strings.TrimSuffix(path, "/")
	}
	return PostTarget{URL: b.scheme + "://" + b.host + path, Region: b.region}, nil
}

// PresignList signs a ListObjectsV2 of the keys below prefix in bucket
// (first 1,000) for d: an upload page reads it to learn which names are
// taken in its own folder, so it never overwrites an earlier upload.
func (c *Client) PresignList(ctx context.Context, bucket, prefix string, d time.Duration) (Presigned, error) {
	q := url.Values{"list-type": {"2"}, "prefix": {prefix}}
	return c.presignDirect(ctx, http.MethodGet, Location{Bucket: bucket}, q, nil, d)
}
