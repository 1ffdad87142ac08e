package ui_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui"
)

// compareFixture is a local folder and the prefix s3://cmp/p/ with each
// kind of difference: the same file, one of another size, one of the
// same size and other bytes, one on each side only, and folders that
// are the same, differ inside, and exist on the left only.
func compareFixture(t *testing.T) (*env, string) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	e := newEnv(t)
	e.bucket("cmp")
	for rel, body := range map[string]string{"same.txt": "same", "size.txt": "short", "content.txt": "aaaa",
		"left.txt": "only left", "sub/deep.txt": "deep", "diff/x.txt": "x1", "newdir/n.txt": "new"} {
		e.file("L/"+rel, body)
	}
	for key, body := range map[string]string{"same.txt": "same", "size.txt": "longer!", "content.txt": "bbbb",
		"right.txt": "only right", "sub/deep.txt": "deep", "diff/x.txt": "x2"} {
		e.put("cmp", "p/"+key, body, "text/plain", nil)
	}
	return e, filepath.Join(e.local, "L")
}

func (e *env) startCompare(left string, w, h int) (*harness, *transfer.Engine) {
	eng := e.engine(nil, transfer.Options{})
	return e.start(ui.Options{Transfers: eng, FeedProgress: true, Left: left, Right: "s3://cmp/p/"}, w, h), eng
}

// rowLine is the line of pane id that shows the entry called name.
func (h *harness) rowLine(id int, name string) string {
	h.t.Helper()
	for _, l := range strings.Split(h.paneText(id), "\n") {
		if f := strings.Fields(strings.Trim(l, "│ ")); len(f) > 0 && f[0] == name {
			return l
		}
	}
	h.t.Fatalf("pane %d has no row %q:\n%s", id, name, h.paneText(id))
	return ""
}

// wantMarks checks the compare column of each row named.
func (h *harness) wantMarks(id int, marks map[string]string) {
	h.t.Helper()
	for name, mark := range marks {
		if l := h.rowLine(id, name); !strings.Contains(l, mark) {
			h.t.Errorf("pane %d: row %s should say %q:\n%s", id, name, mark, l)
		}
	}
}

func TestCompareMarksEveryRowCountsAndFiltersTheDifferences(t *testing.T) {
	e, left := compareFixture(t)
	h, _ := e.startCompare(left, 140, 40)
	if strings.Contains(h.paneText(ui.LeftPane), "Compare") {
		t.Fatal("no compare column before the compare key")
	}
	h.press("=")
	if on, done := h.m.Comparing(); !on || !done {
		t.Fatalf("compare on %v, done %v", on, done)
	}
	h.wantMarks(ui.LeftPane, map[string]string{"same.txt": "= same", "size.txt": "≠ size", "content.txt": "≠ content",
		"left.txt": "+ only here", "sub/": "= same", "diff/": "≠ inside", "newdir/": "+ only here"})
	h.wantMarks(ui.RightPane, map[string]string{"same.txt": "= same", "size.txt": "≠ size", "content.txt": "≠ content",
		"right.txt": "+ only here", "sub/": "= same", "diff/": "≠ inside"})
	// Differing bytes are the left side's: 5 + 4 + 2.
	h.wantScreen("≠ 3 (11 B) · only left 2 (12 B) · only right 1 (10 B) · = 2")

	h.press("f")
	if got := h.rowsOf(ui.LeftPane); !slices.Equal(got, []string{"diff/", "newdir/", "content.txt", "left.txt", "size.txt"}) {
		t.Fatalf("only the differences, left: %v", got)
	}
	if got := h.rowsOf(ui.RightPane); !slices.Equal(got, []string{"diff/", "content.txt", "right.txt", "size.txt"}) {
		t.Fatalf("only the differences, right: %v", got)
	}
	h.wantScreen("only differences")
	h.press("f")
	if got := h.rowsOf(ui.LeftPane); len(got) != 7 {
		t.Fatalf("every row again: %v", got)
	}

	h.press("esc")
	if on, _ := h.m.Comparing(); on || strings.Contains(h.paneText(ui.LeftPane), "= same") {
		t.Fatalf("esc should leave the compare view:\n%s", h.screen())
	}
	h.press("=", "=")
	if on, _ := h.m.Comparing(); on {
		t.Fatal("= again should leave the compare view")
	}
}

