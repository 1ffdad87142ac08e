package transfers

import (
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/s3ops/jobs"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
)

// Layout inside the border: a title line with the queue's totals, the
// job rows, then (when there is room) the selected job's batch totals
// and the selected job's details.
const (
	titleRows   = 1
	minNameCols = 20
	glyphCols   = 3 // " ↑ "
)

// MinHeight is the smallest outer height the pane draws in: border,
// title and one row.
const MinHeight = 2 + titleRows + 1

// columns are the widths of a row's columns (0 = hidden).
type columns struct{ name, bar, bytes, rate, eta, state int }

func spaced(w int) int {
	if w == 0 {
		return 0
	}
	return w + 1
}

func (c columns) fixed() int {
	return glyphCols + spaced(c.bar) + spaced(c.bytes) + spaced(c.rate) + spaced(c.eta) + spaced(c.state)
}

// layoutColumns fits the columns into width: the ETA, rate, byte counts
// and bar go (in that order) when the name would get too narrow; spare
// room widens the bar and the state (which carries failure reasons),
// and the rest goes to the name.
func layoutColumns(width int) columns {
	c := columns{bar: 12, bytes: 17, rate: 11, eta: 6, state: 14}
	for _, col := range []*int{&c.eta, &c.rate, &c.bytes, &c.bar} {
		if width-c.fixed() >= minNameCols {
			break
		}
		*col = 0
	}
	if width-c.fixed() < minNameCols {
		c.state = max(0, width-glyphCols-minNameCols-1)
	}
	extra := max(0, width-c.fixed()-minNameCols)
	if c.bar > 0 {
		grow := min(12, extra/4)
		c.bar += grow
		extra -= grow
	}
	c.state += min(30, extra/3)
	c.name = max(0, width-c.fixed())
	return c
}

func (m *Model) innerWidth() int { return max(0, m.width-2) }

func (m *Model) innerHeight() int { return max(0, m.height-2) }

// footerRows is how many lines the batch totals and details take.
func footerRows(inner int) int {
	switch {
	case inner >= 7:
		return 2
	case inner >= 4:
		return 1
	}
	return 0
}

// rowsHeight is the number of job rows on screen.
func (m *Model) rowsHeight() int {
	h := m.innerHeight()
	return max(0, h-titleRows-footerRows(h))
}

// View draws the pane at exactly its size; only the visible rows are
// drawn, however long the queue.
func (m *Model) View() string {
	w, h := m.innerWidth(), m.innerHeight()
	if w < 4 || h < titleRows+1 {
		return ""
	}
	st := m.styles()
	lines := make([]string, 0, h)
	lines = append(lines, m.titleLine(w))
	lines = append(lines, m.body(w, m.rowsHeight())...)
	lines = append(lines, m.footer(w, footerRows(h))...)
	frame := st.frame
	if m.focused {
		frame = st.frameFocused
	}
	return common.Box(lines, w, frame)
}

func (m *Model) styles() *styles {
	if m.st == nil || m.st.from != m.ctx.Styles {
		m.st = newStyles(m.ctx.Styles)
	}
	return m.st
}

// titleLine is "Transfers" and the queue's totals.
func (m *Model) titleLine(w int) string {
	st := m.styles()
	title := st.title
	if m.focused {
		title = st.titleFocused
	}
	name := "Transfers"
	summary := m.summaryText()
	if summary == "" {
		return title.Render(common.Fit(name, w))
	}
	room := max(0, w-len(name)-2)
	return title.Render(name) + "  " + st.meta.Render(common.Fit(summary, room))
}

// summaryText is the queue's totals: counts by state, then progress.
func (m *Model) summaryText() string {
	c := m.table.counts
	if c.Jobs == 0 {
		return ""
	}
	parts := countParts(c, true)
	if m.unsaved != "" {
		parts = append([]string{"queue not saved"}, parts...)
	}
	if c.Total > 0 {
		parts = append(parts, percent(fraction(c.Bytes, c.Total))+" of "+common.HumanSize(c.Total))
	}
	if r := rateText(c.Rate); r != "" {
		parts = append(parts, r)
	}
	return strings.Join(parts, " · ")
}

