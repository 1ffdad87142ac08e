package s3ops

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/ferry-s3/ferry/internal/parallel"
)

// deleteBatchSize is the most keys one DeleteObjects request may carry.
const deleteBatchSize = 1000

// deleteConcurrency is how many DeleteObjects requests run at once while
// the listing goes on.
const deleteConcurrency = 4

// DeleteOptions tunes Delete.
type DeleteOptions struct {
	// Progress, when set, is called (never concurrently) after every
	// listed page and every batch sent.
	Progress func(Progress)
	// Concurrency is how many DeleteObjects requests may run at once
	// (0 means 4); 1 suits stores with tight request rate limits.
	Concurrency int
	// IfMatch deletes a single object only while its ETag is this one
	// (S3's conditional delete): an object written again since it was
	// read is kept, and the delete fails with ErrChanged. Stores that do
	// not support it ignore it (AWS has it since 2025-09), or refuse it as
	// not implemented, and the delete is then sent without it.
	IfMatch string
}

// ErrChanged is a conditional delete refused because the object was
// written again since its ETag was read.
var ErrChanged = errors.New("the object changed since it was read")

// DeleteResult is what a Delete did. Failed lists every key the server
// refused, with its reason; keys are never dropped silently.
type DeleteResult struct {
	Deleted int
	Failed  []KeyError
}

// Err summarises Failed as one *Error for a status line (nil when every
// key was deleted).
func (r DeleteResult) Err() error { return failuresError("delete", r.Deleted, r.Failed) }

// Delete deletes one object, or, when loc is a prefix (its key ends in
// "/", or is "" for a whole bucket), every key below it including its
// folder marker. Keys are listed and deleted in batches of 1,000 as the
// listing goes, so deleting starts at once and memory stays flat.
//
// For a single object a failure is returned as the error. For a prefix,
// keys the server refuses are collected in Failed and the rest go on;
// the error then only reports what stopped the whole operation (the
// listing failed, the bucket is gone, ctx was cancelled), with the
// result counting what was done until then. (A batch cut off by a
// cancellation may still have been carried out by the server, so after
// one, up to a batch more than Deleted may be gone.)
//
// On a versioned bucket S3 keeps the data: each delete adds a delete
// marker that hides the object, and older versions stay (see Versions,
// RestoreVersion and DeleteVersion).
func (c *Client) Delete(ctx context.Context, loc Location, opt DeleteOptions) (DeleteResult, error) {
	if loc.Bucket == "" {
		return DeleteResult{}, &Error{Kind: KindInvalidArgument, Msg: "choose a bucket or object to delete"}
	}
	if !loc.IsPrefix() {
		return c.deleteObject(ctx, loc, opt)
	}
	return c.deletePrefix(ctx, loc, opt)
}

func (c *Client) deleteObject(ctx context.Context, loc Location, opt DeleteOptions) (DeleteResult, error) {
	t := newTracker(opt.Progress)
	t.found(1)
	t.listed()
	cl, _ := c.clientFor(ctx, loc.Bucket)
	in := &s3.DeleteObjectInput{Bucket: aws.String(loc.Bucket), Key: aws.String(loc.Key)}
	if opt.IfMatch != "" {
		in.IfMatch = aws.String(`"` + strings.Trim(opt.IfMatch, `"`) + `"`)
	}
	_, err := cl.DeleteObject(ctx, in)
	if err != nil && in.IfMatch != nil && conditionUnsupported(err) {
		// A store that refuses the condition instead of ignoring it: the
		// caller read the ETag just before, so delete as stores always did.
		in.IfMatch = nil
		_, err = cl.DeleteObject(ctx, in)
	}
	if err != nil {
		return DeleteResult{}, changedOr(classify(err))
	}
	t.done(1)
	return DeleteResult{Deleted: 1}, nil
}

