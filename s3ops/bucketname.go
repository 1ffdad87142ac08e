package s3ops

import (
	"fmt"
	"net/netip"
	"strings"
)

// CheckNewBucketName checks a name for a bucket about to be created
// against the naming rules of S3 (stores such as MinIO and R2 share
// them), so a bad name gets a sentence saying what is wrong instead of
// the server's bare InvalidBucketName. Existing buckets are read with
// the looser rules of ParseURI: legacy buckets may hold upper case.
func CheckNewBucketName(name string) error {
	q := fmt.Sprintf("%q", name)
	switch {
	case len(name) < 3 || len(name) > 63:
		return fmt.Errorf("bucket name %s must be 3 to 63 characters (it has %d)", q, len(name))
	case strings.ToLower(name) != name && isASCII(name) && CheckNewBucketName(strings.ToLower(name)) == nil:
		return fmt.Errorf("bucket name %s: use lower case (%q)", q, strings.ToLower(name))
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-') {
			return fmt.Errorf("bucket name %s cannot hold %q: use lower-case letters, digits, dots and hyphens", q, r)
		}
	}
	first, last := name[0], name[len(name)-1]
	switch {
	case !isAlnum(first) || !isAlnum(last):
		return fmt.Errorf("bucket name %s must begin and end with a letter or a digit", q)
	case strings.Contains(name, ".."):
		return fmt.Errorf("bucket name %s cannot have two dots in a row", q)
	case isIPv4(name):
		return fmt.Errorf("bucket name %s cannot look like an IP address", q)
	}
	for _, p := range []string{"xn--", "sthree-", "amzn-s3-demo-"} {
		if strings.HasPrefix(name, p) {
			return fmt.Errorf("bucket name %s cannot begin with %q (reserved by S3)", q, p)
		}
	}
	for _, s := range []string{"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"} {
		if strings.HasSuffix(name, s) {
			return fmt.Errorf("bucket name %s cannot end with %q (reserved by S3)", q, s)
		}
	}
	return nil
}

func isAlnum(b byte) bool { return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' }

// isASCII reports whether s is ASCII only (lower-casing it then keeps
// its length and meaning).
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func isIPv4(s string) bool {
	a, err := netip.ParseAddr(s)
	return err == nil && a.Is4()
}
