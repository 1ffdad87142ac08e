package transfers

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
)

// previewRows is how many entries a copy or drop dialog lists by name.
const previewRows = 8

// QueuedMsg reports a copy handed to the engine: the batches it made,
// a snapshot of their jobs, and what was left out or failed.
type QueuedMsg struct {
	Group   int
	Conn    string // the connection whose engine queued it ("" default)
	Dir     transfer.Direction
	Dest    string
	Batches []transfer.BatchID
	Jobs    []transfer.JobStatus
	Bytes   int64
	Skipped []transfer.SkippedEntry
	Errs    []string
	// Conflicts are uploads left out because their objects exist, when
	// the policy is to ask: the user is asked next.
	Conflicts []transfer.UploadConflict
	// CopyConflicts are streamed copies left out because their objects
	// exist, under "ask"; CopyFrom is their source connection and
	// CopyInto the folder their rows are named from.
	CopyConflicts      []transfer.CopyPair
	CopyFrom, CopyInto string
	// Move marks the jobs of a move between connections (move.go).
	Move bool
	// requeue marks the uploads of answered conflicts, which join their
	// copy's group and were never counted as pending.
	requeue bool
}

// PreparingMsg says a confirmed copy or drop has started: its folders are
// being walked or listed, and until its QueuedMsg arrives quitting would
// drop it. Queue's command sends it first, so the count of copies being
// prepared goes up when the work starts, not when it is offered.
//
// It carries the work (next), which the model returns once it has
// counted the copy: that orders the two as tea.Sequence would, with
// messages alone, so a synchronous test harness runs it through the
// public API (Sequence's message type is Bubble Tea's own).
type PreparingMsg struct{ next tea.Cmd }

// ConfirmCopy asks before queueing p.
func (m *Model) ConfirmCopy(p Plan) tea.Cmd {
	if m.eng == nil {
		return common.Status(common.LevelError, "transfers are not available in this session")
	}
	st := m.ctx.Styles
	label := func(l, v string) string {
		return st.DialogLabel.Render(fmt.Sprintf("%-5s", l)) + " " + st.DialogValue.Render(common.Sanitize(v))
	}
	lines := []string{m.tallyLine(source.Shallow(p.Entries), p.Dir), label("from", p.fromText()), label("to", p.destText()), ""}
	lines = append(lines, m.previewLines(p)...)
	lines = append(lines, "", st.Hint.Render(m.overwriteNote(p)))
	title := fmt.Sprintf("%s %s?", capitalize(p.verb()), units.Plural(len(p.Entries), "item"))
	if len(p.Entries) == 1 {
		title = capitalize(p.verb()) + " " + entryName(p.Entries[0]) + "?"
	}
	q := newQuestion(m.ctx, title, lines, capitalize(p.verb()), tea.Batch(m.Queue(p), p.Then))
	return tea.Batch(common.OpenDialog(q), m.countFor(q, p.From, p.Entries, p.Dir))
}

// previewLines list the first entries with their sizes.
func (m *Model) previewLines(p Plan) []string {
	st := m.ctx.Styles
	var lines []string
	for i, e := range p.Entries {
		if i == previewRows {
			lines = append(lines, st.Hint.Render(fmt.Sprintf("  and %s more", units.Count(len(p.Entries)-i))))
			break
		}
		size := common.HumanSize(e.Size)
		if e.IsDir {
			size = "folder"
		}
		lines = append(lines, "  "+st.DialogValue.Render(common.Fit(entryName(e), 40))+" "+st.DialogLabel.Render(common.PadLeft(size, 8)))
	}
	return lines
}

// overwriteNote says what happens to things already at the destination.
func (m *Model) overwriteNote(p Plan) string {
	policy := m.eng.Options().Conflict
	switch {
	case p.Dir == transfer.Upload:
		return uploadNote(policy)
	case p.Dir == transfer.Copy:
		return uploadNote(policy)
	}
	switch policy {
	case transfer.Skip:
		return "Files that already exist are skipped."
	case transfer.Overwrite:
		return "Files that already exist are overwritten."
	case transfer.KeepBoth:
		return "Files that already exist are kept; the download gets a new name."
	}
	return "For files that already exist, ferry asks what to do."
}

// Queue hands p to the engine off the UI thread (a folder is walked, a
// prefix listed) and reports the result as a QueuedMsg. It only builds
// the command: a question holds it until the user says yes, and the
// PreparingMsg it sends first is what counts the copy as under way.
func (m *Model) Queue(p Plan) tea.Cmd {
	if m.eng == nil {
		return nil
	}
	return m.WithEngine(p.Conn, func(eng *transfer.Engine) tea.Cmd { return m.queueOn(eng, p) })
}

