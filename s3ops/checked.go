package s3ops

import (
	"cmp"
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/ferry-s3/ferry/s3ops/checksum"
)

// Uploads that carry an S3 additional checksum: the value goes in a
// signed x-amz-checksum-* header of the presigned PUT or UploadPart, so
// the server itself refuses a body whose bytes differ (BadDigest), and
// echoes the value it computed. A multipart upload declares the
// algorithm when it is created (a FULL_OBJECT checksum: the CRC of the
// whole object, which Complete checks and returns).

// PresignPutChecked signs a PUT of loc for d with contentType and the
// content's checksum signed in.
func (c *Client) PresignPutChecked(ctx context.Context, loc Location, contentType string, d time.Duration, sum checksum.Value) (Presigned, error) {
	hdr := contentTypeHeader(contentType)
	if hdr == nil {
		hdr = http.Header{}
	}
	hdr.Set(sum.Alg.Header(), sum.String())
	return c.presignDirect(ctx, http.MethodPut, loc, url.Values{"x-id": {"PutObject"}}, hdr, d)
}

// PresignPartChecked signs the PUT of one part with its checksum signed in.
func (c *Client) PresignPartChecked(ctx context.Context, loc Location, uploadID string, part int32, d time.Duration, sum checksum.Value) (Presigned, error) {
	q := url.Values{"x-id": {"UploadPart"}, "uploadId": {uploadID}, "partNumber": {strconv.Itoa(int(part))}}
	return c.presignDirect(ctx, http.MethodPut, loc, q, http.Header{http.CanonicalHeaderKey(sum.Alg.Header()): {sum.String()}}, d)
}

// CreateCheckedUploadOnce is CreateMultipartUploadOnce declaring a
// full-object checksum of algorithm alg.
func (c *Client) CreateCheckedUploadOnce(ctx context.Context, loc Location, contentType string, alg checksum.Algorithm) (string, error) {
	cl, _ := c.clientFor(ctx, loc.Bucket)
	in := &s3.CreateMultipartUploadInput{Bucket: aws.String(loc.Bucket), Key: aws.String(loc.Key),
		ChecksumAlgorithm: types.ChecksumAlgorithm(alg), ChecksumType: types.ChecksumTypeFullObject}
	if contentType != "" {
		in.ContentType = aws.String(contentType)
	}
	out, err := cl.CreateMultipartUpload(ctx, in, func(o *s3.Options) { o.RetryMaxAttempts = 1 })
	if err != nil {
		return "", classify(err)
	}
	return aws.ToString(out.UploadId), nil
}

// Completed is what Complete answered: the object's ETag and the
// full-object checksum the server computed ("" when it sent none).
type Completed struct {
	ETag     string
	Checksum string
}

// CompleteChecked completes an upload created with a full-object
// checksum: each part with its checksum, and the whole object's, which
// the server checks against what it assembled.
func (c *Client) CompleteChecked(ctx context.Context, loc Location, uploadID string, parts []Part, full checksum.Value) (Completed, error) {
	sorted := slices.SortedFunc(slices.Values(parts), func(a, b Part) int { return cmp.Compare(a.Number, b.Number) })
	done := make([]types.CompletedPart, len(sorted))
	for i, p := range sorted {
		done[i] = types.CompletedPart{PartNumber: aws.Int32(p.Number), ETag: aws.String(`"` + p.ETag + `"`)}
		if p.Checksum != nil {
			setChecksum(*p.Checksum, &done[i].ChecksumCRC64NVME, &done[i].ChecksumCRC32C, &done[i].ChecksumCRC32)
		}
	}
	in := &s3.CompleteMultipartUploadInput{Bucket: aws.String(loc.Bucket), Key: aws.String(loc.Key), UploadId: aws.String(uploadID),
		MultipartUpload: &types.CompletedMultipartUpload{Parts: done}, ChecksumType: types.ChecksumTypeFullObject}
	setChecksum(full, &in.ChecksumCRC64NVME, &in.ChecksumCRC32C, &in.ChecksumCRC32)
	cl, _ := c.clientFor(ctx, loc.Bucket)
	out, err := cl.CompleteMultipartUpload(ctx, in)
	if err != nil {
		return Completed{}, classify(err)
	}
	got := firstOf(full.Alg, out.ChecksumCRC64NVME, out.ChecksumCRC32C, out.ChecksumCRC32)
	return Completed{ETag: strings.Trim(aws.ToString(out.ETag), `"`), Checksum: got}, nil
}

// setChecksum puts sum's text in the field of its algorithm.
func setChecksum(sum checksum.Value, crc64nvme, crc32c, crc32 **string) {
	text := aws.String(sum.String())
	switch sum.Alg {
	case checksum.CRC64NVME:
		*crc64nvme = text
	case checksum.CRC32C:
		*crc32c = text
	case checksum.CRC32:
		*crc32 = text
	}
}

// firstOf is the text of alg's field among the answer's checksums.
func firstOf(alg checksum.Algorithm, crc64nvme, crc32c, crc32 *string) string {
	switch alg {
	case checksum.CRC64NVME:
		return aws.ToString(crc64nvme)
	case checksum.CRC32C:
		return aws.ToString(crc32c)
	}
	return aws.ToString(crc32)
}
