package transfer

import (
	"errors"
	"net/http"
	"testing"
)

// The ETag a PUT is answered with names the part to Complete: for a part
// encrypted with KMS or a customer key it is opaque and must be passed
// on as the server gave it, not replaced by the MD5 of the bytes (S3
// would refuse Complete with InvalidPart).
func TestAnsweredETagIsCheckedOrPassedOnAsGiven(t *testing.T) {
	t.Parallel()
	const sum = "0cc175b9c0f1b6a831c399e269772661"
	answer := func(kv ...string) *http.Response {
		h := http.Header{}
		for i := 0; i < len(kv); i += 2 {
			h.Set(kv[i], kv[i+1])
		}
		return &http.Response{Header: h}
	}
	for _, c := range []struct {
		name    string
		resp    *http.Response
		want    string
		refused bool
	}{
		{"plain, matching", answer("ETag", `"0CC175B9C0F1B6A831C399E269772661"`), sum, false},
		{"plain, altered", answer("ETag", `"ffffffffc0f1b6a831c399e269772661"`), "", true},
		{"plain, no ETag", answer(), "", true},
		{"SSE-S3 is still an MD5", answer("ETag", `"ffffffffc0f1b6a831c399e269772661"`, "X-Amz-Server-Side-Encryption", "AES256"), "", true},
		{"KMS", answer("ETag", `"8e2f7b0c1a9d4e6f8a7b6c5d4e3f2a1b"`, "X-Amz-Server-Side-Encryption", "aws:kms"), "8e2f7b0c1a9d4e6f8a7b6c5d4e3f2a1b", false},
		{"KMS dual-layer", answer("ETag", `"abc"`, "X-Amz-Server-Side-Encryption", "aws:kms:dsse"), "abc", false},
		{"customer key", answer("ETag", `"def"`, "X-Amz-Server-Side-Encryption-Customer-Algorithm", "AES256"), "def", false},
		{"KMS without an ETag", answer("X-Amz-Server-Side-Encryption", "aws:kms"), "", true},
	} {
		got, err := answeredETag(c.resp, sum)
		if got != c.want || (err != nil) != c.refused || c.refused && !errors.Is(err, errChecksum) {
			t.Errorf("%s: %q, %v; want %q, refused %v", c.name, got, err, c.want, c.refused)
		}
	}
}