// countParts names the non-zero counts, most pressing first.
func countParts(c Counts, withFinished bool) []string {
	var parts []string
	add := func(n int, what string) {
		if n > 0 {
			parts = append(parts, units.Count(n)+" "+what)
		}
	}
	add(c.Running+c.Tasks, "running")
	add(c.Queued, "queued")
	add(c.Paused, "paused")
	add(c.Decide, "to decide")
	add(c.Failed, "failed")
	if withFinished {
		add(c.Done, "done")
		add(c.Skipped, "skipped")
		add(c.Cancelled, "cancelled")
	}
	return parts
}

// body is the visible rows, or a hint when the queue is empty.
func (m *Model) body(w, rows int) []string {
	lines := make([]string, 0, rows)
	if len(m.table.jobs) == 0 {
		for _, hint := range m.emptyHints() {
			lines = append(lines, m.styles().empty.Render(common.Fit("  "+hint, w)))
		}
	} else {
		c := layoutColumns(w)
		start, end := m.scroll.Visible(len(m.table.jobs), rows)
		for i := start; i < end; i++ {
			lines = append(lines, m.row(i, c))
		}
	}
	return common.PadRows(lines, rows, w)
}

func (m *Model) emptyHints() []string {
	k := m.ctx.Keys.Transfers
	return []string{
		"No transfers. Mark files and press " + k.Copy.Help().Key + " to copy them to the other pane,",
		"or drop files on the window to upload them to the S3 pane's folder.",
	}
}

// row draws job i. The cursor row is drawn plain in the cursor style
// (inner colours would break its background).
func (m *Model) row(i int, c columns) string {
	st := m.styles()
	s := m.table.jobs[i]
	cursor := i == m.scroll.Cursor
	cell := func(text string, style func(string) string) string {
		if cursor {
			return text
		}
		return style(text)
	}
	meta := func(t string) string { return st.meta.Render(t) }
	var b strings.Builder
	b.WriteString(cell(" "+glyphOf(s)+" ", func(t string) string { return st.state[transfer.Running].Render(t) }))
	b.WriteString(common.FitLeft(displayName(s), c.name))
	if c.bar > 0 {
		bar := st.barView(s.State, jobFraction(s), c.bar)
		if cursor {
			bar = ansi.Strip(bar)
		}
		b.WriteString(" " + bar)
	}
	if c.bytes > 0 {
		b.WriteString(" " + cell(common.PadLeft(s.Progress.Text(s.State), c.bytes), meta))
	}
	width := c.fixed() + c.name
	rate, eta, stateW := m.rateOf(s), m.etaOf(s), c.state
	// The state (an error's cause, above all) takes the width of the
	// rate and ETA cells when they are blank.
	if eta == "" && c.eta > 0 && c.state > 0 {
		stateW, c.eta = stateW+c.eta+1, 0
		if rate == "" && c.rate > 0 {
			stateW, c.rate = stateW+c.rate+1, 0
		}
	}
	if c.rate > 0 {
		b.WriteString(" " + cell(common.PadLeft(rate, c.rate), meta))
	}
	if c.eta > 0 {
		b.WriteString(" " + cell(common.PadLeft(eta, c.eta), meta))
	}
	if stateW > 0 {
		b.WriteString(" " + cell(common.Fit(stateText(s), stateW), m.stateStyle(s)))
	}
	line := common.Fit(b.String(), width)
	if cursor {
		if m.focused {
			return st.cursor.Render(ansi.Strip(line))
		}
		return st.cursorBlur.Render(ansi.Strip(line))
	}
	return line
}

// rateOf is the rate column: the rate, or what stands in for one while
// nothing moves (a stall, the wait before a retry).
func (m *Model) rateOf(j jobs.Job) string {
	s := j.Transfer
	switch {
	case j.State != transfer.Running || s == nil:
		return ""
	case s.Stalled > 0:
		return "stalled " + etaText(s.Stalled)
	case s.Retrying != "" && !s.RetryAt.IsZero():
		return "retry " + etaText(max(0, s.RetryAt.Sub(m.ctx.Clock.Now())).Round(time.Second))
	}
	return rateText(s.Rate)
}

func (m *Model) etaOf(j jobs.Job) string {
	if j.State != transfer.Running || j.Transfer == nil {
		return ""
	}
	return etaText(j.Transfer.ETA)
}

func (m *Model) stateStyle(j jobs.Job) func(string) string {
	st := m.styles()
	style := st.state[j.State]
	if j.State == transfer.Running && j.Transfer != nil && j.Transfer.Retrying != "" {
		style = st.retrying
	}
	return func(t string) string { return style.Render(t) }
}

