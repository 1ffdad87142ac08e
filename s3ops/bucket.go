package s3ops

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// CreateBucket creates a bucket in region ("" for the connection's region).
func (c *Client) CreateBucket(ctx context.Context, name, region string) error {
	if err := validBucketName(name); err != nil {
		return &Error{Kind: KindInvalidArgument, Msg: err.Error(), Err: err}
	}
	if region == "" {
		region = c.cfg.Region
	}
	in := &s3.CreateBucketInput{Bucket: aws.String(name)}
	if region != "us-east-1" {
		in.CreateBucketConfiguration = &types.CreateBucketConfiguration{
			LocationConstraint: types.BucketLocationConstraint(region)}
	}
	_, err := c.base.CreateBucket(ctx, in, func(o *s3.Options) { o.Region = region })
	if err != nil {
		return classify(err)
	}
	c.SetBucketRegion(name, region)
	return nil
}

// DeleteBucket deletes an empty bucket. A bucket that is not empty is
// refused with ErrBucketNotEmpty (see folders.go).
func (c *Client) DeleteBucket(ctx context.Context, name string) error {
	if err := c.checkBucketEmpty(ctx, name); err != nil {
		return err
	}
	cl, _ := c.clientFor(ctx, name)
	_, err := cl.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(name)})
	if err != nil {
		return bucketDeleteError(name, err)
	}
	c.mu.Lock()
	delete(c.regions, name)
	c.mu.Unlock()
	return nil
}
