package s3ops

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Object metadata and tags. S3 cannot change an object's metadata in
// place: it is rewritten by copying the object onto itself with
// MetadataDirective REPLACE (on a versioned bucket that makes a new
// version). Tags have their own API and change without a copy.

// Metadata is the part of an object's description a user can edit.
type Metadata struct {
	ContentType        string
	CacheControl       string
	ContentDisposition string
	ContentEncoding    string
	ContentLanguage    string
	// User is the x-amz-meta-* metadata, keys without the prefix. S3
	// stores keys in lower case.
	User map[string]string
}

// maxUserMetadata is S3's limit on the size of all user metadata.
const maxUserMetadata = 2 << 10

// GetMetadata reads loc's editable metadata.
func (c *Client) GetMetadata(ctx context.Context, loc Location) (Metadata, error) {
	head, err := c.headObject(ctx, loc, "")
	if err != nil {
		return Metadata{}, err
	}
	a := attrsFromHead(head)
	return Metadata{ContentType: a.ContentType, CacheControl: a.CacheControl, ContentDisposition: a.ContentDisposition,
		ContentEncoding: a.ContentEncoding, ContentLanguage: a.ContentLanguage, User: maps.Clone(a.Metadata)}, nil
}

// SetMetadata replaces loc's editable metadata with m (all of it: pass
// what GetMetadata returned, edited). Everything else is kept: the
// bytes, tags, storage class, encryption, expiry and redirect. If the
// object is replaced between the read and the rewrite, the rewrite fails
// instead of clobbering the new object.
func (c *Client) SetMetadata(ctx context.Context, loc Location, m Metadata) error {
	if loc.Bucket == "" || loc.IsPrefix() {
		return &Error{Kind: KindInvalidArgument, Msg: "only objects have metadata; choose an object"}
	}
	user, err := checkUserMetadata(m.User)
	if err != nil {
		return err
	}
	head, err := c.headObject(ctx, loc, "")
	if err != nil {
		return err
	}
	attrs := attrsFromHead(head)
	attrs.ContentType, attrs.CacheControl, attrs.ContentDisposition = m.ContentType, m.CacheControl, m.ContentDisposition
	attrs.ContentEncoding, attrs.ContentLanguage, attrs.Metadata = m.ContentEncoding, m.ContentLanguage, user
	spec := copySpec{src: loc, dst: loc, replace: &attrs}
	return c.copyWithHead(ctx, spec, head, CopyOptions{MultipartThreshold: c.tuning.MetadataCopyThreshold}, newTracker(nil))
}

// checkUserMetadata validates user metadata the way S3 will, so the user
// gets a precise sentence rather than a signature error, and lower-cases
// the keys.
func checkUserMetadata(m map[string]string) (map[string]string, error) {
	out := make(map[string]string, len(m))
	size := 0
	for _, k := range slices.Sorted(maps.Keys(m)) {
		v := m[k]
		lk := strings.ToLower(strings.TrimPrefix(strings.ToLower(k), "x-amz-meta-"))
		if err := checkMetaKey(lk); err != nil {
			return nil, err
		}
		if _, dup := out[lk]; dup {
			return nil, badMetadata("metadata key %q is given twice (keys are not case-sensitive)", lk)
		}
		for _, r := range v {
			if r < 0x20 || r > 0x7e {
				return nil, badMetadata("metadata %q: values can only hold printable ASCII characters", lk)
			}
		}
		out[lk] = v
		size += len(lk) + len(v)
	}
	if size > maxUserMetadata {
		return nil, badMetadata("user metadata is %d bytes; S3 allows %d", size, maxUserMetadata)
	}
	return out, nil
}

func checkMetaKey(k string) error {
	if k == "" {
		return badMetadata("a metadata key cannot be empty")
	}
	for _, r := range k {
		ok := r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || strings.ContainsRune("!#$%&'*+-.^_`|~", r)
		if !ok {
			return badMetadata("metadata key %q: use letters, digits and - _ . only", k)
		}
	}
	return nil
}

func badMetadata(format string, args ...any) error {
	return &Error{Kind: KindInvalidArgument, Msg: fmt.Sprintf(format, args...)}
}

// Tag limits S3 enforces.
const (
	maxTags       = 10
	maxTagKey     = 128
	maxTagValue   = 256
	reservedTagNS = "aws:"
)

// GetTags reads loc's tags (an empty map when it has none).
func (c *Client) GetTags(ctx context.Context, loc Location) (map[string]string, error) {
	return c.getTags(ctx, loc, "")
}

func (c *Client) getTags(ctx context.Context, loc Location, versionID string) (map[string]string, error) {
	cl, _ := c.clientFor(ctx, loc.Bucket)
	in := &s3.GetObjectTaggingInput{Bucket: aws.String(loc.Bucket), Key: aws.String(loc.Key)}
	if versionID != "" {
		in.VersionId = aws.String(versionID)
	}
	out, err := cl.GetObjectTagging(ctx, in)
	if err != nil {
		return nil, classify(err)
	}
	tags := make(map[string]string, len(out.TagSet))
	for _, t := range out.TagSet {
		tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return tags, nil
}

// SetTags replaces loc's tags with tags (none removes them all).
func (c *Client) SetTags(ctx context.Context, loc Location, tags map[string]string) error {
	if err := checkTags(tags); err != nil {
		return err
	}
	cl, _ := c.clientFor(ctx, loc.Bucket)
	if len(tags) == 0 {
		_, err := cl.DeleteObjectTagging(ctx, &s3.DeleteObjectTaggingInput{Bucket: aws.String(loc.Bucket), Key: aws.String(loc.Key)})
		return classify(err)
	}
	set := make([]types.Tag, 0, len(tags))
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		set = append(set, types.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	_, err := cl.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: aws.String(loc.Bucket), Key: aws.String(loc.Key),
		Tagging: &types.Tagging{TagSet: set}})
	return classify(err)
}

func checkTags(tags map[string]string) error {
	if len(tags) > maxTags {
		return badMetadata("an object can have at most %d tags, not %d", maxTags, len(tags))
	}
	for k, v := range tags {
		switch {
		case k == "":
			return badMetadata("a tag key cannot be empty")
		case utf8.RuneCountInString(k) > maxTagKey:
			return badMetadata("tag key %q is longer than %d characters", k, maxTagKey)
		case utf8.RuneCountInString(v) > maxTagValue:
			return badMetadata("the value of tag %q is longer than %d characters", k, maxTagValue)
		case strings.HasPrefix(strings.ToLower(k), reservedTagNS):
			return badMetadata("tag keys starting with %q are reserved for AWS", reservedTagNS)
		}
	}
	return nil
}
