package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/cli"
	"github.com/ferry-s3/ferry/internal/s3standin"
)

// Keys a store lists but will not serve fail for good: no temp file in
// the user's folder, no journal that a re-run would "resume" and fail on
// again, no empty journals or lock files from failed runs.
func TestFailedCopiesLeaveNoTempFilesOrJournals(t *testing.T) {
	t.Parallel()
	state := stateDir(t)
	srv, c := hostileStore(t)
	for _, k := range []string{"h/zero\u200bwidth.txt", "h/invoice\u202efdp.exe"} {
		srv.Refuse("hostile", k, s3standin.Refusal{Status: 404, Code: "NoSuchKey", Message: "gone", Listed: true})
	}
	dst := t.TempDir()
	for run := 1; run <= 2; run++ {
		code, out, errOut := runMain(t, c, cli.CpMain, "-r", "s3://hostile/h/", dst)
		if code != 1 || strings.Contains(errOut, "resuming") || !strings.Contains(errOut, "no such object") {
			t.Fatalf("run %d: exit %d, want 1 with the missing objects named and nothing resumed:\n%s\n%s", run, code, out, errOut)
		}
		wantNoLeftovers(t, state, dst)
	}

	// A command that fails before it transfers anything leaves no
	// journal or lock file either.
	code, _, errOut := runMain(t, c, cli.CpMain, filepath.Join(t.TempDir(), "missing.bin"), "s3://hostile/x/")
	if code != 1 {
		t.Fatalf("cp of a missing file: exit %d %q", code, errOut)
	}
	wantNoLeftovers(t, state, dst)
}

func wantNoLeftovers(t *testing.T, state, dst string) {
	t.Helper()
	if entries, _ := os.ReadDir(filepath.Join(state, "ferry", "cp")); len(entries) != 0 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Fatalf("left in the cp state folder: %q", names)
	}
	filepath.WalkDir(dst, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".ferry-") {
			t.Errorf("temp file left in the target folder: %s", p)
		}
		return nil
	})
}