// queueOn is Queue with the engine of p's connection.
func (m *Model) queueOn(eng *transfer.Engine, p Plan) tea.Cmd {
	m.lastGroup++
	group, ctx := m.lastGroup, m.ctx.Base
	m.groupConn[group] = p.Conn
	run := func() tea.Msg {
		q := QueuedMsg{Group: group, Conn: p.Conn, Dir: p.Dir, Dest: p.destText()}
		switch p.Dir {
		case transfer.Upload:
			queueUploads(ctx, eng, p, &q)
			return q
		case transfer.Copy:
			if len(p.Moves) > 0 {
				queueMoves(ctx, eng, p, &q)
			} else {
				queueStreamed(ctx, eng, p, &q)
			}
			return q
		}
		for _, e := range p.Entries {
			b, err := eng.Download(ctx, p.remote(e), p.LocalDir, transfer.PolicyDefault)
			q.add(eng, b, err)
		}
		return q
	}
	what := units.Plural(len(p.Entries), "item")
	next := tea.Batch(common.Status(common.LevelInfo, "preparing to "+p.verb()+" "+what+"…"), run)
	return func() tea.Msg { return PreparingMsg{next: next} }
}

// addAll records the batches of one entry's copy, or why it failed.
func (q *QueuedMsg) addAll(eng *transfer.Engine, bs []transfer.Batch, err error) {
	if err != nil {
		q.add(eng, transfer.Batch{}, err)
	}
	for _, b := range bs {
		q.add(eng, b, nil)
	}
}

// add records one batch the engine made, or why it could not.
func (q *QueuedMsg) add(eng *transfer.Engine, b transfer.Batch, err error) {
	if err != nil {
		q.Errs = append(q.Errs, err.Error())
		return
	}
	if b.ID != "" { // a copy whose objects were all left out queued none
		q.Batches = append(q.Batches, b.ID)
	}
	q.Bytes += b.Bytes
	q.Skipped = append(q.Skipped, b.Skipped...)
	for _, id := range b.Jobs {
		if s, ok := eng.Job(id); ok {
			q.Jobs = append(q.Jobs, s)
		}
	}
}

// handleQueued takes in the queued jobs and says what happened.
func (m *Model) handleQueued(q QueuedMsg) tea.Cmd {
	if !q.requeue {
		m.pending = max(0, m.pending-1)
	}
	for _, b := range q.Batches {
		m.groups[b] = q.Group
	}
	m.members[q.Group] = append(m.members[q.Group], q.Batches...)
	m.table.adopt(q.Jobs)
	if len(q.Jobs) > 0 {
		m.scroll.Cursor = m.table.index[q.Jobs[0].ID] // the copy just started is what matters now
	}
	m.clampCursor()
	if q.Move {
		m.noteMove(q)
	}
	switch {
	case m.isMoveReport(q):
		return m.reportMoves()
	case q.Move && len(q.CopyConflicts) > 0:
		return tea.Batch(queuedStatus(q), m.askMoveConflicts(q))
	case len(q.Conflicts) > 0:
		return tea.Batch(queuedStatus(q), m.askUploadConflicts(q.Group, q.Conflicts))
	case len(q.CopyConflicts) > 0:
		return tea.Batch(queuedStatus(q), m.askCopyConflicts(q))
	}
	return queuedStatus(q)
}

func queuedStatus(q QueuedMsg) tea.Cmd {
	var parts []string
	level := common.LevelSuccess
	if n := len(q.Jobs); n > 0 {
		parts = append(parts, fmt.Sprintf("queued %s (%s) to %s", units.Plural(n, moveVerb(q)),
			common.HumanSize(q.Bytes), common.Sanitize(q.Dest)))
	} else if len(q.Errs) == 0 && len(q.Skipped) == 0 && len(q.Conflicts)+len(q.CopyConflicts) == 0 {
		parts = append(parts, "nothing to "+q.Dir.String()+": the folders are empty")
		level = common.LevelInfo
	}
	if n := len(q.Conflicts) + len(q.CopyConflicts); n > 0 {
		parts = append(parts, fmt.Sprintf("%s already there (asking)", units.Plural(n, "object")))
	}
	if n := len(q.Skipped); n > 0 {
		s := q.Skipped[0]
		parts = append(parts, fmt.Sprintf("%s %d (%s: %s%s)", leftOutText(q), n, common.Sanitize(s.Path), s.Reason, more(n)))
		level = common.LevelWarn
	}
	if n := len(q.Errs); n > 0 {
		parts = append(parts, q.Errs[0]+more(n))
		level = common.LevelError
	}
	return statusFor(level, strings.Join(parts, " · "), longStatus)
}

func more(n int) string {
	if n > 1 {
		return fmt.Sprintf(", and %d more", n-1)
	}
	return ""
}

// groupOf is every batch of the copy batch b came from.
func (m *Model) groupOf(b transfer.BatchID) []transfer.BatchID {
	if g, ok := m.groups[b]; ok {
		return m.members[g]
	}
	return []transfer.BatchID{b}
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
