package s3ops

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/ferry-s3/ferry/s3ops/checksum"
)

// StoredChecksum is the checksum a store keeps of an object's content
// (S3 computes a CRC64NVME of every new object; clients may have asked
// for another). Parts is 0 for a checksum of the whole content, N for a
// composite one: the CRC of the CRCs of its N parts.
type StoredChecksum struct {
	Value checksum.Value
	Parts int
	ETag  string // the object's ETag and size when it was asked, to tie
	Size  int64  // the checksum to the bytes (set even when there is none)
}

// StoredChecksum asks the store (HEAD with checksum mode) for the
// checksum it keeps of loc (versionID "" for the current version). ok is
// false when it keeps none ferry can compute (objects written by older
// clients, stores without checksums, SHA-based ones).
func (c *Client) StoredChecksum(ctx context.Context, loc Location, versionID string) (StoredChecksum, bool, error) {
	cl, _ := c.clientFor(ctx, loc.Bucket)
	in := headInput(loc, versionID)
	in.ChecksumMode = types.ChecksumModeEnabled
	out, err := cl.HeadObject(ctx, in)
	if err != nil {
		return StoredChecksum{}, false, classify(err)
	}
	st := StoredChecksum{ETag: strings.Trim(aws.ToString(out.ETag), `"`), Size: aws.ToInt64(out.ContentLength)}
	for _, a := range checksum.Algorithms {
		text := aws.ToString(map[checksum.Algorithm]*string{checksum.CRC64NVME: out.ChecksumCRC64NVME,
			checksum.CRC32C: out.ChecksumCRC32C, checksum.CRC32: out.ChecksumCRC32}[a])
		if text == "" {
			continue
		}
		if v, n, ok := checksum.ParseComposite(a, text); ok {
			st.Value, st.Parts = v, n
			return st, true, nil
		}
		if v, err := checksum.Parse(a, text); err == nil {
			st.Value = v
			return st, true, nil
		}
	}
	return st, false, nil
}
