package s3ops

import (
	"context"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// ObjectInfo is what HeadObject tells about one object.
type ObjectInfo struct {
	Bucket        string
	Key           string
	Size          int64
	ETag          string
	ContentType   string
	CacheControl  string
	Modified      time.Time
	StorageClass  string
	VersionID     string
	Metadata      map[string]string
	PartsCount    int32
	ContentDispos string
}

// Exists reports whether an object exists (HEAD; "no such key" is false,
// not an error).
func (c *Client) Exists(ctx context.Context, loc Location) (bool, error) {
	_, err := c.Head(ctx, loc)
	if err == nil {
		return true, nil
	}
	if KindOf(err) == KindNoSuchKey {
		return false, nil
	}
	return false, err
}

// Head fetches the metadata of one object.
func (c *Client) Head(ctx context.Context, loc Location) (ObjectInfo, error) {
	cl, _ := c.clientFor(ctx, loc.Bucket)
	out, err := cl.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(loc.Bucket), Key: aws.String(loc.Key)})
	if err != nil {
		return ObjectInfo{}, classify(err)
	}
	sc := string(out.StorageClass)
	if sc == "" {
		sc = "STANDARD"
	}
	return ObjectInfo{
		Bucket: loc.Bucket, Key: loc.Key, Size: aws.ToInt64(out.ContentLength),
		ETag: strings.Trim(aws.ToString(out.ETag), `"`), ContentType: aws.ToString(out.ContentType),
		CacheControl: aws.ToString(out.CacheControl), Modified: aws.ToTime(out.LastModified),
		StorageClass: sc, VersionID: aws.ToString(out.VersionId), Metadata: out.Metadata,
		PartsCount: aws.ToInt32(out.PartsCount), ContentDispos: aws.ToString(out.ContentDisposition),
	}, nil
}
