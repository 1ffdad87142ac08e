package s3ops

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/ferry-s3/ferry/s3ops/checksum"
)

// A streamed copy moves an object between two stores (or two identities
// on one store) that cannot copy on the server side: its bytes are read
// from the source over presigned GETs and written to the destination
// over presigned PUTs. The destination object starts from nothing, so
// what the source object carries besides its bytes is read here once and
// sent with the PUT or the CreateMultipartUpload.

// CopyAttrs are what a streamed copy carries over besides the bytes: the
// object's headers, its user metadata and its tags (in x-amz-tagging
// form). They are plain object attributes, safe to journal.
type CopyAttrs struct {
	ContentType        string            `json:"ctype,omitempty"`
	CacheControl       string            `json:"cache,omitempty"`
	ContentDisposition string            `json:"disp,omitempty"`
	ContentEncoding    string            `json:"enc,omitempty"`
	ContentLanguage    string            `json:"lang,omitempty"`
	Metadata           map[string]string `json:"meta,omitempty"`
	Tagging            string            `json:"tags,omitempty"`
}

// CopySource is the version of a source object a streamed copy pins:
// every ranged GET is sent with If-Match on ETag, so a source replaced
// mid-copy fails the copy instead of mixing two versions.
type CopySource struct {
	Size  int64
	ETag  string
	Attrs CopyAttrs
	// Checksum is the full-object checksum the source store keeps (nil
	// when it keeps none ferry can compute, or a composite one): the
	// copy's parts combine to it when every byte arrived as stored.
	Checksum *checksum.Value
}

// ReadCopySource reads what a streamed copy of loc needs with one HEAD
// (in checksum mode) and one GetObjectTagging. Tags that cannot be read
// are left out rather than refusing the copy: the user may be allowed to
// read an object without being allowed to read its tags.
func (c *Client) ReadCopySource(ctx context.Context, loc Location) (CopySource, error) {
	cl, _ := c.clientFor(ctx, loc.Bucket)
	in := headInput(loc, "")
	in.ChecksumMode = types.ChecksumModeEnabled
	out, err := cl.HeadObject(ctx, in)
	if err != nil {
		in.ChecksumMode = ""
		return CopySource{}, explainHeadMissing(ctx, cl, loc.Bucket, explainHeadRefusal(ctx, cl, in, classify(err)))
	}
	src := CopySource{Size: aws.ToInt64(out.ContentLength), ETag: strings.Trim(aws.ToString(out.ETag), `"`),
		Attrs: CopyAttrs{ContentType: aws.ToString(out.ContentType), CacheControl: aws.ToString(out.CacheControl),
			ContentDisposition: aws.ToString(out.ContentDisposition), ContentEncoding: aws.ToString(out.ContentEncoding),
			ContentLanguage: aws.ToString(out.ContentLanguage), Metadata: out.Metadata}}
	if text := aws.ToString(out.ChecksumCRC64NVME); text != "" && out.ChecksumType != types.ChecksumTypeComposite {
		if v, err := checksum.Parse(checksum.CRC64NVME, text); err == nil {
			src.Checksum = &v
		}
	}
	if tags, err := c.getTags(ctx, loc, ""); err == nil && len(tags) > 0 {
		v := url.Values{}
		for k, val := range tags {
			v.Set(k, val)
		}
		src.Attrs.Tagging = v.Encode()
	}
	return src, nil
}

// header is a as the headers of a PUT that creates the object.
func (a CopyAttrs) header() http.Header {
	h := http.Header{}
	set := func(k, v string) {
		if v != "" {
			h.Set(k, v)
		}
	}
	set("Content-Type", a.ContentType)
	set("Cache-Control", a.CacheControl)
	set("Content-Disposition", a.ContentDisposition)
	set("Content-Encoding", a.ContentEncoding)
	set("Content-Language", a.ContentLanguage)
	set("X-Amz-Tagging", a.Tagging)
	for k, v := range a.Metadata {
		h.Set("X-Amz-Meta-"+k, v)
	}
	return h
}

// PresignPutAttrs signs a PUT of loc for d that creates the object with
// attrs (every header signed in, so the sender must send them as they
// are) and, when sum is set, its checksum.
func (c *Client) PresignPutAttrs(ctx context.Context, loc Location, attrs CopyAttrs, d time.Duration, sum *checksum.Value) (Presigned, error) {
	hdr := attrs.header()
	if sum != nil {
		hdr.Set(sum.Alg.Header(), sum.String())
	}
	return c.presignDirect(ctx, http.MethodPut, loc, url.Values{"x-id": {"PutObject"}}, hdr, d)
}

// CreateUploadAttrsOnce is CreateMultipartUploadOnce for an object with
// attrs, declaring a full-object checksum of alg unless alg is "".
func (c *Client) CreateUploadAttrsOnce(ctx context.Context, loc Location, attrs CopyAttrs, alg checksum.Algorithm) (string, error) {
	cl, _ := c.clientFor(ctx, loc.Bucket)
	in := &s3.CreateMultipartUploadInput{Bucket: aws.String(loc.Bucket), Key: aws.String(loc.Key),
		ContentType: optString(attrs.ContentType), CacheControl: optString(attrs.CacheControl),
		ContentDisposition: optString(attrs.ContentDisposition), ContentEncoding: optString(attrs.ContentEncoding),
		ContentLanguage: optString(attrs.ContentLanguage), Metadata: attrs.Metadata, Tagging: optString(attrs.Tagging)}
	if alg != "" {
		in.ChecksumAlgorithm, in.ChecksumType = types.ChecksumAlgorithm(alg), types.ChecksumTypeFullObject
	}
	out, err := cl.CreateMultipartUpload(ctx, in, func(o *s3.Options) { o.RetryMaxAttempts = 1 })
	if err != nil {
		return "", classify(err)
	}
	return aws.ToString(out.UploadId), nil
}

// SameIdentity reports whether a and b reach the same store as the same
// identity (the same endpoint and access key), so one can copy from the
// other on the server side: the destination's credentials can read the
// source.
func SameIdentity(ctx context.Context, a, b *Client) bool {
	if a == b {
		return true
	}
	if a.EndpointID() != b.EndpointID() {
		return false
	}
	ca, err := a.Credentials(ctx)
	if err != nil {
		return false
	}
	cb, err := b.Credentials(ctx)
	return err == nil && ca.AccessKeyID != "" && ca.AccessKeyID == cb.AccessKeyID
}
