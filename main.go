// Command ferry is a terminal file manager for S3: a local pane and an S3
// pane, with every byte moved over presigned URLs.
//
//	ferry [flags] [s3://bucket/prefix/]   the two-pane browser
//	ferry [flags] share ...               headless share links (see cli)
//	ferry [flags] ls|cp|rm ...            headless listing, copies, deletes (see cli)
//	ferry serve --dir DIR                 the embedded S3 gateway
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/ferry-s3/ferry/cli"
	"github.com/ferry-s3/ferry/gateway"
	"github.com/ferry-s3/ferry/internal/safetext"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/ui"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = ""

type options struct {
	settings  s3ops.Settings
	pathStyle string
	left      string // where the left pane starts: a folder or s3://…
	right     string
	demo      bool
	version   bool
	args      []string
}

func main() { os.Exit(run(os.Args[1:])) }

// stderr is where ferry's own messages go: through the sanitizer, as an
// error can quote a key or a server's words (see package safetext).
var stderr io.Writer = safetext.NewWriter(os.Stderr)

func run(args []string) int {
	if len(args) > 0 && args[0] == "serve" {
		return gateway.ServeMain(args[1:], os.Stdout, os.Stderr)
	}
	o, err := parseFlags(args, os.Stderr) // usage text is tab-aligned and ferry's own
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "ferry:", err)
		return 2
	}
	if o.version {
		fmt.Println("ferry", buildVersion())
		return 0
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return start(ctx, o)
}

// start runs ferry proper; a demo gateway is stopped however this ends,
// a panic included.
func start(ctx context.Context, o options) (code int) {
	stopDemo := func() {}
	defer func() {
		stopDemo()
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "ferry: internal error: %v\n", r)
			safetext.Raw(stderr).Write(debug.Stack()) // tab-indented, names of functions only
			code = 2
		}
	}()
	if o.demo {
		child, err := startDemo(ctx, &o.settings)
		if err != nil {
			return fail(ctx, err)
		}
		stopDemo = func() { child.Stop() }
	}
	if o.settings.Insecure {
		fmt.Fprintln(stderr, "ferry: warning:", insecureWarning)
	}
	if len(o.args) > 0 && o.args[0] == "share" {
		return share(ctx, o)
	}
	if run, ok := headless[firstArg(o.args)]; ok {
		return run(ctx, connector(o.settings), o.args[1:], os.Stdout, os.Stderr)
	}
	err := ui.Run(ctx, ui.RunOptions{Settings: o.settings, Start: firstArg(o.args), Warning: warning(o), JournalName: journalName(o),
		Left: o.left, Right: o.right})
	if err != nil {
		code := fail(ctx, err)
		if hint := demoHint(o, err); hint != "" && ctx.Err() == nil {
			fmt.Fprintln(stderr, hint)
		}
		return code
	}
	return 0
}

// demoHint points a first start with no AWS credentials at all to the
// demo, which needs none ("" when another hint fits better).
func demoHint(o options, err error) string {
	if o.demo || o.settings.Profile != "" || o.settings.EndpointURL != "" || s3ops.KindOf(err) != s3ops.KindCredentials {
		return ""
	}
	return "ferry: no AWS account at hand? `ferry --demo` opens ferry on a local demo store"
}

// journalName gives the demo's transfer queue a name of its own: its
// gateway gets a new port and keys each run, but its data dir stays, so
// transfers to and from it resume like any others.
func journalName(o options) string {
	if o.demo {
		return "demo"
	}
	return ""
}

const insecureWarning = "--insecure: TLS certificates are NOT verified; anyone on the network path can read and change your traffic"

func warning(o options) string {
	if o.settings.Insecure {
		return insecureWarning
	}
	return ""
}

func startDemo(ctx context.Context, s *s3ops.Settings) (*gateway.Child, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("--demo: cannot find ferry's own binary: %w", err)
	}
	child, err := gateway.StartDemo(ctx, exe)
	if err != nil {
		return nil, err
	}
	*s = s3ops.Settings{EndpointURL: child.Endpoint, Region: child.Region,
		AccessKey: child.AccessKey, SecretKey: child.SecretKey, PathStyle: s.PathStyle}
	return child, nil
}

