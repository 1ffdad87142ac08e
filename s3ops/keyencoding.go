package s3ops

import (
	"net/url"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// decodeListing undoes encoding-type=url in a listing page, when the
// server applied it (it says so in EncodingType; servers that do not
// support it, such as versitygw, send keys as they are). S3 encodes keys
// like a form value: "%XX" escapes and "+" for a space.
func decodeListing(out *s3.ListObjectsV2Output) {
	if out.EncodingType != types.EncodingTypeUrl {
		return
	}
	for i := range out.Contents {
		out.Contents[i].Key = decodeKey(out.Contents[i].Key)
	}
	decodePrefixes(out.CommonPrefixes)
	decodeKeys(&out.Prefix, &out.StartAfter)
}

func decodeKey(k *string) *string {
	if k == nil {
		return nil
	}
	if d, err := url.QueryUnescape(*k); err == nil {
		return aws.String(d)
	}
	return k // not valid encoding: keep what the server sent
}

// decodeVersions undoes encoding-type=url in a page of versions: keys,
// delete markers, folders and the markers the next page starts from.
func decodeVersions(out *s3.ListObjectVersionsOutput) {
	if out.EncodingType != types.EncodingTypeUrl {
		return
	}
	for i := range out.Versions {
		out.Versions[i].Key = decodeKey(out.Versions[i].Key)
	}
	for i := range out.DeleteMarkers {
		out.DeleteMarkers[i].Key = decodeKey(out.DeleteMarkers[i].Key)
	}
	decodePrefixes(out.CommonPrefixes)
	decodeKeys(&out.Prefix, &out.Delimiter, &out.KeyMarker, &out.NextKeyMarker)
}

// decodeUploads undoes encoding-type=url in a page of multipart uploads.
func decodeUploads(out *s3.ListMultipartUploadsOutput) {
	if out.EncodingType != types.EncodingTypeUrl {
		return
	}
	for i := range out.Uploads {
		out.Uploads[i].Key = decodeKey(out.Uploads[i].Key)
	}
	decodePrefixes(out.CommonPrefixes)
	decodeKeys(&out.Prefix, &out.Delimiter, &out.KeyMarker, &out.NextKeyMarker)
}

// decodePrefixes decodes the folders of an encoded listing page.
func decodePrefixes(cps []types.CommonPrefix) {
	for i := range cps {
		cps[i].Prefix = decodeKey(cps[i].Prefix)
	}
}

// decodeKeys decodes the page's own fields that carry keys (prefix,
// delimiter, markers).
func decodeKeys(fields ...**string) {
	for _, f := range fields {
		*f = decodeKey(*f)
	}
}
