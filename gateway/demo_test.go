package gateway_test

import (
	"context"
	"github.com/ferry-s3/ferry/gateway"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

func TestDemoSeedsBucketsOnceAndRestartsFast(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: seeding the demo store takes a few seconds")
	}
	exe, _ := os.Executable()
	// The test binary serves as the gateway: gwtest.Main handles "serve".
	dir := t.TempDir()
	start := time.Now()
	child, err := gateway.StartDemoIn(context.Background(), exe, dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("first start with seeding took %s", time.Since(start))
	cl := gateway.DemoClient(child)
	ctx := context.Background()
	out, err := cl.ListBuckets(ctx, &s3.ListBucketsInput{})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Buckets) != 4 {
		t.Fatalf("buckets: %d", len(out.Buckets))
	}
	if n := countKeys(t, cl, "logs", "events/"); n != gateway.DemoEventCount {
		t.Fatalf("events: %d keys, want %d", n, gateway.DemoEventCount)
	}
	head, err := cl.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("media"), Key: aws.String("archives/big-dataset.bin")})
	if err != nil || aws.ToInt64(head.ContentLength) != gateway.DemoBigSize {
		t.Fatalf("big file: %v %v", head, err)
	}
	for _, k := range gateway.DemoOddKeys {
		if _, err := cl.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("odd-keys"), Key: aws.String(k)}); err != nil {
			t.Errorf("odd key %q: %v", k, err)
		}
	}
	if err := child.Stop(); err != nil {
		t.Fatal(err)
	}
	// Second start reuses the seeded dir.
	os.WriteFile(filepath.Join(dir, "data", "docs", "kept.txt"), []byte("x"), 0o644)
	child, err = gateway.StartDemoIn(ctx, exe, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer child.Stop()
	if _, err := os.Stat(filepath.Join(dir, "data", "docs", "kept.txt")); err != nil {
		t.Fatal("second start reseeded the demo dir")
	}
}

func countKeys(t *testing.T, cl *s3.Client, bucket, prefix string) int {
	n := 0
	p := s3.NewListObjectsV2Paginator(cl, &s3.ListObjectsV2Input{Bucket: aws.String(bucket), Prefix: aws.String(prefix)})
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		n += len(page.Contents)
	}
	return n
}
