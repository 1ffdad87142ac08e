package s3ops

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// ListDeleted finds what a plain listing of the prefix loc no longer
// shows in a versioned bucket: the objects directly below it whose latest
// version is a delete marker (Entry.Deleted, with the time of the
// delete), and every folder below it that holds versions (a folder whose
// objects were all deleted shows only here; the caller drops the ones
// its plain listing already has). Pages go to emit as they arrive; emit
// returns false to stop.
func (c *Client) ListDeleted(ctx context.Context, loc Location, emit func([]Entry) bool) error {
	if loc.Bucket == "" || !loc.IsPrefix() {
		return &Error{Kind: KindInvalidArgument, Msg: "choose a bucket or folder to list deleted objects in"}
	}
	cl, _ := c.clientFor(ctx, loc.Bucket)
	return c.versionPages(ctx, cl, s3.ListObjectVersionsInput{Bucket: aws.String(loc.Bucket),
		Prefix: aws.String(loc.Key), Delimiter: aws.String("/")},
		func(out *s3.ListObjectVersionsOutput) bool { return emit(deletedOf(loc.Key, out)) })
}

// deletedOf picks the latest delete markers and the folders out of one
// page of versions.
func deletedOf(prefix string, out *s3.ListObjectVersionsOutput) []Entry {
	var es []Entry
	for _, cp := range out.CommonPrefixes {
		k := aws.ToString(cp.Prefix)
		es = append(es, Entry{Name: strings.TrimPrefix(k, prefix), Key: k, IsPrefix: true})
	}
	for _, m := range out.DeleteMarkers {
		k := aws.ToString(m.Key)
		if !aws.ToBool(m.IsLatest) || k == prefix || strings.HasSuffix(k, "/") {
			continue // an older delete, or a deleted folder marker
		}
		es = append(es, Entry{Name: strings.TrimPrefix(k, prefix), Key: k, Modified: aws.ToTime(m.LastModified),
			Deleted: true})
	}
	return es
}
