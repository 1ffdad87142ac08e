// Package jobs owns ferry's background work as a presenter sees it, and
// the work that is not a transfer.
//
// The job model (job.go) is one value, Job, that every background job
// is shown as, whoever runs it: a file transfer of the engine
// (s3ops/transfer, through FromTransfer) or a task of a Runner. It says
// what the job is (Kind), how far it is (Progress, in bytes or in items),
// its state, what went wrong, and for a transfer the engine's own report
// (rate, retries, its batch). Both runners cancel a job by its id
// (Canceller), so a presenter lists, draws and cancels them alike.
//
// Tasks are the long file operations that are not transfers: a recursive
// delete of S3 prefixes, server-side copies and moves between S3
// locations, copies and moves between local folders, and the copy of a
// comparison's differences (Differences: server-side, or through the
// transfer engine when one side is local, with its deletes last). A Runner starts
// them, reports their progress (Task.Changed, Task.Status), cancels them
// through their context and waits for their clean-up when the program
// ends. A task ends with an Outcome: what it did, what failed while the
// rest went on, the places it changed, and the destinations that were
// in the way (Conflicts), which the caller asks about and runs again as
// a new task (with overwrite, or after FreeNames for keep both). Tasks
// are not journaled: one cut short stops where it is, and the S3
// originals of a move are deleted only once their copy exists.
//
// The package knows nothing of terminals: ui/ops asks and shows, and a
// command line tool could run the same tasks.
package jobs
