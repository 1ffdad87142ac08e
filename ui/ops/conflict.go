package ops

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/s3ops/jobs"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/common"
)

// A copy or move whose destinations exist asks what to do with them,
// with the answers a download has: skip them, overwrite them (a folder
// is merged), keep both (the new one gets a free "name (1).ext"), or ask
// later — the question then waits on the operation's row in the
// transfers pane, where enter asks it again.

// conflictChoice is one answer to "already there".
type conflictChoice int

const (
	skipThem conflictChoice = iota
	overwriteThem
	keepBothOfThem
	askLater
)

func (c conflictChoice) label() string {
	return [...]string{"Skip", "Overwrite", "Keep both", "Ask later"}[c]
}

// keptBothMsg carries a plan whose destinations were renamed to free
// names, ready to run.
type keptBothMsg struct {
	c    conflictMsg
	plan movePlan
	err  error
}

func (m keptBothMsg) viewID() int { return 0 }

// conflictAsk is the question.
type conflictAsk struct {
	mgr     *Manager
	ctx     *common.Context
	id      int
	c       conflictMsg
	choices []conflictChoice
	pick    int
	width   int
	height  int
}

// askConflict asks about msg's destinations (closing the dialog that
// started the operation, if it is still open). "Ask later" is offered
// when the operation has a row to wait on.
func (m *Manager) askConflict(msg conflictMsg) tea.Cmd {
	closeForm := m.closeView(msg.id)
	id := m.newID()
	a := &conflictAsk{mgr: m, ctx: m.ctx, id: id, c: msg, choices: []conflictChoice{skipThem, overwriteThem, keepBothOfThem}}
	if msg.task != "" {
		a.choices = append(a.choices, askLater)
	}
	a.pick = 2 // keep both: nothing is lost, nothing left undone
	return tea.Batch(closeForm, m.show(id, a))
}

// SetSize sets the space the dialog may use.
func (a *conflictAsk) SetSize(w, h int) { a.width, a.height = w, h }

