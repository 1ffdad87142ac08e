package incomplete

import (
	"context"
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/common"
)

// opTimeout bounds a listing and an abort.
const opTimeout = 2 * time.Minute

// Dialog lists the unfinished uploads under one location and aborts the
// one under the cursor, or all of them, once the user confirms.
type Dialog struct {
	mgr *Manager
	ctx *common.Context
	id  int
	// client is the connection of the pane the dialog is about.
	client *s3ops.Client
	loc    s3ops.Location

	uploads []transfer.Incomplete
	loaded  bool
	cursor  int
	offset  int
	asking  []transfer.Incomplete // the uploads a pending question would abort
	busy    string
	note    string
	err     string
	width   int
	height  int
}

type (
	listedMsg struct {
		id      int
		uploads []transfer.Incomplete
		err     error
	}
	abortedMsg struct {
		id      int
		aborted []transfer.Incomplete
		err     error // the first failure, after the others were tried
		failed  int
	}
)

func (m listedMsg) dialogID() int  { return m.id }
func (m abortedMsg) dialogID() int { return m.id }

func (d *Dialog) list() tea.Cmd {
	d.busy = "listing incomplete uploads…"
	id, c, loc, ledger, base := d.id, d.client, d.loc, d.mgr.o.LedgerPath, d.ctx.Base
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(base, opTimeout)
		defer cancel()
		ups, err := transfer.ListIncomplete(ctx, c, loc, ledger)
		return listedMsg{id: id, uploads: ups, err: err}
	}
}

// abort aborts ups; a failure does not stop the rest.
func (d *Dialog) abort(ups []transfer.Incomplete) tea.Cmd {
	d.busy = "aborting " + units.Plural(len(ups), "upload") + "…"
	id, c, bucket, ledger, base := d.id, d.client, d.loc.Bucket, d.mgr.o.LedgerPath, d.ctx.Base
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(base, opTimeout)
		defer cancel()
		res := abortedMsg{id: id}
		for i, err := range transfer.AbortEach(ctx, c, bucket, ups, ledger) {
			if err != nil {
				res.failed++
				res.err = cmpFirst(res.err, err)
				continue
			}
			res.aborted = append(res.aborted, ups[i])
		}
		return res
	}
}

func cmpFirst(first, next error) error {
	if first != nil {
		return first
	}
	return next
}

// Uploads are the uploads listed.
func (d *Dialog) Uploads() []transfer.Incomplete { return d.uploads }

// SetSize sets the space the dialog may use.
func (d *Dialog) SetSize(w, h int) { d.width, d.height = w, h }

// Update handles keys (none once the dialog has closed).
func (d *Dialog) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if _, open := d.mgr.open.Get(d.id); !ok || !open {
		return nil
	}
	if d.asking != nil {
		return d.answer(k)
	}
	return d.browseKey(k)
}

func (d *Dialog) browseKey(k tea.KeyPressMsg) tea.Cmd {
	dk, ik := d.ctx.Keys.Dialog, d.ctx.Keys.Ops
	switch {
	case key.Matches(k, dk.Cancel):
		return d.mgr.closeDialog(d.id)
	case key.Matches(k, dk.Up):
		d.move(-1)
	case key.Matches(k, dk.Down):
		d.move(1)
	case d.busy != "":
	case key.Matches(k, ik.IncompleteRefresh):
		d.note, d.err = "", ""
		return d.list()
	case key.Matches(k, ik.IncompleteAbort) && d.cursor < len(d.uploads):
		d.asking = d.uploads[d.cursor : d.cursor+1]
	case key.Matches(k, ik.IncompleteAbortAll) && len(d.uploads) > 0:
		d.asking = d.uploads
	}
	return nil
}

func (d *Dialog) answer(k tea.KeyPressMsg) tea.Cmd {
	dk := d.ctx.Keys.Dialog
	switch {
	case key.Matches(k, dk.Confirm):
		ups := d.asking
		d.asking = nil
		return d.abort(ups)
	case key.Matches(k, dk.Cancel), key.Matches(k, dk.Select):
		d.asking = nil
	}
	return nil
}

func (d *Dialog) move(n int) {
	d.cursor = max(0, min(len(d.uploads)-1, d.cursor+n))
	d.note, d.err = "", ""
}

// handle takes the dialog's results.
func (d *Dialog) handle(msg Msg) tea.Cmd {
	d.busy = ""
	switch msg := msg.(type) {
	case listedMsg:
		d.loaded = true
		if msg.err != nil {
			d.err = "could not list the incomplete uploads: " + msg.err.Error()
			return nil
		}
		d.uploads = msg.uploads
		d.cursor = max(0, min(d.cursor, len(d.uploads)-1))
	case abortedMsg:
		return tea.Batch(d.aborted(msg), d.list())
	}
	return nil
}

func (d *Dialog) aborted(msg abortedMsg) tea.Cmd {
	var freed int64
	for _, u := range msg.aborted {
		freed += u.Bytes
	}
	d.note = fmt.Sprintf("aborted %s, %s freed", units.Plural(len(msg.aborted), "upload"), units.Bytes(freed))
	if msg.err != nil {
		d.err = fmt.Sprintf("%d could not be aborted: %v", msg.failed, msg.err)
		return common.Status(common.LevelError, d.note+"; "+d.err)
	}
	return common.Status(common.LevelSuccess, d.note+" in "+common.Sanitize(d.loc.String()))
}
