package ui_test

import (
	"os"
	"path/filepath"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/localops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui"
	"github.com/ferry-s3/ferry/ui/common"
)

// "n", then "y" before the close has been processed (a fast typist, or
// keys arriving in one read): the confirm has been answered no, and the
// late "y" must not run the yes command too.
func TestAnAnsweredConfirmIgnoresKeysThatArriveBeforeItCloses(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	h := e.start(ui.Options{}, 100, 30)
	var answers []string
	yes := func() tea.Msg { answers = append(answers, "yes"); return nil }
	no := func() tea.Msg { answers = append(answers, "no"); return nil }
	for _, keys := range [][2]string{{"n", "y"}, {"y", "n"}, {"esc", "enter"}, {"tab", "y"}} {
		answers = nil
		h.send(common.OpenDialogMsg{Dialog: newConfirm(h, yes, no)})
		h.wantScreen("Delete 3 objects?")
		if keys[0] == "tab" { // tab only moves the highlight: y is the answer
			h.press("tab")
			keys = [2]string{"y", "n"}
		}
		_, first := h.m.Update(keyMsg(keys[0]))
		_, late := h.m.Update(keyMsg(keys[1]))
		h.run(late)
		h.run(first)
		h.wantNoDialog()
		want := "no"
		if keys[0] == "y" {
			want = "yes"
		}
		if len(answers) != 1 || answers[0] != want {
			t.Fatalf("%q then %q: answers %v, want [%s]", keys[0], keys[1], answers, want)
		}
	}
}

// The copy question is answered once too: "y" twice in one read queues
// the upload once.
func TestAnAnsweredCopyQuestionQueuesOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.bucket("media")
	e.file("alpha.txt", "alpha")
	eng := e.engine(nil, transfer.Options{})
	h := e.startTx(eng, "media", 130, 40)
	h.cursorTo(ui.LeftPane, "alpha.txt")
	h.press("c")
	_, first := h.m.Update(keyMsg("y"))
	_, late := h.m.Update(keyMsg("y"))
	h.run(late)
	h.run(first)
	h.settle(eng)
	if jobs := eng.Jobs(); len(jobs) != 1 {
		t.Fatalf("%d transfers queued, want 1: %+v", len(jobs), jobs)
	}
}

func TestAnAnsweredQuestionIgnoresKeysThatArriveBeforeItCloses(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	trash := func(p string) (localops.TrashedItem, error) {
		t.Errorf("%s was trashed after the question was answered no", p)
		return localops.TrashedItem{}, nil
	}
	h := e.start(ui.Options{Trash: trash}, 120, 30)
	h.cursorTo(ui.LeftPane, "alpha.txt")
	h.press("d")
	// "n", then "y" before the close has been processed (a fast typist,
	// or keys arriving in one read).
	_, closeCmd := h.m.Update(keyMsg("n"))
	_, late := h.m.Update(keyMsg("y"))
	h.run(late)
	h.run(closeCmd)
	h.wantNoDialog()
	if _, err := os.Stat(filepath.Join(e.local, "alpha.txt")); err != nil {
		t.Fatal(err)
	}
}