// Update answers the question (once).
func (a *conflictAsk) Update(msg tea.Msg) tea.Cmd {
	if !a.mgr.isLive(a.id) {
		return nil
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	tk, dk := a.ctx.Keys.Transfers, a.ctx.Keys.Dialog
	switch {
	case key.Matches(k, tk.Skip):
		return a.answer(skipThem)
	case key.Matches(k, tk.Overwrite):
		return a.answer(overwriteThem)
	case key.Matches(k, tk.KeepBoth):
		return a.answer(keepBothOfThem)
	case key.Matches(k, dk.Cancel):
		return a.answer(askLater) // or skip where nothing can wait: nothing is replaced
	case key.Matches(k, dk.Select, dk.Confirm):
		return a.answer(a.choices[a.pick])
	case key.Matches(k, dk.Switch):
		a.pick = (a.pick + 1) % len(a.choices)
	}
	return nil
}

func (a *conflictAsk) answer(c conflictChoice) tea.Cmd {
	if c == askLater && a.c.task == "" {
		c = skipThem
	}
	m, n := a.mgr, len(a.c.plan.Dests())
	closeCmd := m.closeView(a.id)
	if c != askLater {
		m.settled(a.c.task)
	}
	switch c {
	case overwriteThem:
		return tea.Batch(closeCmd, a.c.run(a.c.plan, true))
	case keepBothOfThem:
		return tea.Batch(closeCmd, m.keepBoth(a.c))
	case askLater:
		return tea.Batch(closeCmd, m.waitLater(a.c))
	}
	return tea.Batch(closeCmd, statusCmd(common.LevelInfo, fmt.Sprintf("left %s already there as %s", thingsText(n), pronounText(n))))
}

func thingsText(n int) string {
	if n == 1 {
		return "1 thing"
	}
	return fmt.Sprintf("%d things", n)
}

func pronounText(n int) string {
	if n == 1 {
		return "it was"
	}
	return "they were"
}

func (a *conflictAsk) handle(Msg) tea.Cmd { return nil }

func (a *conflictAsk) inner() int { return max(20, min(a.width, 84)-4) }

// View draws the destinations, what each answer does, the buttons and
// the keys.
func (a *conflictAsk) View() string {
	st := a.ctx.Styles
	w := a.inner()
	dests := a.c.plan.Dests()
	title := "Already there: " + common.Sanitize(dests[0])
	if len(dests) > 1 {
		title = fmt.Sprintf("%d things already there", len(dests))
	}
	var body []string
	for i, d := range dests {
		if len(dests) == 1 {
			break // the title names it
		}
		if i == previewRows {
			body = append(body, st.Hint.Render(fmt.Sprintf("  and %d more", len(dests)-i)))
			break
		}
		body = append(body, "  "+st.DialogValue.Render(common.FitLeft(common.Sanitize(d), w-2)))
	}
	if len(body) > 0 {
		body = append(body, "")
	}
	body = append(body, common.Wrapped(a.howText(len(dests)), w, st.Hint.Render)...)
	keys := common.WrapParts(a.keyParts(), " · ", w)
	buttons := a.buttons()
	buttons = strings.Repeat(" ", max(0, (w-ansi.StringWidth(buttons))/2)) + buttons
	parts := fitSections([]section{
		{lines: []string{st.DialogTitle.Render(common.FitLeft(title, w))}, min: 1},
		{lines: []string{""}, prio: 3}, {lines: body, prio: 1}, {lines: []string{""}, prio: 2},
		{lines: []string{buttons}, min: 1}, {lines: keys, prio: 2},
	}, max(2, a.height-2))
	var lines []string
	for _, p := range parts {
		for _, l := range p {
			lines = append(lines, common.Fit(l, w))
		}
	}
	return st.Dialog.Render(strings.Join(lines, "\n"))
}

// howText says what each answer does, for n destinations.
func (a *conflictAsk) howText(n int) string {
	them, they, ones := "them", "they are", "ones"
	if n == 1 {
		them, they, ones = "it", "it is", "one"
	}
	how := fmt.Sprintf("Skip leaves %s as %s. Overwrite replaces %s (a folder is merged, its same-named contents replaced). "+
		"Keep both puts the new %s beside %s, named \"name (1).ext\".", them, they, them, ones, them)
	if a.c.task != "" {
		how += " Ask later leaves the question on the operation's row in the transfers pane: enter there asks again."
	}
	return how
}

func (a *conflictAsk) keyParts() []string {
	tk, dk := a.ctx.Keys.Transfers, a.ctx.Keys.Dialog
	parts := []string{tk.Skip.Help().Key + " skip", tk.Overwrite.Help().Key + " overwrite", tk.KeepBoth.Help().Key + " keep both"}
	if a.c.task != "" {
		return append(parts, dk.Cancel.Help().Key+" later")
	}
	return append(parts, dk.Cancel.Help().Key+" skip")
}

// buttons draws the answers, the highlighted one set off.
func (a *conflictAsk) buttons() string {
	st := a.ctx.Styles
	out := make([]string, len(a.choices))
	for i, c := range a.choices {
		style := st.Button
		if i == a.pick {
			style = st.ButtonActive
		}
		out[i] = style.Render(c.label())
	}
	return strings.Join(out, " ")
}

// Click presses the button at (x, y) of the dialog.
func (a *conflictAsk) Click(x, y int) tea.Cmd {
	if !a.mgr.isLive(a.id) {
		return nil
	}
	labels := make([]string, len(a.choices))
	for i, c := range a.choices {
		labels[i] = c.label()
	}
	if i := common.ButtonAt(a.View(), x, y, labels); i >= 0 {
		a.pick = i
		return a.answer(a.choices[i])
	}
	return nil
}

// ShortHelp lists the dialog's keys.
func (a *conflictAsk) ShortHelp() []key.Binding {
	tk, dk := a.ctx.Keys.Transfers, a.ctx.Keys.Dialog
	later := dk.Cancel
	later.SetHelp(later.Help().Key, "ask later")
	if a.c.task == "" {
		later.SetHelp(later.Help().Key, "skip")
	}
	return []key.Binding{tk.Skip, tk.Overwrite, tk.KeepBoth, dk.Switch, dk.Select, later}
}

// FullHelp lists the dialog's keys.
func (a *conflictAsk) FullHelp() [][]key.Binding { return [][]key.Binding{a.ShortHelp()} }

// settled puts task id's row back to how the task ended, once its
// conflicts are answered.
func (m *Manager) settled(id transfer.JobID) {
	if id == "" {
		return
	}
	delete(m.later, id)
	if j, ok := m.run.Settle(id); ok {
		m.apply(j)
	}
}

// waitLater leaves c waiting on its task's row.
func (m *Manager) waitLater(c conflictMsg) tea.Cmd {
	n := len(c.plan.Dests())
	j, ok := m.run.Await(c.task, thingsText(n)+" already there")
	if !ok {
		return nil
	}
	m.later[c.task] = c
	m.apply(j)
	return statusCmd(common.LevelInfo, fmt.Sprintf("%s already there, left to decide: enter on the operation's row in the transfers pane (%s) asks again",
		thingsText(n), m.ctx.Keys.Transfers.Toggle.Help().Key))
}

// OpenTask asks again the question left for later on task id's row
// (nil when there is none: the row shows its details).
func (m *Manager) OpenTask(id transfer.JobID) tea.Cmd {
	c, ok := m.later[id]
	if !ok {
		return nil
	}
	return m.askConflict(c)
}

// keepBoth finds free names for c's destinations off the UI thread; the
// plan runs when they arrive (keptBothMsg).
func (m *Manager) keepBoth(c conflictMsg) tea.Cmd {
	ctx, cancel := m.opContext()
	return func() tea.Msg {
		defer cancel()
		plan, err := jobs.FreeNames(ctx, c.plan.Plan)
		return keptBothMsg{c: c, plan: movePlan{Plan: plan, src: c.plan.src}, err: err}
	}
}

// keptBoth runs the renamed plan.
func (m *Manager) keptBoth(msg keptBothMsg) tea.Cmd {
	if msg.err != nil {
		return statusCmd(common.LevelError, "keep both: "+msg.err.Error())
	}
	return msg.c.run(msg.plan, false)
}
