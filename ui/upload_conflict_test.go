package ui_test

import (
	"crypto/sha256"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui"
)

// uploadConflictEnv has a bucket where alpha.txt and docs/a.md already
// exist, and local files of the same names (plus one that is new), with
// the engine's conflict policy set to policy.
func uploadConflictEnv(t *testing.T, policy transfer.Policy) (*env, *harness, *transfer.Engine) {
	e := newEnv(t)
	e.bucket("media")
	e.put("media", "alpha.txt", "old alpha", "text/plain", nil)
	e.put("media", "docs/a.md", "old a", "text/markdown", nil)
	e.file("alpha.txt", "new alpha")
	e.file("docs/a.md", "new a")
	e.file("docs/b.md", "new b")
	eng := e.engine(nil, transfer.Options{Conflict: policy})
	h := e.startTx(eng, "media", 130, 40)
	return e, h, eng
}

// copyMarked marks names in the local pane and answers the copy's
// question with yes.
func copyMarked(h *harness, names ...string) {
	for _, name := range names {
		h.cursorTo(ui.LeftPane, name)
		h.press("space")
	}
	h.press("c", "y")
}

func (e *env) wantObject(key, body string) {
	e.t.Helper()
	if got, want := e.objectSum("media", key), sha256.Sum256([]byte(body)); got != want {
		e.t.Fatalf("s3://media/%s does not hold %q", key, body)
	}
}

// Uploading onto existing objects under the default policy asks once for
// the whole copy, listing the keys in the way, while the rest of the copy
// goes ahead; each answer does what it says.
func TestUploadOntoExistingObjectsAsks(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		answer string
		check  func(e *env)
	}{
		{"s", func(e *env) { e.wantObject("alpha.txt", "old alpha"); e.wantObject("docs/a.md", "old a") }},
		{"esc", func(e *env) { e.wantObject("alpha.txt", "old alpha"); e.wantObject("docs/a.md", "old a") }},
		{"enter", func(e *env) { e.wantObject("alpha.txt", "old alpha"); e.wantObject("docs/a.md", "old a") }},
		{"o", func(e *env) { e.wantObject("alpha.txt", "new alpha"); e.wantObject("docs/a.md", "new a") }},
		{"b", func(e *env) {
			e.wantObject("alpha.txt", "old alpha")
			e.wantObject("alpha (1).txt", "new alpha")
			e.wantObject("docs/a.md", "old a")
			e.wantObject("docs/a (1).md", "new a")
		}},
	} {
		t.Run(tc.answer, func(t *testing.T) {
			e, h, eng := uploadConflictEnv(t, transfer.PolicyDefault)
			h.cursorTo(ui.LeftPane, "alpha.txt")
			h.press("c")
			if body := questionLines(t, h); !strings.Contains(body, "For objects that already exist, ferry asks what to do.") {
				t.Fatalf("the copy's question does not say what happens to existing objects:\n%s", body)
			}
			h.press("esc")
			copyMarked(h, "alpha.txt", "docs")
			h.wantScreen("2 objects already exist", "alpha.txt", "docs/a.md", "keep both")
			if body := questionLines(t, h); strings.Contains(body, "docs/b.md") {
				t.Fatalf("the new file is listed as in the way:\n%s", body)
			}
			if got := h.m.StatusText(); !strings.Contains(got, "queued 1 upload") || !strings.Contains(got, "2 objects already there (asking)") {
				t.Fatalf("status = %q", got)
			}
			h.press(tc.answer)
			h.wantNoDialog()
			h.settle(eng)
			e.wantObject("docs/b.md", "new b")
			tc.check(e)
			if tc.answer == "o" || tc.answer == "b" {
				if c := h.m.Transfers().Counts(); c.Done != 3 {
					t.Fatalf("counts after %q = %+v, want 3 done", tc.answer, c)
				}
			}
		})
	}
}

// With conflict = "skip" or "keep-both" in the config nothing is asked.
func TestUploadConflictPolicyFromTheConfigIsNotAsked(t *testing.T) {
	t.Parallel()
	e, h, eng := uploadConflictEnv(t, transfer.Skip)
	copyMarked(h, "alpha.txt")
	h.wantNoDialog()
	if got := h.m.StatusText(); !strings.Contains(got, "left out 1") || !strings.Contains(got, "already exists") {
		t.Fatalf("status = %q", got)
	}
	h.settle(eng)
	e.wantObject("alpha.txt", "old alpha")

	e, h, eng = uploadConflictEnv(t, transfer.KeepBoth)
	copyMarked(h, "alpha.txt", "docs")
	h.wantNoDialog()
	h.settle(eng)
	e.wantObject("alpha.txt", "old alpha")
	e.wantObject("alpha (1).txt", "new alpha")
	e.wantObject("docs/a (1).md", "new a")
	e.wantObject("docs/b.md", "new b")

	e, h, eng = uploadConflictEnv(t, transfer.Overwrite)
	copyMarked(h, "alpha.txt")
	h.wantNoDialog()
	h.settle(eng)
	e.wantObject("alpha.txt", "new alpha")
}

// Many dropped files are checked together and asked about in one
// question that names how many are in the way.
func TestDroppedFilesOntoExistingObjectsAskOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.bucket("media")
	var paste []string
	for _, name := range []string{"a.txt", "b.txt", "c.txt", "d.txt", "e.txt"} {
		paste = append(paste, e.file("drop/"+name, "new "+name))
	}
	e.put("media", "b.txt", "old", "", nil)
	e.put("media", "d.txt", "old", "", nil)
	eng := e.engine(nil, transfer.Options{})
	h := e.startTx(eng, "media", 130, 40)
	h.send(tea.PasteMsg{Content: strings.Join(paste, "\n")})
	h.press("y")
	h.wantScreen("2 objects already exist", "b.txt", "d.txt")
	h.press("o")
	h.settle(eng)
	for _, name := range []string{"a.txt", "b.txt", "c.txt", "d.txt", "e.txt"} {
		e.wantObject(name, "new "+name)
	}
}
