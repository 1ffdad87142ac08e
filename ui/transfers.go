package ui

import (
	"errors"
	"path/filepath"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/dialog"
	"github.com/ferry-s3/ferry/ui/pane"
	"github.com/ferry-s3/ferry/ui/source"
	"github.com/ferry-s3/ferry/ui/transfers"
)

// The root's side of the transfer queue: where the transfers pane sits,
// whether it has focus, the copy key, drops, the quit question, reading
// the engine's progress, and refreshing file panes as transfers land.

// refreshGap spaces the refreshes of one pane while transfers land in
// it: at most one listing every half second.
const refreshGap = 500 * time.Millisecond

// minPaneRows is the least a file pane needs (border, header, column
// titles, a row and a filter line); when the transfers pane would leave
// less, it takes the whole area instead.
const minPaneRows = 6

// txState is the transfer queue's part of the root model.
type txState struct {
	pane      *transfers.Model // nil when there is no engine
	visible   bool
	listen    bool // read the engine's updates (off when the caller feeds them)
	resumable bool // the queue is journaled, so quitting loses nothing
	refreshed map[int]time.Time
	pending   map[int]bool // a delayed refresh is on its way
}

// refreshDueMsg is a delayed refresh of pane Pane, still at Loc.
type refreshDueMsg struct {
	Pane int
	Loc  string
}

// quitConfirmedMsg is the user saying yes to quitting with transfers on.
type quitConfirmedMsg struct{}

// initTransfers sets up the transfers pane when there is an engine, and
// makes it the receiver of drops unless the caller has its own.
func (m *Model) initTransfers(o Options) {
	m.tx = txState{refreshed: map[int]time.Time{}, pending: map[int]bool{}}
	if o.Transfers == nil {
		return
	}
	m.tx.pane = transfers.New(m.ctx, o.Transfers)
	m.tx.pane.SetEngines(o.Engines, !o.FeedProgress)
	m.tx.listen = !o.FeedProgress
	m.tx.resumable = o.Transfers.Options().JournalPath != "-"
	if m.onDrop == nil {
		m.onDrop = func(d DropMsg) tea.Cmd {
			if cmd := refuseBetween(nil, d.Target); d.Target != nil && cmd != nil {
				return cmd
			}
			return m.tx.pane.Drop(d.Paths, d.Target)
		}
	}
}

// Transfers is the transfers pane (nil when there is no engine).
func (m *Model) Transfers() *transfers.Model { return m.tx.pane }

// TransfersVisible reports whether the transfers pane is on screen.
func (m *Model) TransfersVisible() bool { return m.tx.pane != nil && m.tx.visible }

// startTransfers restores the last run's queue and starts reading progress.
func (m *Model) startTransfers() tea.Cmd {
	if m.tx.pane == nil {
		return nil
	}
	return tea.Batch(transfers.Restore(m.tx.pane.Engine()), m.listenCmd())
}

func (m *Model) listenCmd() tea.Cmd {
	if !m.tx.listen {
		return nil
	}
	return transfers.Listen(m.tx.pane.Engine().Updates())
}

// routeTransfers hands the transfer queue's messages to the pane, with
// what the root does about each: re-arm the progress reader and refresh
// the panes where jobs landed, show the pane when jobs arrive, keep the
// status bar's summary current.
func (m *Model) routeTransfers(msg transfers.Msg) tea.Cmd {
	if m.tx.pane == nil {
		return nil
	}
	switch msg := msg.(type) {
	case transfers.ProgressMsg:
		cmd := m.tx.pane.Update(msg)
		m.syncSlot()
		listen := m.listenCmd()
		if msg.Conn != "" {
			listen = m.tx.pane.ListenNamed(msg.Conn)
		}
		return tea.Batch(cmd, m.refreshLanded(msg.Updates, msg.Conn), listen)
	case transfers.QueuedMsg:
		cmd := m.tx.pane.Update(msg)
		if len(msg.Jobs) > 0 {
			m.showTransfers(false)
		}
		m.syncSlot()
		return cmd
	case transfers.RestoredMsg:
		m.noteJournal(msg.Err)
		msg.Err = journalNotice(msg.Err)
		cmd := m.tx.pane.Update(msg)
		if msg.N > 0 {
			m.showTransfers(false)
		}
		m.syncSlot()
		return cmd
	}
	return m.tx.pane.Update(msg)
}

// noteJournal records whether the queue survives a quit: not when the
// journal could not be opened (another ferry holds it, no state dir).
func (m *Model) noteJournal(err error) {
	var je *transfer.JournalError
	if errors.As(err, &je) && je.SetAside == "" {
		m.tx.resumable = false
	}
}

