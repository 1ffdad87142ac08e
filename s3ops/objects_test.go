package s3ops_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/ferry-s3/ferry/s3ops"
)

func TestDeletePrefixRemovesThousandsOfKeysInBatches(t *testing.T) {
	t.Parallel()
	c, srv := connect(t)
	mustCreateBucket(t, c, "bulk")
	const n = 2500
	keys := make([]string, n)
	for i := range keys {
		keys[i] = fmt.Sprintf("big/d%02d/k%05d", i%7, i)
	}
	writeObjectFiles(t, srv, "bulk", keys)
	putObject(t, c, s3ops.Location{Bucket: "bulk", Key: "big/"}, nil) // folder marker
	putObject(t, c, s3ops.Location{Bucket: "bulk", Key: "big-sibling.txt"}, []byte("keep"))
	putObject(t, c, s3ops.Location{Bucket: "bulk", Key: "other/keep.txt"}, []byte("keep"))

	var reports []s3ops.Progress
	res, err := c.Delete(context.Background(), s3ops.Location{Bucket: "bulk", Key: "big/"},
		s3ops.DeleteOptions{Progress: func(p s3ops.Progress) { reports = append(reports, p) }})
	if err != nil {
		t.Fatal(err)
	}
	if res.Deleted != n+1 || len(res.Failed) != 0 || res.Err() != nil {
		t.Fatalf("result = %d deleted, %v failed", res.Deleted, res.Failed)
	}
	if left := keysUnder(t, c, s3ops.Location{Bucket: "bulk", Key: "big/"}); len(left) != 0 {
		t.Fatalf("%d keys left, e.g. %v", len(left), left)
	}
	if _, err := c.Head(context.Background(), s3ops.Location{Bucket: "bulk", Key: "big/"}); s3ops.KindOf(err) != s3ops.KindNoSuchKey {
		t.Fatalf("folder marker still there: %v", err)
	}
	rest := keysUnder(t, c, s3ops.Location{Bucket: "bulk"})
	if !rest["big-sibling.txt"] || !rest["other/keep.txt"] || len(rest) != 2 {
		t.Fatalf("keys outside the prefix: %v", rest)
	}
	last := reports[len(reports)-1]
	if last.Done != n+1 || last.Total != n+1 || !last.Listed || last.Failed != 0 {
		t.Fatalf("last progress = %+v", last)
	}
	for i := 1; i < len(reports); i++ {
		if reports[i].Done < reports[i-1].Done || reports[i].Total < reports[i-1].Total || reports[i].Done > reports[i].Total {
			t.Fatalf("progress went backwards or past the total: %+v then %+v", reports[i-1], reports[i])
		}
	}
	if len(reports) < 4 {
		t.Fatalf("only %d progress reports for %d keys", len(reports), n)
	}
}

// lockedBucket makes a bucket with object lock on and puts keys in it,
// placing a legal hold on held. The gateway then refuses to delete held,
// the way S3 does (AccessDenied), which is a real per-key failure.
func lockedBucket(t *testing.T, c *s3ops.Client, srvClient *s3.Client, bucket string, keys []string, held string) {
	t.Helper()
	ctx := context.Background()
	_, err := srvClient.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket), ObjectLockEnabledForBucket: aws.Bool(true)})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range keys {
		putObject(t, c, s3ops.Location{Bucket: bucket, Key: k}, []byte(k))
	}
	_, err = srvClient.PutObjectLegalHold(ctx, &s3.PutObjectLegalHoldInput{Bucket: aws.String(bucket), Key: aws.String(held),
		LegalHold: &types.ObjectLockLegalHold{Status: types.ObjectLockLegalHoldStatusOn}})
	if err != nil {
		t.Fatal(err)
	}
}

