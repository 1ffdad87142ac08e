package config_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/config"
	"github.com/ferry-s3/ferry/keymap"
)

func writeConfig(t *testing.T, text string) string {
	t.Helper()
	home := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", home)
	path := filepath.Join(home, "ferry", "config.toml")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestMissingFileMeansDefaults(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	c, err := config.Load()
	if err != nil || len(c.Keys) != 0 || c.Path() != "" {
		t.Fatalf("c = %+v, err = %v", c, err)
	}
}

func TestKeyOverridesInEveryTOMLSpellingApply(t *testing.T) {
	writeConfig(t, `# my keys
[keys]
pane.up = ["ctrl+p", "up"]
"pane.down" = "ctrl+n"
global.quit = []

[keys.dialog]
select = ["space"]
`)
	c, err := config.Load()
	if err != nil {
		t.Fatal(err)
	}
	km := keymap.Default()
	if err := c.ApplyKeys(&km); err != nil {
		t.Fatal(err)
	}
	ctrlP := tea.KeyPressMsg{Code: 'p', Mod: tea.ModCtrl}
	ctrlN := tea.KeyPressMsg{Code: 'n', Mod: tea.ModCtrl}
	enter := tea.KeyPressMsg{Code: tea.KeyEnter}
	if !key.Matches(ctrlP, km.Pane.Up) || !key.Matches(ctrlN, km.Pane.Down) || km.Global.Quit.Enabled() {
		t.Fatalf("overrides not applied: up=%v down=%v quit=%v", km.Pane.Up.Keys(), km.Pane.Down.Keys(), km.Global.Quit.Keys())
	}
	if key.Matches(enter, km.Dialog.Select) {
		t.Fatal("[keys.dialog] select should replace enter with space")
	}
}

func TestUnknownActionNamesFileAndLine(t *testing.T) {
	path := writeConfig(t, "[keys]\npane.up = \"k\"\n\npane.jump = \"J\"\n")
	c, err := config.Load()
	if err != nil {
		t.Fatal(err)
	}
	km := keymap.Default()
	err = c.ApplyKeys(&km)
	if err == nil || !strings.Contains(err.Error(), path+":4:") || !strings.Contains(err.Error(), `unknown action "pane.jump"`) {
		t.Fatalf("err = %v", err)
	}
}

func TestClashNamesFileAndLine(t *testing.T) {
	path := writeConfig(t, "[keys]\n\"pane.info\" = [\"j\"]\n")
	c, err := config.Load()
	if err != nil {
		t.Fatal(err)
	}
	km := keymap.Default()
	err = c.ApplyKeys(&km)
	if err == nil || !strings.Contains(err.Error(), path+":2:") || !strings.Contains(err.Error(), "bound to both pane.down and pane.info") {
		t.Fatalf("err = %v", err)
	}
}

func TestSyntaxErrorNamesFileAndLine(t *testing.T) {
	path := writeConfig(t, "[keys]\npane.up = \"k\"\npane.down = [\"j\"\n")
	_, err := config.Load()
	if err == nil || !strings.Contains(err.Error(), path+":3:") {
		t.Fatalf("err = %v", err)
	}
}

func TestUnknownSectionNamesFileAndLine(t *testing.T) {
	path := writeConfig(t, "[keys]\npane.up = \"k\"\n\n[colours]\ntheme = \"dark\"\n")
	_, err := config.Load()
	if err == nil || !strings.Contains(err.Error(), path+":4:") || !strings.Contains(err.Error(), `unknown setting "colours`) {
		t.Fatalf("err = %v", err)
	}
}

func TestWrongValueTypeIsAnError(t *testing.T) {
	path := writeConfig(t, "[keys]\npane.up = 5\n")
	_, err := config.Load()
	if err == nil || !strings.Contains(err.Error(), path+":2:") || !strings.Contains(err.Error(), "pane.up") {
		t.Fatalf("err = %v", err)
	}
}

func TestKeyNamesATerminalCannotSendAreRefusedWithFileAndLine(t *testing.T) {
	for _, bad := range []string{"notakey+++", "k\x1b", "alt+ctrl+x", "control+x", "pagedown", ""} {
		path := writeConfig(t, fmt.Sprintf("[keys]\npane.info = \"i\"\npane.up = %q\n", bad))
		c, err := config.Load()
		if err != nil {
			t.Fatal(err)
		}
		km := keymap.Default()
		err = c.ApplyKeys(&km)
		if err == nil || !strings.Contains(err.Error(), path+":3:") || !strings.Contains(err.Error(), "is not a key name") ||
			strings.ContainsRune(err.Error(), '\x1b') {
			t.Errorf("pane.up = %q: err = %v", bad, err)
		}
	}
	for _, good := range []string{"ctrl+alt+shift+x", "f63", "+", "ctrl++", "é", "alt+enter", "ctrl+pgdown", "shift+space"} {
		writeConfig(t, fmt.Sprintf("[keys]\npane.up = %q\n", good))
		c, _ := config.Load()
		km := keymap.Default()
		if err := c.ApplyKeys(&km); err != nil {
			t.Errorf("pane.up = %q refused: %v", good, err)
		}
	}
}
