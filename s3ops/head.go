package s3ops

import (
	"context"
	"errors"
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
	return c.HeadVersion(ctx, loc, "")
}

// HeadVersion is Head of one version of loc ("" for the current one); a
// version can be read even when the object's latest version is a delete
// marker.
func (c *Client) HeadVersion(ctx context.Context, loc Location, versionID string) (ObjectInfo, error) {
	out, err := c.headObject(ctx, loc, versionID)
	if err != nil {
		return ObjectInfo{}, err
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

// explainHeadRefusal gives a refused HEAD its reason. S3 answers HEAD
// without a body, so a wrong secret, a skewed clock, an unknown access key
// and a missing permission all arrive as a bare 403 "Forbidden". A GET of
// the object's first byte, signed the same way, is refused with an error
// document naming the cause; its error replaces the bare one. Anything
// else it answers (the byte itself, a 416 on an empty object) leaves the
// HEAD's error as it was.
func explainHeadRefusal(ctx context.Context, cl *s3.Client, in *s3.HeadObjectInput, err error) error {
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindAccessDenied || (e.Code != "" && e.Code != "Forbidden") {
		return err
	}
	out, gerr := cl.GetObject(ctx, &s3.GetObjectInput{Bucket: in.Bucket, Key: in.Key, VersionId: in.VersionId,
		Range: aws.String("bytes=0-0")})
	if gerr == nil {
		out.Body.Close()
		return err
	}
	if ge := classify(gerr).(*Error); ge.Code != "" && ge.Code != "Forbidden" && ge.Kind != KindNoSuchKey {
		return ge
	}
	return err
}

// explainHeadMissing tells a missing bucket from a missing object: a
// HEAD has no body, so S3 answers a bare 404 for both.
func explainHeadMissing(ctx context.Context, cl *s3.Client, bucket string, err error) error {
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindNoSuchKey || (e.Code != "" && e.Code != "NotFound") {
		return err
	}
	if bucketMissing(ctx, cl, bucket) {
		return noSuchBucket(err)
	}
	return err
}

// CheckBucket fails with a KindNoSuchBucket *Error when the server says
// bucket does not exist, so a link or upload made for it does not come
// out dead. Any other answer (access denied to HEAD the bucket, which
// upload-only credentials get) lets the caller go on.
func (c *Client) CheckBucket(ctx context.Context, bucket string) error {
	cl, _ := c.clientFor(ctx, bucket)
	if bucketMissing(ctx, cl, bucket) {
		return noSuchBucket(nil)
	}
	return nil
}

func bucketMissing(ctx context.Context, cl *s3.Client, bucket string) bool {
	_, err := cl.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(bucket)})
	k := KindOf(err)
	return err != nil && (k == KindNoSuchBucket || k == KindNoSuchKey)
}

func noSuchBucket(cause error) *Error {
	return &Error{Kind: KindNoSuchBucket, Msg: kindSentences[KindNoSuchBucket] + " (NoSuchBucket)", Code: "NoSuchBucket", Err: cause}
}

// HeadPart asks the size of part n of an object uploaded in parts and
// how many parts it has (HEAD with partNumber), for the object whose
// ETag is etag (If-Match: the layout must be that of the bytes the
// caller holds). versionID "" is the current version. A store that does
// not keep parts answers the whole object and a count of 0.
func (c *Client) HeadPart(ctx context.Context, loc Location, versionID, etag string, n int32) (size int64, parts int32, err error) {
	cl, _ := c.clientFor(ctx, loc.Bucket)
	in := headInput(loc, versionID)
	in.PartNumber, in.IfMatch = aws.Int32(n), aws.String(`"`+etag+`"`)
	out, err := cl.HeadObject(ctx, in)
	if err != nil {
		return 0, 0, classify(err)
	}
	return aws.ToInt64(out.ContentLength), aws.ToInt32(out.PartsCount), nil
}
