package keymap

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A binding matches when its text equals what Bubble Tea calls the key
// pressed (tea.KeyPressMsg.String()): modifiers in the order ctrl, alt,
// shift, meta, hyper, super, each followed by "+", then either a key's
// name or the one printable character it types. A name it can never
// send ("notakey+++", a name holding ESC) would silently disable the
// action, so overrides are checked against that grammar.

// modifierOrder is the order Bubble Tea writes modifiers in.
var modifierOrder = []string{"ctrl", "alt", "shift", "meta", "hyper", "super"}

// namedKeys are the key names Bubble Tea v2 sends (besides single
// printable characters).
var namedKeys = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range strings.Fields(`enter tab backspace esc space up down left right begin find insert delete select
		pgup pgdown home end equal mul plus comma minus period div sep capslock scrolllock numlock printscreen pause menu
		mediaplay mediapause mediaplaypause mediareverse mediastop mediafastforward mediarewind medianext mediaprev
		mediarecord lowervol raisevol mute leftshift leftalt leftctrl leftsuper lefthyper leftmeta rightshift rightalt
		rightctrl rightsuper righthyper rightmeta isolevel3shift isolevel5shift`) {
		m[n] = true
	}
	for i := 1; i <= 63; i++ {
		m[fmt.Sprintf("f%d", i)] = true
	}
	return m
}()

// checkKeyName says what is wrong with a binding's key name, "" when a
// terminal can send it.
func checkKeyName(name string) string {
	rest := name
	next := 0 // modifiers must come in modifierOrder
	for {
		mod, after, ok := strings.Cut(rest, "+")
		if !ok || after == "" {
			break // the last "+" of "ctrl++" is the key itself
		}
		i := indexOf(modifierOrder, mod)
		if i < 0 {
			return fmt.Sprintf("%q is not a modifier (ctrl, alt, shift, meta, hyper, super)", mod)
		}
		if i < next {
			return fmt.Sprintf("write modifiers in the order %s", strings.Join(modifierOrder, "+"))
		}
		next, rest = i+1, after
	}
	if namedKeys[rest] {
		return ""
	}
	if r, size := utf8.DecodeRuneInString(rest); size == len(rest) && r != utf8.RuneError && unicode.IsGraphic(r) && !unicode.IsSpace(r) {
		return ""
	}
	return fmt.Sprintf("%q is no key a terminal sends (a name like enter, pgdown, f5, or one printable character)", safeName(rest))
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// safeName shows a bad key name without its control characters.
func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return '?'
		}
		return r
	}, s)
}
