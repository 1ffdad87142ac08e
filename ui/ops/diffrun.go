package ops

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/ferry-s3/ferry/foldercmp"
	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/localops"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/common"
)

// jobPoll is how often a copy of the differences looks at the state of
// the uploads or downloads it queued.
const jobPoll = 100 * time.Millisecond

// diffTask copies the differences of a job as one task row: S3 to S3 by
// server-side copies, else through the transfer queue (the files show
// as rows of their own, and the task waits for them). The deletes run
// only once every copy has succeeded, as `ferry sync --delete` does.
func (m *Manager) diffTask(j foldercmp.Job, eng *transfer.Engine) taskSpec {
	route := "copy differences " + common.Sanitize(j.From.String()) + " → " + common.Sanitize(j.To.String())
	title := fmt.Sprintf("differences → %s", common.Sanitize(j.To.String()))
	return taskSpec{kind: "copy", title: title, route: route, unit: unitKeys, noun: "files",
		run: func(ctx context.Context, t *task) outcome { return m.runDiff(ctx, t, j, eng) }}
}

func (m *Manager) runDiff(ctx context.Context, t *task, j foldercmp.Job, eng *transfer.Engine) outcome {
	total := int64(len(j.Copy) + len(j.Delete))
	t.report(0, total, 0, true)
	var failed []failure
	var copied int
	if j.From.IsS3() && j.To.IsS3() {
		copied, failed = copyServerSide(ctx, t, j, total)
	} else {
		copied, failed = copyQueued(ctx, t, j, eng, total)
	}
	out := outcome{noun: "file", failed: failed, changed: []where{sideWhere(j.To)}}
	out.summary = fmt.Sprintf("copied %s to %s", units.Plural(copied, "file"), common.Sanitize(j.To.String()))
	switch {
	case len(j.Delete) == 0:
	case ctx.Err() != nil || len(failed) > 0:
		out.summary += fmt.Sprintf("; not deleting %s only there: not every copy succeeded", units.Plural(len(j.Delete), "file"))
	default:
		deleted, dfailed := m.deleteExtras(ctx, j)
		out.failed = append(out.failed, dfailed...)
		t.report(int64(copied+deleted), total, len(out.failed), true)
		out.summary += fmt.Sprintf("; deleted %s only there", units.Plural(deleted, "file"))
	}
	return out
}

func sideWhere(s foldercmp.Side) where {
	if s.IsS3() {
		return s3Where(s.Loc.Bucket)
	}
	return where{dir: s.Local}
}

// copyServerSide copies each file S3 to S3, replacing what differs.
func copyServerSide(ctx context.Context, t *task, j foldercmp.Job, total int64) (int, []failure) {
	var failed []failure
	done := 0
	for _, a := range j.Copy {
		if ctx.Err() != nil {
			break
		}
		src, dst := j.From.Object(a.Path), j.To.Object(a.Path)
		if _, err := j.From.Client.Copy(ctx, src, dst, s3ops.CopyOptions{Overwrite: true}); err != nil {
			failed = append(failed, failure{name: src.String(), reason: err.Error()})
		} else {
			done++
		}
		t.report(int64(done+len(failed)), total, len(failed), true)
	}
	return done, failed
}

// copyQueued hands each file to the transfer queue (uploads replace the
// objects that differ; downloads overwrite the files) and waits until
// every one has ended.
func copyQueued(ctx context.Context, t *task, j foldercmp.Job, eng *transfer.Engine, total int64) (int, []failure) {
	var failed []failure
	var ids []transfer.JobID
	for _, a := range j.Copy {
		if ctx.Err() != nil {
			return 0, append(failed, failure{name: a.Path, reason: "cancelled"})
		}
		var b transfer.Batch
		var err error
		if j.To.IsS3() {
			b, err = eng.Upload(ctx, a.Src.Local, j.To.Object(a.Path))
		} else {
			var target string
			if target, err = j.To.File(a.Path); err == nil {
				b, err = eng.DownloadAs(ctx, j.From.Object(a.Path), target, transfer.Overwrite)
			}
		}
		if err != nil {
			failed = append(failed, failure{name: a.Path, reason: err.Error()})
			continue
		}
		for _, s := range b.Skipped {
			failed = append(failed, failure{name: s.Path, reason: s.Reason})
		}
		ids = append(ids, b.Jobs...)
	}
	done, jobFailed := waitJobs(ctx, t, eng, ids, total, len(failed))
	return done, append(failed, jobFailed...)
}

// waitJobs waits until every job has ended (or ctx ends), reporting
// progress; it returns how many were done and the others.
func waitJobs(ctx context.Context, t *task, eng *transfer.Engine, ids []transfer.JobID, total int64, failedBefore int) (int, []failure) {
	tick := time.NewTicker(jobPoll)
	defer tick.Stop()
	for {
		done, ended := 0, 0
		var failed []failure
		for _, id := range ids {
			s, ok := eng.Job(id)
			switch {
			case !ok:
				ended++
				failed = append(failed, failure{name: string(id), reason: "the transfer was cleared before it ended"})
			case s.State == transfer.Done:
				done++
				ended++
			case s.State.Finished():
				ended++
				failed = append(failed, failure{name: jobName(s), reason: jobProblem(s)})
			}
		}
		t.report(int64(done+len(failed)+failedBefore), total, len(failed)+failedBefore, true)
		if ended == len(ids) {
			return done, failed
		}
		select {
		case <-ctx.Done():
			return done, append(failed, failure{name: "the copy", reason: "cancelled"})
		case <-tick.C:
		}
	}
}

func jobName(s transfer.JobStatus) string {
	if s.Dir == transfer.Upload {
		return s.Local
	}
	return s.Remote.String()
}

func jobProblem(s transfer.JobStatus) string {
	if s.Err != "" {
		return s.Err
	}
	return s.State.String()
}

// deleteExtras deletes what only the target holds: objects in batches,
// local files to the trash (for good where there is none).
func (m *Manager) deleteExtras(ctx context.Context, j foldercmp.Job) (int, []failure) {
	if j.To.IsS3() {
		keys := make([]string, len(j.Delete))
		for i, a := range j.Delete {
			keys[i] = j.To.Object(a.Path).Key
		}
		res, err := j.To.Client.DeleteKeys(ctx, j.To.Loc.Bucket, keys, nil)
		failed := keyFailures(res.Failed)
		if err != nil {
			failed = append(failed, failure{name: j.To.String(), reason: err.Error()})
		}
		return res.Deleted, failed
	}
	var failed []failure
	deleted := 0
	for _, a := range j.Delete {
		path, err := j.To.File(a.Path)
		if err == nil {
			_, err = m.o.Trash(path)
			if errors.Is(err, localops.ErrNoTrash) {
				err = os.Remove(path)
			}
		}
		if err != nil {
			failed = append(failed, failure{name: a.Path, reason: err.Error()})
			continue
		}
		deleted++
		removeEmptyDirs(filepath.Dir(path), j.To.Local)
	}
	return deleted, failed
}

// removeEmptyDirs removes dir and the folders above it, up to root,
// while the deletes left them empty.
func removeEmptyDirs(dir, root string) {
	root, _ = filepath.Abs(root)
	for dir, _ = filepath.Abs(dir); dir != root && len(dir) > len(root); dir = filepath.Dir(dir) {
		if os.Remove(dir) != nil {
			return
		}
	}
}
