// Package transfers is the TUI side of ferry's transfer queue: the
// transfers pane (one row per job with a progress bar, rate, ETA and
// state, batch totals, pause/resume/cancel/retry/clear), the dialogs that
// start transfers (copy to the other pane, files dropped on the window)
// or answer them (a download whose file already exists), and the command
// that turns the engine's progress channel into messages.
//
// Every row is a jobs.Job (package s3ops/jobs): a transfer of the engine
// or a background task (a recursive delete, a server-side copy or move),
// drawn and cancelled alike; only transfers pause, retry and have a
// batch. The pane holds a copy of the queue fed by ProgressMsg (and by
// the snapshots in QueuedMsg and RestoredMsg, and ApplyTasks); it never
// asks the engine anything while drawing. Everything that calls the engine runs in a
// tea.Cmd. The root owns one Model, lays it out, gives it the keyboard
// when it has focus, and refreshes file panes when a job's final report
// lands in the location they show.
package transfers

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/s3ops/jobs"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/common"
)

// Msg is a message of the transfer queue (the engine's reports, copies
// being prepared and queued, the restored queue, folder counts, a named
// connection's engine made): the
// root hands each one to the pane, through its own bookkeeping, without
// listing their types.
type Msg interface{ transfersMsg() }

func (ProgressMsg) transfersMsg()    {}
func (PreparingMsg) transfersMsg()   {}
func (QueuedMsg) transfersMsg()      {}
func (RestoredMsg) transfersMsg()    {}
func (CountedMsg) transfersMsg()     {}
func (EngineReadyMsg) transfersMsg() {}

// ProgressMsg carries the engine's reports, coalesced (see Listen).
type ProgressMsg struct {
	Updates []transfer.Update
	// Conn is the connection of the engine that reported ("" default).
	Conn string
}

// RestoredMsg reports the queue brought back from the journal at start.
type RestoredMsg struct {
	N    int   // jobs restored
	Err  error // a *transfer.JournalError to show, or nil
	Jobs []transfer.JobStatus
	Conn string // the connection of the engine restored ("" default)
}

// Model is the transfers pane. Create it with New; it is used by pointer.
type Model struct {
	ctx *common.Context
	eng *transfer.Engine // the default connection's; nil: shows what it is fed, acts on nothing
	// named are the engines of named connections made so far, jobConn
	// the connection of every job that is not the default's, groupConn
	// of every copy (see engines.go).
	named       map[string]*transfer.Engine
	jobConn     map[transfer.JobID]string
	groupConn   map[int]string
	makeEngine  EngineSource
	listenNamed bool
	table       table
	scroll      common.Scroller // cursor and window over the rows
	width       int
	height      int
	focused     bool
	st          *styles
	pending     int // copies being walked or listed, not yet queued

	// groups ties the batches of one copy together (a copy of several
	// marked entries makes one batch each), so a conflict answer can
	// apply to all of them.
	groups    map[transfer.BatchID]int
	members   map[int][]transfer.BatchID
	lastGroup int
	// moves are the moves between connections not yet reported, by
	// group (move.go).
	moves map[int]*moveTally

	tasks  jobs.Canceller // cancels the task rows (see tasks.go)
	opener TaskOpener     // asks what a task's row waits for

	// unsaved says why the queue is not being saved ("" while it is).
	unsaved string
}

// New returns an empty transfers pane acting on eng (nil for a pane that
// only draws what it is fed).
func New(ctx *common.Context, eng *transfer.Engine) *Model {
	return &Model{ctx: ctx, eng: eng, table: newTable(),
		groups: map[transfer.BatchID]int{}, members: map[int][]transfer.BatchID{}, moves: map[int]*moveTally{},
		named: map[string]*transfer.Engine{}, jobConn: map[transfer.JobID]string{}, groupConn: map[int]string{}}
}

// Engine is the engine the pane acts on (nil when it has none).
func (m *Model) Engine() *transfer.Engine { return m.eng }

// SetSize sets the pane's outer size (border included).
func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	m.scrollToCursor()
}

// SetFocused tells the pane whether it has the keyboard.
func (m *Model) SetFocused(f bool) { m.focused = f }

// Focused reports whether the pane has the keyboard.
func (m *Model) Focused() bool { return m.focused }

// Counts sums up the queue as last reported.
func (m *Model) Counts() Counts { return m.table.counts }

// Jobs is the queue as last reported (transfers and tasks), in the
// order jobs were added.
func (m *Model) Jobs() []jobs.Job { return m.table.jobs }

// Selected is the job under the cursor.
func (m *Model) Selected() (jobs.Job, bool) {
	if m.scroll.Cursor < 0 || m.scroll.Cursor >= len(m.table.jobs) {
		return jobs.Job{}, false
	}
	return m.table.jobs[m.scroll.Cursor], true
}

// CursorIndex is the cursor's row.
func (m *Model) CursorIndex() int { return m.scroll.Cursor }

