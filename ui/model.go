// Package ui is ferry's terminal interface: the root Bubble Tea model that
// owns the layout, focus, the dialog stack, the status and help bars, and
// routes every message to the component it belongs to; plus Run, which
// connects and starts the program.
//
// Routing: keys go to the top dialog if one is open, else to the focused
// pane when it is typing (filter), else the root's global keys, else the
// focused pane. Mouse events go to the pane under the pointer. Results of
// async work implement pane.Msg and go to the pane whose id they carry.
// Components talk back through messages in ui/common (OpenDialogMsg,
// StatusMsg, SlotMsg).
//
// Extending it:
//   - a dialog: implement common.Component (and common.TextInput if it has
//     a text field, so pastes and all keys reach it); open it from any
//     Update by returning common.OpenDialog(d); it closes itself with
//     common.CloseDialogOf(itself). dialog.Confirm is the reusable yes/no.
//   - a key: add a key.Binding to the right group in keymap (and its
//     action name in keymap/actions.go, so users can rebind it), then
//     match it in the component that owns the context.
//   - a status slot: send common.SlotMsg{Name, Text} (e.g. from a
//     transfer-progress message handler); empty Text removes it.
//   - a message route: async results for a pane implement pane.Msg; for a
//     new component, add a case to route() (or give its messages an
//     interface like pane.Msg) and keep the handler in that component.
//   - drops: set Options.OnDrop; pastes that parse as paths arrive there.
//   - pane kinds: Pane(id).SetSource(src) shows any source.Source.
package ui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/ferry-s3/ferry/dropped"
	"github.com/ferry-s3/ferry/keymap"
	"github.com/ferry-s3/ferry/localops"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/connpick"
	"github.com/ferry-s3/ferry/ui/dialog"
	"github.com/ferry-s3/ferry/ui/pane"
	"github.com/ferry-s3/ferry/ui/sharing"
	"github.com/ferry-s3/ferry/ui/source"
	"github.com/ferry-s3/ferry/ui/statusbar"
	"github.com/ferry-s3/ferry/ui/transfers"
)

// Pane ids: the left pane starts local, the right one in S3.
const (
	LeftPane  = 0
	RightPane = 1
)

// tickEvery is the animation and message-expiry heartbeat, which only
// runs while something is loading or a status message is on show.
const tickEvery = 100 * time.Millisecond

// Options configure the root model.
type Options struct {
	Client   *s3ops.Client
	LocalDir string         // where the local pane starts ("" = working dir)
	S3Start  s3ops.Location // where the S3 pane starts (zero = bucket list)
	Keys     *keymap.KeyMap // nil = keymap.Default()
	Base     context.Context
	Clock    *common.Clock  // nil = the wall clock (tests pass a manual one)
	TimeZone *time.Location // nil = local time
	// Warning is shown in the status bar at start (e.g. for --insecure).
	Warning string
	// Connection names what the S3 panes are connected to, for their top
	// edge and the window title: "demo", "profile work · eu-west-1",
	// "http://localhost:9000" ("" shows nothing).
	Connection string
	// OnDrop receives files dropped (pasted as paths) on the window, with
	// the S3 location they were dropped towards. Nil ignores drops.
	OnDrop func(DropMsg) tea.Cmd
	// SharePresets are the share dialogs' expiry choices (nil = defaults).
	SharePresets []time.Duration
	// PagesPrefix is where share pages are written in a bucket ("" =
	// sharepage.DefaultPagesPrefix; [share] pages_prefix).
	PagesPrefix string
	// Transfers is the transfer queue behind copying, drops and the
	// transfers pane (nil: no copying). The model restores its journal on
	// Init and reads its progress; the caller closes it after the program.
	Transfers *transfer.Engine
	// Engines makes the transfer engine of a named connection, the first
	// time a copy to or from a pane on it needs one (nil: only the
	// default connection transfers).
	Engines transfers.EngineSource
	// FeedProgress leaves reading the engine's updates to the caller, who
	// sends transfers.ProgressMsg (tests: their harness runs commands one
	// at a time and cannot host a reader that blocks).
	FeedProgress bool
	// Left and Right are where the panes start: a local folder or an
	// s3:// URI ("" = LocalDir for the left, S3Start for the right).
	Left, Right string
	// Connections are the named connections a pane can switch to (the
	// picker); nil offers none, and --left/--right cannot name one.
	Connections connpick.Provider
	// Trash moves local files to the trash (nil = localops.Trash; tests
	// replace it to see the permanent-delete question).
	Trash func(path string) (localops.TrashedItem, error)
}

// DropMsg is a paste that parsed as local paths (a drag-and-drop).
type DropMsg struct {
	Paths []dropped.Path
	// Target is the S3 location on show (the focused pane if it is an S3
	// pane, else the first S3 pane), nil when no pane shows S3.
	Target source.Source
}

// TickMsg is the root's heartbeat; it carries the time it fired.
type TickMsg struct{ At time.Time }

// Model is the root model.
type Model struct {
	ctx     *common.Context
	panes   []*pane.Model
	focus   int
	dialogs dialog.Stack
	status  *statusbar.Model
	help    help.Model
	ticking bool
	dark    bool // the terminal's background, as it said
	noColor bool // the terminal shows no colour (NO_COLOR, or its profile)
	warning string
	onDrop  func(DropMsg) tea.Cmd
	share   *sharing.Manager  // share keys, share dialogs, the run's links
	tx      txState           // the transfers pane and what goes with it
	ops     opsState          // file operations, their dialogs and tasks
	cmp     cmpState          // the compare view
	conns   *connpick.Manager // the connections picker
}