func TestCopyingTheDifferencesMakesTheTargetEqualAndDeletesOnlyWhenAsked(t *testing.T) {
	e, left := compareFixture(t)
	h, eng := e.startCompare(left, 140, 40)
	h.press("=", ">")
	h.wantScreen("Copy the differences left → right?", "5 files, 23 B (2 only at the source, 3 different)",
		"1 file, 10 B only at the target (d deletes them too)", "the other way: 4 files, 23 B")
	h.press("y")
	h.wantNoDialog()
	h.settle(eng)
	for rel, body := range map[string]string{"same.txt": "same", "size.txt": "short", "content.txt": "aaaa",
		"left.txt": "only left", "sub/deep.txt": "deep", "diff/x.txt": "x1", "newdir/n.txt": "new", "right.txt": "only right"} {
		if e.objectSum("cmp", "p/"+rel) != sum(body) {
			t.Errorf("s3://cmp/p/%s is not %q", rel, body)
		}
	}
	if on, _ := h.m.Comparing(); on {
		t.Fatal("the compare view should close once the copy is under way")
	}

	// Compared again, only right.txt differs; deleting it is asked for.
	h.press("=")
	h.wantScreen("≠ 0 (0 B) · only right 1 (10 B) · = 7")
	h.wantMarks(ui.RightPane, map[string]string{"right.txt": "+ only here", "size.txt": "= same"})
	h.press(">")
	h.wantScreen("Copy the differences left → right?", "0 files, 0 B")
	h.press("d")
	h.wantScreen("delete 1 file, 10 B only at the target, once every copy", "Delete")
	h.press("y")
	h.wantNoDialog()
	keys := e.keysIn("cmp", "p/")
	want := []string{"p/content.txt", "p/diff/x.txt", "p/left.txt", "p/newdir/n.txt", "p/same.txt", "p/size.txt", "p/sub/deep.txt"}
	if !slices.Equal(keys, want) {
		t.Fatalf("keys %v, want %v", keys, want)
	}

	// The other way: an object changed in S3 comes down over the file.
	e.put("cmp", "p/content.txt", "cccc", "text/plain", nil)
	h.press("=")
	h.wantMarks(ui.LeftPane, map[string]string{"content.txt": "≠ content"})
	h.press("<")
	h.wantScreen("Copy the differences right → left?", "1 file, 4 B (0 only at the source, 1 different)")
	h.press("y")
	h.settle(eng)
	if b, err := os.ReadFile(filepath.Join(left, "content.txt")); err != nil || string(b) != "cccc" {
		t.Fatalf("content.txt = %q, %v", b, err)
	}
}

// While the comparison runs the panes browse as ever, esc drops it (its
// late result changes nothing), and a pane that opens another folder
// ends the view.
func TestComparingRunsInTheBackgroundAndEndsWhenAPaneMoves(t *testing.T) {
	e, left := compareFixture(t)
	h, _ := e.startCompare(left, 100, 30)
	_, pending := h.m.Update(keyMsg("="))
	h.wantScreen("comparing")
	h.press("down", "down")
	if got := h.current(ui.LeftPane); got != "sub" {
		t.Fatalf("the cursor did not move while comparing: on %q", got)
	}
	h.press("esc")
	h.run(pending) // the comparison the user left ends now
	if on, _ := h.m.Comparing(); on || strings.Contains(h.paneText(ui.LeftPane), "only here") {
		t.Fatalf("a comparison that was left shows its result:\n%s", h.screen())
	}

	h.press("=")
	h.wantMarks(ui.LeftPane, map[string]string{"left.txt": "+ only here"})
	h.cursorTo(ui.LeftPane, "sub")
	h.press("enter")
	h.wantStatus("the left pane left the folder compared")
	if on, _ := h.m.Comparing(); on || strings.Contains(h.paneText(ui.RightPane), "only here") {
		t.Fatalf("the compare view should have ended:\n%s", h.screen())
	}
}

// At 80x24 the marks still show as words beside names and sizes.
func TestCompareFitsANarrowWindow(t *testing.T) {
	e, left := compareFixture(t)
	h, _ := e.startCompare(left, 80, 24)
	h.press("=")
	h.wantMarks(ui.LeftPane, map[string]string{"size.txt": "≠ size", "left.txt": "+ only here"})
	for i, l := range strings.Split(h.screen(), "\n") {
		if w := len([]rune(l)); w > 80 {
			t.Fatalf("line %d is %d wide:\n%s", i, w, h.screen())
		}
	}
	h.send(tea.WindowSizeMsg{Width: 60, Height: 20})
	h.wantMarks(ui.LeftPane, map[string]string{"size.txt": "≠", "left.txt": "+"})
}

// A copy that fails keeps every file only at the target: the deletes
// wait for the copies, as in ferry sync.
func TestAFailedCopyDeletesNothing(t *testing.T) {
	e, left := compareFixture(t)
	h, eng := e.startCompare(left, 140, 40)
	h.press("=", ">", "d")
	if err := os.Remove(filepath.Join(left, "left.txt")); err != nil { // gone before the copy starts
		t.Fatal(err)
	}
	h.press("y")
	h.settle(eng)
	h.wantStatus("1 file failed (first: left.txt: cannot upload")
	h.wantScreen("not deleting 1 file only there: not every copy succeeded") // the failure report's title
	if !slices.Contains(e.keysIn("cmp", "p/"), "p/right.txt") {
		t.Fatal("right.txt was deleted though a copy failed")
	}
	if e.objectSum("cmp", "p/size.txt") != sum("short") {
		t.Fatal("the copies that could be made were not")
	}
}
