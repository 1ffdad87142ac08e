package pane

import (
	"charm.land/lipgloss/v2"

	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
)

// row draws visible entry i: mark, name, size, time.
func (m *Model) row(i int, c columns) string {
	e := m.list.at(i)
	marked := m.marks.has(e.Key)
	mark, name, size, when := m.cells(e, marked, c)
	verdict, vst := m.verdictCell(e, c.cmp)
	cmp := ""
	if c.cmp > 0 {
		cmp = " " + common.Fit(verdict, c.cmp)
	}
	if i == m.scroll.Cursor {
		if m.ctx.Styles.NoColor && mark == "  " {
			mark = cursorGlyph
		}
		st := m.ctx.Styles.CursorBlurred
		if m.focused {
			st = m.ctx.Styles.Cursor
		}
		if marked {
			st = st.Foreground(m.ctx.Styles.Marked.GetForeground())
		}
		return st.Render(mark + name + size + when + cmp)
	}
	st := m.ctx.Styles
	meta := st.Meta
	if cmp != "" {
		cmp = vst.Render(cmp)
	}
	if marked {
		return st.Marked.Render(mark+name) + meta.Render(size+when) + cmp
	}
	return mark + m.nameStyle(e).Render(name) + meta.Render(size+when) + cmp
}

// cells are the plain-text columns of a row, each at its exact width.
func (m *Model) cells(e *source.Entry, marked bool, c columns) (mark, name, size, when string) {
	mark = "  "
	switch {
	case marked:
		mark = markGlyph
	case e.Deleted:
		mark = deletedGlyph
	}
	label := common.Sanitize(e.Name)
	switch {
	case e.IsDir:
		label += "/"
	case e.Link:
		label += "@"
	}
	name = common.FitName(label, c.name)
	if c.size > 0 {
		s := ""
		switch {
		case e.Deleted && !e.IsDir:
			s = "deleted"
		case !e.IsDir:
			s = common.HumanSize(e.Size)
		}
		size = " " + common.PadLeft(s, c.size)
	}
	if c.time > 0 {
		when = " " + common.Fit(common.FormatTime(e.Modified, m.ctx.TimeZone), c.time)
	}
	return mark, name, size, when
}

func (m *Model) nameStyle(e *source.Entry) lipgloss.Style {
	st := m.ctx.Styles
	switch {
	case e.Deleted:
		return st.Deleted
	case e.IsDir:
		return st.Dir
	case e.Link:
		return st.Link
	}
	return st.File
}
