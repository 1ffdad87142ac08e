package s3ops_test

import (
	"context"
	"maps"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/ferry-s3/ferry/s3ops"
)

// putDescribed uploads an object with every editable attribute set.
func putDescribed(t *testing.T, c *s3ops.Client, srvClient *s3.Client, loc s3ops.Location, content []byte) {
	t.Helper()
	_, err := srvClient.PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String(loc.Bucket), Key: aws.String(loc.Key),
		Body: bytesReader(content), ContentType: aws.String("text/plain"), CacheControl: aws.String("no-cache"),
		ContentDisposition: aws.String(`attachment; filename="r.txt"`), ContentLanguage: aws.String("en"),
		Metadata: map[string]string{"keep": "me", "drop": "me"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.SetTags(context.Background(), loc, map[string]string{"class": "a b"}); err != nil {
		t.Fatal(err)
	}
}

func TestEditMetadataKeepsWhatWasNotChanged(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name      string
		size      int
		threshold int64
	}{{"copy", 300, 0}, {"multipart copy onto itself", 11 << 20, 6 << 20}} {
		t.Run(tc.name, func(t *testing.T) {
			c, srv := connectTuned(t, s3ops.Settings{MetadataCopyThreshold: tc.threshold})
			mustCreateBucket(t, c, "meta")
			loc := s3ops.Location{Bucket: "meta", Key: "docs/read me+.txt"}
			content := randomBytes(tc.size)
			putDescribed(t, c, sdkClient(srv), loc, content)
			ctx := context.Background()

			m, err := c.GetMetadata(ctx, loc)
			if err != nil {
				t.Fatal(err)
			}
			want := s3ops.Metadata{ContentType: "text/plain", CacheControl: "no-cache", ContentDisposition: `attachment; filename="r.txt"`,
				ContentLanguage: "en", User: map[string]string{"keep": "me", "drop": "me"}}
			if !sameMetadata(m, want) {
				t.Fatalf("read %+v", m)
			}
			m.ContentType = "text/markdown; charset=utf-8"
			m.CacheControl = "max-age=3600"
			delete(m.User, "drop")
			m.User["Added-Key"] = "new value"
			if err := c.SetMetadata(ctx, loc, m); err != nil {
				t.Fatal(err)
			}
			got, err := c.GetMetadata(ctx, loc)
			if err != nil {
				t.Fatal(err)
			}
			want = s3ops.Metadata{ContentType: "text/markdown; charset=utf-8", CacheControl: "max-age=3600",
				ContentDisposition: `attachment; filename="r.txt"`, ContentLanguage: "en",
				User: map[string]string{"keep": "me", "added-key": "new value"}}
			if !sameMetadata(got, want) {
				t.Fatalf("after edit %+v\nwant %+v", got, want)
			}
			info, _ := c.Head(ctx, loc)
			if multipart := strings.Contains(info.ETag, "-"); multipart != (tc.threshold > 0) {
				t.Fatalf("ETag %q: multipart copy = %v", info.ETag, multipart)
			}
			if string(getObject(t, c, loc, "")) != string(content) {
				t.Fatal("bytes changed")
			}
			if tags, err := c.GetTags(ctx, loc); err != nil || !maps.Equal(tags, map[string]string{"class": "a b"}) {
				t.Fatalf("tags after edit: %v %v", tags, err)
			}
		})
	}
}

func sameMetadata(a, b s3ops.Metadata) bool {
	return a.ContentType == b.ContentType && a.CacheControl == b.CacheControl && a.ContentDisposition == b.ContentDisposition &&
		a.ContentEncoding == b.ContentEncoding && a.ContentLanguage == b.ContentLanguage && maps.Equal(a.User, b.User)
}

func TestMetadataAndTagsAreValidatedWithASentence(t *testing.T) {
	t.Parallel()
	c, _ := connect(t)
	mustCreateBucket(t, c, "meta")
	loc := s3ops.Location{Bucket: "meta", Key: "k"}
	putObject(t, c, loc, []byte("x"))
	ctx := context.Background()
	bad := []struct {
		user map[string]string
		msg  string
	}{
		{map[string]string{"": "v"}, "cannot be empty"},
		{map[string]string{"has space": "v"}, "use letters, digits"},
		{map[string]string{"k": "naïve"}, "printable ASCII"},
		{map[string]string{"Key": "1", "key": "2"}, "given twice"},
		{map[string]string{"big": strings.Repeat("v", 3000)}, "S3 allows 2048"},
	}
	for _, b := range bad {
		err := c.SetMetadata(ctx, loc, s3ops.Metadata{User: b.user})
		if s3ops.KindOf(err) != s3ops.KindInvalidArgument || !strings.Contains(err.Error(), b.msg) {
			t.Errorf("%v: %v", b.user, err)
		}
	}
	many := map[string]string{}
	for i := range 11 {
		many[string(rune('a'+i))] = "v"
	}
	if err := c.SetTags(ctx, loc, many); err == nil || !strings.Contains(err.Error(), "at most 10 tags") {
		t.Errorf("11 tags: %v", err)
	}
	if err := c.SetTags(ctx, loc, map[string]string{"aws:x": "v"}); err == nil || !strings.Contains(err.Error(), "reserved") {
		t.Errorf("aws: tag: %v", err)
	}
}

func TestTagsRoundTripAndClear(t *testing.T) {
	t.Parallel()
	c, _ := connect(t)
	mustCreateBucket(t, c, "tags")
	loc := s3ops.Location{Bucket: "tags", Key: "odd key=1+2.txt"}
	putObject(t, c, loc, []byte("x"))
	ctx := context.Background()
	if tags, err := c.GetTags(ctx, loc); err != nil || len(tags) != 0 {
		t.Fatalf("fresh object: %v %v", tags, err)
	}
	want := map[string]string{"env": "prod", "owner": "data team", "path": "a/b:c@d", "empty": ""}
	if err := c.SetTags(ctx, loc, want); err != nil {
		t.Fatal(err)
	}
	if tags, err := c.GetTags(ctx, loc); err != nil || !maps.Equal(tags, want) {
		t.Fatalf("tags = %v %v", tags, err)
	}
	if err := c.SetTags(ctx, loc, nil); err != nil {
		t.Fatal(err)
	}
	if tags, err := c.GetTags(ctx, loc); err != nil || len(tags) != 0 {
		t.Fatalf("after clearing: %v %v", tags, err)
	}
	if _, err := c.GetTags(ctx, s3ops.Location{Bucket: "tags", Key: "missing"}); s3ops.KindOf(err) != s3ops.KindNoSuchKey {
		t.Fatalf("missing object: %v", err)
	}
}
