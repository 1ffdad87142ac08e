package sharepage

import (
	"crypto/rand"
	"encoding/base32"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/share"
)

// DefaultPagesPrefix is where pages are written when the config names no
// other prefix ([share] pages_prefix).
const DefaultPagesPrefix = ".ferry/pages/"

// DefaultMaxFiles is how many files a download page lists at most unless
// asked for more.
const DefaultMaxFiles = 1000

// Page is a share page ferry wrote: its record (for the history and for
// deleting it) and its link, a presigned GET of the page object.
type Page struct {
	share.PageRecord
	// Link is the link to hand out. Link.URL is a bearer secret: show it,
	// copy it, never log or store it. Link.Plan.Note explains an expiry
	// shortened (or limited) by the signing credentials.
	Link share.Link
}

// URL is the page link.
func (p Page) URL() string { return p.Link.URL }

// pageKey names a page object: its expiry first (so a listing of the
// pages prefix is enough to find expired pages), its kind and an id.
func pageKey(pagesPrefix string, kind share.PageKind, expires time.Time, id string) string {
	return pagesPrefix + expires.UTC().Format(keyTime) + "-" + kindWord(kind) + "-" + id + ".html"
}

const keyTime = "20060102T150405Z"

func kindWord(k share.PageKind) string {
	if k == share.UploadPage {
		return "upload"
	}
	return "download"
}

// parsePageKey reads what pageKey wrote (ok false for any other key).
func parsePageKey(pagesPrefix, key string) (kind share.PageKind, expires time.Time, ok bool) {
	rest, found := strings.CutPrefix(key, pagesPrefix)
	rest, html := strings.CutSuffix(rest, ".html")
	parts := strings.SplitN(rest, "-", 3)
	if !found || !html || len(parts) != 3 || strings.Contains(rest, "/") {
		return 0, time.Time{}, false
	}
	expires, err := time.Parse(keyTime, parts[0])
	switch {
	case err != nil:
		return 0, time.Time{}, false
	case parts[1] == "download":
		return share.DownloadPage, expires, true
	case parts[1] == "upload":
		return share.UploadPage, expires, true
	}
	return 0, time.Time{}, false
}

// newID is a random page id: 10 lowercase base32 characters (50 bits), so
// two pages never share an upload sub-prefix.
func newID() string {
	b := make([]byte, 10)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return strings.ToLower(base32.StdEncoding.EncodeToString(b))[:10]
}

// CheckPagesPrefix checks a pages prefix from the config file and gives it
// its trailing slash: "" means DefaultPagesPrefix.
func CheckPagesPrefix(p string) (string, error) {
	switch {
	case p == "":
		return DefaultPagesPrefix, nil
	case strings.HasPrefix(p, "/"):
		return "", fmt.Errorf("%q: a key prefix does not start with \"/\" (e.g. %q)", p, DefaultPagesPrefix)
	case strings.Contains(p, "//"):
		return "", fmt.Errorf("%q holds an empty folder name (\"//\")", p)
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p, nil
}

// checkBucketPrefix refuses a location that is not a bucket or a folder.
func checkFolder(loc s3ops.Location) error {
	switch {
	case loc.Bucket == "":
		return errors.New("name a bucket or folder, e.g. s3://bucket/inbox/")
	case loc.Key != "" && !strings.HasSuffix(loc.Key, "/"):
		return fmt.Errorf("%s is not a folder: end it with \"/\" (s3://%s/%s/)", loc, loc.Bucket, loc.Key)
	}
	return nil
}
