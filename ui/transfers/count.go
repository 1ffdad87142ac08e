package transfers

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/source"
)

// CountedMsg carries what a copy's folders hold to the question that
// asks about the copy, which states it on its first line.
type CountedMsg struct {
	q   *Question
	t   source.Tally
	dir transfer.Direction
}

// tallyLine is the question's first line: the count so far, styled.
func (m *Model) tallyLine(t source.Tally, dir transfer.Direction) string {
	noun := "file"
	if dir != transfer.Upload {
		noun = "object" // downloads and streamed copies count objects
	}
	return m.ctx.Styles.DialogValue.Render(t.Text(noun))
}

// countFor counts through the folders of a copy while q asks about it
// (nil when there are none); answering q stops the count.
func (m *Model) countFor(q *Question, from source.Source, entries []source.Entry, dir transfer.Direction) tea.Cmd {
	if source.Shallow(entries).Done {
		return nil
	}
	if from == nil {
		from = source.Local{} // dropped paths are absolute
	}
	ctx, cancel := context.WithCancel(m.ctx.Base)
	q.onClose = cancel
	eng := m.eng
	return func() tea.Msg {
		if dir == transfer.Upload && eng != nil {
			return CountedMsg{q: q, t: countUpload(ctx, eng, entries), dir: dir}
		}
		return CountedMsg{q: q, t: source.Count(ctx, from, entries), dir: dir}
	}
}

// countUpload counts local folders the way the engine will walk them for
// the upload (links followed or left out as configured), so the question
// states what will be sent rather than everything in the folders.
func countUpload(ctx context.Context, eng *transfer.Engine, entries []source.Entry) source.Tally {
	t := source.Shallow(entries)
	for _, e := range entries {
		if !e.IsDir {
			continue
		}
		c, err := eng.CountUpload(ctx, e.Key)
		t.Files, t.Bytes = t.Files+c.Files, t.Bytes+c.Bytes
		for _, s := range c.Skipped {
			t.AddSkipped(1, s.Reason)
		}
		if err != nil {
			t.Err = err
			break
		}
	}
	t.Done = true
	return t
}

// counted shows a count on its question (still open or not: a closed
// one is no longer drawn).
func (m *Model) counted(msg CountedMsg) {
	if len(msg.q.lines) > 0 {
		msg.q.lines[0] = m.tallyLine(msg.t, msg.dir)
	}
}
