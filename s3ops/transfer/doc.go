// Package transfer is ferry's transfer engine: a queue of uploads and
// downloads that move every byte over presigned URLs, with bounded
// concurrency, retries, pause/resume/cancel, progress reporting and a
// journal that brings unfinished transfers back after a restart.
//
// # Jobs and batches
//
// Every file is one job (JobID); a call to Upload or Download creates one
// batch (BatchID) holding the jobs it expanded to, so a folder becomes one
// job per file grouped under its batch. The UI shows one row per job and
// the batch totals carried in every Update.
//
// # Using it from the UI
//
//	e := transfer.New(client, opts)
//	n, err := e.Restore()   // unfinished jobs of the last run come back paused
//	b, err := e.Upload(ctx, "/home/me/photos", s3ops.Location{Bucket: "b", Key: "backup/"})
//	for u := range e.Updates() { ... }  // one row per u.Job, totals in u.Batch
//
// Read Updates continuously from a re-armed tea.Cmd; the engine never
// waits for the reader (reports for one job are merged), sends at most ten
// progress reports per second per job, and sets Final on the report that
// ends a job so the destination pane can be refreshed. Jobs and Batches
// give a full snapshot at any time.
//
// # Concurrency
//
// At most Options.FilesInFlight jobs run at once, each with at most
// Options.PartsPerFile parts (multipart upload parts or download ranges)
// in flight. Parts stream from io.SectionReader (uploads) or into
// io.OffsetWriter (downloads) through pooled buffers, so memory does not
// grow with file size.
//
// # Copies between connections
//
// Copy queues streamed copies from another connection's store into the
// engine's (copyjob.go): the engine's client is the destination's, a copy
// job names its source connection, and Options.Sources resolves the name
// to a client, also for copies restored from the journal. Parts move
// through pooled buffers in memory, never through the disk. MoveTo queues
// the same copies as moves: each job deletes its source once its copy is
// complete and verified, and never before (movesource.go).
//
// # Journal
//
// The queue is written to Options.JournalPath as a checksummed snapshot
// (temp file, fsync, rename) whenever a job changes state or completes a
// part. See journal.go for the format.
package transfer
