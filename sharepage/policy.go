package sharepage

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// MaxPostSize is the largest object one browser POST upload may create
// (S3's limit for PostObject).
const MaxPostSize = 5 << 30

// Field is one hidden field of an upload form.
type Field struct{ Name, Value string }

// postPolicy is what an upload form's policy allows: objects in Bucket
// whose key starts with KeyPrefix, of at most MaxSize bytes, until Expires.
type postPolicy struct {
	Bucket, KeyPrefix, Region string
	MaxSize                   int64
	Expires                   time.Time
}

// signedFields signs p with creds at now (SigV4 for browser-based uploads:
// the base64 policy document is the string to sign) and returns the form's
// hidden fields, "key" excepted: the page sets it per file. Every field the
// form sends is named in a condition, as S3 requires.
func (p postPolicy) signedFields(creds aws.Credentials, now time.Time) []Field {
	now = now.UTC()
	date := now.Format("20060102")
	credential := creds.AccessKeyID + "/" + date + "/" + p.Region + "/s3/aws4_request"
	amzDate := now.Format("20060102T150405Z")
	fields := []Field{
		{"success_action_status", "201"},
		{"x-amz-algorithm", "AWS4-HMAC-SHA256"},
		{"x-amz-credential", credential},
		{"x-amz-date", amzDate},
	}
	if creds.SessionToken != "" {
		fields = append(fields, Field{"x-amz-security-token", creds.SessionToken})
	}
	doc := p.document(fields)
	sig := hmacSHA256(signingKey(creds.SecretAccessKey, date, p.Region), []byte(doc))
	return append(fields, Field{"policy", doc}, Field{"x-amz-signature", hex.EncodeToString(sig)})
}

// document is the base64 policy JSON binding fields, the bucket, the key
// prefix, the size range and the expiration.
func (p postPolicy) document(fields []Field) string {
	conds := []any{
		map[string]string{"bucket": p.Bucket},
		[]any{"starts-with", "$key", p.KeyPrefix},
		[]any{"starts-with", "$content-type", ""},
		[]any{"content-length-range", 0, p.MaxSize},
	}
	for _, f := range fields {
		conds = append(conds, map[string]string{f.Name: f.Value})
	}
	doc, _ := json.Marshal(map[string]any{
		"expiration": p.Expires.UTC().Format("2006-01-02T15:04:05.000Z"),
		"conditions": conds,
	})
	return base64.StdEncoding.EncodeToString(doc)
}

// signingKey derives SigV4's signing key for S3 in region on date.
func signingKey(secret, date, region string) []byte {
	k := hmacSHA256([]byte("AWS4"+secret), []byte(date))
	k = hmacSHA256(k, []byte(region))
	k = hmacSHA256(k, []byte("s3"))
	return hmacSHA256(k, []byte("aws4_request"))
}

func hmacSHA256(key, data []byte) []byte {
	h := hmac.New(sha256.New, key)
	h.Write(data)
	return h.Sum(nil)
}
