package ops

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/keymap"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
)

// objectPane is a pane showing one object in a bucket.
type objectPane struct{ src source.S3 }

func (p objectPane) ID() int                   { return 1 }
func (p objectPane) Source() source.Source     { return p.src }
func (p objectPane) Selection() []source.Entry { return nil }
func (p objectPane) Current() (source.Entry, bool) {
	return source.Entry{Name: "a.txt", Key: "a.txt"}, true
}
func (p objectPane) Refresh() tea.Cmd                { return nil }
func (p objectPane) RefreshTo(string, bool) tea.Cmd  { return nil }
func (p objectPane) SetSource(source.Source) tea.Cmd { return nil }

func versioningManager(now *time.Time) *Manager {
	keys := keymap.Default()
	ctx := common.NewContext(context.Background(), &keys)
	ctx.Clock.Now = func() time.Time { return *now }
	return NewManager(ctx, Options{})
}

func TestVersioningIsAskedAgainOnceItsAnswerIsOld(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	m := versioningManager(&now)
	panes := []Pane{objectPane{src: source.S3{Loc: s3ops.Location{Bucket: "b"}}}}

	if m.SyncVersioning(panes) == nil {
		t.Fatal("a new bucket was not asked")
	}
	if m.SyncVersioning(panes) != nil {
		t.Fatal("asked twice while the first question was in flight")
	}
	if _, why := m.VersionsTarget(panes[0]); !strings.Contains(why, "still asking") {
		t.Fatalf("before the answer v says %q", why)
	}
	m.noteVersioning(versioningMsg{bucket: "\x00b", status: s3ops.VersioningOff})
	if _, why := m.VersionsTarget(panes[0]); !strings.Contains(why, "versioning off") {
		t.Fatalf("unversioned bucket: v says %q", why)
	}
	now = now.Add(30 * time.Second)
	if m.SyncVersioning(panes) != nil {
		t.Fatal("a fresh answer was asked again")
	}
	// Someone turns versioning on; a minute later the pane asks again.
	now = now.Add(31 * time.Second)
	if m.SyncVersioning(panes) == nil {
		t.Fatal("an answer a minute old was not asked again")
	}
	m.noteVersioning(versioningMsg{bucket: "\x00b", status: s3ops.VersioningEnabled})
	if loc, why := m.VersionsTarget(panes[0]); why != "" || loc.Key != "a.txt" {
		t.Fatalf("versioned bucket: %v %q", loc, why)
	}
	// A failed question later keeps what was known.
	now = now.Add(2 * time.Minute)
	m.SyncVersioning(panes)
	m.noteVersioning(versioningMsg{bucket: "\x00b", err: errors.New("connection reset")})
	if !m.versioned(source.S3{Loc: s3ops.Location{Bucket: "b"}}) {
		t.Fatal("a failed question made a versioned bucket look unversioned")
	}
}

func TestVersionsCanBeListedWhenTheBucketWillNotSay(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	m := versioningManager(&now)
	p := objectPane{src: source.S3{Loc: s3ops.Location{Bucket: "locked"}}}
	m.SyncVersioning([]Pane{p})
	m.noteVersioning(versioningMsg{bucket: "\x00locked", err: errors.New("access denied")})
	// It used to say "still asking" for the rest of the session.
	if loc, why := m.VersionsTarget(p); why != "" || loc.Bucket != "locked" || loc.Key != "a.txt" {
		t.Fatalf("v after a refused question: %v %q", loc, why)
	}
}