func (c *Client) deletePrefix(ctx context.Context, loc Location, opt DeleteOptions) (DeleteResult, error) {
	t := newTracker(opt.Progress)
	workers := opt.Concurrency
	if workers <= 0 {
		workers = deleteConcurrency
	}
	g, ctx := parallel.New(ctx, workers)
	err := c.walkPrefix(ctx, loc.Bucket, loc.Key, func(page []listedObject) error {
		t.found(len(page))
		for _, keys := range deleteBatches(page) {
			if err := ctx.Err(); err != nil {
				return classify(err)
			}
			g.Go(func() error {
				failed, err := c.deleteBatch(ctx, loc.Bucket, keys)
				if err != nil {
					return err
				}
				t.failAll(failed)
				t.done(len(keys) - len(failed))
				return nil
			})
		}
		return nil
	})
	if err != nil {
		g.Fail(err)
	} else {
		t.listed()
	}
	err = g.Wait()
	done, failed := t.result()
	return DeleteResult{Deleted: done, Failed: failed}, err
}

// deleteBatches splits a listed page into DeleteObjects batches.
func deleteBatches(page []listedObject) [][]string {
	var batches [][]string
	for start := 0; start < len(page); start += deleteBatchSize {
		chunk := page[start:min(start+deleteBatchSize, len(page))]
		keys := make([]string, len(chunk))
		for i, o := range chunk {
			keys[i] = o.Key
		}
		batches = append(batches, keys)
	}
	return batches
}

// deleteBatch sends one DeleteObjects request (quiet mode: the server
// only reports failures) and returns the keys it refused. An error means
// the whole request failed.
//
// Keys holding characters XML 1.0 cannot carry are deleted one request
// each instead (the key goes in the URL): in the request body the SDK
// would send U+FFFD in their place, naming a key that does not exist,
// which S3 counts as deleted while the object stays.
func (c *Client) deleteBatch(ctx context.Context, bucket string, keys []string) ([]KeyError, error) {
	var ids []types.ObjectIdentifier
	var failed []KeyError
	cl, _ := c.clientFor(ctx, bucket)
	for _, k := range keys {
		if xmlCarries(k) {
			ids = append(ids, types.ObjectIdentifier{Key: aws.String(k)})
			continue
		}
		if _, err := cl.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(bucket), Key: aws.String(k)}); err != nil {
			failed = append(failed, KeyError{Key: k, Err: classify(err)})
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, classify(err)
	}
	if len(ids) == 0 {
		return failed, nil
	}
	out, err := cl.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String(bucket),
		Delete: &types.Delete{Objects: ids, Quiet: aws.Bool(true)}})
	if err != nil {
		return nil, classify(err)
	}
	for _, e := range out.Errors {
		failed = append(failed, KeyError{Key: aws.ToString(e.Key),
			Err: fromCode(aws.ToString(e.Code), 0, errors.New(aws.ToString(e.Message)))})
	}
	return failed, nil
}

// xmlCarries reports whether key can be sent in an XML 1.0 request body:
// every character is one XML allows (no C0 control but tab, newline and
// carriage return, no U+FFFE or U+FFFF).
func xmlCarries(key string) bool {
	for _, r := range key {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
		case r < 0x20 || r == 0xfffe || r == 0xffff || r == utf8.RuneError:
			return false
		}
	}
	return true
}

// conditionUnsupported reports a store refusing a conditional request
// as something it does not implement.
func conditionUnsupported(err error) bool {
	e := (*Error)(nil)
	if !errors.As(classify(err), &e) {
		return false
	}
	var re *awshttp.ResponseError
	return e.Code == "NotImplemented" || (errors.As(err, &re) && re.HTTPStatusCode() == http.StatusNotImplemented)
}

// changedOr turns a refused precondition into ErrChanged.
func changedOr(err error) error {
	if e := (*Error)(nil); errors.As(err, &e) && e.Code == "PreconditionFailed" {
		return &Error{Kind: KindExists, Code: e.Code, Err: fmt.Errorf("%w: %w", ErrChanged, e), Msg: ErrChanged.Error()}
	}
	return err
}
