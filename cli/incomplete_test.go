package cli_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/cli"
	"github.com/ferry-s3/ferry/s3ops"
)

func TestIncompleteUploadsAreListedWithWhatFerryCanDoAndAborted(t *testing.T) {
	t.Parallel()
	state := stateDir(t)
	c, _ := throttled(t)
	local := writeTree(t, map[string]string{"big.bin": randomString(t, 30<<20)})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		runMainCtx(ctx, t, c, cli.CpMain, filepath.Join(local, "big.bin"), "s3://docs/in/big.bin", "--part-size", "5M",
			"--multipart-threshold", "5M", "--parts-per-file", "1")
	}()
	waitForJournal(t, filepath.Join(state, "ferry", "cp"), `"parts":[`, done)
	cancel()
	<-done
	if _, err := c.CreateMultipartUploadOnce(context.Background(), s3ops.Location{Bucket: "docs", Key: "in/other tool.bin"}, ""); err != nil {
		t.Fatal(err)
	}

	code, out, errOut := runMain(t, c, cli.LsMain, "--incomplete", "s3://docs/in/")
	rows := lines(out)
	resumable := regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +[1-9]\d* +[1-9]\d+  resumable  big\.bin$`)
	unknown := regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +0 +0  unknown    other tool\.bin$`)
	if code != 0 || len(rows) != 2 || !resumable.MatchString(rows[0]) || !unknown.MatchString(rows[1]) {
		t.Fatalf("ls --incomplete: exit %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "2 incomplete uploads") || !strings.Contains(errOut, "1 ferry can resume") ||
		!strings.Contains(errOut, "ferry rm --incomplete s3://docs/in/") {
		t.Errorf("ls --incomplete summary: %q", errOut)
	}
	_, out, _ = runMain(t, c, cli.LsMain, "--incomplete", "--json", "s3://docs/")
	for _, l := range lines(out) {
		var u struct {
			Key, State, Source string
			Parts              int
		}
		if err := json.Unmarshal([]byte(l), &u); err != nil {
			t.Fatalf("not JSON: %q", l)
		}
		if u.Key == "in/big.bin" && (u.State != "resumable" || u.Source != filepath.Join(local, "big.bin") || u.Parts == 0) {
			t.Errorf("ls --incomplete --json: %q", l)
		}
	}

	code, out, errOut = runMain(t, c, cli.RmMain, "--incomplete", "--dry-run", "s3://docs/in/")
	if code != 0 || strings.Count(out, "would abort: s3://docs/in/") != 2 || !strings.Contains(errOut, "2 incomplete uploads would be aborted") {
		t.Fatalf("rm --incomplete --dry-run: exit %d\n%s\n%s", code, out, errOut)
	}
	if ups, _ := c.ListMultipartUploads(context.Background(), s3ops.Location{Bucket: "docs"}); len(ups) != 2 {
		t.Fatalf("a dry run aborted uploads: %d left", len(ups))
	}
	code, out, errOut = runMain(t, c, cli.RmMain, "--incomplete", "s3://docs/in/")
	if code != 0 || strings.Count(out, "abort: s3://docs/in/") != 2 || !strings.Contains(errOut, "2 incomplete uploads aborted") {
		t.Fatalf("rm --incomplete: exit %d\n%s\n%s", code, out, errOut)
	}
	if ups, _ := c.ListMultipartUploads(context.Background(), s3ops.Location{Bucket: "docs"}); len(ups) != 0 {
		t.Fatalf("uploads left after rm --incomplete: %+v", ups)
	}
	if code, out, errOut := runMain(t, c, cli.LsMain, "--incomplete", "s3://docs/"); code != 0 || out != "" || !strings.Contains(errOut, "no incomplete uploads under s3://docs/") {
		t.Errorf("after aborting, ls --incomplete: exit %d %q", code, out)
	}
}

func TestIncompleteNeedsABucket(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"ls", "--incomplete"}, {"ls", "--incomplete", "-l", "s3://docs/"}, {"rm", "--incomplete", "s3://"}} {
		main := map[string]mainFunc{"ls": cli.LsMain, "rm": cli.RmMain}[args[0]]
		if code, _, errOut := runMain(t, nil, main, args[1:]...); code != 2 || !strings.Contains(errOut, "--incomplete") {
			t.Errorf("%v: exit %d %q, want a usage error", args, code, errOut)
		}
	}
}

// A ferry cp journal nobody has run for a week still keeps a temp file
// in the user's folder: ls --incomplete names it, rm --incomplete cleans
// it with what it keeps.
func TestStaleJournalsAreNamedAndCleanedWithTheirTempFiles(t *testing.T) {
	t.Parallel()
	state := stateDir(t)
	c, _ := throttled(t)
	local := writeTree(t, map[string]string{"big.bin": randomString(t, 30<<20)})
	if code, _, errOut := runMain(t, c, cli.CpMain, filepath.Join(local, "big.bin"), "s3://docs/big.bin"); code != 0 {
		t.Fatal(errOut)
	}
	dl := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		runMainCtx(ctx, t, c, cli.CpMain, "s3://docs/big.bin", dl, "--part-size", "5M", "--multipart-threshold", "5M", "--parts-per-file", "1")
	}()
	journals := filepath.Join(state, "ferry", "cp")
	waitForJournal(t, journals, `"ranges":"`, done)
	cancel()
	<-done
	paths, _ := filepath.Glob(filepath.Join(journals, "*.journal"))
	temps, _ := filepath.Glob(filepath.Join(dl, ".ferry-*"))
	if len(paths) != 1 || len(temps) != 1 {
		t.Fatalf("want one journal and one temp file, got %q %q", paths, temps)
	}

	if _, _, errOut := runMain(t, c, cli.LsMain, "--incomplete", "s3://docs/"); strings.Contains(errOut, "journal") {
		t.Fatalf("a fresh journal is called stale: %q", errOut)
	}
	week := time.Now().Add(-8 * 24 * time.Hour)
	os.Chtimes(paths[0], week, week)
	code, _, errOut := runMain(t, c, cli.LsMain, "--incomplete", "s3://docs/")
	if code != 0 || !strings.Contains(errOut, "a ferry cp journal not run since") || !strings.Contains(errOut, "1 unfinished transfer with s3://docs") ||
		!strings.Contains(errOut, "in temp files") {
		t.Fatalf("ls --incomplete: exit %d %q", code, errOut)
	}
	code, out, errOut := runMain(t, c, cli.RmMain, "--incomplete", "s3://docs/")
	if code != 0 || !strings.Contains(out, "clean: ") {
		t.Fatalf("rm --incomplete: exit %d\n%s\n%s", code, out, errOut)
	}
	if left, _ := os.ReadDir(journals); len(left) != 0 {
		t.Errorf("journal files left: %v", left)
	}
	if _, err := os.Stat(temps[0]); !os.IsNotExist(err) {
		t.Errorf("the stale journal's temp file is still there: %v", err)
	}
}
