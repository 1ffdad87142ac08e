package versions

import (
	"context"
	"fmt"
	"path"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
	"github.com/ferry-s3/ferry/ui/transfers"
)

// opTimeout bounds listing, restoring and signing.
const opTimeout = time.Minute

// mode is what the dialog's keys do.
type mode int

const (
	browsing  mode = iota // the list: d, s, r
	restoring             // confirming a restore
)

// Dialog lists an object's versions and acts on the one under the cursor.
type Dialog struct {
	mgr  *Manager
	ctx  *common.Context
	id   int
	src  source.S3 // the pane's location: its client and connection
	loc  s3ops.Location
	mode mode

	versions []s3ops.Version
	loaded   bool
	cursor   int
	offset   int
	busy     string // what the dialog waits for
	note     string // the last outcome
	err      string
	width    int
	height   int
}

func newDialog(m *Manager, id int, src source.S3, loc s3ops.Location) *Dialog {
	return &Dialog{mgr: m, ctx: m.ctx, id: id, src: src, loc: loc, busy: "listing versions…"}
}

// Messages of a dialog.
type (
	listedMsg struct {
		id  int
		vs  []s3ops.Version
		err error
	}
	restoredMsg struct {
		id      int
		version string
		err     error
	}
	queuedMsg struct {
		id     int
		target string
		q      transfers.QueuedMsg
		err    error
	}
)

func (m listedMsg) dialogID() int   { return m.id }
func (m restoredMsg) dialogID() int { return m.id }
func (m queuedMsg) dialogID() int   { return m.id }

// list fetches the versions.
func (d *Dialog) list() tea.Cmd {
	id, c, loc, base := d.id, d.src.Client, d.loc, d.ctx.Base
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(base, opTimeout)
		defer cancel()
		vs, err := c.Versions(ctx, loc)
		return listedMsg{id: id, vs: vs, err: err}
	}
}

// Current is the version under the cursor.
func (d *Dialog) Current() (s3ops.Version, bool) {
	if d.cursor < 0 || d.cursor >= len(d.versions) {
		return s3ops.Version{}, false
	}
	return d.versions[d.cursor], true
}

// Versions are the versions listed.
func (d *Dialog) Versions() []s3ops.Version { return d.versions }

// SetSize sets the space the dialog may use.
func (d *Dialog) SetSize(w, h int) { d.width, d.height = w, h }

// Update handles keys (none once the dialog has closed).
func (d *Dialog) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if _, open := d.mgr.open.Get(d.id); !ok || !open {
		return nil
	}
	switch d.mode {
	case restoring:
		return d.restoreKey(k)
	}
	return d.browseKey(k)
}

func (d *Dialog) browseKey(k tea.KeyPressMsg) tea.Cmd {
	dk, vk := d.ctx.Keys.Dialog, d.ctx.Keys.Ops
	switch {
	case key.Matches(k, dk.Cancel):
		return d.mgr.closeDialog(d.id)
	case key.Matches(k, dk.Up):
		d.move(-1)
	case key.Matches(k, dk.Down):
		d.move(1)
	case d.busy != "":
	case key.Matches(k, vk.VersionDownload):
		return d.download()
	case key.Matches(k, vk.VersionShare):
		return d.share()
	case key.Matches(k, vk.VersionRestore):
		return d.startRestore()
	}
	return nil
}

func (d *Dialog) move(n int) {
	d.cursor = max(0, min(len(d.versions)-1, d.cursor+n))
	d.note, d.err = "", ""
}

// usable is the version under the cursor when it has content, or says
// why the action cannot apply.
func (d *Dialog) usable(what string) (s3ops.Version, bool) {
	v, ok := d.Current()
	switch {
	case !ok:
		return v, false
	case v.DeleteMarker:
		d.err = "a delete marker has no content to " + what + "; choose a version below it"
		return v, false
	}
	d.err = ""
	return v, true
}

// versionName is the file a version is saved as: "report (version
// 2026-01-02 150405).pdf", so it never takes the current file's name.
func versionName(key string, v s3ops.Version, tz *time.Location) string {
	name := path.Base(key)
	ext := path.Ext(name)
	if ext == name {
		ext = ""
	}
	when := v.Modified
	if tz != nil {
		when = when.In(tz)
	}
	return fmt.Sprintf("%s (version %s)%s", strings.TrimSuffix(name, ext), when.Format("2006-01-02 150405"), ext)
}

// share opens the share dialog on the version under the cursor: the
// same choices as any link (expiry, attachment, content type, QR, what
// to do when the credentials end first), signed with its versionId.
func (d *Dialog) share() tea.Cmd {
	v, ok := d.usable("share")
	if !ok {
		return nil
	}
	if d.mgr.o.Share == nil {
		d.err = "links cannot be made in this session"
		return nil
	}
	return d.mgr.o.Share(d.src.Client, d.loc, v.VersionID)
}

func (d *Dialog) startRestore() tea.Cmd {
	v, ok := d.usable("restore")
	switch {
	case !ok:
	case v.IsLatest:
		d.note = "this is already the latest version"
	default:
		d.mode = restoring
	}
	return nil
}

func (d *Dialog) restoreKey(k tea.KeyPressMsg) tea.Cmd {
	dk := d.ctx.Keys.Dialog
	switch {
	case key.Matches(k, dk.Confirm):
		d.mode = browsing
		return d.restore()
	case key.Matches(k, dk.Cancel), key.Matches(k, dk.Select):
		d.mode = browsing
	}
	return nil
}

// restore makes the version under the cursor the latest again.
func (d *Dialog) restore() tea.Cmd {
	v, ok := d.Current()
	if !ok {
		return nil
	}
	d.busy = "restoring…"
	id, c, loc, base := d.id, d.src.Client, d.loc, d.ctx.Base
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(base, opTimeout)
		defer cancel()
		return restoredMsg{id: id, version: v.VersionID, err: c.RestoreVersion(ctx, loc, v.VersionID)}
	}
}

// handle takes the dialog's results.
func (d *Dialog) handle(msg Msg) tea.Cmd {
	d.busy = ""
	switch msg := msg.(type) {
	case listedMsg:
		return d.listed(msg)
	case restoredMsg:
		if msg.err != nil {
			d.err = "could not restore: " + msg.err.Error()
			return nil
		}
		d.note = "restored version " + short(msg.version) + " as the latest"
		d.busy = "listing versions…"
		bucket := d.loc.Bucket
		return tea.Batch(d.list(), func() tea.Msg { return ChangedMsg{Bucket: bucket} },
			common.Status(common.LevelSuccess, "restored "+common.Sanitize(d.loc.String())+" to version "+short(msg.version)))
	case queuedMsg:
		if msg.err != nil {
			d.err = msg.err.Error()
			return nil
		}
		d.note = "download queued: " + common.Sanitize(msg.target)
		q := msg.q
		return func() tea.Msg { return q }
	}
	return nil
}

func (d *Dialog) listed(msg listedMsg) tea.Cmd {
	d.loaded = true
	if msg.err != nil {
		d.err = "could not list the versions: " + msg.err.Error()
		return nil
	}
	d.versions = msg.vs
	d.cursor = max(0, min(d.cursor, len(d.versions)-1))
	return nil
}

// short is a version id cut for display.
func short(id string) string {
	if len(id) > 12 {
		return id[:12] + "…"
	}
	return id
}
