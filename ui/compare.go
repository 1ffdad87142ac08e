package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/foldercmp"
	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
)

// The compare view: the compare key compares the two panes' folders
// (package foldercmp, in the background) and marks every row; the
// status bar counts what differs. It ends with the key again, esc, or
// when either pane leaves the folder compared.

// cmpState is the compare view's part of the root model.
type cmpState struct {
	on        bool
	seq       int // the comparison running or shown; late results of others are dropped
	cancel    context.CancelFunc
	prog      *foldercmp.Progress
	res       *foldercmp.Result // nil while comparing
	onlyDiffs bool
	locs      [2]string // the folders compared
}

// compareDoneMsg is the end of comparison Seq.
type compareDoneMsg struct {
	Seq int
	Res *foldercmp.Result
	Err error
}

// Comparing reports whether the compare view is on, and whether its
// comparison has finished.
func (m *Model) Comparing() (on, done bool) { return m.cmp.on, m.cmp.res != nil }

// handleCompareKey runs the compare keys in a file pane.
func (m *Model) handleCompareKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if m.tx.pane != nil && m.tx.pane.Focused() {
		return nil, false
	}
	k := m.ctx.Keys.Compare
	switch {
	case key.Matches(msg, k.Toggle):
		if m.cmp.on {
			m.endCompare()
			return common.Status(common.LevelInfo, "compare view closed"), true
		}
		return m.startCompare(), true
	case !m.cmp.on:
		return nil, false
	case key.Matches(msg, m.ctx.Keys.Filter.Cancel) && m.Focused().FilterText() == "":
		m.endCompare()
		return common.Status(common.LevelInfo, "compare view closed"), true
	case key.Matches(msg, k.OnlyDiffs):
		return m.toggleOnlyDiffs(), true
	case key.Matches(msg, k.CopyRight):
		return m.copyDifferences(foldercmp.LeftToRight), true
	case key.Matches(msg, k.CopyLeft):
		return m.copyDifferences(foldercmp.RightToLeft), true
	}
	return nil, false
}

// compareSide is what a pane shows, as a side of a comparison.
func compareSide(src source.Source) foldercmp.Side {
	switch s := src.(type) {
	case source.S3:
		return foldercmp.Side{Client: s.Client, Loc: s.Loc, Conn: s.Conn}
	case source.Local:
		return foldercmp.Side{Local: s.Dir}
	}
	return foldercmp.Side{}
}

// startCompare compares the panes' folders in the background.
func (m *Model) startCompare() tea.Cmd {
	left, right := compareSide(m.panes[LeftPane].Source()), compareSide(m.panes[RightPane].Source())
	switch {
	case !left.IsS3() && !right.IsS3():
		return common.Status(common.LevelWarn, "compare works between a local folder and S3, or two S3 folders: "+
			m.ctx.Keys.Ops.SwitchKind.Help().Key+" shows S3 in a pane")
	case left.IsS3() && left.Loc.Bucket == "" || right.IsS3() && right.Loc.Bucket == "":
		return common.Status(common.LevelWarn, "open a bucket (or a folder in one) in each S3 pane to compare")
	case left.String() == right.String():
		return common.Status(common.LevelWarn, "both panes show "+common.Sanitize(left.String())+": open another folder in one of them")
	}
	m.stopCompare()
	ctx, cancel := context.WithCancel(m.ctx.Base)
	m.cmp.seq++
	m.cmp.on, m.cmp.res, m.cmp.cancel, m.cmp.prog = true, nil, cancel, &foldercmp.Progress{}
	m.cmp.locs = [2]string{m.panes[LeftPane].Source().String(), m.panes[RightPane].Source().String()}
	seq, prog, o := m.cmp.seq, m.cmp.prog, m.compareOptions()
	return func() tea.Msg {
		res, err := foldercmp.Compare(ctx, left, right, o, prog)
		return compareDoneMsg{Seq: seq, Res: res, Err: err}
	}
}

// compareOptions take the transfer settings that matter to comparing:
// the part size of ferry's uploads, and whether links are followed.
func (m *Model) compareOptions() foldercmp.Options {
	if m.tx.pane == nil {
		return foldercmp.Options{}
	}
	o := m.tx.pane.Engine().Options()
	return foldercmp.Options{PartSize: o.PartSize, FollowSymlinks: o.FollowSymlinks}
}

