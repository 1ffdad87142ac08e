package cli_test

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/cli"
	"github.com/ferry-s3/ferry/gateway/gwtest"
	"github.com/ferry-s3/ferry/s3ops"
)

var lsObjects = map[string]string{
	"top.txt":               "12345",
	"photos/a b.jpg":        "jpeg",
	"photos/2024/x+y=z.png": "png!",
	"photos/2024/deep/ü.md": "u",
}

func TestLsShortLongRecursiveAndJSON(t *testing.T) {
	t.Parallel()
	c := connect(t, lsObjects)
	cases := []struct {
		args []string
		want []string
	}{
		{[]string{"s3://docs"}, []string{"photos/", "top.txt"}},
		{[]string{"s3://docs/photos/"}, []string{"2024/", "a b.jpg"}},
		{[]string{"s3://docs/photos"}, []string{"2024/", "a b.jpg"}}, // a folder named without "/"
		{[]string{"--recursive", "s3://docs/photos/"}, []string{"2024/deep/ü.md", "2024/x+y=z.png", "a b.jpg"}},
		{[]string{"-R", "s3://docs"}, []string{"photos/2024/deep/ü.md", "photos/2024/x+y=z.png", "photos/a b.jpg", "top.txt"}},
		{[]string{"s3://docs/photos/2024/x+y=z.png"}, []string{"x+y=z.png"}}, // an object
	}
	for _, tc := range cases {
		code, out, errOut := runMain(t, c, cli.LsMain, tc.args...)
		if got := lines(out); code != 0 || strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("ls %v: exit %d %q %q; want %q", tc.args, code, got, errOut, tc.want)
		}
	}

	code, out, _ := runMain(t, c, cli.LsMain, "-l", "s3://docs/")
	long := regexp.MustCompile(`^ {28}DIR  photos/\n\d{4}-\d\d-\d\d \d\d:\d\d:\d\d {11}5  top\.txt\n$`)
	if code != 0 || !long.MatchString(out) {
		t.Errorf("ls -l:\n%s", out)
	}
	if _, out, _ := runMain(t, c, cli.LsMain, "-l", "--human", "s3://docs/top.txt"); !strings.Contains(out, "   5 B  top.txt") {
		t.Errorf("ls -l --human: %q", out)
	}

	code, out, _ = runMain(t, c, cli.LsMain, "--json", "s3://docs/photos/")
	var entries []map[string]any
	for _, l := range lines(out) {
		var e map[string]any
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatalf("not JSON: %q", l)
		}
		entries = append(entries, e)
	}
	if code != 0 || len(entries) != 2 || entries[0]["type"] != "folder" || entries[1]["key"] != "photos/a b.jpg" ||
		entries[1]["size"] != float64(4) || entries[1]["modified"] == nil || entries[1]["etag"] == "" {
		t.Errorf("ls --json: %v", entries)
	}
}

func TestLsWithoutURIListsBuckets(t *testing.T) {
	t.Parallel()
	c := connect(t, nil)
	if err := c.CreateBucket(context.Background(), "zeta-bucket", ""); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{nil, {"s3://"}} {
		code, out, errOut := runMain(t, c, cli.LsMain, args...)
		if code != 0 || out != "docs\nzeta-bucket\n" {
			t.Errorf("ls %v: exit %d %q %q", args, code, out, errOut)
		}
	}
	code, out, _ := runMain(t, c, cli.LsMain, "-l")
	if code != 0 || !regexp.MustCompile(`(?m)^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d  \S+\s+zeta-bucket$`).MatchString(out) {
		t.Errorf("ls -l: %q", out)
	}
	_, out, _ = runMain(t, c, cli.LsMain, "--json")
	if !strings.Contains(out, `{"name":"docs","created":"`) {
		t.Errorf("ls --json: %q", out)
	}
}

func TestLsFailuresExitNonZero(t *testing.T) {
	t.Parallel()
	srv := gwtest.Start(t)
	c := connectWith(t, srv, s3ops.Settings{AccessKey: srv.AccessKey, SecretKey: srv.SecretKey}, lsObjects)
	bad, err := s3ops.Connect(context.Background(), s3ops.Settings{EndpointURL: srv.Endpoint, Region: srv.Region,
		AccessKey: srv.AccessKey, SecretKey: "wrong"})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		c    *s3ops.Client
		args []string
		code int
		msg  string
	}{
		{c, []string{"s3://nobucket/"}, 1, "s3://nobucket/: no such bucket"},
		{c, []string{"s3://docs/nothing/"}, 1, "s3://docs/nothing/: no such folder"},
		{c, []string{"s3://docs/typo.txt"}, 1, "s3://docs/typo.txt: no such object or folder"},
		{bad, []string{"s3://docs/"}, 1, "signature was rejected"},
		{bad, []string{"s3://docs/top.txt"}, 1, "signature was rejected"},
		{bad, nil, 1, "signature was rejected"},
		{c, []string{"docs"}, 2, "not an s3:// URI"},
		{c, []string{"s3://docs", "s3://other"}, 2, "one location"},
		{c, []string{"--human"}, 2, "--human goes with --long"},
	}
	for _, tc := range cases {
		code, out, errOut := runMain(t, tc.c, cli.LsMain, tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.msg) || out != "" {
			t.Errorf("ls %v: exit %d %q %q; want %d %q", tc.args, code, out, errOut, tc.code, tc.msg)
		}
	}
}
