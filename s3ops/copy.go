package s3ops

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Server-side copy: S3 copies the bytes itself, nothing passes through
// this machine. Objects up to CopyOptions.MultipartThreshold are copied
// with one CopyObject; larger ones with UploadPartCopy parts in parallel
// (copy_multipart.go). The call is made by the destination bucket's
// region client, which is what S3 needs for cross-region copies.

// Copy defaults.
const (
	// DefaultCopyThreshold is CopyObject's own limit (5 GiB): larger
	// objects can only be copied in parts.
	DefaultCopyThreshold = 5 << 30
	// DefaultCopyPartSize is the size of one UploadPartCopy part, raised
	// when needed to stay within 10,000 parts.
	DefaultCopyPartSize = 512 << 20
	// DefaultCopyConcurrency is how many parts of one object, and how
	// many objects of a prefix, are copied at once.
	DefaultCopyConcurrency = 4
)

// CopyOptions tunes Copy and Move.
type CopyOptions struct {
	// Overwrite replaces an existing destination object, or merges into
	// an existing destination prefix. Without it they fail with
	// ErrDestinationExists before anything is copied.
	Overwrite bool
	// MultipartThreshold: objects larger than this are copied in parts
	// (0 means DefaultCopyThreshold; it is never above 5 GiB).
	MultipartThreshold int64
	// PartSize of a multipart copy (0 means DefaultCopyPartSize).
	PartSize int64
	// Concurrency of parts and of objects (0 means DefaultCopyConcurrency).
	Concurrency int
	// Progress, when set, is called (never concurrently) as keys are
	// found and copied.
	Progress func(Progress)
}

func (o CopyOptions) threshold() int64 {
	if o.MultipartThreshold <= 0 || o.MultipartThreshold > DefaultCopyThreshold {
		return DefaultCopyThreshold
	}
	return o.MultipartThreshold
}

func (o CopyOptions) concurrency() int {
	if o.Concurrency <= 0 {
		return DefaultCopyConcurrency
	}
	return o.Concurrency
}

// CopyResult is what a Copy did.
type CopyResult struct {
	Copied int   // keys copied
	Bytes  int64 // bytes copied (by the server)
	Failed []KeyError
}

// Err summarises Failed as one *Error (nil when every key was copied).
func (r CopyResult) Err() error { return failuresError("copy", r.Copied, r.Failed) }

// Into is where src lands when dropped into folder (a bucket root or a
// prefix): folder + src's last path element, a prefix staying a prefix.
func Into(src, folder Location) Location {
	name := strings.TrimSuffix(src.Key, "/")
	name = name[strings.LastIndexByte(name, '/')+1:]
	if src.IsPrefix() {
		name += "/"
	}
	return child(folder, name)
}

// Copy copies one object, or every key below a prefix, to dst on the
// server side, keeping content type, user metadata, tags, storage class
// and encryption. dst is the full new name: an object key for an
// object, a prefix (ending in "/") for a prefix; see Into.
//
// Errors: ErrDestinationExists (unless opt.Overwrite), ErrIntoItself,
// ErrSameLocation, and for a single object any failure of the copy. For
// a prefix, keys that fail are collected in Failed while the others go
// on; the error then reports only what stopped the whole operation.
func (c *Client) Copy(ctx context.Context, src, dst Location, opt CopyOptions) (CopyResult, error) {
	if err := checkPair("copy", src, dst); err != nil {
		return CopyResult{}, err
	}
	t := newTracker(opt.Progress)
	if src.IsPrefix() {
		err := c.copyTree(ctx, src, dst, opt, t, false)
		done, failed := t.result()
		return CopyResult{Copied: done, Bytes: t.bytes(), Failed: failed}, err
	}
	if err := c.checkFree(ctx, dst, opt); err != nil {
		return CopyResult{}, err
	}
	t.found(1)
	t.listed()
	if err := c.copyObject(ctx, copySpec{src: src, dst: dst}, opt, t); err != nil {
		return CopyResult{}, err
	}
	t.done(1)
	return CopyResult{Copied: 1, Bytes: t.bytes()}, nil
}

// checkPair refuses copies and moves that cannot make sense.
func checkPair(verb string, src, dst Location) error {
	switch {
	case src.Bucket == "" || dst.Bucket == "":
		return &Error{Kind: KindInvalidArgument, Msg: "buckets themselves cannot be " + pastTense(verb) + "; choose objects or folders"}
	case src.IsPrefix() != dst.IsPrefix() && src.IsPrefix():
		return &Error{Kind: KindInvalidArgument, Msg: fmt.Sprintf("cannot %s folder %s onto an object name (%s)", verb, src, dst)}
	case src.IsPrefix() != dst.IsPrefix():
		return &Error{Kind: KindInvalidArgument, Msg: fmt.Sprintf("cannot %s object %s onto a folder name (%s)", verb, src, dst)}
	case src == dst:
		return &Error{Kind: KindInvalidArgument, Msg: fmt.Sprintf("%s: %s", src, ErrSameLocation), Err: ErrSameLocation}
	case src.IsPrefix() && src.Bucket == dst.Bucket && strings.HasPrefix(dst.Key, src.Key):
		return &Error{Kind: KindInvalidArgument, Msg: fmt.Sprintf("cannot %s %s into itself (%s)", verb, src, dst), Err: ErrIntoItself}
	case src.IsPrefix() && src.Bucket == dst.Bucket && strings.HasPrefix(src.Key, dst.Key):
		// Keys would be written over the ones still to be read.
		return &Error{Kind: KindInvalidArgument, Msg: fmt.Sprintf("cannot %s %s onto %s, which contains it", verb, src, dst), Err: ErrIntoItself}
	}
	return nil
}

