package s3ops

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/ferry-s3/ferry/internal/parallel"
)

// Multipart copy: objects over the copy threshold are assembled from
// UploadPartCopy parts that the server copies from byte ranges of the
// source. CreateMultipartUpload starts a new object from nothing, so the
// source's attributes and tags are passed to it explicitly. A failed or
// cancelled copy aborts its upload, so no hidden parts are left billed.

// copyRange is one part of a multipart copy.
type copyRange struct {
	number     int32
	start, end int64 // inclusive byte range of the source
}

// copyPartPlan splits size bytes into parts of partSize (raised to stay
// within S3's 10,000 parts, and to its 5 MiB minimum).
func copyPartPlan(size, partSize int64) []copyRange {
	if partSize <= 0 {
		partSize = DefaultCopyPartSize
	}
	partSize = max(partSize, MinPartSize, (size+MaxParts-1)/MaxParts)
	partSize = min(partSize, MaxPartSize)
	var plan []copyRange
	for start, n := int64(0), int32(1); start < size; start, n = start+partSize, n+1 {
		plan = append(plan, copyRange{number: n, start: start, end: min(start+partSize, size) - 1})
	}
	return plan
}

func (c *Client) copyMultipart(ctx context.Context, spec copySpec, head *s3.HeadObjectOutput, opt CopyOptions, t *tracker) error {
	attrs := attrsFromHead(head)
	if spec.replace != nil {
		attrs = *spec.replace
	}
	tagging := c.copyTagging(ctx, spec.src, spec.srcVersion)
	uploadID, err := c.copyCreateUpload(ctx, spec.dst, attrs, tagging)
	if err != nil {
		return err
	}
	parts, err := c.copyParts(ctx, spec, uploadID, head, opt, t)
	if err == nil {
		err = c.copyComplete(ctx, spec.dst, uploadID, parts)
	}
	if err != nil {
		c.copyAbort(ctx, spec.dst, uploadID)
		return err
	}
	return nil
}

// copyTagging is the source's tag set in x-amz-tagging form, or "" when
// it has none or cannot be read (a copy is not refused for that: the
// user may be allowed to copy objects without being allowed to read
// their tags).
func (c *Client) copyTagging(ctx context.Context, src Location, versionID string) string {
	tags, err := c.getTags(ctx, src, versionID)
	if err != nil || len(tags) == 0 {
		return ""
	}
	v := url.Values{}
	for k, val := range tags {
		v.Set(k, val)
	}
	return v.Encode()
}

func (c *Client) copyCreateUpload(ctx context.Context, dst Location, attrs objectAttrs, tagging string) (string, error) {
	in := &s3.CreateMultipartUploadInput{Bucket: aws.String(dst.Bucket), Key: aws.String(dst.Key), Tagging: optString(tagging)}
	attrs.createOn(in)
	cl, _ := c.clientFor(ctx, dst.Bucket)
	out, err := cl.CreateMultipartUpload(ctx, in)
	if err != nil {
		return "", classify(err)
	}
	return aws.ToString(out.UploadId), nil
}

// copyParts runs UploadPartCopy for every part with bounded concurrency;
// the first failure cancels the parts still running.
func (c *Client) copyParts(ctx context.Context, spec copySpec, uploadID string, head *s3.HeadObjectOutput, opt CopyOptions, t *tracker) ([]types.CompletedPart, error) {
	plan := copyPartPlan(aws.ToInt64(head.ContentLength), opt.PartSize)
	var mu sync.Mutex
	done := make([]types.CompletedPart, 0, len(plan))
	err := parallel.Each(ctx, opt.concurrency(), plan, func(ctx context.Context, r copyRange) error {
		etag, err := c.copyPart(ctx, spec, uploadID, aws.ToString(head.ETag), r)
		if err != nil {
			return err
		}
		mu.Lock()
		done = append(done, types.CompletedPart{PartNumber: aws.Int32(r.number), ETag: aws.String(etag)})
		mu.Unlock()
		t.copied(r.end - r.start + 1)
		return nil
	})
	if err != nil {
		return nil, classify(err)
	}
	sort.Slice(done, func(i, j int) bool { return *done[i].PartNumber < *done[j].PartNumber })
	return done, nil
}

func (c *Client) copyPart(ctx context.Context, spec copySpec, uploadID, etag string, r copyRange) (string, error) {
	cl, _ := c.clientFor(ctx, spec.dst.Bucket)
	out, err := cl.UploadPartCopy(ctx, &s3.UploadPartCopyInput{
		Bucket: aws.String(spec.dst.Bucket), Key: aws.String(spec.dst.Key),
		UploadId: aws.String(uploadID), PartNumber: aws.Int32(r.number),
		CopySource:        aws.String(copySource(spec.src.Bucket, spec.src.Key, spec.srcVersion)),
		CopySourceRange:   aws.String(fmt.Sprintf("bytes=%d-%d", r.start, r.end)),
		CopySourceIfMatch: optString(etag),
	})
	if err != nil {
		return "", copyError(err)
	}
	if out.CopyPartResult == nil || aws.ToString(out.CopyPartResult.ETag) == "" {
		return "", &Error{Kind: KindServer, Msg: fmt.Sprintf("the server returned no ETag for part %d of the copy", r.number)}
	}
	return aws.ToString(out.CopyPartResult.ETag), nil
}

func (c *Client) copyComplete(ctx context.Context, dst Location, uploadID string, parts []types.CompletedPart) error {
	cl, _ := c.clientFor(ctx, dst.Bucket)
	_, err := cl.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{
		Bucket: aws.String(dst.Bucket), Key: aws.String(dst.Key), UploadId: aws.String(uploadID),
		MultipartUpload: &types.CompletedMultipartUpload{Parts: parts}})
	if err != nil {
		return classify(err)
	}
	return nil
}

// copyAbortTimeout bounds the clean-up of a failed or cancelled copy.
const copyAbortTimeout = 30 * time.Second

// copyAbort discards the upload of a failed copy. It runs even when ctx
// was cancelled (that is usually why it runs); failing to abort is not
// reported over the error that caused it.
func (c *Client) copyAbort(ctx context.Context, dst Location, uploadID string) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), copyAbortTimeout)
	defer cancel()
	cl, _ := c.clientFor(ctx, dst.Bucket)
	_, _ = cl.AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{
		Bucket: aws.String(dst.Bucket), Key: aws.String(dst.Key), UploadId: aws.String(uploadID)})
}
