package config

import (
	"fmt"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/ferry-s3/ferry/share"
	"github.com/ferry-s3/ferry/sharepage"
)

// Share is the [share] section: the choices of the share-link dialogs.
//
//	[share]
//	presets = ["15m", "1h", "8h", "24h", "7d"]
//	pages_prefix = ".ferry/pages/"
type Share struct {
	// Presets are the expiry choices offered (90m, 36h, 3d, 1w, …; at most
	// 7d). Empty means share.DefaultPresets.
	Presets []string `toml:"presets"`
	// PagesPrefix is where share pages are written in a bucket. Empty
	// means sharepage.DefaultPagesPrefix (".ferry/pages/").
	PagesPrefix string `toml:"pages_prefix"`
}

// SharePresets returns the expiry presets of the share dialogs, sorted,
// shortest first. A preset that is not a valid expiry is an error naming
// the file, line and preset.
func (c Config) SharePresets() ([]time.Duration, error) {
	presets, err := share.ParsePresets(c.Share.Presets)
	if err != nil {
		return nil, fmt.Errorf("%s: [share] presets: %v", c.where(lineOfKey(c.text, toml.Key{"share", "presets"})), err)
	}
	return presets, nil
}

// SharePagesPrefix is the key prefix share pages are written under, with
// its trailing "/". A prefix that cannot be one is an error naming the
// file and line.
func (c Config) SharePagesPrefix() (string, error) {
	p, err := sharepage.CheckPagesPrefix(c.Share.PagesPrefix)
	if err != nil {
		return "", fmt.Errorf("%s: [share] pages_prefix: %v", c.where(lineOfKey(c.text, toml.Key{"share", "pages_prefix"})), err)
	}
	return p, nil
}
