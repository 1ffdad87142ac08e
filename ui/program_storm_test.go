package ui_test

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/ui"
	"github.com/ferry-s3/ferry/ui/pasteguard"
)

// watched wraps the root model in a real program and checks every frame
// the program draws against the window size it last told the model; it
// keeps the last screen for tests to read (waitScreen).
type watched struct {
	*ui.Model
	mu       sync.Mutex
	w, h     int
	frames   int
	problem  string
	last     string // the last frame, without styles
	lastSize tea.WindowSizeMsg
}

func (m *watched) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if s, ok := msg.(tea.WindowSizeMsg); ok {
		m.mu.Lock()
		m.w, m.h = s.Width, s.Height
		m.mu.Unlock()
	}
	_, cmd := m.Model.Update(msg)
	return m, cmd
}

func (m *watched) View() tea.View {
	v := m.Model.View()
	m.mu.Lock()
	defer m.mu.Unlock()
	m.frames++
	m.last = ansi.Strip(v.Content)
	if m.w > 0 && m.problem == "" {
		if p := frameProblem(v.Content, m.w, m.h); p != "" {
			m.problem = fmt.Sprintf("frame %d at %d×%d: %s\n%s", m.frames, m.w, m.h, p, ansi.Strip(v.Content))
		}
	}
	return v
}

// verdict is the first bad frame ("" if none) and how many were drawn.
func (m *watched) verdict() (string, int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.problem, m.frames
}

// TestProgramSurvivesAResizeStormAndAGarbagePaste runs the whole program
// (teatest: real event loop, renderer and commands, listings arriving
// from the gateway) through 500 resizes from 1×1 to 300×120 mixed with
// pastes of garbage (the last a MiB), keys and clicks, then quits with q: the program
// must end cleanly within the timeout, and every frame it drew must
// have fitted the window it was drawn for.
func TestProgramSurvivesAResizeStormAndAGarbagePaste(t *testing.T) {
	t.Parallel()
	e := stormEnv(t)
	m := &watched{Model: ui.New(ui.Options{Client: e.client, LocalDir: e.local, S3Start: s3ops.Location{Bucket: "many", Key: "p/"},
		TimeZone: time.UTC, Base: context.Background(), Trash: noTrash(t)})}
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 40))
	rng := rand.New(rand.NewPCG(3, 3))
	junk := garbage(rng, 1<<20)
	for i := range 500 {
		tm.Send(tea.WindowSizeMsg{Width: 1 + rng.IntN(300), Height: 1 + rng.IntN(120)})
		switch i % 10 {
		case 0:
			at := rng.IntN(len(junk) - 64<<10)
			tm.Send(tea.PasteMsg{Content: junk[at : at+rng.IntN(64<<10)]})
		case 3:
			tm.Send(keyMsg([]string{"/", "esc", "tab", "down", "?", "i", "enter", "backspace"}[rng.IntN(8)]))
		case 6:
			tm.Send(tea.MouseClickMsg{X: rng.IntN(320) - 10, Y: rng.IntN(140) - 10, Button: tea.MouseLeft})
		case 8:
			tm.Send(tea.MouseWheelMsg{X: rng.IntN(320) - 10, Y: rng.IntN(140) - 10, Button: tea.MouseWheelDown})
		}
	}
	tm.Send(tea.WindowSizeMsg{Width: 100, Height: 30})
	for _, k := range []string{"esc", "esc", "esc"} { // close whatever the storm left open
		tm.Send(keyMsg(k))
	}
	tm.Send(tea.PasteMsg{Content: junk})
	tm.Send(keyMsg("q"))
	final := tm.FinalModel(t, teatest.WithFinalTimeout(60*time.Second)).(*watched)
	problem, frames := final.verdict()
	if problem != "" {
		t.Fatal(problem)
	}
	if frames < 100 {
		t.Fatalf("only %d frames drawn", frames)
	}
	if p := frameProblem(final.Model.View().Content, 100, 30); p != "" {
		t.Fatalf("final frame: %s", p)
	}
	t.Logf("%d frames drawn", frames)
}

// TestProgramReadsHostileTerminalInput feeds the program's input, through
// the paste guard ferry runs with, the bytes a terminal would send:
// bracketed pastes of binary garbage (one opening a DCS string, which
// unguarded swallows the paste's end and every key after it) and of
// 5 MiB, a stray end-of-paste marker, mouse reports far off the window,
// and a drop of real paths (no upload queue: ignored); then q. The input
// decoder and the model must take it all and the program end cleanly.
func TestProgramReadsHostileTerminalInput(t *testing.T) {
	t.Parallel()
	e := hostileEnv(t)
	m := &watched{Model: ui.New(ui.Options{Client: e.client, LocalDir: e.local, S3Start: s3ops.Location{Bucket: "photos"},
		TimeZone: time.UTC, Base: context.Background(), Trash: noTrash(t)})}
	in, feed, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	p := tea.NewProgram(m, tea.WithInput(pasteguard.Wrap(in)), tea.WithOutput(io.Discard), tea.WithWindowSize(100, 30), tea.WithoutSignals())
	done := make(chan error, 1)
	go func() { _, err := p.Run(); done <- err }()
	p.Send(tea.WindowSizeMsg{Width: 100, Height: 30})

	rng := rand.New(rand.NewPCG(5, 5))
	paste := func(s string) string {
		// Inside a bracketed paste everything is text, up to the end marker.
		return "\x1b[200~" + strings.ReplaceAll(s, "\x1b[201~", "") + "\x1b[201~"
	}
	chunks := []string{
		paste(garbage(rng, 1<<20)),
		paste("binary \x1bP junk \x90 more \x1b_ and \x1b[31m"),
		// Keys (harmless ones: down, down, up), then a stray end marker.
		paste(garbage(rng, 4096)) + "jjk\x1b[201~",
		"\x1b[<0;99999;99999M\x1b[<0;99999;99999m", // a click far off the window
		"\x1b[<64;5;5M\x1b[<65;1;1M\x1b[<0;0;0M",   // wheel notches, a zero coordinate
		paste(e.local + "/alpha.txt\n" + e.local + "/beta.bin\n"),
		paste(strings.Repeat("a", 5<<20)),
		"q",
	}
	go func() {
		for _, c := range chunks {
			if _, err := io.WriteString(feed, c); err != nil {
				return
			}
		}
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("the program ended with %v", err)
		}
	case <-time.After(60 * time.Second):
		p.Kill()
		t.Fatal("the program did not end within 60s of q")
	}
	_ = feed.Close()
	if problem, frames := m.verdict(); problem != "" || frames == 0 {
		t.Fatalf("%d frames; first bad one: %s", frames, problem)
	}
}
