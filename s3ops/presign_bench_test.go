package s3ops_test

import (
	"context"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/s3ops"
)

// BenchmarkPresignGet is the CPU one presigned GET costs (ferry signs one
// per download and per part).
func BenchmarkPresignGet(b *testing.B) {
	c, err := s3ops.Connect(context.Background(), s3ops.Settings{EndpointURL: "http://127.0.0.1:9", Region: "us-east-1", AccessKey: "a", SecretKey: "b"})
	if err != nil {
		b.Fatal(err)
	}
	c.SetBucketRegion("bkt", "us-east-1")
	loc := s3ops.Location{Bucket: "bkt", Key: "some/key/name.bin"}
	b.ReportAllocs()
	for range b.N {
		if _, err := c.PresignGet(context.Background(), loc, time.Hour, s3ops.GetOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
