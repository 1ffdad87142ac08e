package transfers

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/s3ops/jobs"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/dialog"
	"github.com/ferry-s3/ferry/ui/source"
)

// longStatus keeps messages the user has to act on a little longer.
const longStatus = 12 * time.Second

func statusFor(l common.Level, text string, d time.Duration) tea.Cmd {
	return func() tea.Msg { return common.StatusMsg{Text: text, Level: l, For: d} }
}

// engineCmd runs fn against the engine job id came from, off the UI
// thread (the engine's control calls are quick, but never on the UI
// thread), and reports a failure in the status bar. The engine reports
// the effect as progress.
func (m *Model) engineCmd(id transfer.JobID, fn func(*transfer.Engine) error) tea.Cmd {
	eng := m.engineOf(id)
	if eng == nil {
		return nil
	}
	return runOn([]*transfer.Engine{eng}, fn)
}

// everyEngineCmd runs fn against every engine (pause all, clear).
func (m *Model) everyEngineCmd(fn func(*transfer.Engine) error) tea.Cmd {
	return runOn(m.engines(), fn)
}

func runOn(engs []*transfer.Engine, fn func(*transfer.Engine) error) tea.Cmd {
	return func() tea.Msg {
		for _, eng := range engs {
			if err := fn(eng); err != nil {
				return common.StatusMsg{Text: err.Error(), Level: common.LevelError}
			}
		}
		return nil
	}
}

// togglePause pauses the selected job, or resumes it when it is paused.
func (m *Model) togglePause() tea.Cmd {
	s, ok := m.Selected()
	if !ok {
		return nil
	}
	if cmd, ok := m.taskAction(s, taskPause); ok {
		return cmd
	}
	switch s.State {
	case transfer.Running, transfer.Queued:
		return m.engineCmd(s.ID, func(e *transfer.Engine) error { return e.Pause(s.ID) })
	case transfer.Paused:
		return m.engineCmd(s.ID, func(e *transfer.Engine) error { return e.Resume(s.ID) })
	}
	return common.Status(common.LevelInfo, baseName(s)+" is "+s.State.String()+": nothing to pause or resume")
}

// PauseAll pauses every running and queued job; when none is, it resumes
// every paused one.
func (m *Model) PauseAll() tea.Cmd {
	if m.eng == nil {
		return nil
	}
	c := m.table.counts
	switch {
	case c.Active() > 0:
		return tea.Batch(m.everyEngineCmd(func(e *transfer.Engine) error { e.PauseAll(); return nil }),
			common.Status(common.LevelInfo, "pausing "+units.Plural(c.Active(), "transfer")))
	case c.Paused > 0:
		return tea.Batch(m.everyEngineCmd(func(e *transfer.Engine) error { e.ResumeAll(); return nil }),
			common.Status(common.LevelInfo, "resuming "+units.Plural(c.Paused, "transfer")))
	}
	return common.Status(common.LevelInfo, "no transfers to pause or resume")
}

// cancelSelected cancels the selected job, asking first when that would
// throw transferred bytes away.
func (m *Model) cancelSelected() tea.Cmd {
	s, ok := m.Selected()
	if !ok {
		return nil
	}
	if cmd, ok := m.taskAction(s, taskCancel); ok {
		return cmd
	}
	if clearable(s.State) {
		return common.Status(common.LevelInfo, baseName(s)+" is "+s.State.String()+": nothing to cancel")
	}
	cancel := m.engineCmd(s.ID, func(e *transfer.Engine) error { return e.Cancel(s.ID) })
	if s.Progress.Done == 0 {
		return cancel
	}
	body := fmt.Sprintf("%s is %s done (%s of %s). Cancelling throws that away.",
		baseName(s), percent(jobFraction(s)), common.HumanSize(s.Progress.Done), common.HumanSize(s.Progress.Total))
	return common.OpenDialog(dialog.NewConfirm(m.ctx, "Cancel this transfer?", body, cancel, nil))
}