// footer is the selected job's batch totals and its details.
func (m *Model) footer(w, n int) []string {
	if n == 0 {
		return nil
	}
	st := m.styles()
	s, ok := m.Selected()
	if !ok {
		lines := []string{st.hint.Render(common.Fit("  "+m.keysHint(), w))}
		for len(lines) < n {
			lines = append([]string{strings.Repeat(" ", w)}, lines...)
		}
		return lines
	}
	label := " copy: "
	if s.Transfer != nil && s.Transfer.Move {
		label = " move: "
	}
	lines := []string{st.meta.Render(common.Fit(label+m.batchText(s), w))}
	if n > 1 {
		lines = append(lines, m.detailLine(s, w))
	}
	return lines
}

func (m *Model) keysHint() string {
	k := m.ctx.Keys.Transfers
	return k.Copy.Help().Key + " copies · " + k.Toggle.Help().Key + " hides this pane"
}

// batchText sums up the selected job's batch (a task's progress).
func (m *Model) batchText(j jobs.Job) string {
	if j.Transfer == nil {
		return j.Progress.Text(j.State)
	}
	b, rate, eta := m.copyTotals(j.Transfer.Batch)
	if b.Jobs == 0 {
		return ""
	}
	parts := []string{units.Count(b.Finished) + " of " + units.Plural(b.Jobs, "file") + " done"}
	parts = append(parts, common.HumanSize(b.Bytes)+" of "+common.HumanSize(b.Total))
	if b.Running > 0 && rate >= 1 {
		parts = append(parts, rateText(rate))
		if e := etaText(eta); e != "" {
			parts = append(parts, e+" left")
		}
	}
	if b.Failed > 0 {
		parts = append(parts, units.Count(b.Failed)+" failed")
	}
	if b.Decide > 0 {
		parts = append(parts, units.Count(b.Decide)+" to decide")
	}
	return strings.Join(parts, " · ")
}

// copyTotals sums up the copy batch came from: the engine makes a batch
// per source, a user's copy of two files is one copy. The ETA is the
// rest over the summed rate (-1 when unknown).
func (m *Model) copyTotals(batch transfer.BatchID) (BatchTotals, float64, time.Duration) {
	var sum BatchTotals
	var rate float64
	for _, id := range m.groupOf(batch) {
		b := m.table.batches[id]
		if b == nil {
			continue
		}
		sum.Jobs, sum.Finished, sum.Failed = sum.Jobs+b.Jobs, sum.Finished+b.Finished, sum.Failed+b.Failed
		sum.Decide, sum.Running = sum.Decide+b.Decide, sum.Running+b.Running
		sum.Bytes, sum.Total = sum.Bytes+b.Bytes, sum.Total+b.Total
		if b.Running > 0 {
			rate += m.table.rates[id].rate
		}
	}
	eta := time.Duration(-1)
	if rate >= 1 {
		eta = time.Duration(float64(sum.Total-sum.Bytes) / rate * float64(time.Second))
	}
	return sum, rate, eta
}

// detailLine says where the selected job goes, or what is wrong with it.
func (m *Model) detailLine(j jobs.Job, w int) string {
	st := m.styles()
	switch {
	case j.State == transfer.NeedsDecision:
		text := oneLine(j.Conflict) + " — " + m.ctx.Keys.Transfers.Open.Help().Key + " decides"
		return st.state[transfer.NeedsDecision].Render(common.Fit(" "+text, w))
	case j.State == transfer.Failed && j.Err != "":
		return st.state[transfer.Failed].Render(common.Fit(" "+oneLine(j.Err), w))
	case j.Transfer != nil && j.Transfer.Retrying != "":
		return st.retrying.Render(common.Fit(" "+oneLine(j.Transfer.Retrying), w))
	}
	return st.hint.Render(" " + common.FitLeft(routeText(j), w-1))
}

// routeText is "from → to" of a job (what a task does).
func routeText(j jobs.Job) string {
	s := j.Transfer
	switch {
	case s == nil:
		return common.Sanitize(j.Route)
	case s.Dir == transfer.Download:
		return common.Sanitize(s.Remote.String() + " → " + s.Local)
	case s.Dir == transfer.Copy:
		return common.Sanitize(source.ConnName(s.FromConn) + " · " + s.From.String() + " → " + s.Remote.String())
	}
	return common.Sanitize(s.Local + " → " + s.Remote.String())
}
