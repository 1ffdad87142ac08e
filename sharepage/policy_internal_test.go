package sharepage

import (
	"encoding/base64"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/ferry-s3/ferry/share"
)

func TestPostPolicyBindsEveryFieldAndTheSessionToken(t *testing.T) {
	now := time.Date(2026, 12, 5, 18, 30, 0, 0, time.UTC)
	p := postPolicy{Bucket: "team", KeyPrefix: "inbox/abc/", Region: "eu-west-3", MaxSize: 2 << 30, Expires: now.Add(72 * time.Hour)}
	creds := aws.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "secret", SessionToken: "tok+en/="}
	fields := map[string]string{}
	for _, f := range p.signedFields(creds, now) {
		fields[f.Name] = f.Value
	}
	if fields["x-amz-credential"] != "AKIDEXAMPLE/20261205/eu-west-3/s3/aws4_request" || fields["x-amz-date"] != "20261205T183000Z" ||
		fields["x-amz-security-token"] != "tok+en/=" || len(fields["x-amz-signature"]) != 64 {
		t.Fatalf("fields = %v", fields)
	}
	raw, err := base64.StdEncoding.DecodeString(fields["policy"])
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Expiration string
		Conditions []any
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Expiration != "2026-12-08T18:30:00.000Z" {
		t.Errorf("expiration %s", doc.Expiration)
	}
	want := []any{
		map[string]any{"bucket": "team"},
		[]any{"starts-with", "$key", "inbox/abc/"},
		[]any{"starts-with", "$content-type", ""},
		[]any{"content-length-range", 0.0, float64(2 << 30)},
		map[string]any{"success_action_status": "201"},
		map[string]any{"x-amz-algorithm": "AWS4-HMAC-SHA256"},
		map[string]any{"x-amz-credential": fields["x-amz-credential"]},
		map[string]any{"x-amz-date": "20261205T183000Z"},
		map[string]any{"x-amz-security-token": "tok+en/="},
	}
	if !reflect.DeepEqual(doc.Conditions, want) {
		t.Errorf("conditions:\n%v\nwant\n%v", doc.Conditions, want)
	}
	creds.SessionToken = ""
	for _, f := range p.signedFields(creds, now) {
		if f.Name == "x-amz-security-token" {
			t.Error("a token field without a session token")
		}
	}
}

func TestPageKeysReadBack(t *testing.T) {
	end := time.Date(2026, 12, 8, 9, 5, 7, 0, time.UTC)
	for _, kind := range []int{0, 1} {
		key := pageKey(".ferry/pages/", pageKinds[kind], end, "abcdefghij")
		k, e, ok := parsePageKey(".ferry/pages/", key)
		if !ok || k != pageKinds[kind] || !e.Equal(end) {
			t.Errorf("%s read back as %v %s %v", key, k, e, ok)
		}
	}
	for _, key := range []string{".ferry/pages/notes.txt", ".ferry/pages/x/20261208T090507Z-upload-a.html", "20261208T090507Z-upload-a.html",
		".ferry/pages/20261208T090507Z-other-a.html", ".ferry/pages/2026-upload-a.html"} {
		if _, _, ok := parsePageKey(".ferry/pages/", key); ok {
			t.Errorf("%s read as a page", key)
		}
	}
}

var pageKinds = []share.PageKind{share.DownloadPage, share.UploadPage}
