// Package keymap owns every key binding of ferry's TUI: one KeyMap grouped
// by the context a key works in (global, pane, filter input, dialogs), each
// binding carrying its help text, plus user overrides from the config file.
//
// Components match keys with key.Matches against these bindings, never
// against raw strings, and disable the bindings that do not apply where
// they are (so the help bar only shows what works right now).
package keymap

import "charm.land/bubbles/v2/key"

// KeyMap is the whole set of bindings, grouped by context.
type KeyMap struct {
	Global    GlobalKeys
	Pane      PaneKeys
	Filter    FilterKeys
	Dialog    DialogKeys
	Share     ShareKeys
	Transfers TransferKeys
	Ops       OpsKeys
	Compare   CompareKeys
}

// GlobalKeys work everywhere except inside a text input or a dialog
// (ForceQuit works everywhere).
type GlobalKeys struct {
	Quit      key.Binding
	ForceQuit key.Binding
	NextPane  key.Binding
	PrevPane  key.Binding
	Help      key.Binding
}

// PaneKeys act on the focused file pane.
type PaneKeys struct {
	Up           key.Binding
	Down         key.Binding
	PageUp       key.Binding
	PageDown     key.Binding
	Top          key.Binding
	Bottom       key.Binding
	Open         key.Binding
	Parent       key.Binding
	Home         key.Binding
	Filter       key.Binding
	ClearFilter  key.Binding
	SortNext     key.Binding
	SortReverse  key.Binding
	ToggleHidden key.Binding
	// ToggleDeleted lists deleted objects too (S3, versioned buckets).
	ToggleDeleted key.Binding
	Refresh       key.Binding
	Info          key.Binding
	Mark          key.Binding
	InvertMarks   key.Binding
	MarkAll       key.Binding
	UnmarkAll     key.Binding
}

// FilterKeys work while the filter input of a pane is being edited; every
// other printable key is typed into the filter.
type FilterKeys struct {
	Accept key.Binding
	Cancel key.Binding
}

// DialogKeys work in modal dialogs (confirm, info, help).
type DialogKeys struct {
	Confirm key.Binding // answer yes directly
	Select  key.Binding // press the highlighted button (or close)
	Cancel  key.Binding
	Switch  key.Binding
	Up      key.Binding
	Down    key.Binding
	// PageUp and PageDown scroll a long dialog (the help screen) a page.
	PageUp   key.Binding
	PageDown key.Binding
}

func bind(keys []string, helpKey, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(helpKey, desc))
}

// Default returns the default bindings: arrow-key users and vim users are
// both served, since every motion has an arrow key and a vim key.
func Default() KeyMap {
	return KeyMap{Global: defaultGlobal(), Pane: defaultPane(), Filter: defaultFilter(), Dialog: defaultDialog(),
		Share: defaultShare(), Transfers: defaultTransfers(), Ops: defaultOps(), Compare: defaultCompare()}
}

func defaultGlobal() GlobalKeys {
	return GlobalKeys{
		Quit:      bind([]string{"q"}, "q", "quit"),
		ForceQuit: bind([]string{"ctrl+c"}, "ctrl+c", "quit now"),
		NextPane:  bind([]string{"tab"}, "tab", "other pane"),
		PrevPane:  bind([]string{"shift+tab"}, "shift+tab", "previous pane"),
		Help:      bind([]string{"?"}, "?", "help"),
	}
}

func defaultPane() PaneKeys {
	return PaneKeys{
		Up:            bind([]string{"up", "k"}, "↑/k", "up"),
		Down:          bind([]string{"down", "j"}, "↓/j", "down"),
		PageUp:        bind([]string{"pgup", "ctrl+b"}, "pgup", "page up"),
		PageDown:      bind([]string{"pgdown", "ctrl+f"}, "pgdn", "page down"),
		Top:           bind([]string{"home", "g"}, "home/g", "first"),
		Bottom:        bind([]string{"end", "G"}, "end/G", "last"),
		Open:          bind([]string{"enter", "right", "l"}, "→/l", "open"),
		Parent:        bind([]string{"backspace", "left", "h"}, "←/h", "up a level"),
		Home:          bind([]string{"~"}, "~", "home dir"),
		Filter:        bind([]string{"/"}, "/", "filter"),
		ClearFilter:   bind([]string{"esc"}, "esc", "clear filter"),
		SortNext:      bind([]string{"o"}, "o", "sort by"),
		SortReverse:   bind([]string{"O"}, "O", "reverse sort"),
		ToggleHidden:  bind([]string{"."}, ".", "hidden files"),
		ToggleDeleted: bind([]string{"D"}, "D", "deleted objects"),
		Refresh:       bind([]string{"r", "ctrl+r"}, "r", "refresh"),
		Info:          bind([]string{"i"}, "i", "info"),
		Mark:          bind([]string{"space"}, "space", "mark"),
		InvertMarks:   bind([]string{"*"}, "*", "invert marks"),
		MarkAll:       bind([]string{"a"}, "a", "mark all"),
		UnmarkAll:     bind([]string{"u"}, "u", "unmark all"),
	}
}

func defaultFilter() FilterKeys {
	return FilterKeys{
		Accept: bind([]string{"enter"}, "enter", "keep filter"),
		Cancel: bind([]string{"esc"}, "esc", "clear filter"),
	}
}

func defaultDialog() DialogKeys {
	return DialogKeys{
		Confirm: bind([]string{"y"}, "y", "yes"),
		Select:  bind([]string{"enter"}, "enter", "choose"),
		Cancel:  bind([]string{"esc", "n", "q"}, "esc", "close"),
		Switch:  bind([]string{"tab", "left", "right", "h", "l"}, "←/→", "choose"),
		Up:      bind([]string{"up", "k"}, "↑/k", "scroll up"),
		Down:    bind([]string{"down", "j"}, "↓/j", "scroll down"),

		PageUp:   bind([]string{"pgup"}, "pgup", "page up"),
		PageDown: bind([]string{"pgdown"}, "pgdn", "page down"),
	}
}

// ShortHelp is the global part of the help bar.
func (g GlobalKeys) ShortHelp() []key.Binding {
	return []key.Binding{g.NextPane, g.Help, g.Quit}
}

// FullHelp lists every global binding.
func (g GlobalKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{g.NextPane, g.PrevPane, g.Help, g.Quit, g.ForceQuit}}
}
