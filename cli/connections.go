package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/spf13/cobra"

	"github.com/ferry-s3/ferry/connections"
	"github.com/ferry-s3/ferry/internal/safetext"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/share"
)

const connectionsLong = `Lists the connections a location can name as NAME:s3://bucket/key: every
profile of the AWS config files, the [connections.NAME] tables of ferry's config
file, and demo (the embedded gateway). For each: where it is defined, its
endpoint and region, and whether its credentials resolve and when they expire
(never the keys). The first row, s3://, is what plain s3:// locations use: the
connection flags and the environment.`

const connectionsExamples = `
ferry connections
ferry ls work:s3://logs/
ferry cp ./report.pdf r2:s3://public/
`

// connectionsCommand is `ferry connections`.
func (a *app) connectionsCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "connections",
		Short:   "List the connections NAME:s3:// locations can use",
		Long:    prose(connectionsLong),
		Example: connectionsExamples,
		Args:    noArgs,
		RunE: a.action(func(s *session, _ []string) error {
			set, err := connectionSet(s.ctx)
			if err != nil {
				return err
			}
			rows := a.connectionRows(s, set)
			if asJSON {
				return writeConnectionsJSON(s.stdout, rows)
			}
			return writeConnectionsTable(s.stdout, rows)
		}),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "one JSON object per connection: name, from, endpoint, region,\ncredentials_ok, credentials, expires, problem")
	a.conn.register(cmd)
	return cmd
}

// connectionRow is one line of the listing.
type connectionRow struct {
	Name        string    `json:"name"`
	From        string    `json:"from"`
	Endpoint    string    `json:"endpoint"`
	Region      string    `json:"region"`
	OK          bool      `json:"credentials_ok"`
	Credentials string    `json:"credentials,omitempty"`
	Expires     time.Time `json:"expires,omitzero"`
	Problem     string    `json:"problem,omitempty"`
}

// connectionRows checks every connection's credentials, at once.
func (a *app) connectionRows(s *session, set *connections.Set) []connectionRow {
	all := set.All()
	rows := make([]connectionRow, len(all)+1)
	var wg sync.WaitGroup
	wg.Go(func() { rows[0] = a.checkRow(s.ctx, "s3://", "flags and environment", s.flags.Settings(), false) })
	for i, c := range all {
		wg.Go(func() { rows[i+1] = a.checkRow(s.ctx, c.Name, c.From, c.Settings(), c.Demo) })
	}
	wg.Wait()
	return rows
}

// checkRow connects with settings and describes the result.
func (a *app) checkRow(ctx context.Context, name, from string, settings s3ops.Settings, demo bool) connectionRow {
	row := connectionRow{Name: name, From: from, Endpoint: settings.EndpointURL, Region: settings.Region}
	if demo {
		row.Endpoint, row.OK, row.Credentials = "a local gateway, started on first use", true, "made when it starts"
		return row
	}
	var client *s3ops.Client
	creds := connections.Check(ctx, func(ctx context.Context) (aws.Credentials, error) {
		c, err := a.deps.Connect(ctx, settings)
		if err != nil {
			return aws.Credentials{}, err
		}
		client = c
		return c.Credentials(ctx)
	})
	if client != nil {
		row.Endpoint, row.Region = client.Endpoint(), client.Region()
	}
	if row.Endpoint == "" {
		row.Endpoint = "AWS"
	}
	row.OK, row.Credentials, row.Expires, row.Problem = creds.OK, creds.Kind, creds.Expires, creds.Problem
	return row
}

func writeConnectionsTable(w io.Writer, rows []connectionRow) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tFROM\tENDPOINT\tREGION\tCREDENTIALS")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.Name, r.From, r.Endpoint, orDash(r.Region), credentialsText(r, time.Now()))
	}
	return tw.Flush()
}

// credentialsText is the CREDENTIALS column: "ok (SSO), expire 15:04 (in
// 2h 10m)", or the problem.
func credentialsText(r connectionRow, now time.Time) string {
	if !r.OK {
		return r.Problem
	}
	text := "ok"
	if r.Credentials != "" {
		text += " (" + r.Credentials + ")"
	}
	if !r.Expires.IsZero() {
		text += fmt.Sprintf(", expire %s (%s)", r.Expires.Local().Format("15:04"), share.FormatLeft(r.Expires.Sub(now)))
	}
	return text
}

func writeConnectionsJSON(w io.Writer, rows []connectionRow) error {
	for _, r := range rows {
		b, err := json.Marshal(r)
		if err != nil {
			return err
		}
		if _, err := safetext.Raw(w).Write(append(safetext.JSON(b), '\n')); err != nil {
			return err
		}
	}
	return nil
}