// compareDone shows a finished comparison's marks.
func (m *Model) compareDone(msg compareDoneMsg) tea.Cmd {
	if msg.Seq != m.cmp.seq || !m.cmp.on {
		return nil // a comparison the user left
	}
	m.cmp.cancel()
	if msg.Err != nil {
		m.endCompare()
		if errors.Is(msg.Err, context.Canceled) {
			return nil
		}
		return common.Status(common.LevelError, "compare failed: "+msg.Err.Error())
	}
	m.cmp.res = msg.Res
	m.applyCompare()
	t := msg.Res.Total
	if t.Differences() == 0 {
		return common.Status(common.LevelSuccess, fmt.Sprintf("the folders hold the same %s", units.Plural(t.Same, "file")))
	}
	return common.Status(common.LevelInfo, fmt.Sprintf("%s differ: %s shows only them, %s / %s copy them",
		units.Plural(t.Differences(), "file"), m.ctx.Keys.Compare.OnlyDiffs.Help().Key,
		m.ctx.Keys.Compare.CopyRight.Help().Key, m.ctx.Keys.Compare.CopyLeft.Help().Key))
}

// applyCompare gives each pane its verdicts.
func (m *Model) applyCompare() {
	if m.cmp.res == nil {
		return
	}
	for i, p := range m.panes {
		p.SetCompare(judge(m.cmp.res, i), m.cmp.onlyDiffs)
	}
}

func (m *Model) toggleOnlyDiffs() tea.Cmd {
	m.cmp.onlyDiffs = !m.cmp.onlyDiffs
	m.applyCompare()
	if m.cmp.onlyDiffs {
		return common.Status(common.LevelInfo, "showing only the differences")
	}
	return common.Status(common.LevelInfo, "showing every row")
}

// stopCompare cancels a comparison still running.
func (m *Model) stopCompare() {
	if m.cmp.cancel != nil {
		m.cmp.cancel()
	}
}

// endCompare leaves the compare view.
func (m *Model) endCompare() {
	m.stopCompare()
	m.cmp.on, m.cmp.res, m.cmp.onlyDiffs = false, nil, false
	for _, p := range m.panes {
		if p.Comparing() {
			p.SetCompare(nil, false)
		}
	}
}

// followCompare ends the compare view when a pane has left the folder
// compared (its marks would be of another folder).
func (m *Model) followCompare() tea.Cmd {
	if !m.cmp.on {
		return nil
	}
	for i, p := range m.panes {
		if p.Source().String() != m.cmp.locs[i] {
			m.endCompare()
			return common.Status(common.LevelInfo, "compare view closed: the "+paneName(i)+" pane left the folder compared ("+
				m.ctx.Keys.Compare.Toggle.Help().Key+" compares again)")
		}
	}
	return nil
}

func paneName(i int) string {
	if i == LeftPane {
		return "left"
	}
	return "right"
}

// compareBusy keeps the heartbeat going while a comparison runs, so its
// progress is drawn.
func (m *Model) compareBusy() bool { return m.cmp.on && m.cmp.res == nil }

// compareInfo is the status bar's account of the compare view.
func (m *Model) compareInfo() string {
	if m.cmp.res == nil {
		p := m.cmp.prog
		if p.Listed() {
			return fmt.Sprintf("comparing contents of %s left, %s right…", units.Count(p.Left.Load()), units.Count(p.Right.Load()))
		}
		return fmt.Sprintf("comparing: listed %s left, %s right…", units.Count(p.Left.Load()), units.Count(p.Right.Load()))
	}
	t := m.cmp.res.Total
	parts := []string{fmt.Sprintf("≠ %s (%s)", units.Count(t.Differs), common.HumanSize(t.DiffersBytes))}
	if t.OnlyLeft > 0 { // none on a side says nothing the marks do not
		parts = append(parts, fmt.Sprintf("only left %s (%s)", units.Count(t.OnlyLeft), common.HumanSize(t.OnlyLeftBytes)))
	}
	if t.OnlyRight > 0 {
		parts = append(parts, fmt.Sprintf("only right %s (%s)", units.Count(t.OnlyRight), common.HumanSize(t.OnlyRightBytes)))
	}
	parts = append(parts, "= "+units.Count(t.Same))
	if n := len(m.cmp.res.Skipped); n > 0 {
		parts = append(parts, units.Count(n)+" left out")
	}
	if m.cmp.onlyDiffs {
		parts = append(parts, "only differences")
	}
	return strings.Join(parts, " · ")
}

// compareHelp is the compare keys for the help: toggle always, the
// others while the view is on.
func (m *Model) compareHelp() []key.Binding {
	k := m.ctx.Keys.Compare
	keys := []key.Binding{k.Toggle, k.OnlyDiffs, k.CopyRight, k.CopyLeft}
	if m.cmp.on {
		keys[0].SetHelp(k.Toggle.Help().Key, "end compare")
	}
	for i := 1; i < len(keys); i++ {
		keys[i].SetEnabled(keys[i].Enabled() && m.cmp.on)
	}
	return keys
}
