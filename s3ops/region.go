package s3ops

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// BucketRegion returns the region bucket lives in, asking the server once
// (HeadBucket's x-amz-bucket-region, which S3 sends even on a redirect or
// 403) and caching the answer. When the server will not say, the
// connection's region is used.
func (c *Client) BucketRegion(ctx context.Context, bucket string) string {
	c.mu.Lock()
	r, ok := c.regions[bucket]
	c.mu.Unlock()
	if ok {
		return r
	}
	r = c.discoverRegion(ctx, bucket)
	if r == "" {
		// Not cached: a later call may succeed once the network is back.
		return c.cfg.Region
	}
	c.SetBucketRegion(bucket, r)
	return r
}

// SetBucketRegion records a region learned elsewhere (ListBuckets returns
// it on AWS), saving a HeadBucket.
func (c *Client) SetBucketRegion(bucket, region string) {
	if region == "" {
		return
	}
	c.mu.Lock()
	c.regions[bucket] = region
	c.mu.Unlock()
}

func (c *Client) discoverRegion(ctx context.Context, bucket string) string {
	out, err := c.base.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(bucket)})
	if err == nil {
		if r := aws.ToString(out.BucketRegion); r != "" {
			return r
		}
		return c.cfg.Region
	}
	if r := regionHeader(err); r != "" {
		return r
	}
	if c.custom {
		// S3-compatible stores often omit the header; they are single-region.
		return c.cfg.Region
	}
	return c.locationConstraint(ctx, bucket)
}

func regionHeader(err error) string {
	var re *awshttp.ResponseError
	if errors.As(err, &re) && re.Response != nil {
		return re.Response.Header.Get("X-Amz-Bucket-Region")
	}
	return ""
}

// locationConstraint is the fallback for servers that do not send the
// region header: GetBucketLocation, where "" means us-east-1.
func (c *Client) locationConstraint(ctx context.Context, bucket string) string {
	out, err := c.base.GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: aws.String(bucket)})
	if err != nil {
		return ""
	}
	switch r := string(out.LocationConstraint); r {
	case "":
		return "us-east-1"
	case "EU":
		return "eu-west-1"
	default:
		return r
	}
}