func share(ctx context.Context, o options) int {
	client, err := s3ops.Connect(ctx, o.settings)
	if err != nil {
		return fail(ctx, err)
	}
	return cli.ShareMain(ctx, client, o.args[1:], os.Stdout, os.Stderr)
}

// headless are the subcommands of package cli that connect only when
// they need to (not for --help or bad arguments).
var headless = map[string]func(context.Context, cli.Connector, []string, io.Writer, io.Writer) int{
	"ls": cli.LsMain,
	"cp": cli.CpMain,
	"rm": cli.RmMain,
}

func connector(s s3ops.Settings) cli.Connector {
	return func(ctx context.Context) (*s3ops.Client, error) { return s3ops.Connect(ctx, s) }
}

// fail prints err as one line; an interrupted start exits quietly.
func fail(ctx context.Context, err error) int {
	if ctx.Err() != nil {
		return 130
	}
	fmt.Fprintln(stderr, "ferry:", err)
	return 1
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("ferry", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { usage(fs) }
	fs.StringVar(&o.settings.Profile, "profile", "", "AWS profile from ~/.aws/config (default: $AWS_PROFILE or default)")
	fs.StringVar(&o.settings.Region, "region", "", "region for requests (default: from the profile or $AWS_REGION)")
	fs.StringVar(&o.settings.EndpointURL, "endpoint-url", "", "S3-compatible endpoint, e.g. http://localhost:9000 (default: AWS; also $AWS_ENDPOINT_URL_S3)")
	fs.StringVar(&o.pathStyle, "path-style", "auto", "path-style addressing: auto (on for custom endpoints), on or off")
	fs.BoolVar(&o.settings.Insecure, "insecure", false, "do not verify TLS certificates (dangerous)")
	fs.StringVar(&o.left, "left", "", "where the left pane starts: a local folder or s3://bucket/prefix/ (default: the working directory)")
	fs.StringVar(&o.right, "right", "", "where the right pane starts: a local folder or s3://bucket/prefix/ (default: the s3:// argument, or the bucket list)")
	fs.BoolVar(&o.demo, "demo", false, "browse a local demo gateway with sample buckets (no AWS account needed)")
	fs.BoolVar(&o.version, "version", false, "print the version and exit")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	o.args = fs.Args()
	return o, o.check()
}

func (o *options) check() error {
	switch o.pathStyle {
	case "auto":
	case "on", "off":
		on := o.pathStyle == "on"
		o.settings.PathStyle = &on
	default:
		return fmt.Errorf("--path-style must be auto, on or off, not %q", o.pathStyle)
	}
	for _, p := range []struct{ flag, spec string }{{"--left", o.left}, {"--right", o.right}} {
		if p.spec == "" {
			continue
		}
		if _, err := ui.ParseLocation(nil, p.spec); err != nil {
			return fmt.Errorf("%s: %w", p.flag, err)
		}
	}
	if o.demo && (o.settings.Profile != "" || o.settings.EndpointURL != "") {
		return errors.New("--demo runs its own gateway: leave out --profile and --endpoint-url")
	}
	if _, ok := headless[firstArg(o.args)]; len(o.args) > 1 && o.args[0] != "share" && !ok {
		return fmt.Errorf("one start location at most (got %d arguments); usage: ferry [flags] [s3://bucket/prefix/]", len(o.args))
	}
	return nil
}

func usage(fs *flag.FlagSet) {
	out := fs.Output()
	fmt.Fprintln(out, "usage: ferry [flags] [--left DIR|s3://…] [--right DIR|s3://…] [s3://bucket/prefix/]")
	fmt.Fprintln(out, "       ferry [flags] share [share flags] s3://bucket/key ...")
	fmt.Fprintln(out, "       ferry [flags] ls [ls flags] [s3://bucket/prefix]")
	fmt.Fprintln(out, "       ferry [flags] cp [cp flags] SOURCE... DEST")
	fmt.Fprintln(out, "       ferry [flags] rm [rm flags] s3://bucket/key ...")
	fmt.Fprintln(out, "       ferry serve --dir DIR [serve flags]")
	fmt.Fprintln(out, "\nflags:")
	fs.PrintDefaults()
}

func firstArg(args []string) string {
	if len(args) == 0 {
		return ""
	}
	return args[0]
}

func buildVersion() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(devel)"
}
