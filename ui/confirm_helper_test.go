package ui_test

import (
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/ui/dialog"
)

func newConfirm(h *harness, yes, no tea.Cmd) *dialog.Confirm {
	return dialog.NewConfirm(h.m.Context(), "Delete 3 objects?", "They go away for good.", yes, no)
}