// journalNotice is how the status bar says the journal could not be
// used. When another ferry holds it, what that means comes first and
// the path last: the bar cuts the end of a long message.
func journalNotice(err error) error {
	var je *transfer.JournalError
	if errors.As(err, &je) && je.Busy {
		return errors.New("another ferry is running: this one will not remember its transfers (" + je.Path + " is in use)")
	}
	return err
}

func (m *Model) syncSlot() { m.status.SetSlot(transfers.SlotName, m.tx.pane.SlotText()) }

// handleTransferKey handles the transfer keys: toggling the pane and
// pausing everything work anywhere, copy works in a file pane, and every
// other key goes to the transfers pane while it has focus.
func (m *Model) handleTransferKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if m.tx.pane == nil {
		return nil, false
	}
	k := m.ctx.Keys.Transfers
	switch {
	case key.Matches(msg, k.Toggle):
		return m.toggleTransfers(), true
	case key.Matches(msg, k.PauseAll):
		return m.tx.pane.PauseAll(), true
	case m.tx.pane.Focused():
		cmd := m.tx.pane.Update(msg)
		m.syncSlot() // a key may have cleared or cancelled rows the slot counts
		return cmd, true
	case key.Matches(msg, k.Copy):
		return m.copySelection(), true
	}
	return nil, false
}

// toggleTransfers shows and focuses the transfers pane; when it already
// has focus, it hides it and gives the keyboard back to the file pane.
func (m *Model) toggleTransfers() tea.Cmd {
	if m.tx.visible && m.tx.pane.Focused() {
		m.tx.visible = false
		m.focusPane(m.focus)
		m.resize(m.ctx.Width, m.ctx.Height)
		return nil
	}
	m.showTransfers(true)
	return nil
}

func (m *Model) showTransfers(focus bool) {
	if !m.tx.visible {
		m.tx.visible = true
		m.resize(m.ctx.Width, m.ctx.Height)
	}
	if focus {
		for _, p := range m.panes {
			p.SetFocused(false)
		}
		m.tx.pane.SetFocused(true)
		m.resize(m.ctx.Width, m.ctx.Height) // in a short window the focused pane takes the area
	}
}

// blurTransfers takes the keyboard from the transfers pane.
func (m *Model) blurTransfers() {
	if m.tx.pane != nil {
		m.tx.pane.SetFocused(false)
	}
}

// cycleFocus moves the keyboard to the next (step 1) or previous (-1)
// of the file panes and, when it is on screen, the transfers pane.
func (m *Model) cycleFocus(step int) {
	slots := len(m.panes)
	cur := m.focus
	if m.TransfersVisible() {
		slots++
		if m.tx.pane.Focused() {
			cur = len(m.panes)
		}
	}
	next := (cur + step + slots) % slots
	if next == len(m.panes) {
		m.showTransfers(true)
		return
	}
	m.focusPane(next)
}

// copySelection asks to copy the focused pane's selection to the other
// pane's location.
func (m *Model) copySelection() tea.Cmd {
	from := m.Focused()
	to := m.panes[(m.focus+1)%len(m.panes)]
	if cmd := refuseBetween(from.Source(), to.Source()); cmd != nil {
		return cmd
	}
	sel := from.Selection()
	plan, why := transfers.PlanCopy(from.Source(), sel, to.Source())
	if why != "" {
		return common.Status(common.LevelWarn, why)
	}
	plan.Then = pane.Unmark(from.ID(), source.Keys(sel))
	return m.tx.pane.ConfirmCopy(plan)
}

// requestQuit quits, asking first when transfers are moving.
func (m *Model) requestQuit() tea.Cmd {
	if m.tx.pane == nil {
		return m.quit()
	}
	q := m.tx.pane.QuitQuestion(m.tx.resumable)
	if q == "" {
		return m.quit()
	}
	yes := func() tea.Msg { return quitConfirmedMsg{} }
	return common.OpenDialog(dialog.NewConfirm(m.ctx, "Quit ferry?", q, yes, nil))
}

// transfersHeight is the transfers pane's share of the screen: 40% of
// the area above the bars. When the file panes would get too little
// (a short window), whichever has the keyboard takes the whole area: the
// transfers pane while it is focused, else the file panes (the status
// bar still sums the queue up).
func (m *Model) transfersHeight() int {
	if !m.TransfersVisible() {
		return 0
	}
	area := m.ctx.Height - barRows
	h := max(transfers.MinHeight+2, area*2/5)
	switch {
	case area-h >= minPaneRows:
		return h
	case m.tx.pane.Focused():
		return area
	}
	return 0
}

