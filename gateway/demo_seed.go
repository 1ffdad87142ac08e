package gateway

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"golang.org/x/sync/errgroup"
)

// demoObject is one object the demo seeds through the gateway's API, so
// it gets a real ETag and Content-Type.
type demoObject struct {
	bucket, key, contentType string
	size                     int64
	body                     func() io.Reader
}

// Demo buckets; keep in sync with the README's demo section.
const (
	demoDocs   = "docs"
	demoMedia  = "media"
	demoOdd    = "odd-keys"
	demoLogs   = "logs"
	demoEvents = "events/" // the prefix holding demoEventCount keys
	// demoEventCount keys under one prefix show streaming and paging.
	demoEventCount = 20000
	// demoBigSize makes a file large enough for multipart and ranged GETs.
	demoBigSize = 64 << 20
)

func seedDemo(ctx context.Context, child *Child, dataDir string) error {
	cl := demoClient(child)
	for _, b := range []string{demoDocs, demoMedia, demoOdd, demoLogs} {
		if _, err := cl.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(b)}); err != nil {
			return fmt.Errorf("create bucket %s: %w", b, err)
		}
	}
	if _, err := cl.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(demoDocs),
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}}); err != nil {
		return fmt.Errorf("enable versioning on %s: %w", demoDocs, err)
	}
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return writeEvents(filepath.Join(dataDir, demoLogs, demoEvents)) })
	g.Go(func() error { return putAll(gctx, cl, demoObjects()) })
	return g.Wait()
}

func demoClient(child *Child) *s3.Client {
	return s3.New(s3.Options{
		Region:       child.Region,
		BaseEndpoint: aws.String(child.Endpoint),
		UsePathStyle: true,
		Credentials:  credentials.NewStaticCredentialsProvider(child.AccessKey, child.SecretKey, ""),
	})
}

// putAll uploads objects over presigned PUTs, eight at a time.
func putAll(ctx context.Context, cl *s3.Client, objs []demoObject) error {
	pc := s3.NewPresignClient(cl)
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(8)
	for _, o := range objs {
		g.Go(func() error { return putOne(ctx, pc, o) })
	}
	return g.Wait()
}

func putOne(ctx context.Context, pc *s3.PresignClient, o demoObject) error {
	req, err := pc.PresignPutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(o.bucket),
		Key: aws.String(o.key), ContentType: aws.String(o.contentType)}, s3.WithPresignExpires(time.Hour))
	if err != nil {
		return err
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPut, req.URL, o.body())
	if err != nil {
		return err
	}
	hreq.ContentLength = o.size
	hreq.Header.Set("Content-Type", o.contentType)
	resp, err := http.DefaultClient.Do(hreq)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return fmt.Errorf("put %s/%s: %s %s", o.bucket, o.key, resp.Status, msg)
	}
	return nil
}

// writeEvents writes the big prefix straight into the posix root: 20,000
// PUTs would take longer than a demo user should wait.
func writeEvents(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var buf bytes.Buffer
	for i := range demoEventCount {
		at := start.Add(time.Duration(i) * 7 * time.Minute)
		buf.Reset()
		fmt.Fprintf(&buf, `{"id":%d,"at":%q,"kind":%q,"ok":%t}`+"\n", i, at.Format(time.RFC3339), eventKinds[i%len(eventKinds)], i%13 != 0)
		name := filepath.Join(dir, fmt.Sprintf("event-%05d.json", i))
		if err := os.WriteFile(name, buf.Bytes(), 0o600); err != nil {
			return err
		}
		if err := os.Chtimes(name, at, at); err != nil {
			return err
		}
	}
	return nil
}

var eventKinds = []string{"upload", "download", "share", "delete", "login"}

// bigBody streams demoBigSize deterministic pseudo-random bytes.
func bigBody() io.Reader {
	return io.LimitReader(rand.NewChaCha8([32]byte{'f', 'e', 'r', 'r', 'y'}), demoBigSize)
}
