package s3ops

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// This file holds what the object operations (delete, copy, move) share:
// their errors, per-key failures, progress reports and the recursive walk
// of a prefix.

// Errors an operation returns before touching anything, so the UI can
// ask the user (errors.Is) instead of only showing a sentence. They are
// wrapped in an *Error that names the locations involved.
var (
	// ErrDestinationExists: the target object or prefix already exists
	// and CopyOptions.Overwrite was not set. It matches fs.ErrExist too.
	ErrDestinationExists = fmt.Errorf("destination already exists: %w", fs.ErrExist)
	// ErrIntoItself: a prefix cannot be moved or copied below itself, nor
	// onto a prefix that contains it.
	ErrIntoItself = errors.New("cannot move or copy a folder into itself")
	// ErrSameLocation: source and destination are the same object.
	ErrSameLocation = errors.New("source and destination are the same")
	// ErrBucketNotEmpty: DeleteBucket refuses a bucket that holds objects.
	ErrBucketNotEmpty = errors.New("bucket is not empty")
)

// KeyError is one key an operation could not handle, and why. Err is an
// *Error (so errors.As and KindOf work) with a sentence for the user.
type KeyError struct {
	Key string
	Err error
}

func (e KeyError) Error() string { return e.Key + ": " + e.Err.Error() }
func (e KeyError) Unwrap() error { return e.Err }

// Progress reports how far a delete, copy or move of many keys has come.
// Total grows while the prefix is still being listed; Listed says it is
// final.
type Progress struct {
	Done   int   // keys deleted, copied or moved
	Failed int   // keys that failed (see the result's Failed)
	Total  int   // keys found so far
	Listed bool  // the listing is complete, Total is final
	Bytes  int64 // bytes copied server-side (copy and move)
}

// tracker counts a running operation and calls the user's progress
// function, one call at a time, after every change.
type tracker struct {
	mu     sync.Mutex
	p      Progress
	failed []KeyError
	fn     func(Progress)
}

func newTracker(fn func(Progress)) *tracker { return &tracker{fn: fn} }

func (t *tracker) update(change func(*Progress)) {
	t.mu.Lock()
	defer t.mu.Unlock()
	change(&t.p)
	if t.fn != nil {
		t.fn(t.p)
	}
}

func (t *tracker) found(n int)     { t.update(func(p *Progress) { p.Total += n }) }
func (t *tracker) listed()         { t.update(func(p *Progress) { p.Listed = true }) }
func (t *tracker) copied(n int64)  { t.update(func(p *Progress) { p.Bytes += n }) }
func (t *tracker) done(n int)      { t.update(func(p *Progress) { p.Done += n }) }
func (t *tracker) fail(e KeyError) { t.failAll([]KeyError{e}) }

func (t *tracker) failAll(es []KeyError) {
	if len(es) == 0 {
		return
	}
	t.update(func(p *Progress) { p.Failed += len(es) })
	t.mu.Lock()
	t.failed = append(t.failed, es...)
	t.mu.Unlock()
}

func (t *tracker) bytes() int64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.p.Bytes
}

func (t *tracker) result() (int, []KeyError) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.p.Done, t.failed
}

// failuresError summarises per-key failures as one *Error (nil when there
// are none), of the first failure's Kind.
func failuresError(verb string, done int, failed []KeyError) error {
	if len(failed) == 0 {
		return nil
	}
	first := classify(failed[0].Err).(*Error)
	msg := fmt.Sprintf("could not %s %d of %d keys: %s (first: %s)", verb, len(failed), done+len(failed), first.Msg, failed[0].Key)
	if len(failed) == 1 && done == 0 {
		msg = fmt.Sprintf("could not %s %s: %s", verb, failed[0].Key, first.Msg)
	}
	return &Error{Kind: first.Kind, Msg: msg, Code: first.Code, Err: failed[0]}
}

// listedObject is one key found under a prefix.
type listedObject struct {
	Key  string
	Size int64
	ETag string
}

// walkPrefix lists every key below prefix (recursively, including the
// prefix's own folder marker) one page at a time. fn returning an error
// stops the walk with that error.
func (c *Client) walkPrefix(ctx context.Context, bucket, prefix string, fn func([]listedObject) error) error {
	cl, _ := c.clientFor(ctx, bucket)
	// URL-encoded keys, or keys holding characters XML cannot carry come
	// back as U+FFFD and the walk would act on keys that do not exist.
	in := &s3.ListObjectsV2Input{Bucket: aws.String(bucket), Prefix: aws.String(prefix), MaxKeys: aws.Int32(1000),
		EncodingType: types.EncodingTypeUrl}
	p := s3.NewListObjectsV2Paginator(cl, in)
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return classify(err)
		}
		decodeListing(out)
		page := make([]listedObject, len(out.Contents))
		for i, o := range out.Contents {
			page[i] = listedObject{Key: aws.ToString(o.Key), Size: aws.ToInt64(o.Size), ETag: strings.Trim(aws.ToString(o.ETag), `"`)}
		}
		if err := fn(page); err != nil {
			return err
		}
	}
	return nil
}

// prefixHasObjects reports whether any key starts with prefix.
func (c *Client) prefixHasObjects(ctx context.Context, bucket, prefix string) (bool, error) {
	cl, _ := c.clientFor(ctx, bucket)
	out, err := cl.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(bucket), Prefix: aws.String(prefix), MaxKeys: aws.Int32(1)})
	if err != nil {
		return false, classify(err)
	}
	return len(out.Contents) > 0, nil
}

// copySource is the x-amz-copy-source value for a key: bucket/key with
// the key percent-encoded byte by byte except for unreserved characters
// and "/". Servers URL-decode the header (some with query rules, where a
// bare "+" means a space), so everything else is escaped.
func copySource(bucket, key, versionID string) string {
	var b strings.Builder
	b.WriteString(bucket)
	b.WriteByte('/')
	for i := 0; i < len(key); i++ {
		c := key[i]
		if isUnreserved(c) || c == '/' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	if versionID != "" {
		b.WriteString("?versionId=")
		b.WriteString(escapeAll(versionID))
	}
	return b.String()
}

func escapeAll(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if isUnreserved(s[i]) {
			b.WriteByte(s[i])
		} else {
			fmt.Fprintf(&b, "%%%02X", s[i])
		}
	}
	return b.String()
}

func isUnreserved(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' ||
		c == '-' || c == '_' || c == '.' || c == '~'
}

// canceled turns a context error into the *Error the UI shows, or nil.
func canceled(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return classify(err)
	}
	return nil
}
