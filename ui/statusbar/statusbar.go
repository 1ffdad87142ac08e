// Package statusbar is the line under the panes: what the focused pane
// shows (location, counts, marks), a transient message that expires on
// its own, and named slots on the right that other components fill
// (e.g. the transfer queue's summary) with common.SlotMsg.
package statusbar

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/ui/common"
)

// How long a message stays when its sender did not say.
const (
	DefaultFor = 4 * time.Second
	ErrorFor   = 8 * time.Second
)

// Model is the status bar.
type Model struct {
	ctx   *common.Context
	width int
	msg   *message
	slots []slot
}

type message struct {
	text  string
	level common.Level
	until time.Time
}

type slot struct{ name, text string }

// New returns an empty status bar.
func New(ctx *common.Context) *Model { return &Model{ctx: ctx} }

// SetWidth sets the bar's width.
func (m *Model) SetWidth(w int) { m.width = w }

// Push shows a transient message, replacing the current one.
func (m *Model) Push(s common.StatusMsg) {
	d := s.For
	if d == 0 {
		d = DefaultFor
		if s.Level == common.LevelError {
			d = ErrorFor
		}
	}
	m.msg = &message{text: oneLine(s.Text), level: s.Level, until: m.ctx.Clock.Now().Add(d)}
}

// maxText bounds a message or slot (in bytes): the bar is one row, and a
// message quoting a MiB-long pasted line would be measured on every frame.
const maxText = 2000

// oneLine is text made safe for the bar: newlines as spaces, control
// characters escaped, at most maxText bytes.
func oneLine(text string) string {
	long := len(text) > maxText
	text = common.Sanitize(strings.ReplaceAll(cut(text), "\n", " "))
	if long || len(text) > maxText {
		text = cut(text) + common.Ellipsis
	}
	return text
}

// cut keeps the first maxText bytes of s, ending on a rune boundary.
func cut(s string) string {
	if len(s) <= maxText {
		return s
	}
	n := maxText
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// Message is the text of the message on show ("" when none).
func (m *Model) Message() string {
	if m.msg == nil {
		return ""
	}
	return m.msg.text
}

// SetSlot sets (or with empty text removes) a named slot.
func (m *Model) SetSlot(name, text string) {
	text = oneLine(text)
	for i, s := range m.slots {
		if s.name == name {
			if text == "" {
				m.slots = append(m.slots[:i], m.slots[i+1:]...)
			} else {
				m.slots[i].text = text
			}
			return
		}
	}
	if text != "" {
		m.slots = append(m.slots, slot{name, text})
	}
}

// Expire drops the message once its time is up.
func (m *Model) Expire(now time.Time) {
	if m.msg != nil && !now.Before(m.msg.until) {
		m.msg = nil
	}
}

// Pending reports whether a message is waiting to expire.
func (m *Model) Pending() bool { return m.msg != nil }

// View draws the bar: info on the left, then the message, slots right.
func (m *Model) View(info string) string {
	st := m.ctx.Styles
	w := m.width
	slots := m.slotsText(w / 3)
	msgText := ""
	if m.msg != nil {
		msgText = m.msg.text
	}
	room := max(0, w-ansi.StringWidth(slots)-2)
	// The info takes a space either side, so a message's "│" never touches it.
	infoW := min(ansi.StringWidth(info)+2, room)
	if msgText != "" {
		infoW = min(infoW, max(room/3, room-ansi.StringWidth(msgText)-3))
	}
	line := st.StatusBar.Render(" " + common.Fit(info, max(0, infoW-1)))
	if msgText != "" {
		line += st.StatusSlot.Render("│") + st.LevelStyle(m.msg.level).Render(" "+common.Fit(msgText, max(0, room-infoW-2)))
	} else {
		line += st.StatusBar.Render(strings.Repeat(" ", max(0, room-infoW)))
	}
	return line + st.StatusSlot.Render(common.PadLeft(slots+" ", max(0, w-room)))
}

func (m *Model) slotsText(limit int) string {
	parts := make([]string, len(m.slots))
	for i, s := range m.slots {
		parts[i] = s.text
	}
	text := strings.Join(parts, " · ")
	if ansi.StringWidth(text) > limit {
		text = ansi.Truncate(text, limit, common.Ellipsis)
	}
	return text
}
