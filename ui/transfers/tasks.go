package transfers

import (
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/dialog"
	"github.com/ferry-s3/ferry/ui/source"
)

// Tasks are the long operations that are not transfers: a recursive
// delete, the move of a folder, a server-side copy. Package ui/ops runs
// them; they show here as rows among the jobs, so everything running in
// the background is in one list with its progress and a way to cancel
// it. A task's row is a transfer.JobStatus whose Dir is TaskDir (the
// engine never uses it) and whose Remote.Key is the task's title; the
// TaskHooks say how to draw, explain and cancel it. Tasks are not
// journaled, cannot be paused and are not retried from here.

// TaskDir marks a row that is a task, not a transfer.
const TaskDir transfer.Direction = -1

// IsTask reports whether s is a task's row.
func IsTask(s transfer.JobStatus) bool { return s.Dir == TaskDir }

// TaskView is how a task's row reads.
type TaskView struct {
	Glyph    string // in place of the direction arrow
	Progress string // the bytes column and the footer, e.g. "412/900 keys"
	Route    string // the detail line, e.g. "s3://a/x/ → s3://b/x/"
	// Details builds the details dialog's fields. A func: rows are drawn
	// every frame and need only the fields above; the details (times,
	// hundreds of failures) are built when the dialog opens.
	Details func() []source.Field
}

// TaskHooks describe and cancel tasks (ui/ops implements them).
type TaskHooks interface {
	TaskView(s transfer.JobStatus) TaskView
	CancelTask(id transfer.JobID) tea.Cmd
}

// TaskOpener is implemented by task hooks that have something to ask
// on a task's row (a question left for later): enter asks it instead of
// showing the details.
type TaskOpener interface {
	OpenTask(id transfer.JobID) tea.Cmd
}

// SetTaskHooks connects the pane to whatever runs the tasks.
func (m *Model) SetTaskHooks(h TaskHooks) { m.tasks = h }

// ApplyTasks takes in the latest state of some tasks.
func (m *Model) ApplyTasks(ss []transfer.JobStatus) {
	us := make([]transfer.Update, len(ss))
	for i, s := range ss {
		b := transfer.BatchStatus{ID: s.Batch, Jobs: 1, ETA: -1}
		if s.State.Finished() {
			b.Finished = 1
		}
		us[i] = transfer.Update{Job: s, Batch: b, Final: s.State.Finished()}
	}
	m.Apply(us)
}

// taskDetails are the fields of task s's details dialog.
func (m *Model) taskDetails(s transfer.JobStatus) []source.Field {
	if v := m.taskView(s); v.Details != nil {
		return v.Details()
	}
	return nil
}

func (m *Model) taskView(s transfer.JobStatus) TaskView {
	if m.tasks == nil {
		return TaskView{Glyph: "•"}
	}
	return m.tasks.TaskView(s)
}

// glyphOf is a row's first column: the direction, or the task's glyph.
func (m *Model) glyphOf(s transfer.JobStatus) string {
	if IsTask(s) {
		return m.taskView(s).Glyph
	}
	return glyph(s.Dir)
}

// bytesOf is a row's bytes column.
func (m *Model) bytesOf(s transfer.JobStatus) string {
	if IsTask(s) {
		return m.taskView(s).Progress
	}
	return bytesText(s)
}

// routeOf is the selected row's "from → to" line.
func (m *Model) routeOf(s transfer.JobStatus) string {
	if IsTask(s) {
		return common.Sanitize(m.taskView(s).Route)
	}
	return routeText(s)
}

// taskAction is what pause, cancel, retry and enter do on a task's row;
// handled is false for a transfer's row.
func (m *Model) taskAction(s transfer.JobStatus, k taskKey) (tea.Cmd, bool) {
	if !IsTask(s) {
		return nil, false
	}
	name := common.Sanitize(s.Remote.Key)
	switch {
	case k == taskCancel && !s.State.Finished() && m.tasks != nil:
		return m.tasks.CancelTask(s.ID), true
	case k == taskCancel:
		return common.Status(common.LevelInfo, name+" is "+s.State.String()+": nothing to cancel"), true
	case k == taskPause:
		return common.Status(common.LevelInfo, "operations cannot be paused; "+m.ctx.Keys.Transfers.Cancel.Help().Key+" cancels one"), true
	case k == taskRetry:
		return common.Status(common.LevelInfo, "operations are not retried from here: run "+name+" again"), true
	}
	if o, ok := m.tasks.(TaskOpener); ok && k == taskOpen {
		if cmd := o.OpenTask(s.ID); cmd != nil {
			return cmd, true
		}
	}
	return common.OpenDialog(dialog.NewInfo(m.ctx, source.Details{Title: name, Fields: m.taskDetails(s)})), true
}

// taskKey is a key of the transfers pane that a task's row answers.
type taskKey int

const (
	taskPause taskKey = iota
	taskCancel
	taskRetry
	taskOpen
)

// tasksRunning names running operations for the quit question.
func tasksRunning(n int) string {
	return units.Plural(n, "operation") + " (delete, move or copy) running"
}

// pronoun picks the singular or plural wording.
func pronoun(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
