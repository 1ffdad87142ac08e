// Package peek is ferry's preview column: a third column beside the
// file panes showing the entry under the focused pane's cursor. Text is
// syntax-highlighted by file type (chroma), Markdown rendered (glamour),
// images described by format and dimensions, anything else shown as a
// hex dump of its first bytes. Local files and S3 objects are read the
// same way: the first 64 KiB, from S3 through a ranged presigned GET.
//
// Loading never blocks navigation and never queues stale work: a new
// cursor position cancels the load in flight (its context) and starts a
// new one only once the cursor has stayed put for Settle (checked on the
// root's heartbeat); a result that is not for the latest load (its seq)
// is dropped.
//
// It is called peek rather than preview so that, inside it, preview is
// package ferry/preview (content sniffing, hex dumps), which it uses.
package peek

import (
	"context"
	"strings"
	"time"

	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
)

// Settle is how long the cursor must stay on an entry before its preview
// loads.
const Settle = 120 * time.Millisecond

// loadTimeout bounds one preview load.
const loadTimeout = 30 * time.Second

// target is what the column is asked to show.
type target struct {
	id    string // the source and the entry's key: what identifies it
	src   source.Source
	entry source.Entry
	ok    bool // there is an entry (an empty folder has none)
}

func targetOf(src source.Source, e source.Entry, ok bool) target {
	if !ok || src == nil {
		return target{id: "none"}
	}
	return target{id: src.String() + "\x00" + e.Key, src: src, entry: e, ok: true}
}

// Msg is a preview result; the root hands it to Column.Update.
type Msg interface{ previewSeq() int }

// loadedMsg carries a fetched and rendered preview.
type loadedMsg struct {
	seq int
	r   rendered
	raw *fetched // kept to render again for another width
	err error
}

func (m loadedMsg) previewSeq() int { return m.seq }

// Column is the preview column. Create it with New; it is used by pointer.
type Column struct {
	ctx     *common.Context
	visible bool
	width   int
	height  int

	want   target    // what the cursor is on
	since  time.Time // when want last changed
	shown  target    // what the content is of
	seq    int       // the latest load; results of others are dropped
	cancel context.CancelFunc
	busy   bool // a load is in flight

	raw     *fetched
	content rendered
	err     error
	vp      viewport.Model
	loads   int  // loads started (for tests: a fast cursor loads once)
	wrap    bool // long lines wrap (else they are cut, with a "…")
}

// New returns a hidden preview column.
func New(ctx *common.Context) *Column {
	return &Column{ctx: ctx, vp: viewport.New(), want: target{id: "none"}, shown: target{id: "none"}}
}

// Visible reports whether the column is on.
func (c *Column) Visible() bool { return c.visible }

// Toggle shows or hides the column; hiding it stops any load.
func (c *Column) Toggle() {
	c.visible = !c.visible
	if !c.visible {
		c.stop()
		c.shown = target{id: "none"}
	}
}

// Loads is how many loads have started.
func (c *Column) Loads() int { return c.loads }

// Busy reports whether the column waits for the cursor to settle or for
// a load (the root keeps its heartbeat running meanwhile).
func (c *Column) Busy() bool { return c.visible && (c.busy || c.want.id != c.shown.id) }

// Follow tells the column where the focused pane's cursor is. A move
// cancels the load in flight; the new one waits for the cursor to settle.
func (c *Column) Follow(src source.Source, e source.Entry, ok bool) {
	if !c.visible {
		return
	}
	t := targetOf(src, e, ok)
	if t.id == c.want.id {
		return
	}
	c.want, c.since = t, c.ctx.Clock.Now()
	if c.busy {
		c.stop()
	}
}

// stop cancels the load in flight; its result, which may still arrive
// (as "context canceled"), is dropped as stale.
func (c *Column) stop() {
	if c.cancel != nil {
		c.cancel()
		c.cancel = nil
	}
	c.busy = false
	c.seq++
}

