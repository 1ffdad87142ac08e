package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/keymap"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/pasteguard"
)

// Run runs m full screen until the user quits or ctx is cancelled, then
// cancels the background operations still running and waits for their
// clean-up. What m works with (connection, config, transfer engine) is
// built by the command that starts ferry (package cli), which also closes
// the engine afterwards. Every error Run returns is one sentence for the
// user; SIGINT and SIGTERM are a normal way to leave (nil).
func Run(ctx context.Context, m *Model) error {
	opts, closeInput := programOptions(ctx)
	_, err := tea.NewProgram(m, opts...).Run()
	closeInput()
	m.finishTasks(os.Stderr)
	switch {
	case errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil && !errors.Is(err, tea.ErrProgramPanic):
		return nil // SIGINT/SIGTERM: a normal way to leave
	case err != nil && strings.Contains(err.Error(), "TTY"):
		return fmt.Errorf("ferry needs an interactive terminal (%v)", err)
	}
	return err
}

// taskCleanup bounds how long ferry waits, once the screen is gone, for
// cancelled background operations to clean up (a server-side copy in
// parts aborts its multipart upload, so S3 bills no orphaned parts).
const taskCleanup = 35 * time.Second

// finishTasks cancels the background operations still running and waits
// for their clean-up, saying so when it takes more than a moment.
func (m *Model) finishTasks(w io.Writer) {
	m.ops.mgr.Close()
	if m.ops.mgr.Wait(time.Second) {
		return
	}
	fmt.Fprintln(w, "ferry: stopping background operations (aborting unfinished multipart copies)…")
	if !m.ops.mgr.Wait(taskCleanup) {
		fmt.Fprintln(w, "ferry: some did not stop in time; unfinished multipart copies may be left on the server")
	}
}

// programOptions are the program's context and its input: the terminal
// with its pastes guarded (see package pasteguard), when there is one.
// The returned function closes the input once the program has ended.
func programOptions(ctx context.Context) ([]tea.ProgramOption, func()) {
	opts := []tea.ProgramOption{tea.WithContext(ctx)}
	in, closeIn, ok := pasteguard.Terminal()
	if !ok {
		return opts, func() {}
	}
	return append(opts, tea.WithInput(in)), closeIn
}

// WorkingDir is where the local pane starts: the current directory, or
// the home directory when the current one is gone.
func WorkingDir() string {
	if wd, err := os.Getwd(); err == nil {
		return wd
	}
	home, _ := os.UserHomeDir()
	return home
}

// newContext is the context every component shares, from o.
func newContext(o Options) *common.Context {
	keys := o.Keys
	if keys == nil {
		k := keymap.Default()
		keys = &k
	}
	base := o.Base
	if base == nil {
		base = context.Background()
	}
	ctx := common.NewContext(base, keys)
	if o.Clock != nil {
		ctx.Clock = *o.Clock
	}
	if o.TimeZone != nil {
		ctx.TimeZone = o.TimeZone
	}
	ctx.Connection = o.Connection
	return ctx
}
