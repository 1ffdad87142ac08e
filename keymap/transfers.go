package keymap

import (
	"strings"

	"charm.land/bubbles/v2/key"
)

// TransferKeys start copies and drive the transfers pane. Copy works in a
// file pane; Toggle and PauseAll work everywhere (outside text inputs and
// dialogs); the rest work while the transfers pane has the keyboard,
// except the conflict keys, which work in the conflict dialog.
type TransferKeys struct {
	Copy     key.Binding // copy the selection to the other pane's location
	Toggle   key.Binding // show or hide the transfers pane
	PauseAll key.Binding // pause everything, or resume everything paused

	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Top      key.Binding
	Bottom   key.Binding
	Pause    key.Binding // pause or resume the selected transfer
	Cancel   key.Binding
	Retry    key.Binding // retry the selected failed transfer, or all failed
	Clear    key.Binding // forget finished transfers
	Open     key.Binding // decide a conflict, or show the details

	Skip      key.Binding
	Overwrite key.Binding
	KeepBoth  key.Binding
	ApplyAll  key.Binding
}

func defaultTransfers() TransferKeys {
	return TransferKeys{
		Copy:     bind([]string{"c", "f5"}, "c/F5", "copy"),
		Toggle:   bind([]string{"t"}, "t", "transfers"),
		PauseAll: bind([]string{"P"}, "P", "pause/resume all"),

		Up:       bind([]string{"up", "k"}, "↑/k", "up"),
		Down:     bind([]string{"down", "j"}, "↓/j", "down"),
		PageUp:   bind([]string{"pgup", "ctrl+b"}, "pgup", "page up"),
		PageDown: bind([]string{"pgdown", "ctrl+f"}, "pgdn", "page down"),
		Top:      bind([]string{"home", "g"}, "home/g", "first"),
		Bottom:   bind([]string{"end", "G"}, "end/G", "last"),
		Pause:    bind([]string{"p"}, "p", "pause/resume"),
		Cancel:   bind([]string{"x", "d"}, "x", "cancel"),
		Retry:    bind([]string{"R"}, "R", "retry failed"),
		Clear:    bind([]string{"C"}, "C", "clear finished"),
		Open:     bind([]string{"enter"}, "enter", "decide/details"),

		Skip:      bind([]string{"s"}, "s", "skip"),
		Overwrite: bind([]string{"o"}, "o", "overwrite"),
		KeepBoth:  bind([]string{"b"}, "b", "keep both"),
		ApplyAll:  bind([]string{"a"}, "a", "apply to all"),
	}
}

// ShortHelp is the transfers pane's part of the help bar.
func (t TransferKeys) ShortHelp() []key.Binding {
	return []key.Binding{t.Pause, t.PauseAll, t.Cancel, t.Retry, t.Clear, t.Open}
}

// FullHelp lists every binding of the transfers pane.
func (t TransferKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{t.Up, t.Down, t.PageUp, t.PageDown, t.Top, t.Bottom},
		{t.Pause, t.PauseAll, t.Cancel, t.Retry, t.Clear, t.Open},
		{t.Toggle},
	}
}

// paneActions are the transfer keys live with the global and pane keys.
func (t *TransferKeys) paneActions() []action {
	return []action{
		{"pane.copy", &t.Copy}, {"global.toggle_transfers", &t.Toggle}, {"global.pause_all", &t.PauseAll},
	}
}

// listActions are the keys of the transfers pane.
func (t *TransferKeys) listActions() []action {
	return []action{
		{"transfers.up", &t.Up}, {"transfers.down", &t.Down},
		{"transfers.page_up", &t.PageUp}, {"transfers.page_down", &t.PageDown},
		{"transfers.top", &t.Top}, {"transfers.bottom", &t.Bottom},
		{"transfers.pause", &t.Pause}, {"transfers.cancel", &t.Cancel},
		{"transfers.retry", &t.Retry}, {"transfers.clear", &t.Clear}, {"transfers.open", &t.Open},
	}
}

// conflictActions are the keys of the conflict dialog.
func (t *TransferKeys) conflictActions() []action {
	return []action{
		{"transfers.skip", &t.Skip}, {"transfers.overwrite", &t.Overwrite},
		{"transfers.keep_both", &t.KeepBoth}, {"transfers.apply_all", &t.ApplyAll},
	}
}

// addScopes puts the pane-level transfer keys into the global-and-pane
// scope (scopes[0]) and adds the scopes of the transfers pane (live with
// the global keys) and of the conflict dialog (live with the dialog keys).
func (t *TransferKeys) addScopes(scopes []scope) []scope {
	scopes[0].actions = append(scopes[0].actions, t.paneActions()...)
	var globals, dialog []action
	for _, s := range scopes {
		for _, a := range s.actions {
			switch {
			case strings.HasPrefix(a.name, "global."):
				globals = append(globals, a)
			case strings.HasPrefix(a.name, "dialog."):
				dialog = append(dialog, a)
			}
		}
	}
	return append(scopes,
		scope{"transfers pane", append(globals, t.listActions()...)},
		scope{"conflict dialog", append(dialog, t.conflictActions()...)})
}
