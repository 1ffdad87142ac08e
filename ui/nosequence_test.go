package ui_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The harness runs commands one at a time and unpacks tea.BatchMsg, the
// only public message that holds commands; tea.Sequence's message type
// is Bubble Tea's own, which the harness would hand to the model as if
// it were news. So the UI orders work with messages of its own instead
// (transfers.PreparingMsg carries the work that must follow it), and this
// keeps it that way.
func TestUICodeOrdersCommandsWithMessagesNotTeaSequence(t *testing.T) {
	t.Parallel()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		b, err := os.ReadFile(path)
		if err == nil && strings.Contains(string(b), "tea.Sequence(") {
			t.Errorf("%s calls tea.Sequence: order the commands with a message that carries the next one", path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
