package ui_test

import (
	"flag"
	"fmt"
	"image/color"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/transfers"
)

// storm drives the root model with random events the way a terminal
// would deliver them: commands are not run when they are returned but
// kept pending, and their results arrive later, in between the user's
// keys, clicks, pastes and resizes (so listing pages land on a model
// that has moved on, been resized, or opened a dialog).
type storm struct {
	h       *harness
	e       *env
	eng     *transfer.Engine
	rng     *rand.Rand
	pending []tea.Cmd
	w, ht   int
	counts  map[string]int

	slowest     time.Duration // the longest Update and View of one event
	slowestWhat string
}

// stormKeys are the keys the storm presses: everything that browses,
// previews, opens a dialog or answers one, but none that deletes,
// renames, moves, makes folders, copies to local folders or quits (the
// local pane can wander anywhere on this machine). What they can change
// is in the test's gateway: metadata, uploads of dropped files (only
// the test's own, see safeDrop).
var stormKeys = []string{
	"up", "down", "pgup", "pgdown", "home", "end", "enter", "left", "right", "backspace", "esc", "tab", "shift+tab",
	"space", "j", "k", "g", "G", "h", "l", "/", "i", "?", "t", "s", "S", "L", "o", "O", ".", "*", "a", "u", "r",
	"P", "x", "C", "w", "y", "ctrl+q", "~", "p", "J", "K", "e", "v",
}

// stormRunes are typed into whatever has the keyboard: safe as file pane
// keys too (mark all, toggle hidden), and wide or accented in a field.
var stormRunes = []rune("abfz019 日é_-.")

// newStorm starts the model at the S3 pane's 2,500-key prefix without
// running its first commands: the listings arrive during the storm.
func newStorm(t *testing.T, e *env, seed uint64) *storm {
	t.Helper()
	s := &storm{e: e, rng: rand.New(rand.NewPCG(seed, 7)), counts: map[string]int{}}
	s.eng = e.engine(nil, transfer.Options{})
	hs := &harness{t: t, now: fixedTime.Add(24 * time.Hour)}
	clock := common.Clock{Now: func() time.Time { return hs.now },
		Tick: func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }}
	hs.m = ui.New(ui.Options{Client: e.client, LocalDir: e.local, S3Start: s3ops.Location{Bucket: "many", Key: "p/"},
		Clock: &clock, TimeZone: time.UTC, Transfers: s.eng, FeedProgress: true, Trash: noTrash(t),
		OnDrop: s.safeDrop})
	s.h = hs
	hs.guard("Init", func() { s.pending = append(s.pending, hs.m.Init()) })
	s.resize(120, 40)
	return s
}

// safeDrop hands the transfers pane only the dropped paths inside the
// test's folder: a random paste that happens to parse as "/" must not
// queue an upload of the whole disk.
func (s *storm) safeDrop(d ui.DropMsg) tea.Cmd {
	kept := d.Paths[:0:0]
	for _, p := range d.Paths {
		if strings.HasPrefix(p.Path, s.e.local+string(filepath.Separator)) {
			kept = append(kept, p)
		}
	}
	if len(kept) == 0 {
		return nil
	}
	s.counts["drops"]++
	return s.h.m.Transfers().Drop(kept, d.Target)
}

// deliver hands msg to the model and keeps its commands pending; then
// the frame must fit the window.
func (s *storm) deliver(kind string, msg tea.Msg) {
	s.h.t.Helper()
	s.counts[kind]++
	var cmd tea.Cmd
	start := time.Now()
	s.h.guard(describe(msg), func() { _, cmd = s.h.m.Update(msg) })
	if cmd != nil {
		s.pending = append(s.pending, cmd)
	}
	s.h.wantFrame(s.w, s.ht, fmt.Sprintf("after %s (%s)", kind, describe(msg)))
	if s.h.m.Dialog() != nil {
		s.counts["with a dialog"]++
	}
	if s.h.m.TransfersVisible() {
		s.counts["with transfers"]++
	}
	if d := time.Since(start); d > s.slowest {
		s.slowest, s.slowestWhat = d, fmt.Sprintf("%s at %d×%d", kind, s.w, s.ht)
	}
}

func (s *storm) resize(w, h int) {
	s.w, s.ht = w, h
	s.deliver("resize", tea.WindowSizeMsg{Width: w, Height: h})
}

// runPending runs the oldest pending command and delivers its result,
// as the program's command goroutines would.
func (s *storm) runPending() {
	s.h.t.Helper()
	if len(s.pending) == 0 {
		return
	}
	cmd := s.pending[0]
	s.pending = s.pending[1:]
	var msg tea.Msg
	s.h.guard("a command", func() { msg = cmd() })
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		s.pending = append(s.pending, msg...)
	case tea.QuitMsg:
		s.h.t.Fatal("the storm made ferry quit; it presses no quit key")
	default:
		s.deliver("async", msg)
	}
}