// retry retries the selected job when it failed, else every failed job.
func (m *Model) retry() tea.Cmd {
	if s, ok := m.Selected(); ok && s.Transfer == nil {
		cmd, _ := m.taskAction(s, taskRetry)
		return cmd
	}
	if s, ok := m.Selected(); ok && s.State == transfer.Failed {
		return m.engineCmd(s.ID, func(e *transfer.Engine) error { return e.Retry(s.ID) })
	}
	var failed []transfer.JobID
	for _, s := range m.table.jobs {
		if s.State == transfer.Failed && s.Transfer != nil {
			failed = append(failed, s.ID)
		}
	}
	if len(failed) == 0 {
		return common.Status(common.LevelInfo, "no failed transfers to retry")
	}
	return tea.Batch(common.Status(common.LevelInfo, "retrying "+units.Plural(len(failed), "failed transfer")),
		m.everyEngineCmd(func(e *transfer.Engine) error {
			for _, id := range failed {
				_ = e.Retry(id) // one that changed meanwhile, or of another engine, is reported by its row
			}
			return nil
		}))
}

// ClearFinished forgets done, skipped and cancelled jobs, here and in the
// engine (failed ones stay until retried or cancelled).
func (m *Model) ClearFinished() tea.Cmd {
	n := m.table.clearFinished(&m.scroll.Cursor)
	m.clampCursor()
	if n == 0 {
		return common.Status(common.LevelInfo, "nothing finished to clear")
	}
	return tea.Batch(m.everyEngineCmd(func(e *transfer.Engine) error { e.ClearFinished(); return nil }),
		common.Status(common.LevelInfo, "cleared "+units.Plural(n, "finished transfer")))
}

// open decides the selected job's conflict, or shows its details.
func (m *Model) open() tea.Cmd {
	s, ok := m.Selected()
	if !ok {
		return nil
	}
	if cmd, ok := m.taskAction(s, taskOpen); ok {
		return cmd
	}
	if s.State == transfer.NeedsDecision {
		return m.openConflict(*s.Transfer)
	}
	return common.OpenDialog(dialog.NewInfo(m.ctx, m.details(s)))
}

// connText names the connection job id runs on: its name, or the
// default one with what it is.
func (m *Model) connText(id transfer.JobID) string {
	if conn := m.jobConn[id]; conn != "" || m.ctx.Connection == "" {
		return source.ConnName(conn)
	}
	return source.ConnName("") + " · " + common.Sanitize(m.ctx.Connection)
}

// details describe one transfer for the info dialog.
func (m *Model) details(j jobs.Job) source.Details {
	s := *j.Transfer
	from, to := s.Local, s.Remote.String()
	if s.Dir == transfer.Download {
		from, to = to, from
	}
	dir := s.Dir.String()
	if s.Move {
		dir = "move (the source is deleted once its copy is complete)"
	}
	f := []source.Field{{Label: "Direction", Value: dir}, {Label: "From", Value: from},
		{Label: "To", Value: to}, {Label: "Connection", Value: m.connText(s.ID)}, {Label: "State", Value: s.State.String()},
		{Label: "Progress", Value: fmt.Sprintf("%s of %s (%s)", common.HumanSize(s.Done),
			common.HumanSize(s.Total), percent(jobFraction(j)))}}
	if s.State == transfer.Running {
		f = append(f, source.Field{Label: "Rate", Value: rateText(s.Rate)}, source.Field{Label: "Time left", Value: etaText(s.ETA)})
	}
	for _, p := range []source.Field{{Label: "Problem", Value: s.Err}, {Label: "Retrying", Value: s.Retrying},
		{Label: "In the way", Value: s.Conflict}} {
		if p.Value != "" {
			f = append(f, p)
		}
	}
	if b := m.table.batches[s.Batch]; b != nil && b.Jobs > 1 {
		f = append(f, source.Field{Label: "Batch", Value: m.batchText(j)})
	}
	return source.Details{Title: baseName(j), Fields: f}
}
