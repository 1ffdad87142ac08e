package transfer

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/ferry-s3/ferry/internal/faultproxy"
	"github.com/ferry-s3/ferry/s3ops/checksum"
)

// A download in ranges is checked against the checksum the store keeps:
// the full-object CRC64NVME the gateway computes of every object, or a
// composite CRC32C another client asked for (the CRC of its uneven
// parts' CRCs). A sound download passes; one bit altered on the way is
// caught by the CRC and the object fetched again.
func TestDownloadsAreCheckedByTheStoredChecksum(t *testing.T) {
	t.Parallel()
	ff := newFaultFixture(t, 1)
	src := ff.seed(t, "c/full.bin", 12*mib, 91, smallParts("-"))
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	ff.uploadComposite(t, "c/composite.bin", data, []int64{5 * mib, 6 * mib, mib})
	for _, c := range []struct{ key, caught string }{
		{"c/full.bin", "CRC64NVME"},
		{"c/composite.bin", "the CRC32C checksums of its parts do not give its stored checksum"},
	} {
		e, statuses := ff.faultEngine(smallParts(""))
		ff.downloadTo(t, e, c.key, t.TempDir())
		if got := strings.Join(statuses.all(), "\n"); strings.Contains(got, "does not match") {
			t.Fatalf("%s: a sound download was taken for altered: %q", c.key, got)
		}
		flip := ff.fp.AddRule(faultproxy.Rule{Name: "one bit flip", Match: faultproxy.Match{Method: "GET", Path: c.key},
			Fault: faultproxy.Fault{Kind: faultproxy.Corrupt, After: 3 * mib}, MaxHits: 1})
		altered := t.TempDir()
		ff.downloadTo(t, e, c.key, altered)
		if flip.Hits() != 1 {
			t.Fatalf("%s: the body was not altered", c.key)
		}
		if got := strings.Join(statuses.all(), "\n"); !strings.Contains(got, c.caught) || !strings.Contains(got, "downloading it again") {
			t.Fatalf("%s: the altered download was not caught by the stored checksum: %q", c.key, got)
		}
		if readFile(t, filepath.Join(altered, filepath.Base(c.key))) != string(data) {
			t.Fatalf("%s: the download fetched again differs from the source", c.key)
		}
	}
}

// uploadComposite stores data under key in parts of sizes, with CRC32C
// checksums of type COMPOSITE, as another client may (through the SDK
// straight to the gateway).
func (ff *faultFixture) uploadComposite(t *testing.T, key string, data []byte, sizes []int64) {
	t.Helper()
	ctx := context.Background()
	cl := s3.New(s3.Options{Region: ff.srv.Region, BaseEndpoint: aws.String(ff.srv.Endpoint), UsePathStyle: true,
		Credentials:                credentials.NewStaticCredentialsProvider(ff.srv.AccessKey, ff.srv.SecretKey, ""),
		RequestChecksumCalculation: aws.RequestChecksumCalculationWhenRequired})
	mp, err := cl.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(ff.bucket), Key: aws.String(key),
		ChecksumAlgorithm: types.ChecksumAlgorithmCrc32c, ChecksumType: types.ChecksumTypeComposite})
	if err != nil {
		t.Fatal(err)
	}
	var parts []types.CompletedPart
	var off int64
	for i, n := range sizes {
		v := checksum.Of(checksum.CRC32C, data[off:off+n])
		out, err := cl.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(ff.bucket), Key: aws.String(key), UploadId: mp.UploadId,
			PartNumber: aws.Int32(int32(i + 1)), Body: bytes.NewReader(data[off : off+n]), ChecksumCRC32C: aws.String(v.String())})
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, types.CompletedPart{PartNumber: aws.Int32(int32(i + 1)), ETag: out.ETag, ChecksumCRC32C: aws.String(v.String())})
		off += n
	}
	if _, err := cl.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(ff.bucket), Key: aws.String(key),
		UploadId: mp.UploadId, MultipartUpload: &types.CompletedMultipartUpload{Parts: parts}}); err != nil {
		t.Fatal(err)
	}
}
