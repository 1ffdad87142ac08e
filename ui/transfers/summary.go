package transfers

import (
	"fmt"
	"strings"

	"github.com/ferry-s3/ferry/internal/units"
)

// SlotName is the status-bar slot the transfers summary lives in.
const SlotName = "transfers"

// SlotText is the compact summary for the status bar, e.g.
// "⇅ 3 running · 1 failed · 42% · 12.3 MiB/s"; "" when the queue is empty.
func (m *Model) SlotText() string {
	c := m.table.counts
	if c.Jobs == 0 {
		return ""
	}
	parts := countParts(c, false)
	if len(parts) == 0 {
		parts = countParts(c, true) // everything finished: say how it went
	}
	if c.Active() > 0 && c.Total > 0 {
		parts = append(parts, percent(fraction(c.Bytes, c.Total)))
	}
	if r := rateText(c.Rate); r != "" {
		parts = append(parts, r)
	}
	return "⇅ " + strings.Join(parts, " · ")
}

// QuitQuestion is what to ask before quitting with jobs running or
// queued, or a copy still being prepared ("" when nothing is moving).
// resumable says whether the queue is kept for the next start.
func (m *Model) QuitQuestion(resumable bool) string {
	c := m.table.counts
	if c.Active() == 0 && c.Tasks > 0 {
		return tasksRunning(c.Tasks) + ": quit and stop " + pronoun(c.Tasks, "it where it is", "them where they are") + "?"
	}
	if c.Active() == 0 {
		if m.pending > 0 {
			return "a copy is still being prepared (its folders listed): quit and drop it?"
		}
		return ""
	}
	what := units.Plural(c.Active(), "transfer") + " running"
	if c.Running > 0 && c.Queued > 0 {
		what = fmt.Sprintf("%s running, %s queued", units.Plural(c.Running, "transfer"), units.Count(c.Queued))
	} else if c.Running == 0 {
		what = units.Plural(c.Queued, "transfer") + " queued"
	}
	them := "them"
	if c.Active() == 1 {
		them = "it"
	}
	if c.Tasks > 0 {
		what += "; " + tasksRunning(c.Tasks) + pronoun(c.Tasks, ", which stops where it is", ", which stop where they are")
	}
	if resumable {
		return what + ": quit and resume " + them + " next time?"
	}
	return what + ": quit and drop " + them + "? (this session keeps no transfer queue)"
}
