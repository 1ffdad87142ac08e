package cli

import (
	"github.com/spf13/cobra"

	"github.com/ferry-s3/ferry/gateway"
)

const serveLong = `Runs versitygw (posix backend) over DIR as a local S3 gateway: each
subdirectory of DIR is a bucket, the files below it are objects. It prints
the endpoint, access key and secret key, and stops cleanly on Ctrl-C or
SIGTERM.

Metadata (ETags, content types, ACLs) is kept in sidecar files outside DIR.
It listens on loopback only unless --addr says otherwise (and then warns
that it is reachable from other machines). It checks SigV4 signatures,
presigned expiry and signed Content-Types as S3 does: ferry's tests and
--demo run on it.`

const serveExamples = `
ferry serve --dir ~/s3data
ferry serve --dir ~/s3data --addr 127.0.0.1:9000 --access-key K --secret-key S
`

// serveCommand is `ferry serve`. Its flags are the gateway's own
// (gateway.ServeFlags), which test binaries started as gateways parse too.
func (a *app) serveCommand() *cobra.Command {
	var f gateway.ServeFlags
	cmd := &cobra.Command{
		Use:     "serve --dir DIR",
		Short:   "Run a local S3 gateway over a folder",
		Long:    prose(serveLong),
		Example: serveExamples,
		Args:    noArgs,
		RunE: a.action(func(s *session, args []string) error {
			o, err := f.Options(args)
			if err != nil {
				return usageError(err)
			}
			if err := gateway.Serve(s.ctx, o, f.Child, s.stdout, s.stderr); err != nil {
				return failure(s.ctx, err)
			}
			return nil
		}),
	}
	f.Register(cmd.Flags())
	cmd.MarkFlagDirname("dir")
	cmd.MarkFlagDirname("meta-dir")
	cmd.MarkFlagDirname("versioning-dir")
	return cmd
}
