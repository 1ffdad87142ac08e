package s3ops_test

import (
	"bytes"
	"context"
	"io"
	"maps"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/ferry-s3/ferry/gateway/gwtest"
	"github.com/ferry-s3/ferry/s3ops"
)

// Helpers for the tests of delete, copy, move, metadata, versions and
// preview.

// connectWith starts a gateway with opts and returns a client for it.
func connectWith(t *testing.T, opts ...gwtest.Option) (*s3ops.Client, *gwtest.Server) {
	t.Helper()
	return connectTuned(t, s3ops.Settings{}, opts...)
}

// connectTuned is connectWith with the client's test knobs (clock, page
// size, copy threshold) taken from tuning.
func connectTuned(t *testing.T, tuning s3ops.Settings, opts ...gwtest.Option) (*s3ops.Client, *gwtest.Server) {
	t.Helper()
	srv := gwtest.Start(t, opts...)
	s := tuning
	s.EndpointURL, s.Region, s.AccessKey, s.SecretKey = srv.Endpoint, srv.Region, srv.AccessKey, srv.SecretKey
	c, err := s3ops.Connect(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	return c, srv
}

// sdkClient is a plain SDK client for setting up what ferry itself does
// not do (object lock, legal holds, uploads with metadata).
func sdkClient(srv *gwtest.Server) *s3.Client {
	return s3.New(s3.Options{Region: srv.Region, BaseEndpoint: aws.String(srv.Endpoint), UsePathStyle: true,
		Credentials: credentials.NewStaticCredentialsProvider(srv.AccessKey, srv.SecretKey, "")})
}

// writeObjectFiles creates objects by writing files straight into the
// gateway's posix root, which is far faster than thousands of PUTs.
func writeObjectFiles(t *testing.T, srv *gwtest.Server, bucket string, keys []string) {
	t.Helper()
	made := map[string]bool{}
	for _, k := range keys {
		p := filepath.Join(srv.Dir, bucket, filepath.FromSlash(k))
		if dir := filepath.Dir(p); !made[dir] {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			made[dir] = true
		}
		if err := os.WriteFile(p, []byte(k), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// putWithMeta uploads body with a content type and user metadata.
func putWithMeta(t *testing.T, srv *gwtest.Server, loc s3ops.Location, body []byte, contentType string, meta map[string]string) {
	t.Helper()
	_, err := sdkClient(srv).PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String(loc.Bucket),
		Key: aws.String(loc.Key), Body: bytesReader(body), ContentType: aws.String(contentType), Metadata: meta})
	if err != nil {
		t.Fatalf("put %s: %v", loc, err)
	}
}

// getObject downloads loc (or one of its versions) with a presigned GET.
func getObject(t *testing.T, c *s3ops.Client, loc s3ops.Location, versionID string) []byte {
	t.Helper()
	p, err := c.PresignGet(context.Background(), loc, time.Minute, s3ops.GetOptions{VersionID: versionID})
	if err != nil {
		t.Fatal(err)
	}
	return httpGet(t, c, p.URL)
}

func httpGet(t *testing.T, c *s3ops.Client, url string) []byte {
	t.Helper()
	resp, err := c.HTTP().Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET: %d %s", resp.StatusCode, body)
	}
	return body
}

// keysUnder lists every key below loc's prefix, recursively.
func keysUnder(t *testing.T, c *s3ops.Client, loc s3ops.Location) map[string]bool {
	t.Helper()
	all, _ := listAll(t, c, loc, s3ops.ListOptions{Recursive: true})
	keys := map[string]bool{}
	for _, e := range all {
		keys[e.Key] = true
	}
	return keys
}

func bytesReader(b []byte) io.ReadSeeker { return bytes.NewReader(b) }

// oddKeys are keys that break naive URL encoding of x-amz-copy-source.
var oddKeys = []string{"with space.txt", "plus+sign.txt", "pct%20lit.txt", "hash#tag.txt", "q?mark.txt",
	"eq=ual&amp.txt", "ünïcödé/日本語.txt", "semi;colon,comma", "tilde~(paren)", "dir with space/x y.bin"}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	rng := rand.New(rand.NewPCG(uint64(n), 7))
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	return b
}

// contentOf is the content test objects get: empty for folder markers.
func contentOf(key string) []byte {
	if strings.HasSuffix(key, "/") {
		return nil
	}
	return []byte("<" + key + ">")
}

// assertSameObject checks that dst has src's bytes, content type and
// user metadata.
func assertSameObject(t *testing.T, c *s3ops.Client, dst s3ops.Location, body []byte, contentType string, meta map[string]string) {
	t.Helper()
	info, err := c.Head(context.Background(), dst)
	if err != nil {
		t.Fatalf("head %s: %v", dst, err)
	}
	if info.ContentType != contentType || !maps.Equal(info.Metadata, meta) || info.Size != int64(len(body)) {
		t.Fatalf("%s: type %q meta %v size %d; want %q %v %d", dst, info.ContentType, info.Metadata, info.Size, contentType, meta, len(body))
	}
	if got := getObject(t, c, dst, ""); !bytes.Equal(got, body) {
		t.Fatalf("%s: %d bytes differ from the %d expected", dst, len(got), len(body))
	}
}
