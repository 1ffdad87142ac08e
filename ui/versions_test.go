package ui_test

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/ferry-s3/ferry/gateway/gwtest"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui"
)

// versionedEnv is a gateway that keeps versions, with bucket "docs"
// versioned and holding three versions of report.md (the last one
// deleted, so its latest version is a delete marker) and notes.txt.
func versionedEnv(t *testing.T) *env {
	t.Helper()
	srv := gwtest.Start(t, gwtest.WithVersioning())
	c, err := s3ops.Connect(context.Background(), s3ops.Settings{
		EndpointURL: srv.Endpoint, Region: srv.Region, AccessKey: srv.AccessKey, SecretKey: srv.SecretKey})
	if err != nil {
		t.Fatal(err)
	}
	sdk := s3.New(s3.Options{Region: srv.Region, BaseEndpoint: aws.String(srv.Endpoint), UsePathStyle: true,
		Credentials: credentials.NewStaticCredentialsProvider(srv.AccessKey, srv.SecretKey, "")})
	e := &env{t: t, srv: srv, client: c, sdk: sdk, local: t.TempDir()}
	e.bucket("docs")
	e.bucket("plain")
	if err := c.SetBucketVersioning(context.Background(), "docs", true); err != nil {
		t.Fatal(err)
	}
	for _, body := range []string{"# v1\n", "# v2 longer\n", "# v3\n"} {
		e.putVersion("docs", "report.md", body)
	}
	e.putVersion("docs", "notes.txt", "notes")
	e.putVersion("plain", "x.txt", "x")
	return e
}

// putVersion writes an object through the API (never touching the
// gateway's files, which would bypass versioning).
func (e *env) putVersion(bucket, key, body string) {
	e.t.Helper()
	_, err := e.sdk.PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key),
		Body: strings.NewReader(body), ContentType: aws.String("text/markdown")})
	if err != nil {
		e.t.Fatal(err)
	}
	// The gateway stamps a version with the millisecond it was written
	// (the version id sorts by it): once that millisecond is over, the
	// next version is certain to sort after this one.
	written := time.Now().UnixMilli()
	for time.Now().UnixMilli() <= written {
		runtime.Gosched()
	}
}

func TestVersionsListRestoreDownloadAndLink(t *testing.T) {
	t.Parallel()
	noNativeClipboard(t)
	e := versionedEnv(t)
	eng := e.engine(nil, transfer.Options{})
	h := e.start(ui.Options{Transfers: eng, FeedProgress: true, S3Start: s3ops.Location{Bucket: "docs"}}, 140, 40)
	h.press("tab")
	h.cursorTo(ui.RightPane, "report.md")
	h.press("v")
	h.wantScreen("Versions of s3://docs/report.md", "Version", "Size", "latest", "d download version", "r restore as latest")
	d := h.m.Versions()
	if d.OpenDialogs() != 1 {
		t.Fatal("no versions dialog")
	}
	vs := listVersions(t, e, "report.md")
	if len(vs) != 3 || !vs[0].IsLatest {
		t.Fatalf("versions = %+v", vs)
	}

	// The oldest version, downloaded through the queue into the local pane's folder.
	h.press("down", "down", "d")
	h.wantScreen("download queued:")
	h.settle(eng)
	matches, _ := filepath.Glob(filepath.Join(e.local, "report (version *).md"))
	if len(matches) != 1 {
		t.Fatalf("downloaded files: %v", matches)
	}
	if b, _ := os.ReadFile(matches[0]); string(b) != "# v1\n" {
		t.Fatalf("downloaded %q", b)
	}

	// A link to that version serves that version's bytes; it is made in
	// the share dialog, with its choices.
	h.press("s")
	h.wantScreen("Share s3://docs/report.md (version ", "Expires in", "as an attachment", "download this version until it ends")
	link := oneCopy(t, h.pressRec("enter"))
	if !strings.Contains(link, "versionId=") {
		t.Fatalf("link %q has no versionId", link)
	}
	resp, err := http.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(body) != "# v1\n" {
		t.Fatalf("link: %d %q", resp.StatusCode, body)
	}
	h.press("esc") // back to the versions

	// Restoring it makes a copy of it the latest version.
	h.press("r")
	h.wantScreen("the latest?")
	h.press("y")
	h.wantScreen("restored version")
	if got := e.objectSum("docs", "report.md"); got != sum("# v1\n") {
		t.Fatal("report.md is not the restored version")
	}
	if n := len(listVersions(t, e, "report.md")); n != 4 {
		t.Fatalf("%d versions after the restore, want 4 (none lost)", n)
	}
	h.press("esc")
	h.wantNoDialog()
	// The version's link is listed with the run's other links.
	h.press("L")
	h.wantScreen("Links made in this run (1)", "s3://docs/report.md (version ")
}

func listVersions(t *testing.T, e *env, key string) []s3ops.Version {
	t.Helper()
	vs, err := e.client.Versions(context.Background(), s3ops.Location{Bucket: "docs", Key: key})
	if err != nil {
		t.Fatal(err)
	}
	return vs
}

func TestVersionsKeyOnlyWhereThereAreVersions(t *testing.T) {
	t.Parallel()
	e := versionedEnv(t)
	h := e.start(ui.Options{S3Start: s3ops.Location{Bucket: "plain"}}, 140, 40)
	h.press("v")
	h.wantStatus("local files have no versions")
	h.press("tab")
	h.cursorTo(ui.RightPane, "x.txt")
	h.press("v")
	h.wantStatus("bucket plain has versioning off")
	h.press("?")
	if strings.Contains(squeeze(h.screen()), "v versions") {
		t.Fatalf("the help offers versions where there are none:\n%s", h.screen())
	}
	h.press("esc", "backspace")
	h.cursorTo(ui.RightPane, "docs")
	h.press("enter")
	h.cursorTo(ui.RightPane, "notes.txt")
	h.press("?")
	if !strings.Contains(squeeze(h.screen()), "v versions") {
		t.Fatalf("the help lacks versions:\n%s", h.screen())
	}
}

// squeeze collapses runs of spaces, so help columns read as "key desc".
func squeeze(s string) string { return strings.Join(strings.Fields(s), " ") }
