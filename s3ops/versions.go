package s3ops

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Object versions: a versioned bucket keeps every overwrite and delete
// of a key as a version (a delete is a "delete marker" version). ferry
// lists them, downloads one through a presigned GET, restores one by
// copying it over the key, and deletes one for good.

// VersioningStatus is a bucket's versioning state.
type VersioningStatus string

// The versioning states S3 reports.
const (
	VersioningOff       VersioningStatus = ""          // never enabled
	VersioningEnabled   VersioningStatus = "Enabled"   // every write keeps the old version
	VersioningSuspended VersioningStatus = "Suspended" // no new versions, old ones kept
)

// HasVersions reports whether the bucket can hold versions (versioning is
// on, or was on before being suspended), i.e. whether the UI should offer
// the versions view.
func (s VersioningStatus) HasVersions() bool { return s != VersioningOff }

// BucketVersioning reads bucket's versioning state. A server without
// versioning support (it answers NotImplemented) reports VersioningOff.
func (c *Client) BucketVersioning(ctx context.Context, bucket string) (VersioningStatus, error) {
	cl, _ := c.clientFor(ctx, bucket)
	out, err := cl.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String(bucket)})
	if err != nil {
		if e := classify(err).(*Error); e.Code == "NotImplemented" {
			return VersioningOff, nil
		}
		return VersioningOff, classify(err)
	}
	return VersioningStatus(out.Status), nil
}

// SetBucketVersioning turns versioning on, or suspends it (S3 cannot
// turn it off once enabled).
func (c *Client) SetBucketVersioning(ctx context.Context, bucket string, enabled bool) error {
	status := types.BucketVersioningStatusSuspended
	if enabled {
		status = types.BucketVersioningStatusEnabled
	}
	cl, _ := c.clientFor(ctx, bucket)
	_, err := cl.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(bucket),
		VersioningConfiguration: &types.VersioningConfiguration{Status: status}})
	return classify(err)
}

// Version is one version of an object, or a delete marker.
type Version struct {
	Key          string
	VersionID    string // "null" for an object written before versioning was on
	Size         int64
	Modified     time.Time
	ETag         string
	StorageClass string
	IsLatest     bool // the current version (a delete marker here means "deleted")
	DeleteMarker bool
}

// Versions lists every version of the object at loc, newest first,
// delete markers included.
func (c *Client) Versions(ctx context.Context, loc Location) ([]Version, error) {
	if loc.Bucket == "" || loc.IsPrefix() {
		return nil, &Error{Kind: KindInvalidArgument, Msg: "choose an object to see its versions"}
	}
	cl, _ := c.clientFor(ctx, loc.Bucket)
	// The prefix also matches longer keys ("a.txt" and "a.txt.bak"); the
	// listing is in key order and the exact key sorts first, so the walk
	// stops at the first other key.
	var vs []Version
	err := c.versionPages(ctx, cl, s3.ListObjectVersionsInput{Bucket: aws.String(loc.Bucket), Prefix: aws.String(loc.Key)},
		func(out *s3.ListObjectVersionsOutput) bool {
			page, more := versionsOf(loc.Key, out)
			vs = append(vs, page...)
			return more
		})
	if err != nil {
		return vs, err
	}
	slices.SortStableFunc(vs, newestFirst)
	return vs, nil
}

// newestFirst orders versions the current one first, then by time.
func newestFirst(a, b Version) int {
	switch {
	case a.IsLatest && !b.IsLatest:
		return -1
	case b.IsLatest && !a.IsLatest:
		return 1
	}
	return b.Modified.Compare(a.Modified)
}

