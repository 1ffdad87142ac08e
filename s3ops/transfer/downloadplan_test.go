package transfer

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/s3ops"
)

// The gateway's posix backend cannot hold some of these keys ("../x" is
// refused, "/abs" and "x//y" are cleaned, "a" and "a/b" cannot both be
// objects, NUL fails), so the planner is tested here with the listing a
// server that does hold them would send.
var hostileListing = map[string]string{ // key → "" if it is downloaded, else part of the reason
	"p/ok.txt":                           "",
	"p/../escape":                        `".." segment`,
	"p/a/../../escape2":                  `".." segment`,
	"p//abs":                             "absolute path",
	"p/x//y":                             "empty segment",
	"p/nul\x00.txt":                      "NUL",
	"p/ctrl\x01.txt":                     "control character U+0001",
	"p/del\x7f.txt":                      "control character U+007F",
	"p/tab\tname":                        "control character U+0009",
	"p/esc\x1b]0;title\a":                "control character U+001B",
	"p/" + key1024():                     "",
	"p/long/" + strings.Repeat("x", 300): "255-byte",
	"p/Case.txt":                         "",
	"p/case.txt":                         "",
	"p/caf\u00e9.txt":                    "", // NFC
	"p/cafe\u0301.txt":                   "", // NFD
	"p/a":                                "both an object and a folder",
	"p/a/b":                              "",
	"p/m/":                               "", // a folder marker
	"p/m":                                "both an object and a folder",
	"p/deep/x/y.txt":                     "",
	"p/deep/x":                           "both an object and a folder",
}

// key1024 is a key part that makes a 1,024-byte key (S3's limit) with
// every segment under the 255-byte file name limit.
func key1024() string {
	return strings.Repeat(strings.Repeat("k", 200)+"/", 4) + strings.Repeat("z", 1024-2-804)
}

func TestDownloadPlanRefusesHostileKeysAndReportsFileFolderClashes(t *testing.T) {
	t.Parallel()
	keys := make([]string, 0, len(hostileListing))
	for k := range hostileListing {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if n := len("p/" + key1024()); n != 1024 {
		t.Fatalf("the long key is %d bytes", n)
	}
	for _, order := range []string{"listing order", "reversed"} {
		if order == "reversed" {
			slices.Reverse(keys)
		}
		base := t.TempDir()
		root := filepath.Join(base, "target")
		b := &batch{id: "b"}
		out := Batch{ID: b.id}
		plan := newDownloadPlan(b, &out, root, s3ops.Location{Bucket: "bk", Key: "p/"})
		for _, k := range keys {
			size := int64(1)
			if strings.HasSuffix(k, "/") {
				size = 0
			}
			plan.add(s3ops.Entry{Key: k, Size: size})
		}
		plan.finish()
		checkPlan(t, order, root, b, out)
		// Planning wrote nothing but the marker's folder, all inside root.
		filepath.WalkDir(base, func(p string, d os.DirEntry, err error) error {
			if err == nil && p != base && p != root && !strings.HasPrefix(p, root+string(filepath.Separator)) {
				t.Errorf("%s: planning created %s outside the target", order, p)
			}
			return nil
		})
		if fi, err := os.Stat(filepath.Join(root, "m")); err != nil || !fi.IsDir() {
			t.Errorf("%s: the marker's folder was not created: %v", order, err)
		}
	}
}

func checkPlan(t *testing.T, order, root string, b *batch, out Batch) {
	t.Helper()
	downloaded := map[string]string{}
	for _, j := range b.jobs {
		if !inside(root, j.rec.Local) || j.rec.Local == root {
			t.Errorf("%s: %q would be written to %s, outside %s", order, j.rec.Key, j.rec.Local, root)
		}
		if other, dup := downloaded[j.rec.Local]; dup {
			t.Errorf("%s: %q and %q would both be written to %s", order, other, j.rec.Key, j.rec.Local)
		}
		downloaded[j.rec.Local] = j.rec.Key
	}
	if len(out.Jobs) != len(b.jobs) {
		t.Errorf("%s: batch lists %d jobs, has %d", order, len(out.Jobs), len(b.jobs))
	}
	skipped := map[string]string{}
	for _, s := range out.Skipped {
		skipped[s.Path] = s.Reason
	}
	for key, want := range hostileListing {
		reason, wasSkipped := skipped[key]
		switch {
		case strings.HasSuffix(key, "/"):
		case want == "" && wasSkipped:
			t.Errorf("%s: %q was skipped: %s", order, key, reason)
		case want == "" && !slices.Contains(mapValues(downloaded), key):
			t.Errorf("%s: %q is not downloaded", order, key)
		case want != "" && !strings.Contains(reason, want):
			t.Errorf("%s: %q: reason %q, want it to say %q", order, key, reason, want)
		}
	}
}

func mapValues(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}
