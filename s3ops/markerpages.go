package s3ops

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// The SDK's paginators for ListObjectVersions and ListMultipartUploads
// pass NextKeyMarker back as it arrived. With encoding-type=url (asked
// for so that keys XML cannot carry arrive intact) that marker is
// URL-encoded, and sent back encoded it names another key: the next page
// would start at the wrong place. These walks decode each page first and
// start the next one from the decoded markers.

// maxListPageSize is how many entries a page asks for by default (S3's
// maximum); Settings.ListPageSize lowers it.
const maxListPageSize = int32(1000)

// versionPages walks ListObjectVersions for in, handing page to each
// decoded page until it returns false or the listing ends.
func (c *Client) versionPages(ctx context.Context, cl *s3.Client, in s3.ListObjectVersionsInput, page func(*s3.ListObjectVersionsOutput) bool) error {
	in.EncodingType, in.MaxKeys = types.EncodingTypeUrl, aws.Int32(c.tuning.ListPageSize)
	for {
		out, err := cl.ListObjectVersions(ctx, &in)
		if err != nil {
			return classify(err)
		}
		decodeVersions(out)
		if !page(out) || !aws.ToBool(out.IsTruncated) || out.NextKeyMarker == nil && out.NextVersionIdMarker == nil {
			return nil
		}
		in.KeyMarker, in.VersionIdMarker = out.NextKeyMarker, out.NextVersionIdMarker
	}
}

// uploadPages walks ListMultipartUploads the same way.
func (c *Client) uploadPages(ctx context.Context, cl *s3.Client, in s3.ListMultipartUploadsInput, page func(*s3.ListMultipartUploadsOutput)) error {
	in.EncodingType, in.MaxUploads = types.EncodingTypeUrl, aws.Int32(c.tuning.ListPageSize)
	for {
		out, err := cl.ListMultipartUploads(ctx, &in)
		if err != nil {
			return classify(err)
		}
		decodeUploads(out)
		page(out)
		if !aws.ToBool(out.IsTruncated) || out.NextKeyMarker == nil && out.NextUploadIdMarker == nil {
			return nil
		}
		in.KeyMarker, in.UploadIdMarker = out.NextKeyMarker, out.NextUploadIdMarker
	}
}