// versionsOf picks key's versions and delete markers out of one page; more
// is false once the page reached keys after key.
func versionsOf(key string, out *s3.ListObjectVersionsOutput) (vs []Version, more bool) {
	more = true
	for _, v := range out.Versions {
		k := aws.ToString(v.Key)
		if k != key {
			more = more && k < key
			continue
		}
		vs = append(vs, Version{Key: k, VersionID: aws.ToString(v.VersionId), Size: aws.ToInt64(v.Size),
			Modified: aws.ToTime(v.LastModified), ETag: strings.Trim(aws.ToString(v.ETag), `"`),
			StorageClass: string(v.StorageClass), IsLatest: aws.ToBool(v.IsLatest)})
	}
	for _, m := range out.DeleteMarkers {
		k := aws.ToString(m.Key)
		if k != key {
			more = more && k < key
			continue
		}
		vs = append(vs, Version{Key: k, VersionID: aws.ToString(m.VersionId), Modified: aws.ToTime(m.LastModified),
			IsLatest: aws.ToBool(m.IsLatest), DeleteMarker: true})
	}
	return vs, more
}

// RestoreVersion makes versionID the current version of loc again. A
// deleted object (its current version is a delete marker) is first
// undeleted by removing the delete markers on top, as the S3 console
// does; if the chosen version is then not the current one, it is copied
// over the key (server-side, with that version's content type and
// metadata), which adds a new version and keeps the ones in between.
// Restoring the current version does nothing.
func (c *Client) RestoreVersion(ctx context.Context, loc Location, versionID string) error {
	if versionID == "" {
		return &Error{Kind: KindInvalidArgument, Msg: "no version chosen"}
	}
	head, err := c.headObject(ctx, loc, versionID)
	if err != nil {
		return versionError(loc, versionID, err)
	}
	current, err := c.undelete(ctx, loc)
	if err != nil || current == versionID {
		return err
	}
	spec := copySpec{src: loc, srcVersion: versionID, dst: loc}
	return c.copyWithHead(ctx, spec, head, CopyOptions{}, newTracker(nil))
}

// undelete removes the delete markers that hide loc, newest first, and
// returns the id of the version that is then current.
func (c *Client) undelete(ctx context.Context, loc Location) (string, error) {
	for {
		cur, err := c.headObject(ctx, loc, "")
		if err == nil {
			return aws.ToString(cur.VersionId), nil
		}
		if KindOf(err) != KindNoSuchKey {
			return "", err
		}
		marker, err := c.latestDeleteMarker(ctx, loc)
		if err != nil || marker == "" {
			return "", err // not deleted, just absent: the copy recreates it
		}
		if err := c.DeleteVersion(ctx, loc, marker); err != nil {
			return "", err
		}
	}
}

// latestDeleteMarker is the id of the delete marker that is loc's current
// version, or "" when the current version is not a delete marker.
func (c *Client) latestDeleteMarker(ctx context.Context, loc Location) (string, error) {
	vs, err := c.Versions(ctx, loc)
	if err != nil {
		return "", err
	}
	for _, v := range vs {
		if v.IsLatest && v.DeleteMarker {
			return v.VersionID, nil
		}
	}
	return "", nil
}

// DeleteVersion deletes one version (or delete marker) of loc for good.
// Deleting the current delete marker brings the object back.
func (c *Client) DeleteVersion(ctx context.Context, loc Location, versionID string) error {
	if versionID == "" {
		return &Error{Kind: KindInvalidArgument, Msg: "no version chosen"}
	}
	cl, _ := c.clientFor(ctx, loc.Bucket)
	_, err := cl.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(loc.Bucket), Key: aws.String(loc.Key),
		VersionId: aws.String(versionID)})
	if err != nil {
		return versionError(loc, versionID, err)
	}
	return nil
}

// versionError explains the failures particular to versions: S3 answers
// 405 MethodNotAllowed for a delete marker (it has no content).
func versionError(loc Location, versionID string, err error) error {
	e := classify(err).(*Error)
	if e.Code == "MethodNotAllowed" || e.Code == "" && strings.Contains(e.Msg, "405") {
		return &Error{Kind: KindInvalidArgument, Code: e.Code, Err: e,
			Msg: fmt.Sprintf("version %s of %s is a delete marker: it has no content to restore", versionID, loc)}
	}
	return e
}
