package cli

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/ferry-s3/ferry/gateway"
	"github.com/ferry-s3/ferry/s3ops"
)

// connFlags say how to reach S3. Every command that does (the TUI, ls,
// cp, rm, share) registers them on its own flags, so they go before the
// command name or after it alike (cobra hands the flags before a
// subcommand's name to the subcommand), and serve, version and the rest
// refuse them instead of ignoring them.
type connFlags struct {
	settings  s3ops.Settings
	pathStyle pathStyle
	demo      bool
}

// register adds the connection flags to cmd, after its own: its help
// lists them in that order.
func (f *connFlags) register(cmd *cobra.Command) {
	fs := cmd.Flags()
	fs.SortFlags = false
	fs.StringVar(&f.settings.Profile, "profile", "", "the AWS profile (default: $AWS_PROFILE, else default)")
	fs.StringVar(&f.settings.Region, "region", "", "region for requests (default: from the profile or $AWS_REGION)")
	fs.StringVar(&f.settings.EndpointURL, "endpoint-url", "",
		"an S3-compatible endpoint, e.g. http://localhost:9000\n(default: AWS, or $AWS_ENDPOINT_URL_S3)")
	fs.Var(&f.pathStyle, "path-style", "use path-style addressing: auto (on for custom endpoints), on, off")
	fs.BoolVar(&f.settings.Insecure, "insecure", false, "do not verify TLS certificates (dangerous)")
	fs.BoolVar(&f.demo, "demo", false, "use a local demo store with sample buckets (no AWS account needed)")
	cmd.RegisterFlagCompletionFunc("path-style", cobra.FixedCompletions([]string{"auto", "on", "off"}, cobra.ShellCompDirectiveNoFileComp))
	cmd.RegisterFlagCompletionFunc("profile", completeProfiles)
}

// check refuses flags that contradict each other.
func (f *connFlags) check() error {
	if f.demo && (f.settings.Profile != "" || f.settings.EndpointURL != "") {
		return errors.New("--demo runs its own gateway: leave out --profile and --endpoint-url")
	}
	return nil
}

// Settings are the connection settings the flags give.
func (f *connFlags) Settings() s3ops.Settings {
	s := f.settings
	s.PathStyle = f.pathStyle.on
	return s
}

// insecureWarning is printed on stderr (and shown in the TUI's status
// bar) whenever --insecure is given.
const insecureWarning = "--insecure: TLS certificates are NOT verified; anyone on the network path can read and change your traffic"

// pathStyle is the value of --path-style: auto (nil: on for custom
// endpoints, off for AWS), on or off. A bad value is a usage error the
// parser reports.
type pathStyle struct{ on *bool }

func (p *pathStyle) String() string {
	switch {
	case p.on == nil:
		return "auto"
	case *p.on:
		return "on"
	}
	return "off"
}

func (p *pathStyle) Set(s string) error {
	switch s {
	case "auto":
		p.on = nil
	case "on", "off":
		on := s == "on"
		p.on = &on
	default:
		return errors.New("must be auto, on or off")
	}
	return nil
}

func (p *pathStyle) Type() string { return "auto|on|off" }

// connection is the S3 client of one command run, made when the command
// first asks for it (never for --help or a bad command line). With
// --demo, a headless command uses the demo another ferry is running (the
// TUI's, or `ferry demo serve`), so what it makes (share links, copies)
// works on after it ends; with none running, or for the TUI, the
// connection starts a demo gateway of its own, which close stops.
type connection struct {
	flags   *connFlags
	connect func(context.Context, s3ops.Settings) (*s3ops.Client, error)
	// ownDemo makes --demo start a gateway even when a demo is running
	// (the TUI: it must not stop working when another ferry quits).
	ownDemo bool
	demo    *gateway.Child       // the demo gateway this command started
	running *gateway.RunningDemo // the demo another ferry runs, in use
}

// client connects.
func (c *connection) client(ctx context.Context) (*s3ops.Client, error) {
	s := c.flags.Settings()
	if c.flags.demo && c.demo == nil && c.running == nil {
		if err := c.reachDemo(ctx); err != nil {
			return nil, err
		}
	}
	switch {
	case c.running != nil:
		s = s3ops.Settings{EndpointURL: c.running.Endpoint, Region: c.running.Region,
			AccessKey: c.running.AccessKey, SecretKey: c.running.SecretKey, PathStyle: s.PathStyle}
	case c.demo != nil:
		s = s3ops.Settings{EndpointURL: c.demo.Endpoint, Region: c.demo.Region,
			AccessKey: c.demo.AccessKey, SecretKey: c.demo.SecretKey, PathStyle: s.PathStyle}
	}
	return c.connect(ctx, s)
}

// reachDemo finds the running demo, or starts one.
func (c *connection) reachDemo(ctx context.Context) error {
	if !c.ownDemo {
		running, err := gateway.FindDemo(ctx)
		if err == nil {
			c.running = running
			return nil
		}
		if !errors.Is(err, gateway.ErrNoDemo) {
			return err
		}
	}
	child, err := startDemo(ctx)
	if err != nil {
		return err
	}
	c.demo = child
	return nil
}

// demoEndsWithCommand reports whether the command runs on a demo gateway
// that stops when it ends: links it makes die with it.
func (c *connection) demoEndsWithCommand() bool { return c.demo != nil && !c.ownDemo }

// close stops the demo gateway, if this command started one.
func (c *connection) close() {
	if c.demo != nil {
		c.demo.Stop()
	}
}

// startDemo runs ferry's own binary as the demo gateway (`ferry serve`
// over the demo data dir).
func startDemo(ctx context.Context) (*gateway.Child, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("--demo: cannot find ferry's own binary: %w", err)
	}
	return gateway.StartDemo(ctx, exe)
}
