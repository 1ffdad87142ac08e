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

	"github.com/ferry-s3/ferry/config"
	"github.com/ferry-s3/ferry/keymap"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/pasteguard"
)

// probeTimeout bounds the reachability check before the TUI starts.
const probeTimeout = 5 * time.Second

// RunOptions are what main hands to Run.
type RunOptions struct {
	Settings s3ops.Settings
	// Start is the positional s3://bucket/prefix argument ("" = bucket list).
	Start string
	// Warning is shown in the status bar at start.
	Warning string
	// JournalName names the transfer journal ("demo" for --demo); ""
	// derives it from the endpoint and the account.
	JournalName string
	// Left and Right are where the panes start (--left, --right): a local
	// folder or an s3:// URI; "" keeps the defaults (the working
	// directory on the left, Start on the right).
	Left, Right string
}

// Run loads the config, connects, checks the endpoint answers and runs
// the TUI until the user quits or ctx is cancelled. Every error it
// returns is one sentence for the user.
func Run(ctx context.Context, o RunOptions) error {
	cfg, keys, err := loadConfig()
	if err != nil {
		return err
	}
	presets, err := cfg.SharePresets()
	if err != nil {
		return err
	}
	txOpts, err := cfg.TransferOptions()
	if err != nil {
		return err
	}
	start, err := parseStart(o.Start)
	if err != nil {
		return err
	}
	probeAt, err := checkPanes(o, start)
	if err != nil {
		return err
	}
	client, err := s3ops.Connect(ctx, o.Settings)
	if err != nil {
		return err
	}
	if err := Probe(ctx, client, probeAt); err != nil {
		return err
	}
	txOpts.JournalPath = journalPath(ctx, client, o.JournalName)
	txOpts.UploadsPath, _ = transfer.DefaultLedgerPath() // none when there is no state dir
	engine := transfer.New(client, txOpts)
	m := New(Options{Client: client, LocalDir: WorkingDir(), S3Start: start, Keys: &keys, Base: ctx, Warning: o.Warning,
		SharePresets: presets, Transfers: engine, Left: o.Left, Right: o.Right})
	opts, closeInput := programOptions(ctx)
	_, err = tea.NewProgram(m, opts...).Run()
	closeInput()
	m.finishTasks(os.Stderr)
	// Running transfers stop where they are; the journal brings them back.
	if cerr := engine.Close(); cerr != nil && err == nil {
		return fmt.Errorf("saving the transfer queue: %w", cerr)
	}
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

// loadConfig reads the config file and applies its key overrides.
func loadConfig() (config.Config, keymap.KeyMap, error) {
	keys := keymap.Default()
	cfg, err := config.Load()
	if err != nil {
		return cfg, keys, err
	}
	return cfg, keys, cfg.ApplyKeys(&keys)
}

func parseStart(arg string) (s3ops.Location, error) {
	if arg == "" {
		return s3ops.Location{}, nil
	}
	loc, err := s3ops.ParseURI(arg)
	if err != nil {
		return loc, fmt.Errorf("start location: %w (expected s3://bucket/prefix/)", err)
	}
	return loc, nil
}

// Probe makes one quick request to tell, before the TUI starts, whether
// the endpoint answers and accepts the credentials. It lists one key of
// the start bucket, or the buckets. An unreachable endpoint, rejected
// credentials or a wrong secret is fatal (nothing would work); anything
// else (AccessDenied on ListBuckets, a missing bucket) is not: the pane
// shows it and the user can go elsewhere.
func Probe(ctx context.Context, c *s3ops.Client, start s3ops.Location) error {
	ctx, cancel := context.WithTimeout(ctx, probeTimeout)
	defer cancel()
	var err error
	if start.Bucket != "" {
		opt := s3ops.ListOptions{PageSize: 1}
		err = c.List(ctx, s3ops.Location{Bucket: start.Bucket}, opt, func(s3ops.Page) bool { return false })
	} else {
		_, err = c.ListBuckets(ctx)
	}
	return fatalProbeError(ctx, c, err)
}

func fatalProbeError(ctx context.Context, c *s3ops.Client, err error) error {
	if err == nil {
		return nil
	}
	where := c.Endpoint()
	if where == "" {
		where = "AWS S3 (" + c.Region() + ")"
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("cannot reach the S3 endpoint %s: no answer within %s", where, probeTimeout)
	}
	switch s3ops.KindOf(err) {
	case s3ops.KindNetwork:
		detail := strings.TrimPrefix(err.Error(), "cannot reach the S3 endpoint: ")
		return fmt.Errorf("cannot reach the S3 endpoint %s: %s", where, detail)
	case s3ops.KindCredentials, s3ops.KindSignature, s3ops.KindExpired, s3ops.KindCanceled:
		return err
	}
	return nil
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
