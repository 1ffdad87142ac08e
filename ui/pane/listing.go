package pane

import (
	"context"
	"errors"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/dialog"
	"github.com/ferry-s3/ferry/ui/source"
)

// detailsTimeout bounds an info lookup so a dead endpoint cannot leave
// the user waiting forever.
const detailsTimeout = 30 * time.Second

// ListMsg carries one or more pages of a listing to pane Pane. Seq is the
// listing it belongs to; Done marks the last message, with Err when the
// listing failed.
type ListMsg struct {
	Pane    int
	Seq     int
	Entries []source.Entry
	Done    bool
	Err     error
	events  <-chan listEvent
}

// PaneID routes the message.
func (m ListMsg) PaneID() int { return m.Pane }

// DetailsMsg carries the details of one entry for the info dialog.
type DetailsMsg struct {
	Pane    int
	Seq     int
	Details source.Details
	Err     error
}

// PaneID routes the message.
func (m DetailsMsg) PaneID() int { return m.Pane }

type listEvent struct {
	entries []source.Entry
	done    bool
	err     error
}

// Load (re)starts listing the pane's source, dropping the current
// entries; a listing already in flight is cancelled and its late results
// are ignored.
func (m *Model) Load() tea.Cmd {
	if m.cancel != nil {
		m.cancel()
	}
	ctx, cancel := context.WithCancel(m.ctx.Base)
	m.cancel = cancel
	m.seq++
	m.loading, m.err, m.follow = true, nil, false
	m.list.reset()
	m.scroll.Cursor, m.scroll.Offset = 0, 0
	return listCmd(ctx, m.id, m.seq, m.src)
}

// listCmd starts the listing goroutine and waits for its first page.
func listCmd(ctx context.Context, id, seq int, src source.Source) tea.Cmd {
	return func() tea.Msg {
		events := make(chan listEvent, 4)
		go produce(ctx, src, events)
		return readNext(id, seq, events)
	}
}

// produce runs the listing, handing pages over until ctx is cancelled.
func produce(ctx context.Context, src source.Source, events chan<- listEvent) {
	defer close(events)
	send := func(ev listEvent) bool {
		select {
		case events <- ev:
			return true
		case <-ctx.Done():
			return false
		}
	}
	defer func() {
		if r := recover(); r != nil {
			send(listEvent{done: true, err: fmt.Errorf("listing %s failed: %v", src, r)})
		}
	}()
	err := src.List(ctx, func(page []source.Entry) bool { return send(listEvent{entries: page}) })
	send(listEvent{done: true, err: err})
}

// readNext waits for the next page, then takes whatever else is already
// waiting too, so a fast listing is merged in few large batches.
func readNext(id, seq int, events <-chan listEvent) tea.Msg {
	msg := ListMsg{Pane: id, Seq: seq, events: events}
	ev, ok := <-events
	msg.absorb(ev, ok)
	for !msg.Done {
		select {
		case ev, ok := <-events:
			msg.absorb(ev, ok)
		default:
			return msg
		}
	}
	return msg
}

func (m *ListMsg) absorb(ev listEvent, ok bool) {
	m.Entries = append(m.Entries, ev.entries...)
	m.Done = !ok || ev.done
	if ev.err != nil {
		m.Err = ev.err
	}
}

// handleList merges a batch, keeping the cursor on the same entry.
func (m *Model) handleList(msg ListMsg) tea.Cmd {
	if msg.Seq != m.seq {
		return nil // a listing the user already left
	}
	if len(msg.Entries) > 0 {
		m.mergeKeepingCursor(msg.Entries)
	}
	if !msg.Done {
		return func() tea.Msg { return readNext(msg.Pane, msg.Seq, msg.events) }
	}
	m.loading, m.follow = false, false
	if r := m.restore; r != nil && r.index >= 0 && msg.Err == nil {
		m.show(r.index) // its entry is gone: the next row took its place
	}
	m.restore = nil
	if msg.Err != nil && !errors.Is(msg.Err, context.Canceled) {
		// A partial listing is not shown (the error is), so nothing
		// may act on it either.
		m.err = msg.Err
		m.list.reset()
		m.scroll.Cursor, m.scroll.Offset = 0, 0
		return nil
	}
	m.marks.keepOnly(m.list.all)
	return nil
}

func (m *Model) mergeKeepingCursor(page []source.Entry) {
	cur, hadCursor := m.Current()
	rowOnScreen := m.scroll.Cursor - m.scroll.Offset
	m.list.add(page)
	if m.follow {
		m.show(m.list.len() - 1)
		return
	}
	if m.restore != nil {
		if i := m.list.indexOfName(m.restore.name, m.restore.isDir); i >= 0 {
			m.scroll.Cursor, m.restore = i, nil
			m.scrollToCursor()
			return
		}
	}
	if hadCursor {
		if i := m.list.indexOf(cur.Key); i >= 0 {
			m.scroll.Cursor = i
			m.scroll.Offset = max(0, i-rowOnScreen)
		}
	}
	m.clampCursor()
}

// requestDetails fetches the details of the entry under the cursor.
func (m *Model) requestDetails() tea.Cmd {
	e, ok := m.Current()
	if !ok {
		return nil
	}
	id, seq, src, base := m.id, m.seq, m.src, m.ctx.Base
	var versions string // how a deleted object's versions are reached, in this keymap
	if e.Deleted && !e.IsDir {
		versions = m.ctx.Keys.Ops.Versions.Help().Key + " lists them; " + m.ctx.Keys.Ops.VersionRestore.Help().Key + " there restores one"
	}
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(base, detailsTimeout)
		defer cancel()
		d, err := src.Details(ctx, e)
		if err == nil && versions != "" {
			d.Fields = append(d.Fields, source.Field{Label: "Versions", Value: versions})
		}
		return DetailsMsg{Pane: id, Seq: seq, Details: d, Err: err}
	}
}

func (m *Model) handleDetails(msg DetailsMsg) tea.Cmd {
	if msg.Seq != m.seq {
		return nil
	}
	if msg.Err != nil {
		return common.Status(common.LevelError, msg.Err.Error())
	}
	return common.OpenDialog(dialog.NewInfo(m.ctx, msg.Details))
}
