package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/s3ops"
)

// hrefs are the download links of a page, in order.
var hrefRE = regexp.MustCompile(`<a class="name file" href="([^"]+)"`)

func TestSharePageOfAFolderPrintsOneLinkToAPageOfEveryFile(t *testing.T) {
	t.Parallel()
	c := connect(t, map[string]string{"q3/a.txt": "alpha", "q3/deep/b.txt": "beta", "other.txt": "not shared"})
	code, out, errOut := run(t, c, "--page", "s3://docs/q3", "--expires", "1h")
	if code != 0 || strings.Count(out, "\n") != 1 || !strings.Contains(errOut, "the page lists 2 files, 9 B from s3://docs/q3/") {
		t.Fatalf("exit %d\nstdout %q\nstderr %s", code, out, errOut)
	}
	if !strings.Contains(errOut, "expires") || !strings.Contains(errOut, "the page is s3://docs/.ferry/pages/") {
		t.Fatalf("stderr does not say when and where: %s", errOut)
	}
	status, page := fetch(t, "GET", strings.TrimSpace(out), "", "")
	if status != 200 || !strings.Contains(page, ">a.txt<") || !strings.Contains(page, ">deep/b.txt<") || strings.Contains(page, "other.txt") {
		t.Fatalf("page: %d\n%s", status, page)
	}
	want := []string{"alpha", "beta"}
	for i, m := range hrefRE.FindAllStringSubmatch(page, -1) {
		link := strings.ReplaceAll(m[1], "&amp;", "&")
		if status, body := fetch(t, "GET", link, "", ""); status != 200 || body != want[i] {
			t.Errorf("link %d: %d %q", i, status, body)
		}
	}
}

func TestSharePageOverMaxFilesMakesNothing(t *testing.T) {
	t.Parallel()
	c := connect(t, map[string]string{"a.txt": "a", "b.txt": "b", "c.txt": "c"})
	code, out, errOut := run(t, c, "--page", "s3://docs/", "--max-files", "2")
	if code != 1 || out != "" || !strings.Contains(errOut, "more than 2 files") || !strings.Contains(errOut, "--max-files") {
		t.Fatalf("exit %d, %q, %s", code, out, errOut)
	}
	var pages int
	c.List(context.Background(), s3ops.Location{Bucket: "docs", Key: ".ferry/"}, s3ops.ListOptions{Recursive: true},
		func(p s3ops.Page) bool { pages += len(p.Entries); return true })
	if pages != 0 {
		t.Fatalf("%d objects written under .ferry/", pages)
	}
}

func TestShareUploadPageSaysWhereUploadsLand(t *testing.T) {
	t.Parallel()
	c := connect(t, nil)
	code, out, errOut := run(t, c, "--upload-page", "s3://docs/inbox/", "--expires", "3d", "--max-size", "2GiB")
	if code != 0 || !regexp.MustCompile(`uploads land in s3://docs/inbox/[a-z2-7]{10}/, 2\.0 GiB at most each`).MatchString(errOut) {
		t.Fatalf("exit %d, %q\n%s", code, out, errOut)
	}
	if status, page := fetch(t, "GET", strings.TrimSpace(out), "", ""); status != 200 || !strings.Contains(page, `enctype="multipart/form-data"`) {
		t.Fatalf("page: %d %s", status, page)
	}
}

func TestSharePageFlagsThatCannotApplyAreUsageErrors(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"--max-files", "5", "s3://docs/a.txt"},
		{"--max-size", "1GiB", "s3://docs/a.txt"},
		{"--page", "--upload-page", "s3://docs/in/"},
		{"--page", "--max-size", "1GiB", "s3://docs/in/"},
		{"--upload-page", "--max-files", "3", "s3://docs/in/"},
		{"--upload-page", "s3://docs/in/", "s3://docs/out/"},
		{"--upload-page", "--max-size", "6GiB", "s3://docs/in/"},
		{"--upload-page", "--max-size", "lots", "s3://docs/in/"},
		{"--page", "--upload", "s3://docs/in/"},
		{"--page", "--download-name", "s3://docs/in/"},
		{"--page", "--max-files", "0", "s3://docs/in/"},
		{"--page", "s3://"},
	} {
		if code, _, errOut := run(t, nil, args...); code != 2 || errOut == "" {
			t.Errorf("%q: exit %d, %s", args, code, errOut)
		}
	}
	code, _, errOut := run(t, connect(t, nil), "--upload-page", "s3://docs/inbox")
	if code != 0 || !strings.Contains(errOut, "uploads land in s3://docs/inbox/") {
		t.Errorf("upload page into a folder named without its slash: exit %d, %s", code, errOut)
	}
}

// A page of a NAME:s3:// folder is written into and signed by that
// connection's store.
func TestSharePageOfANamedConnection(t *testing.T) {
	_, lab := twoStores(t)
	ctx := context.Background()
	src := filepath.Join(t.TempDir(), "report.txt")
	os.WriteFile(src, []byte("for lab"), 0o600)
	if code, _, errOut := ferryHere(ctx, t, "cp", src, "lab:s3://shared/"); code != 0 {
		t.Fatalf("cp to lab: exit %d: %s", code, errOut)
	}
	code, link, errOut := ferryHere(ctx, t, "share", "--page", "lab:s3://shared/")
	if code != 0 || !strings.HasPrefix(link, lab.Endpoint) || !strings.Contains(link, lab.AccessKey) {
		t.Fatalf("page from lab: exit %d, %q, %s", code, link, errOut)
	}
	if status, err := getStatus(link); err != nil || status != 200 {
		t.Fatalf("lab's page: %d %v", status, err)
	}
}
