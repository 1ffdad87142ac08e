package config_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/config"
	"github.com/ferry-s3/ferry/share"
)

func TestSharePresetsFromConfigSortedAndDeduplicated(t *testing.T) {
	c, err := config.Parse("/etc/ferry.toml", "[share]\npresets = [\"1w\", \"90m\", \"36h\", \"90m\"]\n")
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.SharePresets()
	want := []time.Duration{90 * time.Minute, 36 * time.Hour, 7 * 24 * time.Hour}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("presets = %v, %v; want %v", got, err, want)
	}
}

func TestNoShareSectionGivesDefaultPresets(t *testing.T) {
	c, err := config.Parse("/etc/ferry.toml", "[keys]\npane.up = \"k\"\n")
	if err != nil {
		t.Fatal(err)
	}
	if got, err := c.SharePresets(); err != nil || !reflect.DeepEqual(got, share.DefaultPresets) {
		t.Fatalf("presets = %v, %v", got, err)
	}
}

func TestBadSharePresetNamesFileLineAndPreset(t *testing.T) {
	c, err := config.Parse("/etc/ferry.toml", "# mine\n\n[share]\npresets = [\"1h\", \"8d\"]\n")
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.SharePresets()
	if err == nil || !strings.Contains(err.Error(), "/etc/ferry.toml:4") || !strings.Contains(err.Error(), `"8d"`) ||
		!strings.Contains(err.Error(), "7 days") {
		t.Fatalf("err = %v", err)
	}
	_, err = config.Parse("/etc/ferry.toml", "[share]\npresets = \"1h\"\n")
	if err == nil || !strings.Contains(err.Error(), "ferry.toml") {
		t.Fatalf("a string instead of a list: %v", err)
	}
	_, err = config.Parse("/etc/ferry.toml", "[share]\npreset = [\"1h\"]\n")
	if err == nil || !strings.Contains(err.Error(), "share.preset") {
		t.Fatalf("a misspelt setting: %v", err)
	}
}

func TestSharePagesPrefixDefaultsGainsItsSlashAndRefusesALeadingOne(t *testing.T) {
	for text, want := range map[string]string{"": ".ferry/pages/", "[share]\npages_prefix = \"shared/pages\"\n": "shared/pages/"} {
		c, err := config.Parse("/etc/ferry.toml", text)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := c.SharePagesPrefix(); err != nil || got != want {
			t.Errorf("%q: prefix = %q, %v; want %q", text, got, err, want)
		}
	}
	c, err := config.Parse("/etc/ferry.toml", "[share]\n\npages_prefix = \"/pages/\"\n")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.SharePagesPrefix(); err == nil || !strings.Contains(err.Error(), "/etc/ferry.toml:3") || !strings.Contains(err.Error(), "pages_prefix") {
		t.Fatalf("err = %v", err)
	}
}
