package cli_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/cli"
	"github.com/ferry-s3/ferry/internal/faultproxy"
	"github.com/ferry-s3/ferry/s3ops"
)

// The same upload spelled another way (a relative source, the bucket as
// the destination, the endpoint with a trailing slash) finds the upload
// an interrupted run left and resumes it; nothing stays on the server.
func TestCpSpelledAnotherWayResumesTheUploadAnInterruptedRunLeft(t *testing.T) {
	state := stateDir(t)
	c, proxy := throttled(t)
	body := randomString(t, 60<<20)
	local := writeTree(t, map[string]string{"big.bin": body})
	flags := []string{"--part-size", "5M", "--multipart-threshold", "5M", "--parts-per-file", "1"}

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		runMainCtx(ctx, t, c, cli.CpMain, append([]string{filepath.Join(local, "big.bin"), "s3://docs/big.bin"}, flags...)...)
	}()
	waitForJournal(t, filepath.Join(state, "ferry", "cp"), `"parts":[`, done)
	cancel()
	<-done

	creds, err := c.Credentials(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	again, err := s3ops.Connect(context.Background(), s3ops.Settings{EndpointURL: proxy.URL() + "/", Region: c.Region(),
		AccessKey: creds.AccessKeyID, SecretKey: creds.SecretAccessKey})
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(local)
	parts := faultproxy.Match{Method: "PUT", Query: []string{"partNumber"}}
	before := proxy.Count(parts)
	code, out, errOut := runMain(t, again, cli.CpMain, append([]string{"./big.bin", "s3://docs"}, flags...)...)
	if code != 0 || !strings.HasPrefix(out, "upload: ") {
		t.Fatalf("second spelling: exit %d\n%s\n%s", code, out, errOut)
	}
	sent := proxy.Count(parts) - before
	if sent >= 12 {
		t.Fatalf("the second spelling sent %d of the 12 parts: it did not resume", sent)
	}
	// The summary counts what this run moved, and what was already there.
	moved := regexp.MustCompile(`1 file copied \(([\d.]+) MiB moved in .*; ([\d.]+) MiB already there from an earlier run\)`).FindStringSubmatch(errOut)
	if moved == nil || moved[1] != fmt.Sprintf("%.1f", float64(sent*5)) || moved[2] != fmt.Sprintf("%.1f", float64(60-sent*5)) {
		t.Errorf("summary %q; want %d MiB moved and %d MiB already there", errOut, sent*5, 60-sent*5)
	}
	if got := download(t, c, "s3://docs/big.bin"); got != body {
		t.Fatalf("resumed object differs (%d bytes)", len(got))
	}
	if ups, _ := c.ListMultipartUploads(context.Background(), s3ops.Location{Bucket: "docs"}); len(ups) != 0 {
		t.Fatalf("uploads left on the server: %+v", ups)
	}
	if b, _ := os.ReadFile(filepath.Join(state, "ferry", "uploads.json")); strings.Contains(string(b), "big.bin") {
		t.Fatalf("the ledger still lists the completed upload: %s", b)
	}
}
