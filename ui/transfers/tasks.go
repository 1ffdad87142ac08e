package transfers

import (
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/s3ops/jobs"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/dialog"
	"github.com/ferry-s3/ferry/ui/source"
)

// Tasks are the long operations that are not transfers: a recursive
// delete, the move of a folder, a server-side copy. A jobs.Runner runs
// them (ui/ops starts them); they show here as rows among the
// transfers, each a jobs.Job like a transfer's, so everything running in
// the background is in one list with its progress and a way to cancel
// it. Tasks are not journaled, cannot be paused and are not retried from
// here.

// TaskOpener is implemented by what starts tasks when it has something
// to ask on a task's row (a question left for later): enter asks it
// instead of showing the details.
type TaskOpener interface {
	OpenTask(id transfer.JobID) tea.Cmd
}

// SetTasks connects the pane to what runs the tasks (it cancels them)
// and to what asks about them (nil: nothing to ask).
func (m *Model) SetTasks(run jobs.Canceller, opener TaskOpener) {
	m.tasks, m.opener = run, opener
}

// ApplyTasks takes in the latest state of some tasks.
func (m *Model) ApplyTasks(js []jobs.Job) {
	m.table.applyJobs(js)
	if !m.focused {
		m.follow()
	}
	m.clampCursor()
}

// glyphs are the first column of a task's row, by kind.
var glyphs = map[jobs.Kind]string{jobs.KindDelete: "✗", jobs.KindMove: "→", jobs.KindCopy: "⧉"}

// glyphOf is a row's first column: the direction, or the task's glyph.
func glyphOf(j jobs.Job) string {
	if j.Transfer != nil {
		return glyph(j.Transfer.Dir)
	}
	if g, ok := glyphs[j.Kind]; ok {
		return g
	}
	return "•"
}

// taskDetails are the fields of task j's details dialog.
func (m *Model) taskDetails(j jobs.Job) []source.Field {
	f := []source.Field{{Label: "Operation", Value: j.Kind.String()}, {Label: "What", Value: j.Route},
		{Label: "State", Value: j.State.String()}, {Label: "Progress", Value: j.Progress.Text(j.State)},
		{Label: "Started", Value: common.FormatTime(j.Started, m.ctx.TimeZone)}}
	if j.Conn != "" {
		f = append(f[:2:2], append([]source.Field{{Label: "Connection", Value: j.Conn}}, f[2:]...)...)
	}
	if !j.Ended.IsZero() {
		f = append(f, source.Field{Label: "Ended", Value: common.FormatTime(j.Ended, m.ctx.TimeZone)})
	}
	if j.Err != "" {
		f = append(f, source.Field{Label: "Problem", Value: j.Err})
	}
	for i, fl := range j.Failures {
		if i == maxReported {
			f = append(f, source.Field{Label: "…", Value: units.Plural(len(j.Failures)-i, "more")})
			break
		}
		f = append(f, source.Field{Label: fl.Name, Value: fl.Reason})
	}
	return f
}

// maxReported caps the failures a task's details list by name.
const maxReported = 200

// taskAction is what pause, cancel, retry and enter do on a task's row;
// handled is false for a transfer's row.
func (m *Model) taskAction(j jobs.Job, k taskKey) (tea.Cmd, bool) {
	if j.Transfer != nil {
		return nil, false
	}
	name := common.Sanitize(j.Name)
	switch {
	case k == taskCancel && !j.State.Finished() && m.tasks != nil:
		return m.cancelTask(j), true
	case k == taskCancel:
		return common.Status(common.LevelInfo, name+" is "+j.State.String()+": nothing to cancel"), true
	case k == taskPause:
		return common.Status(common.LevelInfo, "operations cannot be paused; "+m.ctx.Keys.Transfers.Cancel.Help().Key+" cancels one"), true
	case k == taskRetry:
		return common.Status(common.LevelInfo, "operations are not retried from here: run "+name+" again"), true
	}
	if m.opener != nil {
		if cmd := m.opener.OpenTask(j.ID); cmd != nil {
			return cmd, true
		}
	}
	return common.OpenDialog(dialog.NewInfo(m.ctx, source.Details{Title: name, Fields: m.taskDetails(j)})), true
}

// cancelTask stops a running task; its row says when it has.
func (m *Model) cancelTask(j jobs.Job) tea.Cmd {
	if err := m.tasks.Cancel(j.ID); err != nil {
		return common.Status(common.LevelError, err.Error())
	}
	return common.Status(common.LevelInfo, "cancelling "+j.Kind.String()+" of "+common.Sanitize(j.Name)+"…")
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
