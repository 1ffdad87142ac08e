package transfer

import (
	"context"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/checksum"
)

// Streamed copies (Direction Copy) move an object from another
// connection's store to this engine's: ranged presigned GETs on the
// source feed presigned UploadParts (or one PUT) on the destination,
// through memory only. The engine keeps its one client, the
// destination's; a copy job names its source by connection name, which
// Options.Sources turns into a client. The journal keeps that name (never
// an endpoint's keys or a URL), so a restored copy finds its source the
// same way the first run did.

// copyFrom is the journaled source of a copy job.
type copyFrom struct {
	Conn   string `json:"conn"` // the source's connection name ("" for the default one)
	Bucket string `json:"bucket"`
	Key    string `json:"key"`
	// ETag pins the source version (If-Match on every GET); set when the
	// copy first reads the source.
	ETag  string           `json:"etag,omitempty"`
	Attrs *s3ops.CopyAttrs `json:"attrs,omitempty"`
	// CRC is the source store's full-object CRC64NVME, when it keeps one:
	// the parts' checksums must combine to it.
	CRC string `json:"crc,omitempty"`
	// Move deletes the source once the copy is complete (movesource.go);
	// Copied records that it was, so a run after a crash goes straight to
	// the delete.
	Move   bool `json:"move,omitempty"`
	Copied bool `json:"copied,omitempty"`
}

func (f *copyFrom) loc() s3ops.Location { return s3ops.Location{Bucket: f.Bucket, Key: f.Key} }

// CopyPair is one object of a streamed copy: its source on the copy's
// connection, its destination on the engine's, and the size listed (the
// copy reads the real one when it starts). Move deletes the source once
// its copy is complete and verified.
type CopyPair struct {
	Src, Dst s3ops.Location
	Size     int64
	Move     bool
}

// errNoSource is a copy whose source connection cannot be reached.
var errNoSource = errors.New("the copy's source connection is not available")

// errCopySourceChanged is a source object replaced during a copy (its
// ETag no longer matches the one pinned at the start).
var errCopySourceChanged = errors.New("the source object changed during the copy; retry to copy the new version")

// Copy queues streamed copies of pairs from the connection called from
// (resolved through Options.Sources) into this engine's store, as one
// batch; into is the destination prefix the rows are named from. The
// caller decides conflicts before queueing (an existing destination is
// replaced).
func (e *Engine) Copy(ctx context.Context, from string, pairs []CopyPair, into string) (Batch, error) {
	if _, err := e.sourceClient(from); err != nil {
		return Batch{}, err
	}
	b := &batch{id: BatchID(newID("b"))}
	out := Batch{ID: b.id}
	for _, p := range pairs {
		if ctx.Err() != nil {
			return Batch{}, ctx.Err()
		}
		if !utf8.ValidString(p.Dst.Key) || len(p.Dst.Key) > maxKeyBytes {
			out.Skipped = append(out.Skipped, SkippedEntry{Path: p.Src.Key, Reason: "the destination key is not valid for S3"})
			continue
		}
		j := &job{batch: b, state: Queued, rec: record{ID: JobID(newID("j")), Batch: b.id, Dir: Copy, Into: into,
			Bucket: p.Dst.Bucket, Key: p.Dst.Key, Size: p.Size,
			From: &copyFrom{Conn: from, Bucket: p.Src.Bucket, Key: p.Src.Key, Move: p.Move}}}
		b.jobs = append(b.jobs, j)
		out.Jobs = append(out.Jobs, j.rec.ID)
		out.Bytes += p.Size
	}
	return out, e.add(b)
}

// sourceClient resolves a copy's source connection.
func (e *Engine) sourceClient(name string) (*s3ops.Client, error) {
	if e.o.Sources == nil {
		return nil, fmt.Errorf("%w: this engine was not given a way to reach other connections", errNoSource)
	}
	c, err := e.o.Sources(name)
	if err != nil {
		return nil, fmt.Errorf("%w (%s): %w", errNoSource, shownConn(name), err)
	}
	if c == nil {
		return nil, fmt.Errorf("%w (%s)", errNoSource, shownConn(name))
	}
	return c, nil
}

