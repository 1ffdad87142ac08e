package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/ferry-s3/ferry/gateway"
	"github.com/ferry-s3/ferry/internal/safetext"
	"github.com/ferry-s3/ferry/share"
)

// `ferry demo` reaches the demo store from outside the browser. The
// demo gateway's keys are new each time it starts; while a ferry runs
// it (`ferry --demo`, `ferry demo serve`), `ferry demo env` prints how
// to reach it and headless `--demo` commands use it (see connection).

const demoLong = `The demo store is a local S3 gateway with sample buckets, for trying ferry
with no AWS account. ` + "`ferry --demo`" + ` opens the browser on it; while that ferry runs,
` + "`ferry --demo ls`, `cp`, `rm` and `share`" + ` use the same gateway, so links they
print work until it quits. ` + "`ferry demo serve`" + ` runs the gateway alone, and
` + "`ferry demo env`" + ` prints its address and keys for the aws CLI and other tools.`

const demoExamples = `
ferry demo serve &
ferry --demo share s3://media/images/sunset.png
eval "$(ferry demo env)" && aws s3 ls
`

// demoCommand is `ferry demo` and its subcommands.
func (a *app) demoCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "demo",
		Short:   "Run the demo store, or print how to reach the running one",
		Long:    prose(demoLong),
		Example: demoExamples,
		Args:    noArgs,
	}
	cmd.AddCommand(a.demoServeCommand(), a.demoEnvCommand())
	return cmd
}

// demoServeCommand is `ferry demo serve`: the demo gateway in the
// foreground until Ctrl-C.
func (a *app) demoServeCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "serve",
		Short: "Run the demo store until Ctrl-C, for the other commands to use",
		Args:  noArgs,
		RunE:  a.action(runDemoServe),
	}
}

func runDemoServe(s *session, _ []string) error {
	if running, err := gateway.FindDemo(s.ctx); err == nil {
		return failure(s.ctx, fmt.Errorf("a demo is already running (ferry pid %d, at %s): `ferry demo env` prints how to reach it",
			running.PID, running.Endpoint))
	}
	child, err := startDemo(s.ctx)
	if err != nil {
		return failure(s.ctx, err)
	}
	defer child.Stop()
	fmt.Fprintf(s.stdout, "demo store at %s until Ctrl-C; in another terminal:\n"+
		"  ferry --demo                                       the browser\n"+
		"  ferry --demo share s3://media/images/sunset.png    a link that works while this runs\n"+
		"  eval \"$(ferry demo env)\"                           its address and keys for other tools\n", child.Endpoint)
	select {
	case <-s.ctx.Done():
		return nil // Ctrl-C is how it is meant to end
	case <-child.Done():
		return failure(s.ctx, errors.New("the demo gateway stopped by itself"))
	}
}

// demoEnvCommand is `ferry demo env`.
func (a *app) demoEnvCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "env",
		Short: "Print the running demo's endpoint and keys as shell exports",
		Long: prose(`Prints the endpoint, keys and region of the demo store a ferry is running, as
shell exports for the aws CLI and other S3 tools: eval "$(ferry demo env)". It
also unsets AWS_SESSION_TOKEN and AWS_ENDPOINT_URL_S3, which would override them.
Exit status 1 when no demo is running.`),
		Args: noArgs,
		RunE: a.action(func(s *session, _ []string) error {
			running, err := gateway.FindDemo(s.ctx)
			if errors.Is(err, gateway.ErrNoDemo) {
				err = errors.New("no demo is running: start `ferry --demo` or `ferry demo serve` first")
			}
			if err != nil {
				return failure(s.ctx, err)
			}
			if asJSON {
				return writeDemoJSON(s.stdout, running)
			}
			writeDemoEnv(s.stdout, running)
			return nil
		}),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "one JSON object: endpoint, region, access_key, secret_key, pid, started")
	return cmd
}

// writeDemoEnv prints d as exports a POSIX shell evaluates.
func writeDemoEnv(w io.Writer, d *gateway.RunningDemo) {
	fmt.Fprintf(w, "# the demo store ferry (pid %d) has run since %s; it stops when that ferry ends\n",
		d.PID, d.Started.Local().Format("15:04:05"))
	for _, kv := range [][2]string{{"AWS_ENDPOINT_URL", d.Endpoint}, {"AWS_ACCESS_KEY_ID", d.AccessKey},
		{"AWS_SECRET_ACCESS_KEY", d.SecretKey}, {"AWS_REGION", d.Region}} {
		fmt.Fprintf(w, "export %s=%s\n", kv[0], share.ShellQuote(kv[1]))
	}
	fmt.Fprintln(w, "unset AWS_SESSION_TOKEN AWS_ENDPOINT_URL_S3")
}

func writeDemoJSON(w io.Writer, d *gateway.RunningDemo) error {
	b, err := json.Marshal(d)
	if err != nil {
		return err
	}
	_, err = safetext.Raw(w).Write(append(safetext.JSON(b), '\n'))
	return err
}
