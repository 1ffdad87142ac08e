package share

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ferry-s3/ferry/internal/safetext"
	"github.com/ferry-s3/ferry/s3ops"
)

// Many makes one download link per object, in order. Objects that fail
// (missing, access denied) are left out and reported together in the
// error; the links that worked are returned either way.
func Many(ctx context.Context, c *s3ops.Client, locs []s3ops.Location, opt DownloadOptions) ([]Link, error) {
	var links []Link
	var errs []error
	for _, loc := range locs {
		if err := ctx.Err(); err != nil {
			return links, errors.Join(append(errs, err)...)
		}
		l, err := DownloadLink(ctx, c, loc, opt)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		links = append(links, l)
	}
	return links, errors.Join(errs...)
}

// Lines writes links as "name<TAB>url" lines, one per link. The name is the
// object's file name; when two links share a file name or the links span
// buckets, the full s3:// URI is used so every line says which object it
// is. Names holding tabs, line breaks or anything else a terminal must
// not get raw (see safetext) are quoted, so each link stays one line and
// the text can be printed as it is.
func Lines(links []Link) string {
	full := needFullNames(links)
	var b strings.Builder
	for _, l := range links {
		name := DownloadName(l.Location.Key)
		if full {
			name = l.Location.String()
		}
		if !utf8.ValidString(name) || strings.ContainsFunc(name, safetext.Unsafe) {
			name = strconv.Quote(name)
		}
		b.WriteString(name + "\t" + l.URL + "\n")
	}
	return b.String()
}

func needFullNames(links []Link) bool {
	seen := map[string]bool{}
	for _, l := range links {
		name := l.Location.Key[strings.LastIndexByte(l.Location.Key, '/')+1:]
		if seen[name] || l.Location.Bucket != links[0].Location.Bucket {
			return true
		}
		seen[name] = true
	}
	return false
}
