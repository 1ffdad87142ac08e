package s3ops_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/internal/s3standin"
	"github.com/ferry-s3/ferry/s3ops"
)

// standin connects to a stand-in holding bucket "b" with object "k".
func standin(t *testing.T) (*s3standin.Server, *s3ops.Client) {
	t.Helper()
	srv := s3standin.Start(t, "b")
	srv.Put("b", s3standin.Object{Key: "k", Body: []byte("hello")})
	c, err := s3ops.Connect(context.Background(), s3ops.Settings{EndpointURL: srv.URL, Region: srv.Region,
		AccessKey: "standin", SecretKey: "standin"})
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

// Answers that are not valid S3 are called so, never "cannot reach the
// endpoint" (it was reached) or "the connection broke" (it did not).
func TestAnswersThatAreNotValidS3SaySo(t *testing.T) {
	t.Parallel()
	head := func(r *http.Request) bool { return r.Method == http.MethodHead }
	tagging := func(r *http.Request) bool { return r.URL.Query().Has("tagging") }
	cases := []struct {
		name, answer string
		match        func(*http.Request) bool
		call         func(*s3ops.Client) error
		want         string
	}{
		{"malformed header", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nthis is no header\r\n\r\nhello", head,
			func(c *s3ops.Client) error {
				_, err := c.Head(context.Background(), s3ops.Location{Bucket: "b", Key: "k"})
				return err
			},
			"the server answered with something that is not valid S3"},
		{"answer cut off", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n", head,
			func(c *s3ops.Client) error {
				_, err := c.Head(context.Background(), s3ops.Location{Bucket: "b", Key: "k"})
				return err
			},
			"the connection broke while the server was answering"},
		{"invalid XML character", "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: 82\r\n\r\n" +
			`<Tagging><TagSet><Tag><Key>a` + "\x01" + `</Key><Value>b</Value></Tag></TagSet></Tagging>` + strings.Repeat(" ", 10), tagging,
			func(c *s3ops.Client) error {
				_, err := c.GetTags(context.Background(), s3ops.Location{Bucket: "b", Key: "k"})
				return err
			},
			"the server answered with something that is not valid S3"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv, c := standin(t)
			srv.Raw(tc.match, tc.answer)
			err := tc.call(c)
			if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "cannot reach") {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
		})
	}
}

// A request the server keeps failing says it was tried again, as the
// transfers do.
func TestControlRequestsSayTheyGaveUpAfterRetrying(t *testing.T) {
	t.Parallel()
	srv, c := standin(t)
	srv.Refuse("b", "", s3standin.Refusal{Status: 500, Code: "InternalError", Message: "boom"})
	err := c.List(context.Background(), s3ops.Location{Bucket: "b"}, s3ops.ListOptions{}, func(s3ops.Page) bool { return true })
	if err == nil || !strings.Contains(err.Error(), "the server had an internal error") || !strings.Contains(err.Error(), "gave up after 3 attempts") {
		t.Fatalf("error %v, want the server's failure and the attempts made", err)
	}
	lists := 0
	for _, r := range srv.Requests() {
		if strings.Contains(r, "list-type=2") {
			lists++
		}
	}
	if lists != 3 {
		t.Errorf("%d listing requests, want 3", lists)
	}
}
