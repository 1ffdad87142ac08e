package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ferry-s3/ferry/config"
	"github.com/ferry-s3/ferry/connections"
	"github.com/ferry-s3/ferry/keymap"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui"
	"github.com/ferry-s3/ferry/ui/source"
	"github.com/ferry-s3/ferry/xdg"
)

// The two-pane browser is what plain `ferry` runs. Its command builds
// what the TUI works with, in order: the config file (keys, share
// presets, transfer settings), the connection, a probe that the endpoint
// answers, the transfer engine with its journal and the upload ledger;
// then it hands the model to ui.Run and closes the engine after.

// tuiArgs are the browser's own flags and start location.
type tuiArgs struct {
	left, right string         // --left, --right: a local folder or s3://…
	start       s3ops.Location // the s3:// argument (zero: the bucket list)
	probeAt     s3ops.Location // where the probe lists: the first S3 start
}

// register adds --left and --right to cmd.
func (t *tuiArgs) register(cmd *cobra.Command) {
	fs := cmd.Flags()
	fs.StringVar(&t.left, "left", "", "where the left pane starts: a folder, s3://bucket/prefix/ or NAME:s3://…\n(default: the working directory)")
	fs.StringVar(&t.right, "right", "", "where the right pane starts: a folder, s3://bucket/prefix/ or NAME:s3://…\n(default: the s3:// argument, or the bucket list)")
}

// check reads the start location and checks --left and --right before
// anything connects; it finds where the probe lists.
func (t *tuiArgs) check(cmd *cobra.Command, args []string) error {
	switch {
	case len(args) > 0 && !strings.HasPrefix(args[0], "s3://"):
		return unknownCommand(cmd, args[0])
	case len(args) > 1:
		return fmt.Errorf("one start location at most (got %d arguments)", len(args))
	case len(args) == 1:
		loc, err := s3ops.ParseURI(args[0])
		if err != nil {
			return fmt.Errorf("start location: %w (expected s3://bucket/prefix/)", err)
		}
		t.start = loc
	}
	t.probeAt = t.start
	for _, p := range []struct{ flag, spec string }{{"--right", t.right}, {"--left", t.left}} {
		if p.spec == "" {
			continue
		}
		if named, err := checkNamedStart(cmd.Context(), p.spec); named || err != nil {
			if err != nil {
				return fmt.Errorf("%s: %w", p.flag, err)
			}
			continue // on its own connection: the probe is for the default one
		}
		src, err := ui.ParseLocation(nil, p.spec)
		if err != nil {
			return fmt.Errorf("%s: %w", p.flag, err)
		}
		if s, ok := src.(source.S3); ok && t.probeAt.Bucket == "" {
			t.probeAt = s.Loc
		}
	}
	return nil
}

// checkNamedStart checks a NAME:s3://… start location (named false for
// any other spec): the connection must exist and the URI parse.
func checkNamedStart(ctx context.Context, spec string) (named bool, err error) {
	name, uri, named := connections.SplitLocation(spec)
	if !named {
		return false, nil
	}
	if _, err := s3ops.ParseURI(uri); err != nil {
		return true, fmt.Errorf("%w (expected NAME:s3://bucket/prefix/)", err)
	}
	set, err := connectionSet(ctx)
	if err != nil {
		return true, err
	}
	_, err = set.Lookup(name)
	return true, err
}

// unknownCommand is a first argument that is neither a command nor an
// s3:// location, with cobra's suggestions ("lss": did you mean ls?).
func unknownCommand(cmd *cobra.Command, arg string) error {
	msg := fmt.Sprintf("%q is neither a command nor an s3:// location", arg)
	if s := cmd.SuggestionsFor(arg); len(s) > 0 {
		msg += " (did you mean " + strings.Join(s, " or ") + "?)"
	}
	return errors.New(msg)
}

