package s3ops

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/ferry-s3/ferry/s3ops/checksum"
)

// Multipart limits every S3 implementation enforces.
const (
	MinPartSize = 5 << 20 // every part but the last is at least 5 MiB
	MaxPartSize = 5 << 30 // no part is over 5 GiB
	MaxParts    = 10000   // part numbers are 1..10000
	MaxPutSize  = 5 << 30 // a single PUT carries at most 5 GiB
	MaxObject   = 5 << 40 // an object is at most 5 TiB
	maxListPage = int32(1000)
)

// Part is one uploaded part of a multipart upload.
type Part struct {
	Number int32
	ETag   string // without quotes
	Size   int64
	// Checksum is the part's additional checksum: sent to Complete when
	// set, and as ListParts reports it (CRC64NVME, CRC32C or CRC32; nil
	// when the part has none of those).
	Checksum *checksum.Value
}

// MultipartUpload is an upload that was created and not yet completed or
// aborted.
type MultipartUpload struct {
	Key       string
	UploadID  string
	Initiated time.Time
}

// CreateMultipartUpload starts a multipart upload of loc; the object gets
// contentType. It returns the upload id the parts are sent under.
func (c *Client) CreateMultipartUpload(ctx context.Context, loc Location, contentType string) (string, error) {
	cl, _ := c.clientFor(ctx, loc.Bucket)
	in := &s3.CreateMultipartUploadInput{Bucket: aws.String(loc.Bucket), Key: aws.String(loc.Key)}
	if contentType != "" {
		in.ContentType = aws.String(contentType)
	}
	out, err := cl.CreateMultipartUpload(ctx, in)
	if err != nil {
		return "", classify(err)
	}
	return aws.ToString(out.UploadId), nil
}

// CompleteMultipartUpload assembles the parts (in any order; they are
// sorted by number) into the object and returns its ETag.
func (c *Client) CompleteMultipartUpload(ctx context.Context, loc Location, uploadID string, parts []Part) (string, error) {
	sorted := slices.SortedFunc(slices.Values(parts), func(a, b Part) int { return cmp.Compare(a.Number, b.Number) })
	done := make([]types.CompletedPart, len(sorted))
	for i, p := range sorted {
		done[i] = types.CompletedPart{PartNumber: aws.Int32(p.Number), ETag: aws.String(`"` + p.ETag + `"`)}
	}
	cl, _ := c.clientFor(ctx, loc.Bucket)
	out, err := cl.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{
		Bucket: aws.String(loc.Bucket), Key: aws.String(loc.Key), UploadId: aws.String(uploadID),
		MultipartUpload: &types.CompletedMultipartUpload{Parts: done}})
	if err != nil {
		return "", classify(err)
	}
	return strings.Trim(aws.ToString(out.ETag), `"`), nil
}

// AbortMultipartUpload discards an upload and the parts stored for it.
// An upload that no longer exists counts as aborted.
func (c *Client) AbortMultipartUpload(ctx context.Context, loc Location, uploadID string) error {
	cl, _ := c.clientFor(ctx, loc.Bucket)
	_, err := cl.AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{
		Bucket: aws.String(loc.Bucket), Key: aws.String(loc.Key), UploadId: aws.String(uploadID)})
	if err != nil {
		if e := classify(err).(*Error); e.Code != "NoSuchUpload" {
			return e
		}
	}
	return nil
}

// ListParts returns every part the server holds for an upload, in part
// order. A vanished upload is an *Error with Code "NoSuchUpload".
func (c *Client) ListParts(ctx context.Context, loc Location, uploadID string) ([]Part, error) {
	cl, _ := c.clientFor(ctx, loc.Bucket)
	in := &s3.ListPartsInput{Bucket: aws.String(loc.Bucket), Key: aws.String(loc.Key),
		UploadId: aws.String(uploadID), MaxParts: aws.Int32(maxListPage)}
	var parts []Part
	p := s3.NewListPartsPaginator(cl, in)
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return parts, classify(err)
		}
		for _, pt := range out.Parts {
			parts = append(parts, Part{Number: aws.ToInt32(pt.PartNumber),
				ETag: strings.Trim(aws.ToString(pt.ETag), `"`), Size: aws.ToInt64(pt.Size),
				Checksum: partChecksum(pt.ChecksumCRC64NVME, pt.ChecksumCRC32C, pt.ChecksumCRC32)})
		}
	}
	return parts, nil
}

// ListMultipartUploads lists the unfinished uploads whose keys start with
// prefix.Key in prefix.Bucket.
func (c *Client) ListMultipartUploads(ctx context.Context, prefix Location) ([]MultipartUpload, error) {
	cl, _ := c.clientFor(ctx, prefix.Bucket)
	in := s3.ListMultipartUploadsInput{Bucket: aws.String(prefix.Bucket), Prefix: aws.String(prefix.Key)}
	var ups []MultipartUpload
	err := c.uploadPages(ctx, cl, in, func(out *s3.ListMultipartUploadsOutput) {
		for _, u := range out.Uploads {
			ups = append(ups, MultipartUpload{Key: aws.ToString(u.Key), UploadID: aws.ToString(u.UploadId),
				Initiated: aws.ToTime(u.Initiated)})
		}
	})
	return ups, err
}

// partChecksum is the first checksum of a listed part ferry can compute.
func partChecksum(crc64nvme, crc32c, crc32 *string) *checksum.Value {
	for _, a := range checksum.Algorithms {
		if v, err := checksum.Parse(a, firstOf(a, crc64nvme, crc32c, crc32)); err == nil {
			return &v
		}
	}
	return nil
}
