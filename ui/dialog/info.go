package dialog

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
)

// maxLabel caps the label column of the info dialog.
const maxLabel = 22

// Info shows the details of one entry (HeadObject or a local stat) as
// labelled lines, scrolling when they do not fit.
type Info struct {
	ctx     *common.Context
	details source.Details
	width   int
	height  int
	offset  int
}

// NewInfo returns an info dialog for d.
func NewInfo(ctx *common.Context, d source.Details) *Info {
	return &Info{ctx: ctx, details: d}
}

// SetSize sets the space the dialog may use.
func (d *Info) SetSize(w, h int) { d.width, d.height = w, h; d.clamp() }

// Update scrolls and closes.
func (d *Info) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	keys := d.ctx.Keys.Dialog
	switch {
	case key.Matches(k, keys.Cancel, keys.Select):
		return common.CloseDialogOf(d)
	case key.Matches(k, keys.Up):
		d.offset--
	case key.Matches(k, keys.Down):
		d.offset++
	}
	d.clamp()
	return nil
}

func (d *Info) clamp() {
	d.offset = max(0, min(d.offset, len(d.lines())-d.bodyHeight()))
}

// bodyHeight is how many detail lines fit: the box has a border (2),
// title and gap (2), and a footer with its gap (2).
func (d *Info) bodyHeight() int { return max(1, d.height-6) }

func (d *Info) boxWidth() int { return max(20, min(d.width, 100)) }

// lines are the labelled fields, values wrapped under themselves.
func (d *Info) lines() []string {
	st := d.ctx.Styles
	labelW := 0
	for _, f := range d.details.Fields {
		labelW = max(labelW, ansi.StringWidth(f.Label))
	}
	labelW = min(labelW, maxLabel)
	valueW := max(10, d.boxWidth()-4-labelW-2)
	var out []string
	for _, f := range d.details.Fields {
		value := ansi.Hardwrap(common.Sanitize(f.Value), valueW, true)
		for i, part := range strings.Split(value, "\n") {
			label := ""
			if i == 0 {
				label = f.Label
			}
			out = append(out, st.DialogLabel.Render(common.Fit(common.Sanitize(label), labelW))+"  "+st.DialogValue.Render(part))
		}
	}
	return out
}

// View draws the dialog box.
func (d *Info) View() string {
	all := d.lines()
	body := all[d.offset:min(len(all), d.offset+d.bodyHeight())]
	footer := d.ctx.Styles.Hint.Render("esc closes")
	if len(all) > len(body) {
		footer = d.ctx.Styles.Hint.Render(fmt.Sprintf("%d–%d of %d · ↑/↓ scroll · esc closes",
			d.offset+1, d.offset+len(body), len(all)))
	}
	w := contentWidth(append(body, footer, d.details.Title), d.boxWidth()-4) + 4
	return frame(d.ctx.Styles, "Info: "+d.details.Title, body, footer, w)
}

// ShortHelp lists the dialog's keys.
func (d *Info) ShortHelp() []key.Binding {
	k := d.ctx.Keys.Dialog
	return []key.Binding{k.Up, k.Down, k.Cancel}
}

// FullHelp lists the dialog's keys.
func (d *Info) FullHelp() [][]key.Binding { return [][]key.Binding{d.ShortHelp()} }
