package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/gateway/gwtest"
)

// Files ferry keeps for itself are 0600 and its folders 0700: the
// journal and its lock (here those of an interrupted `ferry cp`), the
// state, data and config folders, and the --demo gateway's folder. The
// demo session's output and files are scanned for presigned signatures
// too (its keys are generated inside ferry, so the scan cannot name them).
func TestFilesFerryKeepsForItselfAreOwnerOnly(t *testing.T) {
	srv := gwtest.Start(t)
	if err := makeBucket(srv, "secrets-test"); err != nil {
		t.Fatal(err)
	}
	slow := startSlowProxy(t, srv.Endpoint)
	big := filepath.Join(t.TempDir(), "big.bin")
	writeFile(t, big, 24<<20)
	s := newSession(t, "", srv.AccessKey, srv.SecretKey, "")
	interruptedCopy(t, s, slow, big)
	checkJournalsLeft(t, s)
	if code, out, errOut := s.ferry("", true, "--demo", "ls", "s3://"); code != 0 || out == "" {
		t.Fatalf("--demo ls: exit %d: %s", code, errOut)
	}
	s.scan(srv.SecretKey)

	state, data := filepath.Join(s.home, "state", "ferry"), filepath.Join(s.home, "data", "ferry")
	demo := filepath.Join(data, "demo")
	for _, dir := range []string{state, filepath.Join(state, "cp"), data, demo,
		filepath.Join(demo, "data"), filepath.Join(demo, "meta"), filepath.Join(demo, "versions")} {
		checkMode(t, dir, 0o700)
	}
	if _, err := os.Stat(filepath.Join(s.home, "config", "ferry")); err == nil {
		checkMode(t, filepath.Join(s.home, "config", "ferry"), 0o700)
	}
	checkMode(t, filepath.Join(demo, "demo-v1"), 0o600)
	// Everything under the state folder: journals, locks, temp files.
	files := 0
	filepath.WalkDir(state, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			checkMode(t, p, 0o700)
		} else {
			files++
			checkMode(t, p, 0o600)
		}
		return nil
	})
	if files < 2 {
		t.Errorf("the state folder holds %d files; the journal and its lock were expected", files)
	}
}

func checkMode(t *testing.T, p string, want fs.FileMode) {
	t.Helper()
	fi, err := os.Stat(p)
	if err != nil {
		t.Errorf("%s: %v", p, err)
		return
	}
	if got := fi.Mode().Perm(); got != want {
		t.Errorf("%s is %v, want %v", strings.TrimPrefix(p, os.TempDir()), got, want)
	}
}
