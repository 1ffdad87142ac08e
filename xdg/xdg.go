// Package xdg locates the directories ferry keeps its own files in
// (config, state, data, cache, runtime) following the XDG Base Directory spec, and creates
// them with owner-only permissions.
package xdg

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
)

const app = "ferry"

// Dirs are the base directories ferry's own folders go under, one per
// XDG variable (State is $XDG_STATE_HOME, and so on; ferry adds "ferry").
// An empty field means what the environment says, so the zero Dirs is
// ferry's everyday behaviour; a field set lets a caller (a test) give
// one run directories of its own without changing the process's
// environment.
type Dirs struct {
	State, Config, Cache, Data string
}

// ConfigDir is $XDG_CONFIG_HOME/ferry (default ~/.config/ferry). It is not created.
func ConfigDir() (string, error) { return Dirs{}.ConfigDir() }

// StateDir is $XDG_STATE_HOME/ferry (default ~/.local/state/ferry), created 0700.
func StateDir() (string, error) { return Dirs{}.StateDir() }

// DataDir is $XDG_DATA_HOME/ferry (default ~/.local/share/ferry), created 0700.
func DataDir() (string, error) { return Dirs{}.DataDir() }

// CacheDir is $XDG_CACHE_HOME/ferry (default ~/.cache/ferry), created
// 0700: what can be worked out again (sync's local hashes).
func CacheDir() (string, error) { return Dirs{}.CacheDir() }

// ConfigDir is d.Config/ferry, else the environment's (see ConfigDir). It
// is not created.
func (d Dirs) ConfigDir() (string, error) {
	return base(d.Config, "XDG_CONFIG_HOME", ".config")
}

// StateDir is d.State/ferry, else the environment's (see StateDir),
// created 0700.
func (d Dirs) StateDir() (string, error) {
	return ensure(base(d.State, "XDG_STATE_HOME", filepath.Join(".local", "state")))
}

// DataDir is d.Data/ferry, else the environment's (see DataDir), created
// 0700.
func (d Dirs) DataDir() (string, error) {
	return ensure(base(d.Data, "XDG_DATA_HOME", filepath.Join(".local", "share")))
}

// CacheDir is d.Cache/ferry, else the environment's (see CacheDir),
// created 0700.
func (d Dirs) CacheDir() (string, error) {
	return ensure(base(d.Cache, "XDG_CACHE_HOME", ".cache"))
}

// RuntimeDir is $XDG_RUNTIME_DIR/ferry, for files that only mean
// something while a ferry runs (the running demo's address); without
// $XDG_RUNTIME_DIR it is the state dir. Created 0700.
func RuntimeDir() (string, error) {
	if d := os.Getenv("XDG_RUNTIME_DIR"); filepath.IsAbs(d) {
		return ensure(filepath.Join(d, app), nil)
	}
	return StateDir()
}

// base is given/ferry, or without given the ferry folder under the
// directory the variable env names (when absolute, as the spec asks),
// else under fallback in the home directory.
func base(given, env, fallback string) (string, error) {
	if given != "" {
		return filepath.Join(given, app), nil
	}
	if d := os.Getenv(env); filepath.IsAbs(d) {
		return filepath.Join(d, app), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("cannot find a home directory for ferry's files (set %s): %w", env, err)
	}
	return filepath.Join(home, fallback, app), nil
}

func ensure(dir string, err error) (string, error) {
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	return dir, nil
}

// PathKey turns an absolute path into a short, stable folder name.
func PathKey(path string) string {
	sum := sha256.Sum256([]byte(path))
	return filepath.Base(path) + "-" + hex.EncodeToString(sum[:6])
}

// WriteFile writes data to path atomically (temp file, fsync, rename) with
// mode 0600, so a crash never leaves a half-written file under the name.
func WriteFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
