package connpick

import (
	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/ui/common"
)

// Column widths of the list (the endpoint takes what is left).
const (
	nameCols  = 14
	credsCols = 44
)

func (d *Dialog) title() string {
	side := "left"
	if d.pane == 1 {
		side = "right"
	}
	return "Connection for the " + side + " pane"
}

// inner is the dialog's text width.
func (d *Dialog) inner() int {
	return max(20, min(d.width-4, 100))
}

// View draws the title, the connections (scrolled to the cursor) and
// what the keys do.
func (d *Dialog) View() string {
	w := d.inner()
	nw, cw, ew := d.cols(w)
	header := "  " + common.Fit("Name", nw) + " " + common.Fit("Endpoint", ew) + " " + common.Fit("Credentials", cw)
	return common.ListDialog(d.ctx.Styles, w, d.height, d.title(), header, func(n int) []string { return d.rows(w, n) }, d.footer(w))
}

// cols are the name, credentials and endpoint widths for text width w:
// a narrow dialog narrows the names too, and the endpoint gets what the
// credentials can spare.
func (d *Dialog) cols(w int) (name, creds, endpoint int) {
	name = min(nameCols, max(6, w/5))
	rest := max(2, w-2-name-2)
	creds = min(credsCols, rest*3/5)
	return name, creds, max(1, rest-creds)
}

func (d *Dialog) rows(w, n int) []string {
	st := d.ctx.Styles
	switch {
	case !d.loaded:
		return []string{st.Loading.Render("  reading the connections…")}
	case d.err != "":
		return []string{st.Error.Render(common.Fit("  "+common.Sanitize(d.err), w))}
	}
	d.offset = max(0, max(min(d.offset, d.cursor), d.cursor-n+1))
	nw, cw, ew := d.cols(w)
	now := d.ctx.Clock.Now()
	var out []string
	for i := d.offset; i < min(len(d.entries), d.offset+n); i++ {
		e := d.entries[i]
		mark := "  "
		if i == d.cursor {
			mark = "› "
		}
		c, checked := d.creds[e.Name]
		creds, bad := credText(c, checked, now)
		credCell := common.Fit(common.Sanitize(creds), cw)
		if bad && i != d.cursor {
			credCell = st.DialogWarn.Render(credCell)
		}
		line := mark + common.Fit(common.Sanitize(entryName(e)), nw) + " " +
			common.FitLeft(common.Sanitize(endpointText(e)), ew) + " " + credCell
		if i == d.cursor {
			line = st.Cursor.Render(common.Fit(line, w))
		}
		out = append(out, line)
	}
	return out
}

// endpointText is where a connection goes: its endpoint, or AWS (and
// the region) when it sets none.
func endpointText(e Entry) string {
	switch {
	case e.Demo:
		return "embedded gateway, started when chosen"
	case e.Endpoint != "":
		return e.Endpoint
	case e.Region != "":
		return "AWS · " + e.Region
	}
	return "AWS"
}

// footer says where the entry under the cursor is defined, and the keys.
func (d *Dialog) footer(w int) []string {
	st := d.ctx.Styles
	out := []string{""}
	if d.cursor < len(d.entries) {
		e := d.entries[d.cursor]
		from := e.From
		if e.Name == "" {
			from = "the flags and the environment ferry started with"
		}
		if c, ok := d.creds[e.Name]; ok && !c.OK {
			out = append(out, common.Wrapped(common.Sanitize(entryName(e)+": "+c.Problem), w, st.DialogWarn.Render)...)
		}
		out = append(out, st.Hint.Render(common.Fit("defined in "+common.Sanitize(from), w)))
	}
	keys := d.ctx.Keys.Dialog
	hint := keys.Select.Help().Key + " open its buckets in this pane · " + keys.Cancel.Help().Key + " close"
	return append(out, st.Hint.Render(ansi.Truncate(hint, w, "…")))
}
