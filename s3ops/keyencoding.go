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
	for i := range out.CommonPrefixes {
		out.CommonPrefixes[i].Prefix = decodeKey(out.CommonPrefixes[i].Prefix)
	}
	out.Prefix = decodeKey(out.Prefix)
	out.StartAfter = decodeKey(out.StartAfter)
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
