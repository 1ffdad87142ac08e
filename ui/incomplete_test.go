package ui_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui"
)

// startUpload leaves an unfinished multipart upload of key with one part
// of body on the gateway and returns its id.
func (e *env) startUpload(bucket, key, body string) string {
	e.t.Helper()
	ctx := context.Background()
	up, err := e.sdk.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.sdk.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(bucket), Key: aws.String(key), UploadId: up.UploadId,
		PartNumber: aws.Int32(1), Body: strings.NewReader(body)}); err != nil {
		e.t.Fatal(err)
	}
	return aws.ToString(up.UploadId)
}

// ledgerOf writes a ledger saying a ferry run was uploading local to
// bucket/key as upload id (what transfer.Engine records).
func (e *env) ledgerOf(local, bucket, key, id string) string {
	e.t.Helper()
	fi, err := os.Stat(local)
	if err != nil {
		e.t.Fatal(err)
	}
	entry := map[string]any{"endpoint": e.client.EndpointID(), "bucket": bucket, "key": key, "source": local, "upload": id,
		"psize": 5 << 20, "size": fi.Size(), "mtime": fi.ModTime().UnixNano(), "touched": time.Now().UnixNano()}
	b, _ := json.Marshal(map[string]any{"uploads": []any{entry}})
	path := filepath.Join(e.t.TempDir(), "uploads.json")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		e.t.Fatal(err)
	}
	return path
}

func TestIncompleteUploadsAreListedAndAbortedFromTheS3Pane(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.bucket("docs")
	mine := e.startUpload("docs", "backup/big.bin", "first part of big.bin")
	e.startUpload("docs", "backup/other.bin", "a part another tool sent")
	local := e.file("big.bin", "the file being uploaded")
	eng := e.engine(nil, transfer.Options{UploadsPath: e.ledgerOf(local, "docs", "backup/big.bin", mine)})
	h := e.start(ui.Options{Transfers: eng, FeedProgress: true, S3Start: s3ops.Location{Bucket: "docs"}}, 120, 30)
	h.press("tab", "U")
	h.wantScreen("Incomplete uploads in s3://docs/", "backup/big.bin", "resumable", "backup/other.bin", "unknown",
		"2 uploads, 45 B stored", "1 resumable", "d abort upload", "A abort all")

	h.press("down", "d")
	h.wantScreen("Abort the upload of backup/other.bin", "Its parts are deleted from the server", "y abort")
	h.press("y")
	h.wantScreen("aborted 1 upload, 24 B freed", "backup/big.bin")
	if strings.Contains(h.screen(), "backup/other.bin") {
		t.Fatalf("the aborted upload is still listed:\n%s", h.screen())
	}

	h.press("A")
	h.wantScreen("Copying the same file again", "would still finish it")
	h.press("esc")
	h.wantScreen("backup/big.bin", "A abort all")
	h.press("A", "y")
	h.wantScreen("none: nothing here is stored for an unfinished upload")
	if ups, _ := e.client.ListMultipartUploads(context.Background(), s3ops.Location{Bucket: "docs"}); len(ups) != 0 {
		t.Fatalf("uploads left on the server: %+v", ups)
	}
	h.press("esc")

	h.press("backspace") // the bucket list: U looks into the bucket under the cursor
	h.cursorTo(ui.RightPane, "docs")
	h.press("U")
	h.wantScreen("Incomplete uploads in s3://docs/", "none")
}

func TestIncompleteUploadsNeedAnS3Pane(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.bucket("docs")
	h := e.start(ui.Options{S3Start: s3ops.Location{Bucket: "docs"}}, 120, 30)
	h.press("U") // the local pane has the focus
	h.wantScreen("incomplete uploads are kept by S3")
}
