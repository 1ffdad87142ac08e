package ui_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui"
	"github.com/ferry-s3/ferry/ui/transfers"
)

// Hostile pastes (issue 7, terminal part): a drop of 10,000 files, a
// MiB of binary garbage in every focus state, and huge single lines.

// dropFiles writes n one-byte files "name NNNNN.txt" under drop/ and
// returns their paths.
func (e *env) dropFiles(name string, n int) []string {
	e.t.Helper()
	dir := filepath.Join(e.local, "drop")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		e.t.Fatal(err)
	}
	paths := make([]string, n)
	for i := range paths {
		paths[i] = filepath.Join(dir, fmt.Sprintf("%s %05d.txt", name, i))
		if err := os.WriteFile(paths[i], []byte{'x'}, 0o644); err != nil {
			e.t.Fatal(err)
		}
	}
	return paths
}

var andMore = regexp.MustCompile(`^\s+and ([0-9,]+) more$`)

// TestDropOfTenThousandPathsAsksBrieflyAndQueuesThemAll pastes 10,000
// real paths the way kitty (one per line) and VTE terminals (quoted,
// space separated, all on one line) deliver a drop: the question lists a
// few names and "and N more", fits windows of every kind, and yes
// queues all 10,000 uploads (then the test cancels them).
func TestDropOfTenThousandPathsAsksBrieflyAndQueuesThemAll(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("-short: 20,000 files and uploads take about 17 s; .ci/run runs it in full")
	}
	e := hostileEnv(t)
	// Each terminal drops files of its own names: uploads of the first
	// that finished before the test cancelled them would otherwise be in
	// the second's way (and be asked about).
	kitty, vte := e.dropFiles("kitty", 10000), e.dropFiles("vte", 10000)
	styles := map[string]string{
		"kitty": strings.Join(kitty, "\n") + "\n",
		"VTE":   "'" + strings.Join(vte, "' '") + "' ",
	}
	for _, name := range []string{"kitty", "VTE"} {
		t.Run(name, func(t *testing.T) {
			eng := e.engine(nil, transfer.Options{})
			h := e.startHostile(eng)
			h.t = t
			start := time.Now()
			h.sendSafe(tea.PasteMsg{Content: styles[name]})
			t.Logf("%s: %d bytes pasted; the question was up in %s", name, len(styles[name]), time.Since(start))
			q, ok := h.m.Dialog().(*transfers.Question)
			if !ok {
				t.Fatalf("dialog is %T, want the drop question:\n%s", h.m.Dialog(), h.screen())
			}
			wantDropLines(t, q.Lines(), 10000)
			h.wantScreen("Upload 10,000 items dropped here?", "10,000 files, 9.8 KiB")
			h.wantFrame(120, 40, "the drop question")
			h.quickSweep("the drop question", 120, 40)

			start = time.Now()
			h.press("y")
			t.Logf("%s: queued in %s", name, time.Since(start))
			if n := len(eng.Jobs()); n != 10000 {
				t.Fatalf("the engine has %d jobs, want 10,000", n)
			}
			if c := h.m.Transfers().Counts(); c.Jobs != 10000 {
				t.Fatalf("the transfers pane counts %+v, want 10,000 jobs", c)
			}
			if !h.m.TransfersVisible() || !strings.Contains(h.m.StatusText(), "queued 10,000 uploads") {
				t.Fatalf("transfers visible %v, status %q", h.m.TransfersVisible(), h.m.StatusText())
			}
			h.wantFrame(120, 40, "10,000 queued uploads")
			h.quickSweep("10,000 queued uploads", 120, 40)
			for _, b := range eng.Batches() {
				_ = eng.CancelBatch(b.ID)
			}
		})
	}
}

// wantDropLines checks the question lists at most a screenful of names
// and counts the rest: shown + "and N more" = total.
func wantDropLines(t *testing.T, lines []string, total int) {
	t.Helper()
	if len(lines) > 20 {
		t.Fatalf("the question has %d lines; it should list a few names and count the rest", len(lines))
	}
	named := 0
	for _, l := range lines {
		if strings.Contains(l, "/drop/") {
			named++
		}
		if m := andMore.FindStringSubmatch(l); m != nil {
			n, _ := strconv.Atoi(strings.ReplaceAll(m[1], ",", ""))
			if named+n != total {
				t.Fatalf("%d named and %d more, want %d in all:\n%s", named, n, total, strings.Join(lines, "\n"))
			}
			return
		}
	}
	t.Fatalf("no \"and N more\" line:\n%s", strings.Join(lines, "\n"))
}

