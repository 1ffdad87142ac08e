package transfers

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/common"
)

// choice is one answer to a conflict; PolicyDefault means "ask later"
// (leave the download waiting).
type choice struct {
	label  string
	policy transfer.Policy
}

var choices = []choice{
	{"Skip", transfer.Skip}, {"Overwrite", transfer.Overwrite},
	{"Keep both", transfer.KeepBoth}, {"Ask later", transfer.PolicyDefault},
}

// Conflict is the dialog that answers a download whose file already
// exists: skip it, overwrite the file, keep both (the download is saved
// as "name (1).ext"), or leave it waiting. "Apply to all" answers every
// waiting download of the same copy and the ones still to come.
type Conflict struct {
	ctx     *common.Context
	job     transfer.JobStatus
	waiting int // downloads of the copy waiting for a decision
	all     bool
	pick    int
	decide  func(p transfer.Policy, all bool) tea.Cmd
	// answered ignores keys after the first answer, which may arrive
	// before the dialog is taken down.
	answered bool
	width    int
	height   int
}

// openConflict opens the conflict dialog for job s.
func (m *Model) openConflict(s transfer.JobStatus) tea.Cmd {
	batches := m.groupOf(s.Batch)
	waiting := 0
	for _, j := range m.table.jobs {
		if j.State == transfer.NeedsDecision && j.Transfer != nil && slices.Contains(batches, j.Transfer.Batch) {
			waiting++
		}
	}
	d := &Conflict{ctx: m.ctx, job: s, waiting: waiting, pick: 2, decide: m.decideFunc(s, batches)}
	return common.OpenDialog(d)
}

// decideFunc answers job s, or every batch of its copy ("ask later"
// does nothing: the download keeps waiting).
func (m *Model) decideFunc(s transfer.JobStatus, batches []transfer.BatchID) func(transfer.Policy, bool) tea.Cmd {
	return func(p transfer.Policy, all bool) tea.Cmd {
		if p == transfer.PolicyDefault {
			return nil
		}
		return m.engineCmd(s.ID, func(e *transfer.Engine) error {
			if !all {
				return e.Decide(s.ID, p)
			}
			var first error
			for _, b := range batches {
				if err := e.DecideBatch(b, p); err != nil && first == nil {
					first = err
				}
			}
			return first
		})
	}
}

// SetSize sets the space the dialog may use.
func (d *Conflict) SetSize(w, h int) { d.width, d.height = w, h }

// Update answers the conflict.
func (d *Conflict) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || d.answered {
		return nil
	}
	tk, dk := d.ctx.Keys.Transfers, d.ctx.Keys.Dialog
	switch {
	case key.Matches(k, tk.Skip):
		return d.answer(transfer.Skip)
	case key.Matches(k, tk.Overwrite):
		return d.answer(transfer.Overwrite)
	case key.Matches(k, tk.KeepBoth):
		return d.answer(transfer.KeepBoth)
	case key.Matches(k, tk.ApplyAll):
		d.all = !d.all
	case key.Matches(k, dk.Switch):
		d.pick = (d.pick + 1) % len(choices)
	case key.Matches(k, dk.Select, dk.Confirm):
		return d.answer(choices[d.pick].policy)
	case key.Matches(k, dk.Cancel):
		return d.answer(transfer.PolicyDefault)
	}
	return nil
}

// Click answers with the button clicked.
func (d *Conflict) Click(x, y int) tea.Cmd {
	labels := make([]string, len(choices))
	for i, c := range choices {
		labels[i] = c.label
	}
	if i := common.ButtonAt(d.View(), x, y, labels); i >= 0 && !d.answered {
		return d.answer(choices[i].policy)
	}
	return nil
}

// answer closes the dialog and applies p (PolicyDefault: ask later).
func (d *Conflict) answer(p transfer.Policy) tea.Cmd {
	d.answered = true
	return tea.Batch(common.CloseDialogOf(d), d.decide(p, d.all))
}

// View draws the question, the toggle and the answers.
func (d *Conflict) View() string {
	st := d.ctx.Styles
	inner := max(30, min(d.width, 76)) - 4
	var lines []string
	lines = append(lines, st.DialogTitle.Render(common.Fit("File already exists", inner)), "")
	for _, l := range wrap(oneLine(d.job.Conflict), inner) {
		lines = append(lines, st.DialogValue.Render(common.Fit(l, inner)))
	}
	from := fmt.Sprintf("Downloading %s (%s)", common.Sanitize(d.job.Remote.String()), common.HumanSize(d.job.Total))
	for _, l := range wrap(from, inner) {
		lines = append(lines, st.DialogLabel.Render(common.Fit(l, inner)))
	}
	lines = append(lines, "", common.Fit(d.toggleText(), inner), "", common.Fit(d.buttons(), inner),
		st.Hint.Render(common.Fit(d.keysText(), inner)))
	return st.Dialog.Render(strings.Join(lines, "\n"))
}

func (d *Conflict) toggleText() string {
	box := "[ ]"
	if d.all {
		box = "[x]"
	}
	text := box + " apply to every conflict in this copy"
	if d.waiting > 1 {
		text += fmt.Sprintf(" (%d waiting)", d.waiting)
	}
	return text + " — " + d.ctx.Keys.Transfers.ApplyAll.Help().Key + " toggles"
}

func (d *Conflict) buttons() string {
	st := d.ctx.Styles
	parts := make([]string, len(choices))
	for i, c := range choices {
		style := st.Button
		if i == d.pick {
			style = st.ButtonActive
		}
		parts[i] = style.Render(c.label)
	}
	return strings.Join(parts, " ")
}

func (d *Conflict) keysText() string {
	tk := d.ctx.Keys.Transfers
	return tk.Skip.Help().Key + " skip · " + tk.Overwrite.Help().Key + " overwrite · " +
		tk.KeepBoth.Help().Key + " keep both · " + d.ctx.Keys.Dialog.Cancel.Help().Key + " later"
}

// ShortHelp lists the dialog's keys.
func (d *Conflict) ShortHelp() []key.Binding {
	tk, dk := d.ctx.Keys.Transfers, d.ctx.Keys.Dialog
	return []key.Binding{tk.Skip, tk.Overwrite, tk.KeepBoth, tk.ApplyAll, dk.Switch, dk.Select, dk.Cancel}
}

// FullHelp lists the dialog's keys.
func (d *Conflict) FullHelp() [][]key.Binding { return [][]key.Binding{d.ShortHelp()} }

// All reports whether the answer will apply to the whole copy.
func (d *Conflict) All() bool { return d.all }

// wrap breaks plain text into lines of at most width columns (long
// words, such as paths, are cut).
func wrap(s string, width int) []string {
	return strings.Split(ansi.Wrap(s, width, " /"), "\n")
}

var _ common.Component = (*Conflict)(nil)
