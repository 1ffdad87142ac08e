package ops

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/jobs"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/pane"
	"github.com/ferry-s3/ferry/ui/source"
)

// move asks where the selection goes. One entry starts as its own name
// (typing a new one renames it in place); tab offers the other pane's
// folder when it shows another location of the same kind (on another
// connection too: see crossmove.go). Several entries are moved into a
// folder, the other pane's by default.
func (m *Manager) move(p, other Pane) tea.Cmd {
	sel := p.Selection()
	if len(sel) == 0 {
		return statusCmd(common.LevelInfo, "nothing to rename or move here")
	}
	src := p.Source()
	id := m.newID()
	f := &form{mgr: m, ctx: m.ctx, id: id, title: moveTitle(sel)}
	f.intro = []string{"from " + common.Sanitize(source.Label(src))}
	there := otherFolder(src, other)
	f.suggest = moveSuggestions(src, sel, there)
	f.addText("To", f.suggest[0], "a new name, a folder/ or "+placeholderFor(src))
	f.note = moveNote(src, len(sel) > 1, there, otherConn(src, other))
	f.submit = func(f *form) tea.Cmd {
		input := f.fields[0].value()
		how := fmt.Sprintf("between local files and S3, copy (%s) and then delete (%s)",
			m.ctx.Keys.Transfers.Copy.Help().Key, m.ctx.Keys.Ops.Delete.Help().Key)
		// Planning may look at local folders (is the target one?): off
		// the UI thread, so a slow disk or a hung mount cannot freeze it.
		unmark := pane.Unmark(p.ID(), source.Keys(sel))
		return func() tea.Msg {
			plan, err := planMove(src, sel, input, otherSource(other))
			plan.then = unmark
			if ck := (*crossKindError)(nil); errors.As(err, &ck) {
				err = fmt.Errorf("%s: %s", ck.what, how)
			}
			return plannedMsg{id: id, plan: plan, err: err}
		}
	}
	return m.show(id, f, f.start())
}

// plannedMsg is a move worked out from what was typed, or why it cannot
// be done (shown in the form, which stays open).
type plannedMsg struct {
	id   int
	plan movePlan
	err  error
}

func (m plannedMsg) viewID() int { return m.id }

// planned starts a planned move, or shows in its form why it cannot be.
func (m *Manager) planned(msg plannedMsg) tea.Cmd {
	v, open := m.open.Get(msg.id)
	switch {
	case !open:
		return nil
	case msg.err != nil:
		return v.handle(resultMsg{id: msg.id, err: msg.err})
	case msg.plan.to != nil:
		return tea.Batch(m.closeView(msg.id), streamMove(msg.plan))
	}
	return m.runMove(msg.id, msg.plan)
}

func moveTitle(sel []source.Entry) string {
	if len(sel) == 1 {
		return "Rename or move " + entryName(sel[0])
	}
	return "Move " + units.Plural(len(sel), "item")
}

func placeholderFor(src source.Source) string {
	if src.Kind() == source.KindS3 {
		return "s3://bucket/prefix/"
	}
	return "/path/to/folder/"
}

// otherFolder is the other pane's location when it is of the same kind
// and not the same place ("" otherwise). On another connection it is
// named with the connection ("lab · s3://logs/"), as a destination
// there is typed.
func otherFolder(src source.Source, other Pane) string {
	if other == nil || other.Source().Kind() != src.Kind() || source.Between(src, other.Source()) != "" {
		return ""
	}
	streamed := source.Streamed(src, other.Source())
	if (other.Source().String() == src.String() && !streamed) || inBucketList(other.Source()) {
		return ""
	}
	if streamed {
		return onConn(other.Source().(source.S3))
	}
	dir := other.Source().String()
	if src.Kind() == source.KindLocal && !strings.HasSuffix(dir, string(filepath.Separator)) {
		dir += string(filepath.Separator)
	}
	return dir
}

// moveSuggestions are what tab cycles the field through.
func moveSuggestions(src source.Source, sel []source.Entry, there string) []string {
	if len(sel) == 1 {
		name := strings.TrimSuffix(sel[0].Name, "/")
		if there == "" {
			return []string{name}
		}
		return []string{name, there + name}
	}
	here := src.String()
	if src.Kind() == source.KindLocal {
		here += string(filepath.Separator)
	}
	if there == "" {
		return []string{here}
	}
	return []string{there, here}
}

// moveNote explains the form; conn is the other pane's connection when
// it is another one than this pane's ("" otherwise).
func moveNote(src source.Source, several bool, there, conn string) string {
	var b strings.Builder
	if several {
		b.WriteString("The items go into that folder.")
	} else {
		b.WriteString("A name renames it here; a path ending in / moves it into that folder.")
	}
	if there != "" {
		b.WriteString(" Tab switches to the other pane's folder.")
	}
	switch {
	case conn != "" && there != "":
		b.WriteString(" To connection " + common.Sanitize(conn) + " each object is streamed, then deleted here once its copy is complete and verified.")
	case src.Kind() == source.KindS3:
		b.WriteString(" S3 moves are server-side copies, then deletes; content type, metadata and tags are kept.")
	}
	return b.String()
}

// movePlan is where each entry goes (a copy or a move, see jobs.Plan),
// with the location they come from. to is the destination when it is
// on another connection (the move is then streamed, see crossmove.go),
// folder the prefix the entries go into there; then runs once it is
// queued.
type movePlan struct {
	jobs.Plan
	src     source.Source
	to      *source.S3
	folder  s3ops.Location
	entries []source.Entry
	then    tea.Cmd
}