// Due starts the load of the entry under the cursor once it has settled
// (or renders the shown one again for a new width); nil while there is
// nothing to do yet.
func (c *Column) Due() tea.Cmd {
	if !c.visible || c.busy || c.ctx.Clock.Now().Sub(c.since) < Settle {
		return nil
	}
	if c.want.id != c.shown.id {
		return c.load(c.want)
	}
	// Markdown is wrapped for the width; every colour is for the background.
	restyle := c.content.dark != c.ctx.Styles.Dark
	rewrap := c.content.width != c.innerWidth()
	if c.raw != nil && (restyle || rewrap) {
		return c.rerender()
	}
	if r, ok := describeWrapped(c.shown, c.ctx.Keys, c.innerWidth()); ok && rewrap && !c.busy {
		c.setContent(r) // a folder's note, wrapped for the new width
	}
	return nil
}

// load shows what can be said at once (folders, buckets) or fetches and
// renders the entry in a Cmd.
func (c *Column) load(t target) tea.Cmd {
	c.shown, c.err, c.raw = t, nil, nil
	if r, ok := describeWrapped(t, c.ctx.Keys, c.innerWidth()); ok {
		c.setContent(r)
		return nil
	}
	c.setContent(rendered{})
	c.seq++
	c.loads++
	ctx, cancel := context.WithTimeout(c.ctx.Base, loadTimeout)
	c.cancel, c.busy = cancel, true
	seq, width, dark := c.seq, c.innerWidth(), c.ctx.Styles.Dark
	return func() tea.Msg {
		defer cancel()
		f, err := fetch(ctx, t.src, t.entry)
		if err != nil {
			return loadedMsg{seq: seq, err: err}
		}
		return loadedMsg{seq: seq, r: render(f.head, f.name, width, dark), raw: &f}
	}
}

func (c *Column) rerender() tea.Cmd {
	c.seq++
	c.busy = true
	seq, width, dark, f := c.seq, c.innerWidth(), c.ctx.Styles.Dark, *c.raw
	return func() tea.Msg {
		return loadedMsg{seq: seq, r: render(f.head, f.name, width, dark), raw: &f}
	}
}

// Update takes a load's result; one that is not the latest is dropped.
func (c *Column) Update(msg Msg) tea.Cmd {
	l, ok := msg.(loadedMsg)
	if !ok || l.seq != c.seq {
		return nil
	}
	c.busy, c.cancel = false, nil
	if l.err != nil {
		c.err = l.err
		c.setContent(rendered{})
		return nil
	}
	c.raw = l.raw
	c.setContent(l.r)
	return nil
}

func (c *Column) setContent(r rendered) {
	offset := c.vp.YOffset()
	same := c.content.summary != "" && r.summary == c.content.summary
	c.content = r
	c.vp.SetContentLines(fitLines(r.lines, c.innerWidth(), c.wrap))
	if same {
		c.vp.SetYOffset(offset) // a new width: keep the place
	} else {
		c.vp.GotoTop()
	}
}

// fitLines are the lines as the column shows them in width columns:
// wrapped, or cut with a "…" where they are longer.
func fitLines(lines []string, width int, wrap bool) []string {
	if width < 4 {
		return lines
	}
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		switch {
		case ansi.StringWidth(l) <= width:
			out = append(out, l)
		case wrap:
			out = append(out, strings.Split(ansi.Wrap(l, width, " ,"), "\n")...)
		default:
			out = append(out, ansi.Truncate(l, width, common.Ellipsis))
		}
	}
	return out
}

// ToggleWrap wraps long lines, or cuts them again, keeping the place.
func (c *Column) ToggleWrap() {
	c.wrap = !c.wrap
	c.setContent(c.content)
}

// Wrapping reports whether long lines wrap.
func (c *Column) Wrapping() bool { return c.wrap }

// Scroll moves the content n lines (negative: up).
func (c *Column) Scroll(n int) {
	if n < 0 {
		c.vp.ScrollUp(-n)
	} else {
		c.vp.ScrollDown(n)
	}
}

// Offset is the first content line on show (0 at the top).
func (c *Column) Offset() int { return c.vp.YOffset() }

// SetSize sets the column's outer size (border included).
func (c *Column) SetSize(w, h int) {
	resized := w != c.width
	c.width, c.height = w, h
	c.vp.SetWidth(c.innerWidth())
	c.vp.SetHeight(max(0, h-2-headerRows))
	if resized && c.raw == nil && len(c.content.lines) > 0 {
		c.setContent(c.content) // cut or wrapped for the new width (a fetched one renders again)
	}
}

func (c *Column) innerWidth() int { return max(0, c.width-2) }
