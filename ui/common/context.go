// Package common holds what every part of ferry's TUI shares: the context
// handed to each component (styles, keys, clock, size), the Component
// interface, the messages components use to talk to the root (open a
// dialog, show a status message, fill a status slot), the styles, the
// text helpers for fitting names into columns, and the Scroller (cursor,
// window, paging, padding) the file pane and the transfers pane both
// scroll their rows with.
package common

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/keymap"
)

// Context is handed to every component instead of package globals. The
// root owns it and updates it in place (styles on a background-colour
// reply, size on resize), so components always read current values.
type Context struct {
	Styles *Styles
	Keys   *keymap.KeyMap
	// Width and Height are the terminal size.
	Width, Height int
	// Base is cancelled when the program ends; every IO a component starts
	// derives its context from it.
	Base context.Context
	// Clock drives timeouts and animation; tests replace it.
	Clock Clock
	// TimeZone formats modification times (time.Local by default).
	TimeZone *time.Location
	// Connection names what the S3 panes are connected to ("demo",
	// "profile work · eu-west-1", "http://localhost:9000"), shown in
	// their top edge; "" shows nothing.
	Connection string
}

// Clock is the source of time for the UI: Now for timestamps and Tick for
// timers. Tests use a clock whose Tick never fires, and step time by
// sending tick messages themselves, so no test sleeps.
type Clock struct {
	Now  func() time.Time
	Tick func(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd
}

// RealClock is the wall clock with Bubble Tea's timers.
func RealClock() Clock { return Clock{Now: time.Now, Tick: tea.Tick} }

// NewContext builds a context with the default (dark) styles, the given
// keys and the real clock.
func NewContext(base context.Context, keys *keymap.KeyMap) *Context {
	return &Context{Styles: DefaultStyles(true), Keys: keys, Base: base, Clock: RealClock(), TimeZone: time.Local}
}
