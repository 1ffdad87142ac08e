package cli_test

import (
	"bytes"
	"context"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/cli"
	"github.com/ferry-s3/ferry/gateway/gwtest"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/share"
)

// oddKeys are keys with characters shells and URLs treat specially.
var oddKeys = []string{"a b.txt", "日本/語 1.txt", "x+y%20z.txt", "dir/one.txt", "dir/two.txt", "dir/sub/deep.txt", "100%.txt"}

// completer runs cobra's hidden __complete command, as a shell does on
// TAB, with the gateway's keys in the environment; it returns the
// candidates and the directive line.
func completer(t *testing.T, srv *gwtest.Server) func(args ...string) ([]string, string) {
	t.Setenv("AWS_ACCESS_KEY_ID", srv.AccessKey)
	t.Setenv("AWS_SECRET_ACCESS_KEY", srv.SecretKey)
	t.Setenv("AWS_REGION", srv.Region)
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	t.Setenv("AWS_ENDPOINT_URL_S3", "")
	return func(args ...string) ([]string, string) {
		t.Helper()
		var out, errOut bytes.Buffer
		if code := cli.RunDeps(dirsCtx(t, context.Background()), cli.Deps{}, append([]string{"__complete"}, args...), &out, &errOut); code != 0 {
			t.Fatalf("__complete %q: exit %d: %s", args, code, errOut.String())
		}
		got := lines(out.String())
		if len(got) == 0 {
			t.Fatalf("__complete %q printed no directive", args)
		}
		return got[:len(got)-1], got[len(got)-1]
	}
}

func TestCompletionOffersBucketsPrefixesAndKeysFromTheStore(t *testing.T) {
	srv := gwtest.Start(t)
	c := connectWith(t, srv, s3ops.Settings{AccessKey: srv.AccessKey, SecretKey: srv.SecretKey}, map[string]string{"readme.md": "r"})
	seed(t, c, "odd-keys", oddKeys)
	complete := completer(t, srv)
	ep := srv.Endpoint
	const prefixes = ":6" // no file completion, no space after a candidate: the user goes on down
	for _, tc := range []struct {
		args      []string
		want      []string
		directive string
	}{
		{[]string{"ls", "--endpoint-url", ep, ""}, []string{"s3://docs/", "s3://odd-keys/"}, prefixes},
		{[]string{"--endpoint-url", ep, "ls", "s3://od"}, []string{"s3://odd-keys/"}, prefixes},
		{[]string{"cp", "--endpoint-url", ep, "s3://odd-keys/"},
			[]string{"s3://odd-keys/dir/", "s3://odd-keys/日本/", "s3://odd-keys/100%.txt", "s3://odd-keys/a b.txt", "s3://odd-keys/x+y%20z.txt"}, prefixes},
		{[]string{"rm", "--endpoint-url=" + ep, "s3://odd-keys/a"}, []string{"s3://odd-keys/a b.txt"}, prefixes},
		{[]string{"share", "--endpoint-url", ep, "s3://odd-keys/日本/"}, []string{"s3://odd-keys/日本/語 1.txt"}, prefixes},
		{[]string{"share", "--endpoint-url", ep, "s3://odd-keys/x+y%"}, []string{"s3://odd-keys/x+y%20z.txt"}, prefixes},
		{[]string{"--endpoint-url", ep, "s3://odd-keys/dir/"}, []string{"s3://odd-keys/dir/sub/", "s3://odd-keys/dir/one.txt", "s3://odd-keys/dir/two.txt"}, prefixes},
		{[]string{"ls", "--endpoint-url", ep, "s3://odd-keys/nothing"}, nil, prefixes},
		// Local paths are the shell's: no candidates, default completion.
		{[]string{"cp", "--endpoint-url", ep, "./"}, nil, ":0"},
		// ls takes one location; a second gets nothing.
		{[]string{"ls", "--endpoint-url", ep, "s3://docs/", "s3://"}, nil, ":4"},
		{[]string{"cp", "--conflict", ""}, []string{"skip", "overwrite", "keep-both"}, ":4"},
		{[]string{"ls", "--path-style", ""}, []string{"auto", "on", "off"}, ":4"},
	} {
		got, directive := complete(tc.args...)
		if !slices.Equal(got, tc.want) || directive != tc.directive {
			t.Errorf("__complete %q:\n got %q %s\nwant %q %s", tc.args, got, directive, tc.want, tc.directive)
		}
	}
}

func TestCompletionOffersNothingAndSaysNothingWhenTheStoreDoesNotAnswer(t *testing.T) {
	srv := gwtest.Start(t)
	complete := completer(t, srv)
	start := time.Now()
	for _, args := range [][]string{
		{"ls", "--endpoint-url", "http://127.0.0.1:9", "s3://"},
		{"cp", "--endpoint-url", "http://127.0.0.1:9", "s3://docs/"},
		{"ls", "--demo", "s3://"}, // no gateway is started for a TAB
	} {
		if got, directive := complete(args...); len(got) != 0 || directive != ":4" {
			t.Errorf("__complete %q: %q %s", args, got, directive)
		}
	}
	t.Setenv("AWS_SECRET_ACCESS_KEY", "wrong")
	if got, directive := complete("ls", "--endpoint-url", srv.Endpoint, "s3://"); len(got) != 0 || directive != ":4" {
		t.Errorf("a rejected signature: %q %s", got, directive)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("failing completions took %s", d)
	}
}

// seed creates bucket and puts keys into it (each key's body is its name).
func seed(t *testing.T, c *s3ops.Client, bucket string, keys []string) {
	t.Helper()
	if err := c.CreateBucket(context.Background(), bucket, ""); err != nil {
		t.Fatal(err)
	}
	for _, key := range keys {
		l, err := share.UploadLink(context.Background(), c, s3ops.Location{Bucket: bucket, Key: key},
			share.UploadOptions{Expiry: time.Minute, ContentType: "text/plain"})
		if err != nil {
			t.Fatal(err)
		}
		if code, msg := fetch(t, http.MethodPut, l.URL, "text/plain", key); code != http.StatusOK {
			t.Fatalf("seed %s: %d %s", key, code, strings.TrimSpace(msg))
		}
	}
}
