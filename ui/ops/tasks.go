package ops

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops/jobs"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
)

// The TUI side of the background tasks (package s3ops/jobs runs them):
// starting one, following its reports at most once a frame, and
// reporting how it ended.

// taskFrame spaces a task's progress reports: at most ten a second.
const taskFrame = 100 * time.Millisecond

// origin is what a task came from: where its pairs are, and how to run
// the ones that met something in the way again, once that is answered
// (run is nil for a task that asks nothing).
type origin struct {
	src source.Source
	run func(plan movePlan, overwrite bool) tea.Cmd
}

// taskMsg is a task's progress; taskDoneMsg its end. Both carry the
// task's origin, so the answer to its conflicts needs no shared state.
type taskMsg struct {
	id     transfer.JobID
	status jobs.Job
	at     time.Time
	from   origin
}

type taskDoneMsg struct {
	id     transfer.JobID
	status jobs.Job
	out    jobs.Outcome
	from   origin
}

func (m taskMsg) viewID() int     { return 0 }
func (m taskDoneMsg) viewID() int { return 0 }

// startTask starts spec in the background (in a command: the task's
// IO begins off the UI thread) with a row in the transfers pane.
func (m *Manager) startTask(spec jobs.Spec, from origin) tea.Cmd {
	r := m.run
	start := func() tea.Msg {
		t := r.Start(spec)
		return taskMsg{id: t.ID(), status: t.Status(), at: time.Now(), from: from}
	}
	if m.sink != nil {
		m.sink.ShowTasks()
	}
	return tea.Batch(start, statusCmd(common.LevelInfo, spec.Kind.String()+" started: "+spec.Title))
}

// watch waits for the task's next report (no sooner than a frame after
// the last one) or its end.
func watch(t *jobs.Task, since time.Time, from origin) tea.Cmd {
	return func() tea.Msg {
		wait := time.NewTimer(max(0, time.Until(since.Add(taskFrame))))
		select {
		case <-wait.C:
		case <-t.Finished():
		}
		wait.Stop()
		select {
		case <-t.Changed():
		case <-t.Finished():
		}
		select {
		case <-t.Finished():
			return taskDoneMsg{id: t.ID(), status: t.Status(), out: t.Outcome(), from: from}
		default:
			return taskMsg{id: t.ID(), status: t.Status(), at: time.Now(), from: from}
		}
	}
}

// places are where a task changed things, as the panes see them.
func places(ps []jobs.Place) []where {
	out := make([]where, len(ps))
	for i, p := range ps {
		out[i] = where{bucket: p.Bucket, dir: p.Dir}
	}
	return out
}