// focusStates are the places a paste can land: each sets the model up
// and says whether a text field has the keyboard.
var focusStates = []struct {
	name   string
	typing bool
	setup  func(h *harness)
}{
	{"local pane", false, func(h *harness) {}},
	{"S3 pane", false, func(h *harness) { h.press("tab") }},
	{"filter", true, func(h *harness) { h.press("/") }},
	{"share dialog custom expiry", true, func(h *harness) {
		h.press("tab")
		h.cursorTo(ui.RightPane, "notes.txt")
		h.press("s", "tab")
	}},
	{"upload link name", true, func(h *harness) { h.press("tab", "S") }},
	{"rename form", true, func(h *harness) { h.cursorTo(ui.LeftPane, "alpha.txt"); h.press("R") }},
	{"info dialog", false, func(h *harness) { h.cursorTo(ui.LeftPane, "alpha.txt"); h.press("i") }},
	{"help", false, func(h *harness) { h.press("?") }},
	{"transfers pane", false, func(h *harness) { h.press("t") }},
}

// TestBinaryGarbagePasteInEveryFocusState pastes a MiB of random bytes
// (NUL, escape sequences, invalid UTF-8, controls, newlines) wherever
// the keyboard is: nothing panics, a text field takes a bounded, clean
// value, nothing raw reaches the screen, every frame fits, and the
// model still answers keys afterwards.
func TestBinaryGarbagePasteInEveryFocusState(t *testing.T) {
	t.Parallel()
	e := hostileEnv(t)
	eng := e.engine(nil, transfer.Options{})
	rng := rand.New(rand.NewPCG(7, 7))
	junk := garbage(rng, 1<<20)
	for _, s := range focusStates {
		t.Run(strings.ReplaceAll(s.name, " ", "_"), func(t *testing.T) {
			h := e.startHostile(eng)
			h.t = t
			s.setup(h)
			before := h.m.Dialog()
			for i := range 3 { // a second and third paste land on a field already full
				start := time.Now()
				h.sendSafe(tea.PasteMsg{Content: junk})
				h.wantFrame(120, 40, fmt.Sprintf("%s, paste %d", s.name, i+1))
				t.Logf("paste %d handled and drawn in %s", i+1, time.Since(start))
			}
			if h.m.Dialog() != before {
				t.Fatalf("the paste changed the dialog from %T to %T", before, h.m.Dialog())
			}
			if s.name == "filter" {
				wantCleanField(t, h.m.Pane(ui.LeftPane).FilterText())
			}
			if s.typing && !strings.Contains(h.m.StatusText(), "pasted text cut to its first 4.0 KiB of 1.0 MiB") {
				t.Fatalf("status = %q, want a word that the paste was cut", h.m.StatusText())
			}
			if s.typing {
				h.typeText("ok")
				h.press("backspace", "left", "end")
			}
			h.wantFrame(120, 40, s.name+", typing after the paste")
			h.quickSweep(s.name+" after a garbage paste", 120, 40)
			h.press("esc")
			h.wantFrame(120, 40, s.name+", esc")
		})
	}
}

// maxField is the most a text field keeps of a paste (runes).
const maxField = 1024

func wantCleanField(t *testing.T, v string) {
	t.Helper()
	if n := len([]rune(v)); n > maxField {
		t.Fatalf("the field kept %d runes of the paste, more than %d", n, maxField)
	}
	if p := rawControl(v); p != "" {
		t.Fatalf("the field holds a %s", p)
	}
}

// TestHugeSingleLinePastes pastes 5 MiB of one letter and a 1 MiB
// path-like line on the panes and into the filter: each is handled
// (parsed, refused or cut) and drawn without hanging, the frame fits,
// and a message about it stays short.
func TestHugeSingleLinePastes(t *testing.T) {
	t.Parallel()
	e := hostileEnv(t)
	eng := e.engine(nil, transfer.Options{})
	lines := map[string]string{
		"5 MiB of a":     strings.Repeat("a", 5<<20),
		"1 MiB path":     "/" + strings.Repeat("a", 1<<20),
		"1 MiB ~ path":   "~/" + strings.Repeat("日", 1<<18),
		"1 MiB of words": strings.Repeat("/tmp/a ", 1<<20/7),
	}
	for _, where := range []string{"local pane", "S3 pane", "filter"} {
		for _, name := range []string{"5 MiB of a", "1 MiB path", "1 MiB ~ path", "1 MiB of words"} {
			t.Run(strings.ReplaceAll(where+" "+name, " ", "_"), func(t *testing.T) {
				h := e.startHostile(eng)
				h.t = t
				switch where {
				case "S3 pane":
					h.press("tab")
				case "filter":
					h.press("/")
				}
				start := time.Now()
				h.sendSafe(tea.PasteMsg{Content: lines[name]})
				h.wantFrame(120, 40, where+": "+name)
				t.Logf("handled and drawn in %s", time.Since(start))
				if n := len(h.m.StatusText()); n > 1000 {
					t.Fatalf("the status message is %d bytes long", n)
				}
				switch {
				case where == "filter":
					wantCleanField(t, h.m.Pane(ui.LeftPane).FilterText())
				case name == "1 MiB path":
					if st := h.m.StatusText(); !strings.Contains(st, "dropped 1 path, but none exists here (first: …aaaa") {
						t.Fatalf("status = %.200q", st)
					}
				}
				h.quickSweep(where+": "+name, 120, 40)
				if h.m.Dialog() != nil {
					t.Fatalf("a %T opened", h.m.Dialog())
				}
			})
		}
	}
}
