package transfers

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
)

// queueStreamed queues p's entries as copies streamed from the source
// connection into this engine's store. Objects already at their
// destinations are dealt with by the conflict setting; under "ask" they
// wait in q.CopyConflicts for the question that follows.
func queueStreamed(ctx context.Context, eng *transfer.Engine, p Plan, q *QueuedMsg) {
	q.CopyFrom, q.CopyInto = p.SrcConn, p.Dest.Key
	for _, e := range p.Entries {
		bs, asks, err := eng.CopyInto(ctx, p.SrcConn, p.remote(e), p.Dest, transfer.PolicyDefault)
		q.addAll(eng, bs, err)
		q.CopyConflicts = append(q.CopyConflicts, asks...)
	}
}

// askCopyConflicts asks about the streamed copies whose objects exist.
func (m *Model) askCopyConflicts(q QueuedMsg) tea.Cmd {
	dests := make([]s3ops.Location, len(q.CopyConflicts))
	for i, c := range q.CopyConflicts {
		dests[i] = c.Dst
	}
	return m.askConflicts(dests, "the copy", m.queueCopyConflicts(q, transfer.Overwrite),
		m.queueCopyConflicts(q, transfer.KeepBoth))
}

// queueCopyConflicts copies what was in the way as the user answered:
// over the existing objects, or beside them under free names. They join
// the copy they came from.
func (m *Model) queueCopyConflicts(q QueuedMsg, policy transfer.Policy) tea.Cmd {
	eng, ctx := m.EngineFor(q.Conn), m.ctx.Base
	if eng == nil {
		return nil
	}
	pairs := q.CopyConflicts
	return func() tea.Msg {
		r := QueuedMsg{Group: q.Group, Conn: q.Conn, Dir: transfer.Copy, Dest: q.Dest, Move: q.Move, requeue: true}
		b, err := eng.CopyPairs(ctx, q.CopyFrom, pairs, q.CopyInto, policy)
		r.add(eng, b, err)
		return r
	}
}
