package transfers

import (
	"context"
	"fmt"
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/common"
)

// A move between two connections is a streamed copy whose jobs delete
// their sources once complete (transfer.Engine.MoveTo): it queues and
// shows like a copy, asks about what exists the same way, and when every
// job of it has ended the status line says what moved and what was kept
// at the source, and why.

// MoveMsg queues a move the move dialog planned (the dialog was the
// question): Plan.Moves holds each entry's source and full destination.
type MoveMsg struct{ Plan Plan }

// moveKeptMsg says the user skipped n moves of group whose objects
// exist at the destination: their sources stay.
type moveKeptMsg struct{ group, n int }

func (MoveMsg) transfersMsg()     {}
func (moveKeptMsg) transfersMsg() {}

// moveTally is a move being carried out, until its final status line.
type moveTally struct {
	dest   string
	asking bool     // a conflict question is open
	kept   []string // sources kept before any job ran: "what (why)"
}

// queueMoves queues p's moves on eng, the destination's engine.
func queueMoves(ctx context.Context, eng *transfer.Engine, p Plan, q *QueuedMsg) {
	q.Move = true
	q.CopyFrom, q.CopyInto = p.SrcConn, p.Dest.Key
	for _, mv := range p.Moves {
		bs, asks, err := eng.MoveTo(ctx, p.SrcConn, mv.Src, mv.Dst, transfer.PolicyDefault)
		q.addAll(eng, bs, err)
		q.CopyConflicts = append(q.CopyConflicts, asks...)
	}
}

// noteMove records what a queued move left out, and whether it asks.
func (m *Model) noteMove(q QueuedMsg) {
	t := m.moves[q.Group]
	if t == nil {
		t = &moveTally{dest: q.Dest}
		m.moves[q.Group] = t
	}
	t.asking = len(q.CopyConflicts) > 0
	for _, s := range q.Skipped {
		why := s.Reason
		if s.Reason == transfer.ReasonExists {
			why = "already at the destination"
		}
		t.kept = append(t.kept, fmt.Sprintf("%s (%s)", common.Sanitize(s.Path), why))
	}
	for _, e := range q.Errs {
		t.kept = append(t.kept, e)
	}
}

// moveKept records skipped conflicts and reports the move if it is over.
func (m *Model) moveKept(msg moveKeptMsg) tea.Cmd {
	t := m.moves[msg.group]
	if t == nil {
		return nil
	}
	t.asking = false
	t.kept = append(t.kept, fmt.Sprintf("%s (already at the destination)", units.Plural(msg.n, "object")))
	return m.reportMoves()
}

// reportMoves gives the final status line of each move whose jobs have
// all ended.
func (m *Model) reportMoves() tea.Cmd {
	var cmds []tea.Cmd
	for g, t := range m.moves {
		if t.asking {
			continue
		}
		moved, kept, open := m.moveOutcome(g)
		if open > 0 {
			continue
		}
		delete(m.moves, g)
		cmds = append(cmds, moveStatus(t.dest, moved, append(t.kept, kept...)))
	}
	return tea.Batch(cmds...)
}

// moveOutcome counts the jobs of a move's group: moved (done), kept at
// the source with why, and not ended yet.
func (m *Model) moveOutcome(group int) (moved int, kept []string, open int) {
	batches := m.members[group]
	for _, j := range m.table.jobs {
		s := j.Transfer
		if s == nil || !slices.Contains(batches, s.Batch) {
			continue
		}
		switch s.State {
		case transfer.Done:
			moved++
		case transfer.Failed:
			kept = append(kept, fmt.Sprintf("%s (failed: %s)", baseName(j), rowCause(s.Err)))
		case transfer.Cancelled, transfer.Skipped:
			kept = append(kept, fmt.Sprintf("%s (%s)", baseName(j), s.State))
		default:
			open++
		}
	}
	return moved, kept, open
}

// moveStatus says what a move did: "moved 3 objects to lab · s3://b/",
// then what stayed at the source and why.
func moveStatus(dest string, moved int, kept []string) tea.Cmd {
	text := fmt.Sprintf("moved %s to %s", units.Plural(moved, "object"), common.Sanitize(dest))
	if len(kept) == 0 {
		return statusFor(common.LevelSuccess, text, longStatus)
	}
	if moved == 0 {
		text = "moved nothing to " + common.Sanitize(dest)
	}
	text += fmt.Sprintf(" · kept at the source: %s%s", kept[0], more(len(kept)))
	return statusFor(common.LevelWarn, text, longStatus)
}

// askMoveConflicts asks about the moves whose objects exist; skipping
// keeps their sources.
func (m *Model) askMoveConflicts(q QueuedMsg) tea.Cmd {
	dests := make([]s3ops.Location, len(q.CopyConflicts))
	for i, c := range q.CopyConflicts {
		dests[i] = c.Dst
	}
	group, n := q.Group, len(dests)
	skip := func() tea.Msg { return moveKeptMsg{group: group, n: n} }
	return m.askConflictsWith(dests, "the moved object", skip, m.queueCopyConflicts(q, transfer.Overwrite),
		m.queueCopyConflicts(q, transfer.KeepBoth))
}

// moveVerb is how the status line names a queued move's jobs.
func moveVerb(q QueuedMsg) string {
	if q.Move {
		return "move"
	}
	return q.Dir.String()
}

// leftOutText is how the status line says what a queue left out.
func leftOutText(q QueuedMsg) string {
	if q.Move {
		return "kept at the source"
	}
	return "left out"
}

// isMoveReport reports a queued move that is already over (everything
// left out or refused): its final status line is all there is to say.
func (m *Model) isMoveReport(q QueuedMsg) bool {
	if !q.Move || len(q.CopyConflicts) > 0 {
		return false
	}
	_, _, open := m.moveOutcome(q.Group)
	return open == 0
}