// newPlan is an empty plan from src to dest.
func newPlan(src source.Source, dest string) movePlan {
	p := movePlan{src: src, Plan: jobs.Plan{From: src.String(), To: dest}}
	if s, ok := src.(source.S3); ok {
		p.Client = s.Client
	}
	return p
}

// crossKindError is a move between local files and S3, which ferry
// does not do in one step; the form says how to, in the user's keys.
type crossKindError struct{ what string }

func (e *crossKindError) Error() string { return e.what }

// planMove works out the destinations typed in input, refusing what
// cannot work before anything is touched; other is the other pane's
// location (nil when there is none).
func planMove(src source.Source, sel []source.Entry, input string, other source.Source) (movePlan, error) {
	input = strings.TrimSpace(input)
	if input == "" {
		return movePlan{}, fmt.Errorf("type a new name or where to move to")
	}
	switch s := src.(type) {
	case source.S3:
		if conn, rest, ok := cutConn(input); ok {
			return planOnConn(s, sel, conn, rest, other)
		}
		return planS3Move(s, sel, input)
	case source.Local:
		return planLocalMove(s, sel, input)
	}
	return movePlan{}, fmt.Errorf("cannot move from %s", src)
}

func planS3Move(s source.S3, sel []source.Entry, input string) (movePlan, error) {
	target, err := s3Target(s.Loc, input)
	if err != nil {
		return movePlan{}, err
	}
	return planS3Pairs(s, sel, target, checkS3Pair)
}

// planS3Pairs is where each entry of sel goes when target was typed:
// into it (a folder, or several entries), or to it (one entry renamed).
// check refuses a pair that cannot be moved.
func planS3Pairs(s source.S3, sel []source.Entry, target s3ops.Location, check func(from, dst s3ops.Location) error) (movePlan, error) {
	into := len(sel) > 1 || target.IsPrefix()
	if into && !target.IsPrefix() {
		target.Key += "/"
	}
	plan := newPlan(s, target.String())
	plan.folder = target
	if !into {
		plan.folder = target.Parent()
	}
	if t := source.Shallow(sel); t.Done {
		plan.Bytes = t.Bytes
	}
	for _, e := range sel {
		from := s3Loc(s, e)
		dst := target
		switch {
		case into:
			dst = s3ops.Into(from, target)
		case from.IsPrefix():
			dst.Key += "/"
		}
		if err := check(from, dst); err != nil {
			return movePlan{}, err
		}
		plan.S3 = append(plan.S3, jobs.Pair{Src: from, Dst: dst})
	}
	return plan, nil
}

// s3Target reads a destination typed in an S3 pane: an s3:// URI, or a
// name or path relative to the pane's folder.
func s3Target(cur s3ops.Location, input string) (s3ops.Location, error) {
	switch {
	case strings.HasPrefix(input, "s3://"):
		loc, err := s3ops.ParseURI(input)
		if err == nil && loc.Bucket == "" {
			err = fmt.Errorf("%q names no bucket", input)
		}
		return loc, err
	case strings.HasPrefix(input, "/") || strings.HasPrefix(input, "~"):
		return s3ops.Location{}, &crossKindError{common.Sanitize(input) + " is a local path"}
	}
	if err := s3ops.CheckName(strings.TrimSuffix(input, "/")); err != nil {
		return s3ops.Location{}, err
	}
	return s3ops.Location{Bucket: cur.Bucket, Key: cur.Key + input}, nil
}

// checkS3Pair refuses moving something onto itself or a folder into
// itself, with a sentence.
func checkS3Pair(from, dst s3ops.Location) error {
	switch {
	case from == dst:
		return fmt.Errorf("%s is already there: type a new name or another folder", common.Sanitize(from.String()))
	case from.IsPrefix() && from.Bucket == dst.Bucket && strings.HasPrefix(dst.Key, from.Key):
		return fmt.Errorf("cannot move %s into itself (%s)", common.Sanitize(from.String()), common.Sanitize(dst.String()))
	}
	return nil
}

func planLocalMove(s source.Local, sel []source.Entry, input string) (movePlan, error) {
	if strings.HasPrefix(input, "s3://") {
		return movePlan{}, &crossKindError{common.Sanitize(input) + " is in S3"}
	}
	target, into := localTarget(s.Dir, input)
	into = into || len(sel) > 1
	plan := newPlan(s, target)
	for _, e := range sel {
		dst := target
		if into {
			dst = filepath.Join(target, filepath.Base(e.Key))
		}
		if err := checkLocalPair(e, dst); err != nil {
			return movePlan{}, err
		}
		plan.Local = append(plan.Local, jobs.LocalPair{Src: e.Key, Dst: dst})
	}
	return plan, nil
}

// localTarget reads a destination typed in a local pane; into reports
// that it names a folder to move into (it ends in a separator or is an
// existing folder).
func localTarget(dir, input string) (string, bool) {
	into := strings.HasSuffix(input, "/") || strings.HasSuffix(input, string(filepath.Separator))
	if rest, ok := strings.CutPrefix(input, "~"); ok && (rest == "" || rest[0] == '/') {
		if home, err := os.UserHomeDir(); err == nil {
			input = home + rest
		}
	}
	path := input
	if !filepath.IsAbs(path) {
		path = filepath.Join(dir, input)
	}
	path = filepath.Clean(path)
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		into = true
	}
	return path, into
}

func checkLocalPair(e source.Entry, dst string) error {
	sep := string(filepath.Separator)
	switch {
	case e.Key == dst:
		return fmt.Errorf("%s is already there: type a new name or another folder", common.Sanitize(e.Key))
	case e.IsDir && strings.HasPrefix(dst, e.Key+sep):
		return fmt.Errorf("cannot move %s into itself (%s)", common.Sanitize(e.Key), common.Sanitize(dst))
	}
	return nil
}
