package sharepage

import (
	"context"
	"fmt"
	"time"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/share"
)

// Delete deletes a page's object, so its link stops working at once. It
// revokes nothing else: see DeleteNote. Deleting a page that is already
// gone is no error.
func Delete(ctx context.Context, c *s3ops.Client, rec share.PageRecord) error {
	loc := s3ops.Location{Bucket: rec.Bucket, Key: rec.Key}
	if _, err := c.Delete(ctx, loc, s3ops.DeleteOptions{}); err != nil && s3ops.KindOf(err) != s3ops.KindNoSuchKey {
		return fmt.Errorf("%s: %w", loc, err)
	}
	return nil
}

// DeleteNote is the sentence to show when a page is deleted (or before):
// what deleting it does not revoke, and until when.
func DeleteNote(rec share.PageRecord, now time.Time) string {
	end := share.FormatEnd(rec.Expires, now, nil)
	if !rec.Expires.After(now) {
		return "The page had already expired; deleting it only tidies the bucket."
	}
	if rec.Kind == share.UploadPage {
		return "Deleting the page stops its link, but a copy of the page already opened or saved can still upload into " +
			rec.Prefix + " until the upload policy expires " + end + "."
	}
	return "Deleting the page stops its link, but download links already copied from it keep working until they expire " + end + "."
}

// FindExpired lists the pages under pagesPrefix ("" = DefaultPagesPrefix)
// in bucket that have expired by now (read from their keys: a page's key
// starts with its expiry), for cleanup with Delete. It finds pages made
// by any ferry run, not only this one's history.
func FindExpired(ctx context.Context, c *s3ops.Client, bucket, pagesPrefix string, now time.Time) ([]share.PageRecord, error) {
	prefix, err := CheckPagesPrefix(pagesPrefix)
	if err != nil {
		return nil, err
	}
	var out []share.PageRecord
	err = c.List(ctx, s3ops.Location{Bucket: bucket, Key: prefix}, s3ops.ListOptions{}, func(p s3ops.Page) bool {
		for _, e := range p.Entries {
			kind, expires, ok := parsePageKey(prefix, e.Key)
			if ok && !expires.After(now) {
				out = append(out, share.PageRecord{Kind: kind, Bucket: bucket, Key: e.Key, Expires: expires})
			}
		}
		return true
	})
	return out, err
}

// Expired picks the expired pages of a history listing (share.History.Pages).
func Expired(items []share.PageItem) []share.PageRecord {
	var out []share.PageRecord
	for _, it := range items {
		if it.Expired {
			out = append(out, it.PageRecord)
		}
	}
	return out
}
