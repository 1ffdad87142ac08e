package incomplete

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/common"
)

// Column widths of the list.
const (
	timeCols  = len(common.TimeLayout)
	partsCols = 5
	sizeCols  = 9
	stateCols = 9
)

// fixedCols is the width of a row before the key.
const fixedCols = 2 + timeCols + 1 + partsCols + 1 + sizeCols + 1 + stateCols + 1

func (d *Dialog) title() string {
	return "Incomplete uploads in " + common.Sanitize(d.loc.String())
}

// inner is the dialog's text width.
func (d *Dialog) inner() int {
	need := max(fixedCols+30, ansi.StringWidth(d.title()), 60)
	return max(20, min(d.width-4, 110, need))
}

// View draws the title, the uploads (scrolled to the cursor), the totals,
// the last outcome and the question or what the keys do.
func (d *Dialog) View() string {
	w := d.inner()
	header := "  " + common.Fit("Started", timeCols) + " " + common.PadLeft("Parts", partsCols) + " " +
		common.PadLeft("Stored", sizeCols) + " " + common.Fit("Ferry", stateCols) + " Key"
	return common.ListDialog(d.ctx.Styles, w, d.height, d.title(), header, func(n int) []string { return d.rows(w, n) }, d.footer(w))
}

func (d *Dialog) rows(w, n int) []string {
	st := d.ctx.Styles
	switch {
	case !d.loaded:
		return []string{st.Loading.Render("  listing incomplete uploads…")}
	case len(d.uploads) == 0 && d.err == "":
		return []string{st.Empty.Render("  none: nothing here is stored for an unfinished upload")}
	}
	d.offset = max(min(d.offset, d.cursor), d.cursor-n+1)
	now := d.ctx.Clock.Now()
	var out []string
	for i := d.offset; i < min(len(d.uploads), d.offset+n); i++ {
		u := d.uploads[i]
		mark := "  "
		if i == d.cursor {
			mark = "› "
		}
		name := common.FitLeft(common.Sanitize(strings.TrimPrefix(u.Key, d.loc.Key)), max(1, w-fixedCols))
		line := mark + common.Fit(common.FormatTime(u.Initiated, d.ctx.TimeZone), timeCols) + " " +
			common.PadLeft(fmt.Sprint(u.Parts), partsCols) + " " + common.PadLeft(common.HumanSize(u.Bytes), sizeCols) + " " +
			common.Fit(u.State(now), stateCols) + " " + name
		if i == d.cursor {
			line = st.Cursor.Render(common.Fit(line, w))
		}
		out = append(out, line)
	}
	return out
}

// footer is the totals, the outcome line and the question or the keys.
func (d *Dialog) footer(w int) []string {
	st := d.ctx.Styles
	out := []string{""}
	if d.loaded && len(d.uploads) > 0 {
		out = append(out, common.Wrapped(totals(d.uploads), w, st.Hint.Render)...)
	}
	switch {
	case d.busy != "":
		out = append(out, st.Loading.Render(d.busy))
	case d.err != "":
		out = append(out, common.Wrapped(d.err, w, st.Error.Render)...)
	case d.note != "":
		out = append(out, common.Wrapped(d.note, w, st.StatusGood.UnsetBackground().Render)...)
	}
	if d.asking != nil {
		dk := d.ctx.Keys.Dialog
		return append(append(out, common.Wrapped(d.question(), w, st.DialogWarn.Render)...),
			st.Hint.Render(dk.Confirm.Help().Key+" abort · "+dk.Cancel.Help().Key+" keep"))
	}
	var parts []string
	for _, k := range d.ShortHelp()[2:] {
		parts = append(parts, k.Help().Key+" "+k.Help().Desc)
	}
	return append(out, common.Wrapped(strings.Join(parts, " · "), w, st.Hint.Render)...)
}

func totals(ups []transfer.Incomplete) string {
	var bytes int64
	for _, u := range ups {
		bytes += u.Bytes
	}
	s := fmt.Sprintf("%s, %s stored", units.Plural(len(ups), "upload"), units.Bytes(bytes))
	resumable := countResumable(ups)
	if resumable > 0 {
		s += fmt.Sprintf(" · %d resumable: copy the same file again to finish it", resumable)
	}
	return s
}

func countResumable(ups []transfer.Incomplete) int {
	n := 0
	for _, u := range ups {
		if u.Resumable() {
			n++
		}
	}
	return n
}

// question asks before aborting what d.asking holds.
func (d *Dialog) question() string {
	ups := d.asking
	var q string
	if len(ups) == 1 {
		u := ups[0]
		q = fmt.Sprintf("Abort the upload of %s started %s (%s, %s stored)? Its parts are deleted from the server.",
			common.Sanitize(u.Key), common.FormatTime(u.Initiated, d.ctx.TimeZone), units.Plural(u.Parts, "part"), units.Bytes(u.Bytes))
	} else {
		q = fmt.Sprintf("Abort all %s in %s (%s)? Their parts are deleted from the server.",
			units.Plural(len(ups), "incomplete upload"), common.Sanitize(d.loc.String()), strings.TrimPrefix(totals(ups), units.Plural(len(ups), "upload")+", "))
	}
	switch resumable := countResumable(ups); {
	case resumable == 0:
		return q
	case len(ups) == 1:
		return q + " Copying the same file again would still finish it."
	}
	return q + " Copying the same files again would still finish the resumable ones."
}

// ShortHelp lists the keys that work now.
func (d *Dialog) ShortHelp() []key.Binding {
	dk, ik := d.ctx.Keys.Dialog, d.ctx.Keys.Ops
	if d.asking != nil {
		return []key.Binding{dk.Confirm, dk.Cancel}
	}
	keys := []key.Binding{dk.Up, dk.Down}
	if len(d.uploads) > 0 {
		keys = append(keys, ik.IncompleteAbort, ik.IncompleteAbortAll)
	}
	return append(keys, ik.IncompleteRefresh, dk.Cancel)
}

// FullHelp lists the keys that work now.
func (d *Dialog) FullHelp() [][]key.Binding { return [][]key.Binding{d.ShortHelp()} }
