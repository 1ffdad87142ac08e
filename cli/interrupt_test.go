package cli_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/cli"
	"github.com/ferry-s3/ferry/s3ops"
)

// Every command that talks to S3 exits 130 when interrupted (its context
// cancelled, as SIGINT and SIGTERM do) and says so; the browser leaves
// quietly.
func TestEveryCommandInterruptedExits130(t *testing.T) {
	t.Parallel()
	stateDir(t)
	c := connect(t, map[string]string{"a.txt": "A", "d/b.txt": "B"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct {
		args []string
		say  string
	}{
		{[]string{"ls", "s3://docs/"}, "ferry ls: interrupted\n"},
		{[]string{"cp", "-r", "s3://docs/d/", t.TempDir()}, "ferry cp: interrupted"},
		{[]string{"cp", "s3://docs/a.txt", "s3://docs/copy.txt"}, "ferry cp: interrupted"},
		{[]string{"rm", "s3://docs/a.txt"}, "ferry rm: interrupted\n"},
		{[]string{"share", "s3://docs/a.txt"}, "ferry share: interrupted\n"},
		{[]string{"s3://docs/"}, ""},
	} {
		var out, errOut bytes.Buffer
		code := cli.RunTree(dirsCtx(t, ctx), func(context.Context) (*s3ops.Client, error) { return c, nil }, tc.args, &out, &errOut)
		if code != 130 || !strings.Contains(errOut.String(), tc.say) || tc.say == "" && errOut.Len() > 0 {
			t.Errorf("%q interrupted: exit %d, stderr %q; want 130 and %q", tc.args, code, errOut.String(), tc.say)
		}
	}
	if _, err := c.Head(context.Background(), s3ops.Location{Bucket: "docs", Key: "a.txt"}); err != nil {
		t.Fatalf("an interrupted rm deleted a.txt: %v", err)
	}
}