func shownConn(name string) string {
	if name == "" {
		return "the default connection"
	}
	return name
}

// copyJob runs one streamed copy, and for a move deletes the source
// once the copy is complete (movesource.go).
func (e *Engine) copyJob(ctx context.Context, j *job) error {
	src, err := e.sourceClient(e.copySource(j).Conn)
	if err != nil {
		return err
	}
	if !e.copiedForMove(ctx, j) {
		if err := e.streamCopy(ctx, j, src); err != nil {
			return err
		}
	}
	if e.copySource(j).Move {
		return e.removeSource(ctx, j, src)
	}
	return nil
}

// copySource is the job's journaled source (replaced, never changed in
// place, under e.mu).
func (e *Engine) copySource(j *job) copyFrom {
	e.mu.Lock()
	defer e.mu.Unlock()
	return *j.rec.From
}

// streamCopy copies the object: pin the source, then one PUT or a
// multipart upload fed from ranged GETs.
func (e *Engine) streamCopy(ctx context.Context, j *job, src *s3ops.Client) error {
	if err := e.withRetry(ctx, j, "read the source", func(ctx context.Context) error { return e.pinCopySource(ctx, j, src) }); err != nil {
		return err
	}
	if e.copiedBefore(ctx, j) {
		e.forgetUpload(j)
		j.setDone(j.rec.Size)
		return nil
	}
	if j.rec.Size <= e.o.MultipartThreshold && j.rec.Size <= s3ops.MaxPutSize {
		return e.copyWhole(ctx, j, src)
	}
	return e.copyMultipart(ctx, j, src)
}

// pinCopySource reads the source's size, ETag and attributes on the
// first run (and on a retry, which copies the current version: the parts
// sent are kept only when it is still the one they came from). A run
// resumed from the journal trusts the pin: If-Match catches a change.
func (e *Engine) pinCopySource(ctx context.Context, j *job, src *s3ops.Client) error {
	e.mu.Lock()
	from, restart := *j.rec.From, j.restart
	e.mu.Unlock()
	if from.ETag != "" && !restart {
		return nil
	}
	cs, err := src.ReadCopySource(ctx, from.loc())
	if err != nil {
		return err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	j.restart = false
	if from.ETag != cs.ETag || j.rec.Size != cs.Size {
		if from.ETag != "" {
			e.forgetUploadLocked(j) // another version: the parts sent are of the old one
		}
		j.rec.PartSize = 0
	}
	// A new record, not the old one changed: journal snapshots being
	// written may still read it.
	attrs := cs.Attrs
	pinned := from
	pinned.ETag, pinned.Attrs, pinned.CRC = cs.ETag, &attrs, ""
	if cs.Checksum != nil {
		pinned.CRC = cs.Checksum.String()
	}
	j.rec.From = &pinned
	j.rec.Size, j.rec.ContentType = cs.Size, attrs.ContentType
	e.persistLocked()
	return nil
}

// sourceCRC is the source's full-object CRC64NVME, if its store keeps one.
func (e *Engine) sourceCRC(j *job) *checksum.Value {
	e.mu.Lock()
	text := j.rec.From.CRC
	e.mu.Unlock()
	v, err := checksum.Parse(checksum.CRC64NVME, text)
	if text == "" || err != nil {
		return nil
	}
	return &v
}

// copiedBefore reports whether a copy resumed from the journal had in
// fact finished before the crash: the destination has the source's size
// and full-object checksum. Asked once per restored job.
func (e *Engine) copiedBefore(ctx context.Context, j *job) bool {
	e.mu.Lock()
	resumed := j.resumed
	j.resumed = false
	e.mu.Unlock()
	want := e.sourceCRC(j)
	if !resumed || want == nil {
		return false
	}
	st, ok, err := e.c.StoredChecksum(ctx, j.loc(), "")
	return err == nil && ok && st.Parts == 0 && st.Size == j.rec.Size && st.Value == *want
}
