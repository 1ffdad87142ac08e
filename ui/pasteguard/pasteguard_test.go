package pasteguard

import (
	"bytes"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

func filterAll(in string) string {
	var f Filter
	return string(f.Append(nil, []byte(in)))
}

func TestOutsidePastesEverythingPassesUntouched(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	b := make([]byte, 1<<16)
	for i := range b {
		b[i] = byte(rng.IntN(256))
	}
	in := "\x1bP\x1b_\x90keys\x1b[A\x1b[20~\x1b[201~" + strings.ReplaceAll(string(b), "\x1b[200~", "")
	if got := filterAll(in); got != in {
		t.Fatal("input outside a paste was changed")
	}
}

func TestInsideAPasteEscC1AndNonUTF8AreDropped(t *testing.T) {
	for in, want := range map[string]string{
		"\x1b[200~a\x1bPb\x1b_c\x1bXd\x1b^e\x1b[201~":      "\x1b[200~aPb_cXd^e\x1b[201~",
		"\x1b[200~\x90a\xc2\x90b\x9bc\xc2\x9fd\x1b[201~":   "\x1b[200~abcd\x1b[201~",
		"\x1b[200~日本\xe0\x90x\xffy\xc3\x1b[201~":           "\x1b[200~日本xy\x1b[201~",
		"\x1b[200~tab\tnl\n\x1b[200~\x1b\x1b[201~":         "\x1b[200~tab\tnl\n[200~\x1b[201~",
		"\x1b[200~/a b/c.txt\x1b[201~\x1bPq\x1b[201~":      "\x1b[200~/a b/c.txt\x1b[201~\x1bPq\x1b[201~",  // after the paste: untouched
		"\x1b[200~é\u0301👩‍👩‍👧\x1b[201~\x1b[200~again\x1b": "\x1b[200~é\u0301👩‍👩‍👧\x1b[201~\x1b[200~again", // ESC held: maybe the end
	} {
		if got := filterAll(in); got != want {
			t.Errorf("filter(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSplitReadsGiveTheSameResult: markers, ESCs and characters cut
// between two reads are filtered as if they had come in one.
func TestSplitReadsGiveTheSameResult(t *testing.T) {
	in := []byte("ab\x1b[200~x\x1bP日\xc2\x90y\x1b[201~z\x1b[200~\x1b\x1b[201~w")
	want := filterAll(string(in))
	for cut := range len(in) + 1 {
		var f Filter
		got := f.Append(nil, in[:cut])
		got = f.Append(got, in[cut:])
		if string(got) != want {
			t.Fatalf("cut at %d: %q, want %q", cut, got, want)
		}
	}
	var f Filter
	var got []byte
	for _, c := range in {
		got = f.Append(got, []byte{c})
	}
	if string(got) != want {
		t.Fatalf("byte by byte: %q, want %q", got, want)
	}
}

// TestFileReadsFitTheCallersBuffer reads a stream full of held-back
// bytes through a pipe with small buffers: nothing is lost or overflows.
func TestFileReadsFitTheCallersBuffer(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	in := strings.Repeat("\x1b[200~日\x1b\x1b[201~", 500)
	go func() {
		for i := 0; i < len(in); i += 7 {
			_, _ = w.Write([]byte(in[i:min(len(in), i+7)]))
		}
		w.Close()
	}()
	g := Wrap(r)
	var out bytes.Buffer
	p := make([]byte, 9)
	for {
		n, err := g.Read(p)
		out.Write(p[:n])
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if want := filterAll(in); out.String() != want {
		t.Fatalf("read %d bytes, want %d", out.Len(), len(want))
	}
}

// recorder is a program that reports its pastes and key presses.
type recorder struct{ got chan string }

func (m recorder) Init() tea.Cmd { return nil }
func (m recorder) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.PasteMsg:
		m.got <- "paste " + msg.Content
	case tea.KeyPressMsg:
		m.got <- "key " + msg.String()
		if msg.String() == "q" {
			return m, tea.Quit
		}
	}
	return m, nil
}
func (m recorder) View() tea.View { return tea.NewView("") }

// TestAProgramStillHearsKeysAfterAHostilePaste runs Bubble Tea on a
// guarded pipe. Unguarded, each of these pastes leaves the decoder
// inside a string sequence that swallows the paste's end: no paste is
// delivered and no key after it either (q would never quit). Guarded,
// the paste arrives cleaned, then the keys; the last one is 5 MiB long
// and must not take minutes.
func TestAProgramStillHearsKeysAfterAHostilePaste(t *testing.T) {
	for _, opener := range []string{"\x1bP", "\x1bX", "\x1b^", "\x1b_", "\x90", "\x98", "\x9e", "\x9f", "\x1bP" + strings.Repeat("a", 5<<20)} {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		got := make(chan string, 10)
		p := tea.NewProgram(recorder{got}, tea.WithInput(Wrap(r)), tea.WithOutput(io.Discard), tea.WithWindowSize(80, 24), tea.WithoutSignals())
		done := make(chan error, 1)
		go func() { _, err := p.Run(); done <- err }()
		go func() {
			_, _ = io.WriteString(w, "\x1b[200~text"+opener+"more\x1b[201~")
			time.Sleep(100 * time.Millisecond) // a key typed afterwards, not in the same read
			_, _ = io.WriteString(w, "j")
			_, _ = io.WriteString(w, "q")
		}()
		name := opener[:min(len(opener), 4)]
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("%q: %v", name, err)
			}
		case <-time.After(30 * time.Second):
			p.Kill()
			t.Fatalf("%q: the program never heard q", name)
		}
		close(got)
		var seen []string
		for s := range got {
			seen = append(seen, s)
		}
		want := "paste text" + opener[1:] + "more" // its ESC or C1 byte dropped
		if len(seen) != 3 || seen[0] != want || seen[1] != "key j" || seen[2] != "key q" {
			for i := range seen {
				seen[i] = seen[i][:min(len(seen[i]), 40)]
			}
			t.Fatalf("%q: the program saw %q", name, seen)
		}
		r.Close()
		w.Close()
	}
}
