package keymap

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
)

// CompareKeys drive the compare view: Toggle compares the two panes'
// folders (or leaves the view), and while it is on OnlyDiffs shows only
// the rows that differ and CopyRight / CopyLeft copy the differences
// one way (config names pane.compare*). Delete works in the copy
// question: it adds (or drops) deleting what only the target holds
// (compare.delete).
type CompareKeys struct {
	Toggle    key.Binding
	OnlyDiffs key.Binding
	CopyRight key.Binding
	CopyLeft  key.Binding
	Delete    key.Binding
}

func defaultCompare() CompareKeys {
	return CompareKeys{
		Toggle:    bind([]string{"="}, "=", "compare panes"),
		OnlyDiffs: bind([]string{"f"}, "f", "only differences"),
		CopyRight: bind([]string{">"}, ">", "copy differences →"),
		CopyLeft:  bind([]string{"<"}, "<", "copy differences ←"),
		Delete:    bind([]string{"d"}, "d", "also delete extras"),
	}
}

// paneActions are the compare keys live with the global and pane keys.
func (c *CompareKeys) paneActions() []action {
	return []action{
		{"pane.compare", &c.Toggle}, {"pane.compare_only_diffs", &c.OnlyDiffs},
		{"pane.compare_copy_right", &c.CopyRight}, {"pane.compare_copy_left", &c.CopyLeft},
	}
}

// addScopes puts the compare keys into the global-and-pane scope (and
// so the bucket list's, which addScopes of the operations derives from
// it) and adds the copy question's scope: the dialog keys and Delete.
func (c *CompareKeys) addScopes(scopes []scope) []scope {
	scopes[0].actions = append(scopes[0].actions, c.paneActions()...)
	var dialog []action
	for _, s := range scopes {
		for _, a := range s.actions {
			if strings.HasPrefix(a.name, "dialog.") {
				dialog = append(dialog, a)
			}
		}
	}
	return append(scopes, scope{"compare copy question", append(slices.Clone(dialog), action{"compare.delete", &c.Delete})})
}

// FullHelp is the compare keys' column of the help screen.
func (c CompareKeys) FullHelp() []key.Binding {
	return []key.Binding{c.Toggle, c.OnlyDiffs, c.CopyRight, c.CopyLeft}
}
