package cli

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/xdg"
)

// The demo's gateway comes up on a new port with new keys every run; its
// journal must still be the same file, or nothing started in one demo
// session could resume in the next. Real connections keep one journal
// per endpoint and account.
func TestJournalPathIsStableForTheDemoAndPerConnectionOtherwise(t *testing.T) {
	t.Parallel()
	state := t.TempDir()
	dirs := xdg.Dirs{State: state}
	ctx := context.Background()
	connect := func(endpoint, access string) *s3ops.Client {
		c, err := s3ops.Connect(ctx, s3ops.Settings{EndpointURL: endpoint, Region: "us-east-1",
			AccessKey: access, SecretKey: "secret-" + access})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	run1 := connect("http://127.0.0.1:40001", "AKIAONE")
	run2 := connect("http://127.0.0.1:40002", "AKIATWO")
	demo1, demo2 := journalPath(ctx, run1, dirs, "demo"), journalPath(ctx, run2, dirs, "demo")
	if demo1 != demo2 || filepath.Base(demo1) != "transfers-demo.journal" {
		t.Fatalf("demo journals %q and %q, want one transfers-demo.journal", demo1, demo2)
	}
	if filepath.Dir(filepath.Dir(demo1)) != state {
		t.Fatalf("demo journal %q is not under $XDG_STATE_HOME/ferry", demo1)
	}
	a, b := journalPath(ctx, run1, dirs, ""), journalPath(ctx, run2, dirs, "")
	if a == b || a == demo1 {
		t.Fatalf("two connections share a journal: %q, %q (demo %q)", a, b, demo1)
	}
	if again := journalPath(ctx, connect("http://127.0.0.1:40001", "AKIAONE"), dirs, ""); again != a {
		t.Fatalf("same endpoint and account: %q then %q", a, again)
	}
	sameKeyOtherStore := journalPath(ctx, connect("http://127.0.0.1:40002", "AKIAONE"), dirs, "")
	if sameKeyOtherStore == a {
		t.Fatal("the same access key on another endpoint shares the journal")
	}
}
