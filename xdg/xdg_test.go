package xdg_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ferry-s3/ferry/xdg"
)

func TestDirsGivenWinOverTheEnvironmentAndEmptyOnesFollowIt(t *testing.T) {
	env, given := t.TempDir(), t.TempDir()
	t.Setenv("XDG_STATE_HOME", env)
	t.Setenv("XDG_CONFIG_HOME", env)
	t.Setenv("XDG_CACHE_HOME", env)
	t.Setenv("XDG_DATA_HOME", env)
	dirs := map[string]func(xdg.Dirs) (string, error){
		"state":  xdg.Dirs.StateDir,
		"config": xdg.Dirs.ConfigDir,
		"cache":  xdg.Dirs.CacheDir,
		"data":   xdg.Dirs.DataDir,
	}
	all := xdg.Dirs{State: given, Config: given, Cache: given, Data: given}
	for name, dir := range dirs {
		if got, err := dir(all); err != nil || got != filepath.Join(given, "ferry") {
			t.Errorf("%s dir given %s = %q, %v; want %s/ferry", name, given, got, err, given)
		}
		if got, err := dir(xdg.Dirs{}); err != nil || got != filepath.Join(env, "ferry") {
			t.Errorf("%s dir from the environment = %q, %v; want %s/ferry", name, got, err, env)
		}
	}
	if fi, err := os.Stat(filepath.Join(given, "ferry")); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("the state dir given was not created 0700: %v %v", fi, err)
	}
}
