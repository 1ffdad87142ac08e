// Package config loads ferry's config file, $XDG_CONFIG_HOME/ferry/config.toml
// (default ~/.config/ferry/config.toml). A missing file means defaults; a
// syntax error, an unknown section or a bad value is an error naming the
// file and line.
//
// Each feature owns one TOML table. To add one (say [share]), add a field
// to Config with its toml tag and a type for its settings; unknown-key
// detection and line numbers in errors come for free.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/ferry-s3/ferry/keymap"
	"github.com/ferry-s3/ferry/xdg"
)

// FileName is the config file's name inside ferry's XDG config dir.
const FileName = "config.toml"

// Config is the parsed config file. The zero value is the defaults.
type Config struct {
	// Keys overrides key bindings: action name → keys (see keymap.Apply).
	Keys Keys `toml:"keys"`
	// Share holds the share-link dialogs' settings (expiry presets).
	Share Share `toml:"share"`
	// Transfers tunes the transfer queue (see TransferOptions).
	Transfers Transfers `toml:"transfers"`
	// Conns are the [connections.NAME] tables (see Connections).
	Conns map[string]Connection `toml:"connections"`

	// path and text are kept to point errors at a file and line.
	path string
	text string
}

// Path is the file the config was read from ("" when there was none).
func (c Config) Path() string { return c.path }

// DefaultPath is where Load looks for the config file.
func DefaultPath() (string, error) { return PathIn(xdg.Dirs{}) }

// PathIn is the config file in the config dir of d.
func PathIn(d xdg.Dirs) (string, error) {
	dir, err := d.ConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, FileName), nil
}

// Load reads the config file at DefaultPath; a missing file is no error.
func Load() (Config, error) { return LoadIn(xdg.Dirs{}) }

// LoadIn reads the config file at PathIn(d); a missing file is no error.
func LoadIn(d xdg.Dirs) (Config, error) {
	path, err := PathIn(d)
	if err != nil {
		return Config{}, err
	}
	return LoadFile(path)
}

// LoadFile reads the config file at path; a missing file is no error.
func LoadFile(path string) (Config, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Config{}, nil
	}
	if err != nil {
		return Config{}, fmt.Errorf("config %s: %w", path, err)
	}
	return Parse(path, string(data))
}

// Parse parses text as the contents of the config file at path.
func Parse(path, text string) (Config, error) {
	c := Config{path: path, text: text}
	md, err := toml.Decode(text, &c)
	if err != nil {
		return Config{}, c.decodeError(err)
	}
	if undecoded := md.Undecoded(); len(undecoded) > 0 {
		k := undecoded[0]
		return Config{}, fmt.Errorf("%s: unknown setting %q (known sections: %s)",
			c.where(lineOfKey(text, k)), k.String(), knownSections())
	}
	return c, nil
}

// ApplyKeys applies the [keys] overrides to km. An unknown action or a
// clash is reported with the file and line of the offending override.
func (c Config) ApplyKeys(km *keymap.KeyMap) error {
	if len(c.Keys) == 0 {
		return nil
	}
	err := km.Apply(c.Keys)
	var ke *keymap.Error
	if errors.As(err, &ke) {
		return fmt.Errorf("%s: [keys] %s", c.where(lineOfKey(c.text, toml.Key{"keys", ke.Action})), ke.Msg)
	}
	return err
}

func (c Config) decodeError(err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		line := pe.Position.Line
		if action, ok := badKeysAction(pe.Message); ok {
			line = max(line, lineOfKey(c.text, toml.Key{"keys", action}))
		}
		return fmt.Errorf("%s: %s", c.where(line), pe.Message)
	}
	return fmt.Errorf("config %s: %w", c.path, err)
}

// knownSections lists the tables Config understands, from its toml tags.
func knownSections() string {
	t := reflect.TypeFor[Config]()
	var names []string
	for i := range t.NumField() {
		if tag, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ","); tag != "" && tag != "-" {
			names = append(names, "["+tag+"]")
		}
	}
	return strings.Join(names, ", ")
}

// Where names the file and line that set key (e.g. "transfers",
// "conflict") the way errors do: "config FILE:LINE".
func (c Config) Where(key ...string) string { return c.where(lineOfKey(c.text, key)) }

// where formats "config FILE:LINE" (or just the file when the line is unknown).
func (c Config) where(line int) string {
	if line > 0 {
		return fmt.Sprintf("config %s:%d", c.path, line)
	}
	return "config " + c.path
}
