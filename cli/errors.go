package cli

import (
	"context"
	"errors"
	"fmt"
	"io"

	"charm.land/fang/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/spf13/cobra"

	"github.com/ferry-s3/ferry/internal/safetext"
)

// Exit codes of every ferry command.
const (
	exitOK    = 0
	exitFail  = 1 // the work failed (S3 error, missing object, clipboard)
	exitUsage = 2 // bad flags or arguments; nothing was done
	// exitInterrupted is the shell's code for a command stopped by Ctrl-C.
	exitInterrupted = 130
)

// exitError ends a command with an exit code. err is what to tell the
// user; nil when the command has said it already (a summary listing the
// failures, an "interrupted after 3 of 9 files").
type exitError struct {
	code int
	err  error
	cmd  string // "ferry cp"; set where the error leaves the command
	help bool   // point to --help: the command line itself was wrong
	hint string // a sentence more, on a line of its own
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// usageError is a command line ferry cannot run: exit 2, with a pointer
// to --help.
func usageError(err error) error { return &exitError{code: exitUsage, err: err, help: true} }

// settingError is a bad setting outside the command line (the config
// file): exit 2, nothing done, but --help would not help.
func settingError(err error) error { return &exitError{code: exitUsage, err: err} }

// failure is an error that stopped a command: exit 1, or 130 saying
// only "interrupted" when the command was interrupted.
func failure(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return &exitError{code: exitInterrupted, err: errors.New("interrupted")}
	}
	return &exitError{code: exitFail, err: err}
}

// exitCode ends a command that has said everything already with code.
func exitCode(code int) error {
	if code == exitOK {
		return nil
	}
	return &exitError{code: code}
}

// flagError makes the parser's complaints usage errors of the command
// whose flags they are (cobra's SetFlagErrorFunc).
func flagError(cmd *cobra.Command, err error) error {
	return &exitError{code: exitUsage, err: err, cmd: cmd.CommandPath(), help: true}
}

// asExit reads any error a command ended with as an exitError. Errors
// that did not come from a command's own work come from cobra checking
// the command line (an unknown subcommand of completion, a missing
// required flag): usage errors.
func asExit(err error, root string) *exitError {
	var e *exitError
	if !errors.As(err, &e) {
		e = &exitError{code: exitUsage, err: err, help: true}
	}
	if e.cmd == "" {
		e.cmd = root
	}
	return e
}

// showError is ferry's fang.ErrorHandler. The message can quote a key
// or a server's words, so it passes the sanitizer before anything is
// drawn; only the styling added here reaches the terminal raw. On a
// terminal it is fang's error block; in a pipe, or for an interrupted
// command, it is the plain line scripts and logs have always read:
// "ferry cp: …".
func showError(w io.Writer, styles fang.Styles, err error) {
	cw, ok := w.(*colorprofile.Writer)
	renderError(w, styles, err, ok && isTerminal(cw.Forward))
}

// renderError is showError once it knows whether w is a terminal.
func renderError(w io.Writer, styles fang.Styles, err error, terminal bool) {
	e := asExit(err, "ferry")
	if e.err == nil {
		return
	}
	msg := safetext.Lines(e.err.Error())
	hint := safetext.Lines(e.hint)
	if terminal && e.code != exitInterrupted {
		styledError(w, styles, e, msg, hint)
		return
	}
	fmt.Fprintf(w, "%s: %s\n", e.cmd, msg)
	if e.help {
		fmt.Fprintf(w, "Run '%s --help' for usage.\n", e.cmd)
	}
	if hint != "" {
		fmt.Fprintf(w, "ferry: %s\n", hint)
	}
}

// styledError draws fang's error block, with ferry's own pointer to the
// command's help (fang can only guess which errors are usage errors).
func styledError(w io.Writer, styles fang.Styles, e *exitError, msg, hint string) {
	text := styles.ErrorText.UnsetTransform()
	fmt.Fprintln(w, styles.ErrorHeader.String())
	fmt.Fprintln(w, text.Render(msg))
	fmt.Fprintln(w)
	if hint != "" {
		fmt.Fprintln(w, text.Render(hint))
		fmt.Fprintln(w)
	}
	if e.help {
		fmt.Fprintln(w, lipgloss.JoinHorizontal(lipgloss.Left,
			text.UnsetWidth().Render("Try"),
			styles.Program.Flag.Render(" "+e.cmd+" --help "),
			text.UnsetWidth().UnsetMargins().Render("for usage.")))
		fmt.Fprintln(w)
	}
}
