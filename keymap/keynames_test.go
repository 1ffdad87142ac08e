package keymap

import "testing"

func TestEveryDefaultKeyIsOneATerminalSends(t *testing.T) {
	km := Default()
	for name, b := range km.byName() {
		for _, k := range b.Keys() {
			if p := checkKeyName(k); p != "" {
				t.Errorf("%s: %q: %s", name, k, p)
			}
		}
	}
}