func TestDeleteReportsKeysTheServerRefuses(t *testing.T) {
	t.Parallel()
	c, srv := connect(t)
	keys := []string{"p/a.txt", "p/held.txt", "p/z.txt", "p/sub/b.txt"}
	lockedBucket(t, c, sdkClient(srv), "locked", keys, "p/held.txt")

	res, err := c.Delete(context.Background(), s3ops.Location{Bucket: "locked", Key: "p/"}, s3ops.DeleteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Deleted != 3 || len(res.Failed) != 1 || res.Failed[0].Key != "p/held.txt" {
		t.Fatalf("result = %+v", res)
	}
	if k := s3ops.KindOf(res.Failed[0].Err); k != s3ops.KindAccessDenied {
		t.Fatalf("failure kind %d: %v", k, res.Failed[0].Err)
	}
	sum := res.Err()
	if s3ops.KindOf(sum) != s3ops.KindAccessDenied || sum.Error() != "could not delete 1 of 4 keys: access denied (AccessDenied) (first: p/held.txt)" {
		t.Fatalf("summary = %q", sum)
	}
	left := keysUnder(t, c, s3ops.Location{Bucket: "locked", Key: "p/"})
	if len(left) != 1 || !left["p/held.txt"] {
		t.Fatalf("left = %v", left)
	}

	// A single object: the refusal is the error, with a sentence.
	_, err = c.Delete(context.Background(), s3ops.Location{Bucket: "locked", Key: "p/held.txt"}, s3ops.DeleteOptions{})
	var e *s3ops.Error
	if !errors.As(err, &e) || e.Kind != s3ops.KindAccessDenied || e.Msg != "access denied (AccessDenied)" {
		t.Fatalf("single delete: %#v", err)
	}
}

func TestDeleteStopsWhenCancelled(t *testing.T) {
	t.Parallel()
	c, srv := connect(t)
	mustCreateBucket(t, c, "cancel")
	keys := make([]string, 3000)
	for i := range keys {
		keys[i] = fmt.Sprintf("c/k%05d", i)
	}
	writeObjectFiles(t, srv, "cancel", keys)
	ctx, cancel := context.WithCancel(context.Background())
	// One request at a time, so nothing else is in flight when the first
	// batch reports and the cancellation comes.
	res, err := c.Delete(ctx, s3ops.Location{Bucket: "cancel", Key: "c/"}, s3ops.DeleteOptions{Concurrency: 1,
		Progress: func(p s3ops.Progress) {
			if p.Done > 0 {
				cancel()
			}
		}})
	if s3ops.KindOf(err) != s3ops.KindCanceled || err.Error() != "cancelled" {
		t.Fatalf("err = %v", err)
	}
	left := keysUnder(t, c, s3ops.Location{Bucket: "cancel", Key: "c/"})
	if res.Deleted != 1000 || len(left) != len(keys)-1000 {
		t.Fatalf("deleted %d, %d left of %d", res.Deleted, len(left), len(keys))
	}
}

func TestDeleteSingleObjectAndMissingBucket(t *testing.T) {
	t.Parallel()
	c, _ := connect(t)
	mustCreateBucket(t, c, "single")
	loc := s3ops.Location{Bucket: "single", Key: "odd key+%#?=.txt"}
	putObject(t, c, loc, []byte("x"))
	res, err := c.Delete(context.Background(), loc, s3ops.DeleteOptions{})
	if err != nil || res.Deleted != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	if _, err := c.Head(context.Background(), loc); s3ops.KindOf(err) != s3ops.KindNoSuchKey {
		t.Fatalf("still there: %v", err)
	}
	_, err = c.Delete(context.Background(), s3ops.Location{Bucket: "no-such-bucket", Key: "dir/"}, s3ops.DeleteOptions{})
	if s3ops.KindOf(err) != s3ops.KindNoSuchBucket {
		t.Fatalf("missing bucket: %v", err)
	}
}

func TestOperationsWithAWrongSecretSaySo(t *testing.T) {
	t.Parallel()
	c, srv := connect(t)
	mustCreateBucket(t, c, "sig")
	putObject(t, c, s3ops.Location{Bucket: "sig", Key: "p/a"}, []byte("a"))
	bad, err := s3ops.Connect(context.Background(), s3ops.Settings{EndpointURL: srv.Endpoint, Region: srv.Region,
		AccessKey: srv.AccessKey, SecretKey: "wrong-secret"})
	if err != nil {
		t.Fatal(err)
	}
	bad.SetBucketRegion("sig", srv.Region)
	ctx := context.Background()
	_, errDelete := bad.Delete(ctx, s3ops.Location{Bucket: "sig", Key: "p/"}, s3ops.DeleteOptions{})
	_, errCopy := bad.Copy(ctx, s3ops.Location{Bucket: "sig", Key: "p/a"}, s3ops.Location{Bucket: "sig", Key: "b"}, s3ops.CopyOptions{})
	_, errMove := bad.Move(ctx, s3ops.Location{Bucket: "sig", Key: "p/"}, s3ops.Location{Bucket: "sig", Key: "q/"}, s3ops.CopyOptions{})
	// A copy and a HEAD start with HeadObject, whose 403 carries no error
	// code; ferry asks again with a one-byte GET to learn the reason.
	_, errHead := bad.Head(ctx, s3ops.Location{Bucket: "sig", Key: "p/a"})
	_, errHeadMissing := bad.Head(ctx, s3ops.Location{Bucket: "sig", Key: "p/missing"})
	for name, err := range map[string]error{"delete": errDelete, "move": errMove, "copy": errCopy,
		"head": errHead, "head of a missing key": errHeadMissing} {
		if s3ops.KindOf(err) != s3ops.KindSignature || !strings.Contains(err.Error(), "wrong secret key") {
			t.Errorf("%s: %v", name, err)
		}
	}
	if got := keysUnder(t, c, s3ops.Location{Bucket: "sig"}); len(got) != 1 {
		t.Fatalf("keys changed: %v", got)
	}
}

// A conditional delete removes the object only while it is the one that
// was read: written again since, it is kept and the delete says so.
func TestDeleteIfMatchKeepsAnObjectWrittenAgainSinceItWasRead(t *testing.T) {
	t.Parallel()
	c, _ := connect(t)
	mustCreateBucket(t, c, "cond")
	loc := s3ops.Location{Bucket: "cond", Key: "moving.txt"}
	putObject(t, c, loc, []byte("first"))
	read, err := c.Head(context.Background(), loc)
	if err != nil {
		t.Fatal(err)
	}
	putObject(t, c, loc, []byte("written again"))
	_, err = c.Delete(context.Background(), loc, s3ops.DeleteOptions{IfMatch: read.ETag})
	if !errors.Is(err, s3ops.ErrChanged) {
		t.Fatalf("delete of a changed object: err = %v, want ErrChanged", err)
	}
	if got := getObject(t, c, loc, ""); string(got) != "written again" {
		t.Fatalf("the object is %q after the refused delete", got)
	}
	now, err := c.Head(context.Background(), loc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Delete(context.Background(), loc, s3ops.DeleteOptions{IfMatch: now.ETag}); err != nil {
		t.Fatalf("delete of the object as read: %v", err)
	}
	if _, err := c.Head(context.Background(), loc); s3ops.KindOf(err) != s3ops.KindNoSuchKey {
		t.Fatalf("after the delete, HEAD says %v", err)
	}
}
