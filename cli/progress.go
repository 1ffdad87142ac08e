package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/progress"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/internal/safetext"
	"github.com/ferry-s3/ferry/internal/units"
)

// barReporter draws a progress bar per running file and a totals line
// (on the raw terminal, as it draws with escape sequences: the text it
// shows passes safetext.Text)
// under the finished items, with a Bubble Tea program that keeps to the
// bottom of the terminal (no alternate screen). It never reads the
// keyboard: Ctrl-C reaches ferry as a signal and cancels the command.
type barReporter struct {
	p    *tea.Program
	done chan struct{}
}

func newBarReporter(w io.Writer) *barReporter {
	p := tea.NewProgram(newBarsModel(), tea.WithOutput(w), tea.WithInput(nil), tea.WithoutSignalHandler())
	r := &barReporter{p: p, done: make(chan struct{})}
	go func() {
		defer close(r.done)
		_, _ = p.Run()
	}()
	return r
}

func (r *barReporter) progress(active []activity, t tally) {
	r.p.Send(snapshotMsg{active: active, t: t})
}

func (r *barReporter) finished(it item, t tally) {
	r.p.Println(safetext.Text(line(it)))
	r.p.Send(snapshotMsg{t: t, keep: true, ended: it.id})
}

func (r *barReporter) close() {
	r.p.Send(stopMsg{})
	<-r.done
}

// snapshotMsg carries the running items and totals; keep leaves the
// running items as they were but for ended, the item that just finished.
type snapshotMsg struct {
	active []activity
	t      tally
	keep   bool
	ended  string
}

type stopMsg struct{}

// maxBars is how many running files get a bar; the rest are counted.
const maxBars = 8

// barsModel is the progress display.
type barsModel struct {
	width   int
	active  []activity
	t       tally
	bar     progress.Model
	stopped bool
}

func newBarsModel() barsModel {
	return barsModel{width: 80, bar: progress.New(progress.WithDefaultBlend())}
}

func (m barsModel) Init() tea.Cmd { return nil }

func (m barsModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width = max(msg.Width, 40)
	case snapshotMsg:
		if !msg.keep {
			m.active = msg.active
		}
		m.active = slices.DeleteFunc(slices.Clone(m.active), func(a activity) bool { return a.ID == msg.ended })
		m.t = msg.t
	case stopMsg:
		m.stopped = true
		return m, tea.Quit
	}
	return m, nil
}

func (m barsModel) View() tea.View {
	if m.stopped {
		return tea.NewView("")
	}
	var b strings.Builder
	for i, a := range m.active {
		if i == maxBars {
			fmt.Fprintf(&b, "  … and %d more\n", len(m.active)-maxBars)
			break
		}
		b.WriteString(m.fileLine(a) + "\n")
	}
	b.WriteString(m.totalsLine())
	return tea.NewView(b.String())
}

// fileLine is "name  [bar] 42%  12.0 MiB/64.0 MiB  9.8 MiB/s".
func (m barsModel) fileLine(a activity) string {
	stats := fmt.Sprintf("  %s/%s", units.Bytes(a.Done), units.Bytes(a.Total))
	if a.Rate > 0 {
		stats += fmt.Sprintf("  %s/s", units.Bytes(int64(a.Rate)))
	}
	nameW := max(12, m.width/3)
	barW := m.width - nameW - ansi.StringWidth(stats) - 2
	name := fit(safetext.Text(a.Name), nameW)
	if barW < 10 {
		return name + stats
	}
	bar := m.bar
	bar.SetWidth(barW)
	return name + " " + bar.ViewAs(fraction(a.Done, a.Total)) + stats
}

// totalsLine is "312/1000 files  20.1 MiB/62.5 MiB  12.3 MiB/s  ETA 3s".
func (m barsModel) totalsLine() string {
	t := m.t
	s := fmt.Sprintf("%d/%d files  %s/%s", t.Finished, t.Items, units.Bytes(t.BytesDone), units.Bytes(t.Bytes))
	if t.Rate > 0 {
		s += fmt.Sprintf("  %s/s", units.Bytes(int64(t.Rate)))
		if left := t.Bytes - t.BytesDone; left > 0 {
			s += "  ETA " + time.Duration(float64(left)/t.Rate*float64(time.Second)).Round(time.Second).String()
		}
	}
	if !t.Started.IsZero() {
		s += "  " + seconds(time.Since(t.Started))
	}
	if t.Skipped > 0 {
		s += fmt.Sprintf("  %d skipped", t.Skipped)
	}
	if t.Failed > 0 {
		s += fmt.Sprintf("  %d failed", t.Failed)
	}
	return fit(s, m.width)
}

func fraction(done, total int64) float64 {
	if total <= 0 {
		return 0
	}
	return min(1, float64(done)/float64(total))
}

// fit pads or cuts s (keeping its end, where a file name is) to w columns.
func fit(s string, w int) string {
	n := ansi.StringWidth(s)
	if n <= w {
		return s + strings.Repeat(" ", w-n)
	}
	return "…" + ansi.TruncateLeft(s, n-w+1, "")
}
