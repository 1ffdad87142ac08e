package s3ops

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// S3 has no folders, only keys with "/" in them. A new, empty folder is a
// zero-byte object whose key ends in "/" (a folder marker), which every
// S3 console and tool shows as a folder.

// maxKeyLength is S3's limit on a key, in bytes.
const maxKeyLength = 1024

// CheckName validates a name a user typed for a new folder or a rename:
// not empty, no empty, "." or ".." path elements (they make keys that
// browse strangely and cannot be saved as files), no control characters.
// Slashes inside a name make nested folders.
func CheckName(name string) error {
	if name == "" {
		return &Error{Kind: KindInvalidArgument, Msg: "the name cannot be empty"}
	}
	for _, part := range strings.Split(name, "/") {
		switch part {
		case "":
			return &Error{Kind: KindInvalidArgument, Msg: fmt.Sprintf("%q: a name cannot start or end with \"/\" or contain \"//\"", name)}
		case ".", "..":
			return &Error{Kind: KindInvalidArgument, Msg: fmt.Sprintf("%q: \".\" and \"..\" cannot be used as names", name)}
		}
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f {
			return &Error{Kind: KindInvalidArgument, Msg: fmt.Sprintf("%q: names cannot contain control characters", name)}
		}
	}
	return nil
}

// Renamed is loc with its last path element replaced by name, in the
// same folder; a prefix stays a prefix. name is checked with CheckName.
func Renamed(loc Location, name string) (Location, error) {
	if err := CheckName(name); err != nil {
		return Location{}, err
	}
	if loc.Key == "" {
		return Location{}, &Error{Kind: KindInvalidArgument, Msg: "buckets cannot be renamed"}
	}
	if loc.IsPrefix() {
		name += "/"
	}
	dst := child(loc.Parent(), name)
	return dst, checkKeyLength(dst.Key)
}

// child is the location named rel (which may contain "/") inside folder.
func child(folder Location, rel string) Location {
	dir := folder.Key
	if dir != "" && !strings.HasSuffix(dir, "/") {
		dir += "/"
	}
	return Location{Bucket: folder.Bucket, Key: dir + rel}
}

func checkKeyLength(key string) error {
	if len(key) > maxKeyLength {
		return &Error{Kind: KindInvalidArgument, Msg: fmt.Sprintf("the key would be %d bytes long; S3 allows %d", len(key), maxKeyLength)}
	}
	return nil
}

// MakeFolder creates the folder name inside parent (a bucket root or a
// prefix) as a folder marker and returns its location. A folder that
// already exists (a marker, or keys below it) is ErrDestinationExists.
func (c *Client) MakeFolder(ctx context.Context, parent Location, name string) (Location, error) {
	if parent.Bucket == "" {
		return Location{}, &Error{Kind: KindInvalidArgument, Msg: "open a bucket to create a folder in it"}
	}
	if err := CheckName(name); err != nil {
		return Location{}, err
	}
	loc := child(parent, name+"/")
	if err := checkKeyLength(loc.Key); err != nil {
		return Location{}, err
	}
	if err := c.checkFree(ctx, loc, CopyOptions{}); err != nil {
		return Location{}, err
	}
	cl, _ := c.clientFor(ctx, loc.Bucket)
	_, err := cl.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(loc.Bucket), Key: aws.String(loc.Key)})
	if err != nil {
		return Location{}, classify(err)
	}
	return loc, nil
}

// checkBucketEmpty refuses to delete a bucket that still lists objects,
// with a sentence instead of the server's bare 409.
func (c *Client) checkBucketEmpty(ctx context.Context, bucket string) error {
	has, err := c.prefixHasObjects(ctx, bucket, "")
	if err != nil {
		return err
	}
	if has {
		return &Error{Kind: KindExists, Code: "BucketNotEmpty", Err: ErrBucketNotEmpty,
			Msg: fmt.Sprintf("bucket %s is not empty: delete its objects first", bucket)}
	}
	return nil
}

// bucketDeleteError explains a refused DeleteBucket. A bucket with no
// objects can still hold old versions, delete markers or unfinished
// uploads, which S3 counts as content.
func bucketDeleteError(bucket string, err error) error {
	e := classify(err).(*Error)
	if e.Code != "BucketNotEmpty" {
		return e
	}
	return &Error{Kind: KindExists, Code: e.Code, Err: fmt.Errorf("%w: %w", ErrBucketNotEmpty, e),
		Msg: fmt.Sprintf("bucket %s is not empty: it still holds old object versions or unfinished uploads", bucket)}
}
