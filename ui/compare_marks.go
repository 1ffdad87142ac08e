package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/foldercmp"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/syncplan"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/pane"
	"github.com/ferry-s3/ferry/ui/source"
)

// The compare view's marks, as the rows of pane side (LeftPane or
// RightPane) show them.
var (
	verdictSame     = pane.Verdict{Word: "= same", Glyph: "=", Kind: pane.VerdictSame}
	verdictOnlyHere = pane.Verdict{Word: "+ only here", Glyph: "+", Kind: pane.VerdictOnly}
	verdictSize     = pane.Verdict{Word: "≠ size", Glyph: "≠", Kind: pane.VerdictDiffers}
	verdictContent  = pane.Verdict{Word: "≠ content", Glyph: "≠", Kind: pane.VerdictDiffers}
	verdictUnsure   = pane.Verdict{Word: "? unknown", Glyph: "?", Kind: pane.VerdictUnsure}
	verdictInside   = pane.Verdict{Word: "≠ inside", Glyph: "≠", Kind: pane.VerdictDiffers}
)

// judge marks the rows of pane side by the comparison res: a file by
// its own answer, a folder by the files below it (only here when they
// all are, different inside when any is not the same).
func judge(res *foldercmp.Result, side int) pane.Judge {
	onlyHere := foldercmp.OnlyLeft
	if side == RightPane {
		onlyHere = foldercmp.OnlyRight
	}
	return func(e source.Entry) (pane.Verdict, bool) {
		if e.Deleted || e.Name == "" {
			return pane.Verdict{}, false
		}
		rel := strings.TrimSuffix(e.Name, "/")
		if e.IsDir {
			t, ok := res.Folder(rel)
			if !ok {
				return pane.Verdict{}, false
			}
			mine := t.OnlyLeft
			if side == RightPane {
				mine = t.OnlyRight
			}
			switch {
			case mine == t.Files():
				return verdictOnlyHere, true
			case t.Differences() > 0:
				return verdictInside, true
			}
			return verdictSame, true
		}
		f, ok := res.File(rel)
		switch {
		case !ok:
			return pane.Verdict{}, false
		case f.State == foldercmp.Same:
			return verdictSame, true
		case f.State == onlyHere:
			return verdictOnlyHere, true
		case f.State != foldercmp.Differs:
			return pane.Verdict{}, false // only in the other pane: this row is newer than the comparison
		case f.Why == syncplan.Size:
			return verdictSize, true
		case f.Why == syncplan.Content:
			return verdictContent, true
		}
		return verdictUnsure, true
	}
}

// copyDifferences asks to copy the differences one way; once the copy
// is under way the compare view closes (its marks would go stale).
func (m *Model) copyDifferences(d foldercmp.Direction) tea.Cmd {
	if m.cmp.res == nil {
		return common.Status(common.LevelInfo, "still comparing: the differences can be copied once it is done")
	}
	from, to := m.panes[LeftPane].Source(), m.panes[RightPane].Source()
	if d == foldercmp.RightToLeft {
		from, to = to, from
	}
	if cmd := refuseBetween(from, to); cmd != nil {
		return cmd
	}
	eng := m.Transfers()
	var then tea.Cmd = func() tea.Msg { return compareCopiedMsg{Seq: m.cmp.seq} }
	if eng == nil {
		return m.ops.mgr.CopyDifferences(m.cmp.res, d, nil, then)
	}
	res := m.cmp.res
	conn := s3Conn(from, to)
	if dst, ok := to.(source.S3); ok && source.Streamed(from, to) {
		conn = dst.Conn // the destination's engine streams the copies
	}
	return eng.WithEngine(conn, func(e *transfer.Engine) tea.Cmd {
		return m.ops.mgr.CopyDifferences(res, d, e, then)
	})
}

// compareCopiedMsg says the user confirmed copying the differences of
// comparison Seq.
type compareCopiedMsg struct{ Seq int }

func (m *Model) compareCopied(msg compareCopiedMsg) tea.Cmd {
	if msg.Seq != m.cmp.seq || !m.cmp.on {
		return nil
	}
	m.endCompare()
	return common.Status(common.LevelInfo, "copying the differences (see the transfers pane); "+
		m.ctx.Keys.Compare.Toggle.Help().Key+" compares again once they are done")
}