// runTUI starts the browser and runs it until the user quits.
func runTUI(s *session, t *tuiArgs) error {
	cfg, keys, err := loadConfig(dirsOf(s.ctx))
	if err != nil {
		return tuiFailed(s, err)
	}
	presets, err := cfg.SharePresets()
	if err != nil {
		return tuiFailed(s, err)
	}
	pagesPrefix, err := cfg.SharePagesPrefix()
	if err != nil {
		return tuiFailed(s, err)
	}
	txOpts, err := cfg.TransferOptions()
	if err != nil {
		return tuiFailed(s, err)
	}
	s.conn.ownDemo = true // the browser's demo must not stop when another ferry quits
	client, err := s.connect()
	if err == nil {
		err = Probe(s.ctx, client, t.probeAt)
	}
	if err != nil {
		return tuiFailed(s, err)
	}
	set, err := connectionSet(s.ctx)
	if err != nil {
		return tuiFailed(s, err)
	}
	conns := newTUIConnections(s, set, client)
	defer conns.close()
	txOpts.UploadsPath, _ = transfer.LedgerPathIn(dirsOf(s.ctx)) // none when there is no state dir
	// A streamed copy between two panes' connections reads its source
	// through the source connection's client, made on first use.
	txOpts.Sources = func(name string) (*s3ops.Client, error) { return conns.Connect(s.ctx, name) }
	conns.txOpts = txOpts
	txOpts.JournalPath = journalPath(s.ctx, client, dirsOf(s.ctx), journalName(s.flags))
	engine := transfer.New(client, txOpts)
	m := ui.New(ui.Options{Client: client, LocalDir: ui.WorkingDir(), S3Start: t.start, Keys: &keys, Base: s.ctx,
		Warning: warning(s.flags), SharePresets: presets, PagesPrefix: pagesPrefix, Transfers: engine, Left: t.left, Right: t.right,
		Connection: connectionLabel(s.flags, client, os.Getenv("AWS_PROFILE")), Connections: conns, Engines: conns.engine})
	err = ui.Run(s.ctx, m)
	// Running transfers stop where they are; the journal brings them back.
	if cerr := errors.Join(engine.Close(), conns.closeEngines()); cerr != nil && err == nil {
		err = fmt.Errorf("saving the transfer queue: %w", cerr)
	}
	return tuiFailed(s, err)
}

// tuiFailed is how the browser ends on err: an interrupted start exits
// quietly, and a first start with no AWS credentials at all is pointed
// to the demo, which needs none.
func tuiFailed(s *session, err error) error {
	if err == nil {
		return nil
	}
	if s.ctx.Err() != nil {
		return exitCode(exitInterrupted)
	}
	e := failure(s.ctx, err).(*exitError)
	e.hint = demoHint(s.flags, err)
	return e
}

// demoHint is the pointer to --demo ("" when another hint fits better).
func demoHint(f *connFlags, err error) string {
	if f.demo || f.settings.Profile != "" || f.settings.EndpointURL != "" || s3ops.KindOf(err) != s3ops.KindCredentials {
		return ""
	}
	return "no AWS account at hand? `ferry --demo` opens ferry on a local demo store"
}

// journalName gives the demo's transfer queue a name of its own: its
// gateway gets a new port and keys each run, but its data dir stays, so
// transfers to and from it resume like any others.
func journalName(f *connFlags) string {
	if f.demo {
		return "demo"
	}
	return ""
}

// connectionLabel names what the browser is connected to, for its S3
// panes and window title: "demo"; the profile (from --profile, else
// $AWS_PROFILE, as the SDK reads it) and the default region on AWS
// ("profile work · eu-west-1", "AWS · us-east-1"); the endpoint, which
// says more than a region, elsewhere ("http://localhost:9000").
func connectionLabel(f *connFlags, c *s3ops.Client, envProfile string) string {
	if f.demo {
		return "demo"
	}
	profile := f.settings.Profile
	if profile == "" {
		profile = envProfile
	}
	where := c.Region()
	if c.CustomEndpoint() {
		where = c.EndpointID()
	}
	switch {
	case profile != "":
		return "profile " + profile + " · " + where
	case c.CustomEndpoint():
		return where
	}
	return "AWS · " + where
}

// warning is what the status bar says at start.
func warning(f *connFlags) string {
	if f.settings.Insecure {
		return insecureWarning
	}
	return ""
}

// loadConfig reads the config file and applies its key overrides.
func loadConfig(d xdg.Dirs) (config.Config, keymap.KeyMap, error) {
	keys := keymap.Default()
	cfg, err := config.LoadIn(d)
	if err != nil {
		return cfg, keys, err
	}
	return cfg, keys, cfg.ApplyKeys(&keys)
}
