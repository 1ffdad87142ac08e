package syncplan_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ferry-s3/ferry/syncplan"
)

// A file rewritten with bytes of the same length and its modification
// time put back (`touch -r`, a restore from an archive) is read again:
// the cache knows it by its change time too.
func TestTheHashCacheSeesASameSizeRewriteWithItsMtimePutBack(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	root := t.TempDir()
	path := filepath.Join(root, "a.txt")
	if err := os.WriteFile(path, []byte("first"), 0o644); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	cache := syncplan.OpenHashCache(root)
	before, err := cache.MD5(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := cache.Save(); err != nil {
		t.Fatal(err)
	}

	if err := os.WriteFile(path, []byte("other"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	again := syncplan.OpenHashCache(root)
	after, err := again.MD5(path)
	if err != nil {
		t.Fatal(err)
	}
	if after == before || again.Hashed != 1 {
		t.Fatalf("the rewrite was answered from the cache: md5 %s both times, %d files read", after, again.Hashed)
	}
}