// New builds the root model with a local and an S3 pane.
func New(o Options) *Model {
	ctx := newContext(o)
	m := &Model{ctx: ctx, status: statusbar.New(ctx), help: help.New(), warning: o.Warning, onDrop: o.OnDrop, dark: true,
		conns: connpick.NewManager(ctx, o.Connections, o.Client)}
	local := source.NewLocal(o.LocalDir)
	m.panes = []*pane.Model{
		pane.New(ctx, LeftPane, m.startSource(o.Client, o.Connections, o.Left, local)),
		pane.New(ctx, RightPane, m.startSource(o.Client, o.Connections, o.Right, source.NewS3(o.Client, o.S3Start))),
	}
	m.share = sharing.NewManager(ctx, o.SharePresets)
	m.share.SetPages(sharing.PagesOptions{Prefix: o.PagesPrefix, InView: m.s3InView})
	m.initTransfers(o)
	m.initOps(o)
	m.focusPane(LeftPane)
	return m
}

// Context is the shared context (for components added by later features).
func (m *Model) Context() *common.Context { return m.ctx }

// Pane returns the pane with id LeftPane or RightPane.
func (m *Model) Pane(id int) *pane.Model { return m.panes[id] }

// Focused is the pane that has the keyboard.
func (m *Model) Focused() *pane.Model { return m.panes[m.focus] }

// Dialog is the dialog on top, or nil.
func (m *Model) Dialog() common.Component { return m.dialogs.Top() }

// StatusText is the transient message on show ("" when none).
func (m *Model) StatusText() string { return m.status.Message() }

// Init asks the terminal for its background colour and starts listing.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor}
	for _, p := range m.panes {
		cmds = append(cmds, p.Load())
	}
	if m.warning != "" {
		m.status.Push(common.StatusMsg{Text: m.warning, Level: common.LevelWarn, For: 15 * time.Second})
	}
	return tea.Batch(append(cmds, m.startTransfers(), m.armTick())...)
}

// Update routes msg and keeps the heartbeat running while needed.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.route(msg)
	return m, tea.Batch(cmd, m.followCompare(), m.syncOps(), m.armTick())
}

func (m *Model) route(msg tea.Msg) tea.Cmd {
	if cmd, ok := m.routeOps(msg); ok {
		return cmd
	}
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	case tea.MouseClickMsg, tea.MouseWheelMsg:
		return m.handleMouse(msg.(tea.MouseMsg))
	case tea.PasteMsg:
		return m.handlePaste(msg)
	case sharing.Msg:
		return m.share.Update(msg)
	case sharing.OpenMsg:
		return m.openShared(msg.Source)
	case transfers.Msg:
		return m.routeTransfers(msg)
	case pane.Msg:
		return m.panes[msg.PaneID()].Update(msg)
	case compareDoneMsg:
		return m.compareDone(msg)
	case compareCopiedMsg:
		return m.compareCopied(msg)
	}
	return m.handleInternal(msg)
}

// handleInternal handles the messages of the UI itself.
func (m *Model) handleInternal(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.resize(msg.Width, msg.Height)
	case tea.BackgroundColorMsg:
		m.dark = msg.IsDark()
		m.restyle()
	case tea.ColorProfileMsg:
		m.noColor = msg.Profile <= colorprofile.Ascii
		m.restyle()
	case TickMsg:
		m.handleTick(msg)
	case common.OpenDialogMsg:
		m.openDialog(msg.Dialog)
	case common.CloseDialogMsg:
		m.dialogs.Remove(msg.Dialog)
	case common.StatusMsg:
		m.status.Push(msg)
	case common.SlotMsg:
		m.status.SetSlot(msg.Name, msg.Text)
	case common.ClipboardMsg:
		return tea.SetClipboard(msg.Text)
	case DropMsg:
		if m.onDrop != nil {
			return m.onDrop(msg)
		}
	case refreshDueMsg:
		return m.refreshDue(msg)
	case quitConfirmedMsg:
		return m.quit()
	}
	return nil
}

// restyle builds the styles for the terminal's background and colours.
func (m *Model) restyle() {
	m.ctx.Styles = common.DefaultStyles(m.dark)
	if m.noColor {
		m.ctx.Styles = m.ctx.Styles.WithoutColor()
	}
	for _, p := range m.panes {
		p.Restyle()
	}
}

func (m *Model) openDialog(d common.Component) {
	d.SetSize(m.dialogArea())
	m.dialogs.Push(d)
}

func (m *Model) focusPane(i int) {
	wasTx := m.tx.pane != nil && m.tx.pane.Focused()
	m.blurTransfers()
	m.focus = i
	for j, p := range m.panes {
		p.SetFocused(j == i)
	}
	if wasTx {
		m.resize(m.ctx.Width, m.ctx.Height) // in a short window the file panes take the area back
	}
}

// busy reports whether the heartbeat is needed.
func (m *Model) busy() bool {
	if m.status.Pending() || m.opsBusy() || m.compareBusy() {
		return true
	}
	for _, p := range m.panes {
		if p.Busy() {
			return true
		}
	}
	return false
}

func (m *Model) armTick() tea.Cmd {
	if m.ticking || !m.busy() {
		return nil
	}
	m.ticking = true
	return m.ctx.Clock.Tick(tickEvery, func(t time.Time) tea.Msg { return TickMsg{At: t} })
}

func (m *Model) handleTick(msg TickMsg) {
	m.ticking = false
	for _, p := range m.panes {
		if p.Busy() {
			p.Animate()
		}
	}
	m.status.Expire(msg.At)
}