func (m *Model) resizeTransfers() {
	if m.tx.pane != nil {
		m.tx.pane.SetSize(m.ctx.Width, m.transfersHeight())
	}
}

// withTransfers puts the transfers pane under the file panes' view.
func (m *Model) withTransfers(panes string) string {
	if !m.TransfersVisible() || m.transfersHeight() == 0 {
		return panes
	}
	if m.paneHeight() <= 0 {
		return m.tx.pane.View()
	}
	return panes + "\n" + m.tx.pane.View()
}

// transfersMouse handles the mouse below the file panes.
func (m *Model) transfersMouse(msg tea.MouseMsg) tea.Cmd {
	y := msg.Mouse().Y - m.paneHeight()
	if !m.TransfersVisible() || y >= m.transfersHeight() {
		return nil
	}
	switch msg := msg.(type) {
	case tea.MouseWheelMsg:
		return m.tx.pane.Update(msg)
	case tea.MouseClickMsg:
		if msg.Button == tea.MouseLeft {
			m.showTransfers(true)
			m.tx.pane.Click(y)
		}
	}
	return nil
}

// transfersInfo is the status bar's description of the transfers pane.
func (m *Model) transfersInfo() string {
	c := m.tx.pane.Counts()
	if c.Jobs == 0 {
		return "transfers"
	}
	return "transfers · " + units.Count(m.tx.pane.CursorIndex()+1) + "/" + units.Count(c.Jobs)
}

// refreshLanded refreshes the file panes showing where jobs of
// connection conn's engine just ended, and where moves took their
// sources from.
func (m *Model) refreshLanded(us []transfer.Update, conn string) tea.Cmd {
	var cmds []tea.Cmd
	for i, p := range m.panes {
		for _, u := range us {
			if u.Final && (landsOn(u.Job, conn, p.Source()) || leavesFrom(u.Job, p.Source())) {
				cmds = append(cmds, m.refreshPane(i))
				break
			}
		}
	}
	return tea.Batch(cmds...)
}

// landsOn is landsIn for a job of connection conn's engine.
func landsOn(s transfer.JobStatus, conn string, src source.Source) bool {
	if s3, ok := src.(source.S3); ok && s3.Conn != conn {
		return false
	}
	return landsIn(s, src)
}

// leavesFrom reports whether job s is a move whose source was in the
// location src shows (or below it).
func leavesFrom(s transfer.JobStatus, src source.Source) bool {
	s3, ok := src.(source.S3)
	return ok && s.Move && s3.Conn == s.FromConn && s3.Loc.Bucket != "" && s3.Loc.Bucket == s.From.Bucket &&
		strings.HasPrefix(s.From.Key, s3.Loc.Key)
}

// landsIn reports whether job s writes into the location src shows (or
// into a folder below it, which may be new there).
func landsIn(s transfer.JobStatus, src source.Source) bool {
	switch src := src.(type) {
	case source.S3:
		return s.Dir != transfer.Download && src.Loc.Bucket != "" && src.Loc.Bucket == s.Remote.Bucket &&
			strings.HasPrefix(s.Remote.Key, src.Loc.Key)
	case source.Local:
		rel, err := filepath.Rel(src.Dir, filepath.Dir(s.Local))
		return s.Dir == transfer.Download && err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
	}
	return false
}

// refreshPane refreshes pane i now, or once refreshGap has passed since
// its last refresh.
func (m *Model) refreshPane(i int) tea.Cmd {
	now := m.ctx.Clock.Now()
	last := m.tx.refreshed[i]
	if now.Sub(last) >= refreshGap {
		m.tx.refreshed[i] = now
		return m.panes[i].Refresh()
	}
	if m.tx.pending[i] {
		return nil
	}
	m.tx.pending[i] = true
	due := refreshDueMsg{Pane: i, Loc: m.panes[i].Source().String()}
	return m.ctx.Clock.Tick(last.Add(refreshGap).Sub(now), func(time.Time) tea.Msg { return due })
}

func (m *Model) refreshDue(msg refreshDueMsg) tea.Cmd {
	m.tx.pending[msg.Pane] = false
	if m.panes[msg.Pane].Source().String() != msg.Loc {
		return nil // the user went elsewhere: that listing is fresh anyway
	}
	m.tx.refreshed[msg.Pane] = m.ctx.Clock.Now()
	return m.panes[msg.Pane].Refresh()
}

// transferPaneKeys is the transfer keys' part of a file pane's full help.
func (m *Model) transferPaneKeys() []key.Binding {
	if m.tx.pane == nil {
		return nil
	}
	k := m.ctx.Keys.Transfers
	return []key.Binding{k.Copy, k.Toggle, k.PauseAll}
}
