package keymap

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
)

// Error is a problem with a user override: an unknown action, a bad key
// name, or two actions of one scope sharing a key. Action names the
// override at fault so the config loader can point at its line.
type Error struct {
	Action string
	Msg    string
}

func (e *Error) Error() string { return e.Msg }

// action is one overridable binding: its config name and where it lives.
type action struct {
	name    string
	binding *key.Binding
}

// scope is a set of actions that are active at the same time, so no key
// may trigger two of them.
type scope struct {
	name    string
	actions []action
}

// scopes lists every overridable action by scope. Global and pane keys
// are live together (the root sees a key first, then the focused pane), so
// they are checked for clashes as one scope.
func (k *KeyMap) scopes() []scope {
	g, p, f, d := &k.Global, &k.Pane, &k.Filter, &k.Dialog
	scopes := []scope{
		{"global and pane", []action{
			{"global.quit", &g.Quit}, {"global.force_quit", &g.ForceQuit},
			{"global.next_pane", &g.NextPane}, {"global.prev_pane", &g.PrevPane},
			{"global.help", &g.Help},
			{"pane.up", &p.Up}, {"pane.down", &p.Down},
			{"pane.page_up", &p.PageUp}, {"pane.page_down", &p.PageDown},
			{"pane.top", &p.Top}, {"pane.bottom", &p.Bottom},
			{"pane.open", &p.Open}, {"pane.parent", &p.Parent}, {"pane.home", &p.Home},
			{"pane.filter", &p.Filter}, {"pane.clear_filter", &p.ClearFilter},
			{"pane.sort_next", &p.SortNext}, {"pane.sort_reverse", &p.SortReverse},
			{"pane.toggle_hidden", &p.ToggleHidden}, {"pane.toggle_deleted", &p.ToggleDeleted},
			{"pane.refresh", &p.Refresh},
			{"pane.info", &p.Info}, {"pane.mark", &p.Mark},
			{"pane.invert_marks", &p.InvertMarks}, {"pane.mark_all", &p.MarkAll},
			{"pane.unmark_all", &p.UnmarkAll},
		}},
		{"filter", []action{{"filter.accept", &f.Accept}, {"filter.cancel", &f.Cancel}}},
		{"share dialog", k.Share.dialogActions()},
		{"dialog", []action{
			{"dialog.confirm", &d.Confirm}, {"dialog.select", &d.Select}, {"dialog.cancel", &d.Cancel},
			{"dialog.switch", &d.Switch}, {"dialog.up", &d.Up}, {"dialog.down", &d.Down},
			{"dialog.page_up", &d.PageUp}, {"dialog.page_down", &d.PageDown},
		}},
	}
	scopes[0].actions = append(scopes[0].actions, k.Share.paneActions()...)
	links := append(slices.Clone(scopes[3].actions), k.Share.linksActions()...) // the dialog keys
	scopes = append(scopes, scope{"links view", links})
	return k.Ops.addScopes(k.Compare.addScopes(k.Transfers.addScopes(scopes)))
}

// Actions returns every action name, sorted.
func (k *KeyMap) Actions() []string {
	var names []string
	seen := map[string]bool{} // global keys are also in the transfers pane's scope
	for _, c := range k.scopes() {
		for _, a := range c.actions {
			if !seen[a.name] {
				seen[a.name] = true
				names = append(names, a.name)
			}
		}
	}
	sort.Strings(names)
	return names
}

// Apply replaces the keys of the named actions (e.g. "pane.up" → ["k",
// "up"]); an empty list unbinds an action. It fails on an unknown action,
// an invalid key name, or a key that would trigger two actions of one
// scope; on failure k is left unchanged.
func (k *KeyMap) Apply(overrides map[string][]string) error {
	next := k.clone()
	byName := next.byName()
	for _, name := range sortedKeys(overrides) {
		b, ok := byName[name]
		if !ok {
			return unknownAction(name, next.Actions())
		}
		keys := overrides[name]
		if err := validKeys(name, keys); err != nil {
			return err
		}
		setKeys(b, keys)
	}
	if err := next.checkClashes(); err != nil {
		return err
	}
	*k = next
	return nil
}

// clone copies k deeply enough that Apply can edit the copy: bindings are
// values, and SetKeys replaces (never mutates) their key slices.
func (k *KeyMap) clone() KeyMap { return *k }

func (k *KeyMap) byName() map[string]*key.Binding {
	m := map[string]*key.Binding{}
	for _, c := range k.scopes() {
		for _, a := range c.actions {
			m[a.name] = a.binding
		}
	}
	return m
}

func (k *KeyMap) checkClashes() error {
	for _, c := range k.scopes() {
		owner := map[string]string{}
		for _, a := range c.actions {
			if !a.binding.Enabled() {
				continue
			}
			for _, ks := range a.binding.Keys() {
				if other, taken := owner[ks]; taken && other != a.name {
					return &Error{Action: a.name, Msg: fmt.Sprintf(
						"key %q is bound to both %s and %s (%s keys must differ)", ks, other, a.name, c.name)}
				}
				owner[ks] = a.name
			}
		}
	}
	return nil
}

func setKeys(b *key.Binding, keys []string) {
	desc := b.Help().Desc
	if len(keys) == 0 {
		b.Unbind()
		return
	}
	b.SetKeys(slices.Clone(keys)...)
	b.SetHelp(helpLabel(keys), desc)
	b.SetEnabled(true)
}

func validKeys(action string, keys []string) error {
	for _, ks := range keys {
		if problem := checkKeyName(ks); problem != "" {
			return &Error{Action: action, Msg: fmt.Sprintf(
				"%s: %q is not a key name: %s (write keys like \"ctrl+r\", \"space\", \"pgdown\")", action, safeName(ks), problem)}
		}
	}
	return nil
}

func unknownAction(name string, all []string) error {
	group, _, _ := strings.Cut(name, ".")
	var same []string
	for _, a := range all {
		if strings.HasPrefix(a, group+".") {
			same = append(same, a)
		}
	}
	if len(same) == 0 {
		return &Error{Action: name, Msg: fmt.Sprintf(
			"unknown action %q (actions start with global., pane., filter., dialog., share., transfers., form., versions., incomplete. or compare.)", name)}
	}
	return &Error{Action: name, Msg: fmt.Sprintf(
		"unknown action %q (known %s actions: %s)", name, group, strings.Join(same, ", "))}
}

var prettyKeys = map[string]string{
	"up": "↑", "down": "↓", "left": "←", "right": "→", "pgdown": "pgdn",
}

// helpLabel shows at most two keys, with arrows drawn as arrows.
func helpLabel(keys []string) string {
	shown := make([]string, 0, 2)
	for _, ks := range keys[:min(2, len(keys))] {
		if p, ok := prettyKeys[ks]; ok {
			ks = p
		}
		shown = append(shown, ks)
	}
	return strings.Join(shown, "/")
}

func sortedKeys(m map[string][]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
