package s3ops

import (
	"context"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// objectAttrs are the attributes a server-side copy must carry over by
// hand whenever S3 would not: with MetadataDirective REPLACE, and in a
// multipart copy (CreateMultipartUpload starts from nothing).
type objectAttrs struct {
	ContentType        string
	CacheControl       string
	ContentDisposition string
	ContentEncoding    string
	ContentLanguage    string
	Expires            *time.Time
	WebsiteRedirect    string
	Metadata           map[string]string
	// storage and encryption: S3 resets them on every copy unless sent.
	StorageClass types.StorageClass
	SSE          types.ServerSideEncryption
	KMSKeyID     string
}

// headObject is HeadObject of loc (or of one version), signed for the
// bucket's region.
func (c *Client) headObject(ctx context.Context, loc Location, versionID string) (*s3.HeadObjectOutput, error) {
	cl, _ := c.clientFor(ctx, loc.Bucket)
	in := headInput(loc, versionID)
	out, err := cl.HeadObject(ctx, in)
	if err != nil {
		return nil, explainHeadMissing(ctx, cl, loc.Bucket, explainHeadRefusal(ctx, cl, in, classify(err)))
	}
	return out, nil
}

// headInput is a HeadObject request for loc (versionID "" for the current
// version).
func headInput(loc Location, versionID string) *s3.HeadObjectInput {
	in := &s3.HeadObjectInput{Bucket: aws.String(loc.Bucket), Key: aws.String(loc.Key)}
	if versionID != "" {
		in.VersionId = aws.String(versionID)
	}
	return in
}

func attrsFromHead(h *s3.HeadObjectOutput) objectAttrs {
	a := objectAttrs{
		ContentType: aws.ToString(h.ContentType), CacheControl: aws.ToString(h.CacheControl),
		ContentDisposition: aws.ToString(h.ContentDisposition), ContentEncoding: aws.ToString(h.ContentEncoding),
		ContentLanguage: aws.ToString(h.ContentLanguage), WebsiteRedirect: aws.ToString(h.WebsiteRedirectLocation),
		Metadata: h.Metadata, SSE: h.ServerSideEncryption, KMSKeyID: aws.ToString(h.SSEKMSKeyId),
	}
	if h.StorageClass != types.StorageClassStandard {
		a.StorageClass = h.StorageClass
	}
	if s := aws.ToString(h.ExpiresString); s != "" {
		if t, err := http.ParseTime(s); err == nil {
			a.Expires = &t
		}
	}
	return a
}

// attrFields points at the fields of one SDK input (CopyObject,
// CreateMultipartUpload, PutObject) that carry an object's attributes;
// nil placement fields are left alone.
type attrFields struct {
	contentType, cacheControl, disposition, encoding, language, redirect **string
	expires                                                              **time.Time
	metadata                                                             *map[string]string
	storageClass                                                         *types.StorageClass
	sse                                                                  *types.ServerSideEncryption
	kmsKeyID                                                             **string
}

// set writes the attributes into f.
func (a objectAttrs) set(f attrFields) {
	if f.contentType != nil {
		*f.contentType = optString(a.ContentType)
		*f.cacheControl = optString(a.CacheControl)
		*f.disposition = optString(a.ContentDisposition)
		*f.encoding = optString(a.ContentEncoding)
		*f.language = optString(a.ContentLanguage)
		*f.expires = a.Expires
		*f.redirect = optString(a.WebsiteRedirect)
		*f.metadata = a.Metadata
	}
	*f.storageClass = a.StorageClass
	if a.SSE == types.ServerSideEncryptionAwsKms || a.SSE == types.ServerSideEncryptionAwsKmsDsse {
		*f.sse = a.SSE
		*f.kmsKeyID = optString(a.KMSKeyID)
	}
}

// keepPlacement sends the storage class and encryption a copy must keep
// even with MetadataDirective COPY.
func (a objectAttrs) keepPlacement(in *s3.CopyObjectInput) {
	a.set(attrFields{storageClass: &in.StorageClass, sse: &in.ServerSideEncryption, kmsKeyID: &in.SSEKMSKeyId})
}

// replaceOn sets every attribute on a CopyObject that uses
// MetadataDirective REPLACE.
func (a objectAttrs) replaceOn(in *s3.CopyObjectInput) {
	in.MetadataDirective = types.MetadataDirectiveReplace
	a.set(attrFields{&in.ContentType, &in.CacheControl, &in.ContentDisposition, &in.ContentEncoding,
		&in.ContentLanguage, &in.WebsiteRedirectLocation, &in.Expires, &in.Metadata,
		&in.StorageClass, &in.ServerSideEncryption, &in.SSEKMSKeyId})
}

// createOn sets every attribute on the CreateMultipartUpload of a
// multipart copy.
func (a objectAttrs) createOn(in *s3.CreateMultipartUploadInput) {
	a.set(attrFields{&in.ContentType, &in.CacheControl, &in.ContentDisposition, &in.ContentEncoding,
		&in.ContentLanguage, &in.WebsiteRedirectLocation, &in.Expires, &in.Metadata,
		&in.StorageClass, &in.ServerSideEncryption, &in.SSEKMSKeyId})
}

// putOn sets every attribute on a PutObject (folder markers are
// re-created rather than copied).
func (a objectAttrs) putOn(in *s3.PutObjectInput) {
	a.set(attrFields{&in.ContentType, &in.CacheControl, &in.ContentDisposition, &in.ContentEncoding,
		&in.ContentLanguage, &in.WebsiteRedirectLocation, &in.Expires, &in.Metadata,
		&in.StorageClass, &in.ServerSideEncryption, &in.SSEKMSKeyId})
}

// optString is nil for "", so unset attributes are not sent as empty
// headers.
func optString(s string) *string {
	if s == "" {
		return nil
	}
	return aws.String(s)
}
