package sharing

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/share"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
)

// Pane is what the share keys need of the focused file pane.
type Pane interface {
	Source() source.Source
	Current() (source.Entry, bool)
	Marked() []source.Entry
}

// view is an open sharing dialog: a Component that takes its own Msgs.
type view interface {
	common.Component
	handle(msg Msg) tea.Cmd
}

// Manager opens the share views on the share keys, keeps the links made
// in this run and routes the views' results. The root owns one.
type Manager struct {
	ctx     *common.Context
	presets []time.Duration
	history *share.History
	open    common.OpenSet[view] // the open views by id
	pages   PagesOptions
	owners  map[string]owner // the connection of each recorded page, by bucket/key
}

// NewManager returns a manager offering presets as expiry choices (nil
// means share.DefaultPresets).
func NewManager(ctx *common.Context, presets []time.Duration) *Manager {
	if len(presets) == 0 {
		presets = share.DefaultPresets
	}
	m := &Manager{ctx: ctx, presets: presets}
	m.history = share.NewHistory(func() time.Time { return ctx.Clock.Now() })
	return m
}

// HandleKey opens a view when msg is a share key: s (share the object or
// folder under the cursor or the marked ones), S (an upload link or page
// into the pane's location) or L (the links and pages made). Where a key does not apply it says why
// on the status line. handled is false for other keys.
func (m *Manager) HandleKey(msg tea.KeyPressMsg, p Pane) (cmd tea.Cmd, handled bool) {
	k := m.ctx.Keys.Share
	switch {
	case key.Matches(msg, k.Share):
		return m.openDownload(p), true
	case key.Matches(msg, k.UploadLink):
		return m.openUpload(p), true
	case key.Matches(msg, k.Links):
		return m.openLinks(), true
	}
	return nil, false
}

// Update takes a sharing Msg: a copy result always reaches the status
// line; anything else goes to its view, or is dropped when that view has
// closed (which also ends its tick loop).
func (m *Manager) Update(msg Msg) tea.Cmd {
	v, open := m.open.Get(msg.viewID())
	switch msg := msg.(type) {
	case copiedMsg:
		st := msg.status(m.ctx.Clock.Now(), m.ctx.TimeZone)
		if open {
			v.handle(msg)
		}
		return func() tea.Msg { return st }
	case tickMsg:
		if open {
			return m.tick(msg.id)
		}
		return nil
	}
	if !open {
		return nil
	}
	return v.handle(msg)
}

// ShortHelp is the share keys that work in p right now.
func (m *Manager) ShortHelp(p Pane) []key.Binding {
	k := m.ctx.Keys.Share
	shareKey, uploadKey := k.Share, k.UploadLink
	_, why := downloadTargets(p)
	_, _, where := uploadTarget(p)
	shareKey.SetEnabled(shareKey.Enabled() && why == "")
	uploadKey.SetEnabled(uploadKey.Enabled() && where == "")
	return []key.Binding{shareKey, uploadKey}
}

// FullHelp is the share keys for the help dialog, as one column (L
// always works).
func (m *Manager) FullHelp(p Pane) []key.Binding {
	return append(m.ShortHelp(p), m.ctx.Keys.Share.Links)
}

// newID reserves the id of a view about to open.
func (m *Manager) newID() int { return m.open.NewID() }

// show registers v as open and opens it as a dialog, starting its tick
// and its first IO.
func (m *Manager) show(id int, v view, first tea.Cmd) tea.Cmd {
	return m.open.Show(id, v, first, m.tick(id))
}

// closeView forgets the view (its late results and ticks are dropped) and
// closes it.
func (m *Manager) closeView(id int) tea.Cmd { return m.open.Close(id) }

func (m *Manager) tick(id int) tea.Cmd {
	return m.ctx.Clock.Tick(time.Second, func(time.Time) tea.Msg { return tickMsg{id: id} })
}

func status(level common.Level, text string) tea.Cmd { return common.Status(level, text) }