// step delivers one random event.
func (s *storm) step() {
	r := s.rng.IntN(100)
	switch {
	case r < 20:
		s.resize(1+s.rng.IntN(300), 1+s.rng.IntN(120))
	case r < 40:
		s.deliver("key", keyMsg(stormKeys[s.rng.IntN(len(stormKeys))]))
	case r < 48:
		c := stormRunes[s.rng.IntN(len(stormRunes))]
		s.deliver("typed", tea.KeyPressMsg{Code: c, Text: string(c)})
	case r < 58:
		s.deliver("mouse", s.mouse())
	case r < 62:
		s.deliver("paste", tea.PasteMsg{Content: s.paste()})
	case r < 65:
		s.deliver("async", s.noise())
	default:
		s.runPending()
	}
}

// mouse is a click or wheel notch anywhere, including off the window.
func (s *storm) mouse() tea.Msg {
	m := tea.Mouse{X: s.rng.IntN(s.w+20) - 10, Y: s.rng.IntN(s.ht+20) - 10}
	if s.rng.IntN(2) == 0 {
		m.Button = []tea.MouseButton{tea.MouseWheelUp, tea.MouseWheelDown, tea.MouseWheelLeft}[s.rng.IntN(3)]
		return tea.MouseWheelMsg(m)
	}
	m.Button = []tea.MouseButton{tea.MouseLeft, tea.MouseLeft, tea.MouseRight, tea.MouseMiddle}[s.rng.IntN(4)]
	return tea.MouseClickMsg(m)
}

// paste is garbage, a drop of the test's files, plain words or one long line.
func (s *storm) paste() string {
	switch s.rng.IntN(4) {
	case 0:
		return garbage(s.rng, 64+s.rng.IntN(4096))
	case 1:
		return filepath.Join(s.e.local, "alpha.txt") + "\n'" + filepath.Join(s.e.local, "beta.bin") + "'\n"
	case 2:
		return "some words 日本語 and\ttabs"
	}
	return "/" + strings.Repeat("x", 64<<10)
}

// noise is a message from elsewhere: transfer progress, a status
// message or slot text carrying hostile text, a background colour reply.
func (s *storm) noise() tea.Msg {
	switch s.rng.IntN(4) {
	case 0:
		return transfers.Drain(s.eng.Updates())
	case 1:
		return common.StatusMsg{Text: garbage(s.rng, 1+s.rng.IntN(300)), Level: common.Level(s.rng.IntN(4))}
	case 2:
		return common.SlotMsg{Name: "noise", Text: garbage(s.rng, s.rng.IntN(80))}
	}
	if s.rng.IntN(2) == 0 {
		return tea.BackgroundColorMsg{Color: color.White}
	}
	return tea.BackgroundColorMsg{Color: color.Black}
}

// stormEnv is hostileEnv plus a prefix of 2,500 keys (three listing pages).
func stormEnv(t *testing.T) *env {
	t.Helper()
	e := hostileEnv(t)
	e.bucket("many")
	dir := filepath.Join(e.srv.Dir, "many", "p")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range 2500 {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("k%05d", i)), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return e
}

// Storm size: go test ./ui -run Storm -args -storm.seeds=50 runs more.
var (
	stormSeeds  = flag.Int("storm.seeds", 1, "how many seeds the resize storm runs (from 1)")
	stormEvents = flag.Int("storm.events", 2000, "events per seed in the resize storm")
)

// TestResizeStormWithInputAndAsyncResults sends 2,000 random events
// (seeded; a failure names the seed): resizes from 1×1 to 300×120, keys,
// typing, clicks and wheel notches anywhere (off the window too),
// pastes of garbage, paths and long lines, and the results of the
// commands those started (listing pages, details, previews, links,
// uploads) arriving late. After every event the frame must fit the
// window exactly, and nothing may panic or hang; afterwards the keys
// still work.
func TestResizeStormWithInputAndAsyncResults(t *testing.T) {
	t.Parallel()
	e := stormEnv(t)
	for seed := uint64(1); seed <= uint64(*stormSeeds); seed++ {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			s := newStorm(t, e, seed)
			s.deliver("key", keyMsg("t")) // start with the transfers pane on screen
			for range *stormEvents {
				s.step()
			}
			for len(s.pending) > 0 {
				s.runPending()
			}
			t.Logf("events: %v; slowest: %s (%s)", s.counts, s.slowest, s.slowestWhat)
			if s.counts["with a dialog"] < *stormEvents/20 || s.counts["with transfers"] < *stormEvents/20 {
				t.Fatalf("too few events with a dialog open or the transfers pane shown: %v", s.counts)
			}
			s.wantResponsive()
		})
	}
}

// wantResponsive checks the model still answers the keyboard: esc
// closes whatever is open, then ? opens the help.
func (s *storm) wantResponsive() {
	s.h.t.Helper()
	s.resize(120, 40)
	for range 6 {
		s.deliver("key", keyMsg("esc"))
		for len(s.pending) > 0 {
			s.runPending()
		}
	}
	if d := s.h.m.Dialog(); d != nil {
		s.h.t.Fatalf("esc does not close the %T:\n%s", d, s.h.screen())
	}
	s.deliver("key", keyMsg("?"))
	for len(s.pending) > 0 {
		s.runPending()
	}
	s.h.wantScreen("Keys", "esc closes")
}