func pastTense(verb string) string {
	if verb == "copy" {
		return "copied"
	}
	return verb + "d"
}

// checkFree returns ErrDestinationExists when dst (an object, or any key
// below a prefix) exists and the options do not allow overwriting it.
func (c *Client) checkFree(ctx context.Context, dst Location, opt CopyOptions) error {
	if opt.Overwrite {
		return nil
	}
	var exists bool
	var err error
	if dst.IsPrefix() {
		exists, err = c.prefixHasObjects(ctx, dst.Bucket, dst.Key)
	} else {
		exists, err = c.Exists(ctx, dst)
	}
	if err != nil {
		return err
	}
	if exists {
		return &Error{Kind: KindExists, Msg: dst.String() + " already exists", Err: ErrDestinationExists}
	}
	return nil
}

// copySpec is one server-side copy of an object.
type copySpec struct {
	src        Location
	srcVersion string       // "" for the current version
	dst        Location     // may equal src (metadata edits, restores)
	replace    *objectAttrs // nil keeps the source's attributes
}

// copyObject copies one object, choosing CopyObject or a multipart copy
// by size. The source's ETag is a precondition, so an object replaced
// while being copied fails instead of being copied half old, half new.
func (c *Client) copyObject(ctx context.Context, spec copySpec, opt CopyOptions, t *tracker) error {
	head, err := c.headObject(ctx, spec.src, spec.srcVersion)
	if err != nil {
		return err
	}
	return c.copyWithHead(ctx, spec, head, opt, t)
}

// copyWithHead is copyObject with the source's HeadObject already done.
func (c *Client) copyWithHead(ctx context.Context, spec copySpec, head *s3.HeadObjectOutput, opt CopyOptions, t *tracker) error {
	if isFolderMarker(spec.src.Key, head) {
		return c.copyMarker(ctx, spec, head)
	}
	if aws.ToInt64(head.ContentLength) > opt.threshold() {
		return c.copyMultipart(ctx, spec, head, opt, t)
	}
	attrs := attrsFromHead(head)
	in := &s3.CopyObjectInput{Bucket: aws.String(spec.dst.Bucket), Key: aws.String(spec.dst.Key),
		CopySource:        aws.String(copySource(spec.src.Bucket, spec.src.Key, spec.srcVersion)),
		CopySourceIfMatch: optString(aws.ToString(head.ETag)), MetadataDirective: types.MetadataDirectiveCopy}
	attrs.keepPlacement(in)
	if spec.replace != nil {
		spec.replace.replaceOn(in)
	}
	cl, _ := c.clientFor(ctx, spec.dst.Bucket)
	if _, err := cl.CopyObject(ctx, in); err != nil {
		return copyError(err)
	}
	t.copied(aws.ToInt64(head.ContentLength))
	return nil
}

// copyError explains the failures particular to copies: a failed
// precondition (the source changed during the copy) and an archived
// source, which S3 cannot copy until it is restored.
func copyError(err error) error {
	e := classify(err).(*Error)
	switch e.Code {
	case "PreconditionFailed":
		return &Error{Kind: KindExists, Code: e.Code, Err: e,
			Msg: "the object changed while it was being copied; reload and try again"}
	case "InvalidObjectState":
		return &Error{Kind: KindInvalidArgument, Code: e.Code, Err: e,
			Msg: "the object is archived (Glacier/Deep Archive): restore it before copying or moving it"}
	}
	return e
}

// copyTree copies (or, with removeSources, moves) every key below src.Key
// to the same relative key below dst.Key.
func (c *Client) copyTree(ctx context.Context, src, dst Location, opt CopyOptions, t *tracker, removeSources bool) error {
	if err := c.checkFree(ctx, dst, opt); err != nil {
		return err
	}
	w := &treeWork{c: c, src: src, dst: dst, opt: opt, t: t}
	if removeSources {
		w.sources = newSourceRemover(c, src.Bucket, t)
	}
	return w.run(ctx)
}

// isFolderMarker reports an empty object whose key ends in "/". Some
// stores keep these as directories and refuse to copy them, so they are
// re-created at the destination instead, with the same attributes.
func isFolderMarker(key string, head *s3.HeadObjectOutput) bool {
	return strings.HasSuffix(key, "/") && aws.ToInt64(head.ContentLength) == 0
}

func (c *Client) copyMarker(ctx context.Context, spec copySpec, head *s3.HeadObjectOutput) error {
	attrs := attrsFromHead(head)
	if spec.replace != nil {
		attrs = *spec.replace
	}
	in := &s3.PutObjectInput{Bucket: aws.String(spec.dst.Bucket), Key: aws.String(spec.dst.Key),
		Tagging: optString(c.copyTagging(ctx, spec.src, spec.srcVersion))}
	attrs.putOn(in)
	cl, _ := c.clientFor(ctx, spec.dst.Bucket)
	if _, err := cl.PutObject(ctx, in); err != nil {
		return classify(err)
	}
	return nil
}