// Apply takes the engine's reports in (ProgressMsg does this; rendering
// tests call it directly).
func (m *Model) Apply(us []transfer.Update) {
	m.table.apply(us)
	if !m.focused {
		m.follow()
	}
	m.clampCursor()
}

// engineNotices shows the engine's news in the status line, and keeps a
// problem (the queue cannot be saved) in the pane's title until mended.
func (m *Model) engineNotices(us []transfer.Update) tea.Cmd {
	var cmds []tea.Cmd
	for _, u := range us {
		if n := u.Notice; n != nil {
			level := common.LevelInfo
			if n.Problem {
				level, m.unsaved = common.LevelWarn, n.Text
			} else {
				m.unsaved = ""
			}
			cmds = append(cmds, common.Status(level, common.Sanitize(n.Text)))
		}
	}
	return tea.Batch(cmds...)
}

// follow keeps the cursor, while the user is elsewhere, on what is
// happening: the first running job, else the first waiting for a
// decision, so a long queue shows its live rows rather than its start.
func (m *Model) follow() {
	for _, want := range []transfer.State{transfer.Running, transfer.NeedsDecision} {
		if i := m.table.first(want); i >= 0 {
			m.scroll.Cursor = i
			return
		}
	}
}

// Update handles keys (when focused), the pane's own messages and the
// results of the commands it started.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	case tea.MouseWheelMsg:
		m.wheel(msg)
	case ProgressMsg:
		m.tagUpdates(msg.Conn, msg.Updates)
		m.Apply(msg.Updates)
		return tea.Batch(m.noticeDecisions(msg.Updates), m.engineNotices(msg.Updates), m.reportMoves())
	case PreparingMsg:
		m.pending++
		return msg.next
	case QueuedMsg:
		m.tagJobs(msg.Conn, msg.Jobs)
		return m.handleQueued(msg)
	case RestoredMsg:
		m.tagJobs(msg.Conn, msg.Jobs)
		return m.handleRestored(msg)
	case EngineReadyMsg:
		return m.engineReady(msg)
	case CountedMsg:
		m.counted(msg)
	case MoveMsg:
		if m.eng == nil {
			return common.Status(common.LevelError, "transfers are not available in this session: nothing was moved")
		}
		return m.Queue(msg.Plan)
	case moveKeptMsg:
		return m.moveKept(msg)
	}
	return nil
}

// noticeDecisions says so when a download starts waiting for a decision,
// since the pane may be hidden or out of focus.
func (m *Model) noticeDecisions(us []transfer.Update) tea.Cmd {
	for _, u := range us {
		if u.Job.State == transfer.NeedsDecision {
			how := "press " + m.ctx.Keys.Transfers.Toggle.Help().Key + ", then " +
				m.ctx.Keys.Transfers.Open.Help().Key + " on it"
			if m.focused {
				how = "press " + m.ctx.Keys.Transfers.Open.Help().Key + " on it"
			}
			return common.Status(common.LevelWarn, baseName(jobs.FromTransfer(u.Job))+" already exists: "+how+" to decide")
		}
	}
	return nil
}

func (m *Model) handleRestored(msg RestoredMsg) tea.Cmd {
	m.table.adopt(msg.Jobs)
	m.clampCursor()
	// One message: the status bar shows one at a time.
	var parts []string
	level := common.LevelInfo
	if msg.Err != nil {
		parts = append(parts, msg.Err.Error())
		level = common.LevelWarn
	}
	if msg.N > 0 {
		parts = append(parts, m.restoredText(msg.N))
	}
	if len(parts) == 0 {
		return nil
	}
	return statusFor(level, strings.Join(parts, " · "), longStatus)
}

// restoredText announces the jobs brought back from the last run.
func (m *Model) restoredText(n int) string {
	c := m.table.counts
	noun := "unfinished transfers"
	if n == 1 {
		noun = "unfinished transfer"
	}
	resume := " — press " + m.ctx.Keys.Transfers.PauseAll.Help().Key + " to resume all"
	if c.Paused == n {
		return units.Count(n) + " " + noun + " restored (paused)" + resume
	}
	var parts []string
	for _, p := range []struct {
		n    int
		what string
	}{{c.Paused, "paused"}, {c.Failed, "failed"}, {c.Decide, "waiting for a decision"}} {
		if p.n > 0 {
			parts = append(parts, units.Count(p.n)+" "+p.what)
		}
	}
	text := units.Count(n) + " " + noun + " restored (" + strings.Join(parts, ", ") + ")"
	if c.Paused > 0 {
		text += resume
	}
	return text
}

// ShortHelp is the pane's part of the help bar.
func (m *Model) ShortHelp() []key.Binding { return m.ctx.Keys.Transfers.ShortHelp() }

// FullHelp lists every binding of the pane.
func (m *Model) FullHelp() [][]key.Binding { return m.ctx.Keys.Transfers.FullHelp() }

var _ common.Component = (*Model)(nil)
