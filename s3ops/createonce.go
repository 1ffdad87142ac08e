package s3ops

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// CreateMultipartUploadOnce is CreateMultipartUpload with exactly one
// attempt. CreateMultipartUpload is not idempotent: when an answer is
// lost after the server created the upload, a retry creates a second one
// and the first is orphaned, invisible to the caller. Callers that retry
// themselves use this to know which attempts may have left a stray
// upload behind (see transfer's stray sweep).
func (c *Client) CreateMultipartUploadOnce(ctx context.Context, loc Location, contentType string) (string, error) {
	cl, _ := c.clientFor(ctx, loc.Bucket)
	in := &s3.CreateMultipartUploadInput{Bucket: aws.String(loc.Bucket), Key: aws.String(loc.Key)}
	if contentType != "" {
		in.ContentType = aws.String(contentType)
	}
	out, err := cl.CreateMultipartUpload(ctx, in, func(o *s3.Options) { o.RetryMaxAttempts = 1 })
	if err != nil {
		return "", classify(err)
	}
	return aws.ToString(out.UploadId), nil
}
