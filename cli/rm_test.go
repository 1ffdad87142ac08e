package cli_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/cli"
)

func TestRmDeletesObjectsAndFoldersWithR(t *testing.T) {
	t.Parallel()
	c := connect(t, map[string]string{"keep.txt": "k", "old.txt": "o", "logs/a": "a", "logs/2024/b": "b", "logsbook.txt": "not in logs/"})
	code, out, errOut := runMain(t, c, cli.RmMain, "s3://docs/old.txt")
	if code != 0 || out != "delete: s3://docs/old.txt\n" || !strings.Contains(errOut, "1 object deleted") {
		t.Fatalf("rm object: exit %d %q %q", code, out, errOut)
	}
	code, _, errOut = runMain(t, c, cli.RmMain, "s3://docs/logs")
	if code != 1 || !strings.Contains(errOut, "is a folder: add -r") {
		t.Fatalf("rm folder without -r: exit %d %q", code, errOut)
	}
	if code, _, errOut = runMain(t, c, cli.RmMain, "s3://docs/logs/"); code != 2 || !strings.Contains(errOut, "add -r") {
		t.Fatalf("rm folder/ without -r: exit %d %q", code, errOut)
	}

	code, out, errOut = runMain(t, c, cli.RmMain, "-r", "--dry-run", "s3://docs/logs")
	if code != 0 || !strings.Contains(out, "would delete: s3://docs/logs/2024/b\n") || !strings.Contains(errOut, "2 objects would be deleted") {
		t.Fatalf("dry run: exit %d %q %q", code, out, errOut)
	}
	if _, ls, _ := runMain(t, c, cli.LsMain, "-r", "s3://docs"); len(lines(ls)) != 4 {
		t.Fatalf("dry run deleted something: %q", ls)
	}

	code, out, errOut = runMain(t, c, cli.RmMain, "-r", "s3://docs/logs", "--json")
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != 0 || got["objects"] != float64(2) || got["status"] != "done" || got["key"] != "logs/" {
		t.Fatalf("rm -r --json: exit %d %q %q", code, out, errOut)
	}
	if _, ls, _ := runMain(t, c, cli.LsMain, "-r", "s3://docs"); ls != "keep.txt\nlogsbook.txt\n" {
		t.Fatalf("after rm -r: %q", ls)
	}
}

func TestRmMissingObjectFailsUnlessForced(t *testing.T) {
	t.Parallel()
	c := connect(t, map[string]string{"a.txt": "A"})
	code, out, errOut := runMain(t, c, cli.RmMain, "s3://docs/a.txt", "s3://docs/typo.txt")
	if code != 1 || !strings.Contains(out, "delete: s3://docs/a.txt") || !strings.Contains(errOut, "1 failed:\n  s3://docs/typo.txt: no such object") {
		t.Fatalf("exit %d %q %q", code, out, errOut)
	}
	if code, _, errOut := runMain(t, c, cli.RmMain, "-f", "s3://docs/typo.txt"); code != 0 {
		t.Fatalf("-f: exit %d %q", code, errOut)
	}
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"s3://nobucket/a"}, 1, "no such bucket"},
		{[]string{"s3://docs"}, 2, "is a bucket: add -r"},
		{nil, 2, "name at least one object"},
		{[]string{"docs/a.txt"}, 2, "not an s3:// URI"},
		{[]string{"--quiet", "--json", "s3://docs/a"}, 2, "exclude each other"},
	}
	for _, tc := range cases {
		code, _, errOut := runMain(t, c, cli.RmMain, tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.msg) {
			t.Errorf("rm %v: exit %d %q; want %d %q", tc.args, code, errOut, tc.code, tc.msg)
		}
	}
}
