package peek

import (
	"fmt"
	"strings"

	"github.com/ferry-s3/ferry/ui/common"
)

// headerRows are the name and the summary line above the content.
const headerRows = 2

// View draws the column at exactly its size: the entry's name, what it
// is, and the content (scrolled), in a box like the panes'.
func (c *Column) View() string {
	w := c.innerWidth()
	if !c.visible || w < 4 || c.height < 2+headerRows+1 {
		return ""
	}
	st := c.ctx.Styles
	lines := []string{st.Location.Render(common.FitName(c.title(), w)), st.Meta.Render(common.Fit(c.summary(), w))}
	body := strings.Split(c.vp.View(), "\n")
	rows := c.height - 2 - headerRows
	switch {
	case c.err != nil:
		body = c.errorLines(w)
	case c.busy && c.content.summary == "":
		body = []string{st.Loading.Render("loading…")}
	}
	for i := range rows {
		l := ""
		if i < len(body) {
			l = body[i]
		}
		lines = append(lines, common.Fit(l, w))
	}
	return common.Box(lines, w, st.PaneFrame)
}

func (c *Column) title() string {
	if !c.want.ok {
		return "Preview"
	}
	return "Preview: " + common.Sanitize(c.want.entry.Name)
}

func (c *Column) summary() string {
	switch {
	case c.want.id != c.shown.id || c.busy:
		return "…"
	case c.err != nil:
		return "could not preview"
	}
	s := c.content.summary
	if n := c.vp.TotalLineCount(); n > c.vp.Height() && c.vp.Height() > 0 {
		s += " · " + percentText(c.vp.ScrollPercent())
	}
	return s
}

func percentText(f float64) string { return fmt.Sprintf("%d%%", int(f*100)) }

func (c *Column) errorLines(w int) []string {
	return common.Wrapped(c.err.Error(), w, c.ctx.Styles.Error.Render)
}
