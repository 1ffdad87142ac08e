package cli

import (
	"context"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/ferry-s3/ferry/connections"
	"github.com/ferry-s3/ferry/internal/safetext"
	"github.com/ferry-s3/ferry/s3ops"
)

// Shells complete ferry's arguments by running `ferry __complete …`
// (cobra's hidden command) on every TAB. s3:// arguments complete from
// the store itself: bucket names, then the prefixes and keys one level
// down, from one delimiter listing (one page, within completionTimeout).
// Whatever goes wrong (no credentials, no answer, access denied), the
// TAB offers nothing and prints nothing.

// argKind says what a command's positional arguments can be.
type argKind int

const (
	s3Only    argKind = iota // s3:// URIs (ls, rm, share, the browser)
	s3OrLocal                // s3:// URIs or local paths (cp)
)

// completionTimeout bounds what one TAB can cost: connecting (reading
// the credentials), finding the bucket's region, one listing.
const completionTimeout = 3 * time.Second

// completeS3 completes the positional arguments of a command taking at
// most max of them (-1: any number). Local paths, where the command
// takes them, are left to the shell's own file completion. A connection
// name completes to NAME:s3://, and what follows it from that
// connection's store.
func (a *app) completeS3(kind argKind, max int) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if max >= 0 && len(args) >= max {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		ctx := cmd.Context()
		if ctx == nil {
			ctx = context.Background()
		}
		ctx, cancel := context.WithTimeout(ctx, completionTimeout)
		defer cancel()
		name, uri, named := partialLocation(toComplete)
		switch {
		case named:
			return a.namedCompletions(ctx, name, uri)
		case strings.HasPrefix(toComplete, "s3://"):
		case kind == s3OrLocal:
			return nil, cobra.ShellCompDirectiveDefault
		case strings.HasPrefix("s3://", toComplete):
			toComplete = "s3://" // "", "s3:" and the like: the buckets
		default:
			return nameCompletions(ctx, toComplete), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
		}
		if a.conn.demo || a.conn.check() != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp // no gateway is started for a TAB
		}
		client, err := a.deps.Connect(ctx, a.conn.Settings())
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return s3Completions(ctx, client, toComplete)
	}
}

// partialLocation reads a half-typed NAME:s3://… ("work:", "work:s3:/",
// "work:s3://b"): the name, and the rest made a whole "s3://…" prefix.
func partialLocation(arg string) (name, uri string, ok bool) {
	name, rest, found := strings.Cut(arg, ":")
	if !found || !connections.ValidName(name) {
		return "", arg, false
	}
	switch {
	case strings.HasPrefix(rest, "s3://"):
		return name, rest, true
	case strings.HasPrefix("s3://", rest):
		return name, "s3://", true
	}
	return "", arg, false
}

// nameCompletions are the connections whose names start with partial,
// as NAME:s3://.
func nameCompletions(ctx context.Context, partial string) []cobra.Completion {
	set, err := connectionSet(ctx)
	if err != nil {
		return nil
	}
	var out []cobra.Completion
	for _, n := range set.Names() {
		if strings.HasPrefix(n, partial) {
			out = appendSafe(out, n+":s3://")
		}
	}
	return out
}

// namedCompletions complete uri on the connection called name (never
// the demo's: no gateway is started for a TAB).
func (a *app) namedCompletions(ctx context.Context, name, uri string) ([]cobra.Completion, cobra.ShellCompDirective) {
	set, err := connectionSet(ctx)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	conn, ok := set.Get(name)
	if !ok || conn.Demo {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	client, err := a.deps.Connect(ctx, conn.Settings())
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	out, directive := s3Completions(ctx, client, uri)
	for i := range out {
		out[i] = name + ":" + out[i]
	}
	return out, directive
}

// s3Completions lists what can follow toComplete ("s3://…"): buckets
// while no "/" follows the bucket name, else prefixes (ending in "/",
// so the shell adds no space and the user goes on down) and keys.
func s3Completions(ctx context.Context, c *s3ops.Client, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	const directive = cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	bucket, key, inBucket := strings.Cut(strings.TrimPrefix(toComplete, "s3://"), "/")
	var out []cobra.Completion
	var err error
	if inBucket {
		out, err = keyCompletions(ctx, c, s3ops.Location{Bucket: bucket, Key: key})
	} else {
		out, err = bucketCompletions(ctx, c, bucket)
	}
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return out, directive
}

// bucketCompletions are the buckets whose names start with partial, as
// s3://name/.
func bucketCompletions(ctx context.Context, c *s3ops.Client, partial string) ([]cobra.Completion, error) {
	buckets, err := c.ListBuckets(ctx)
	var out []cobra.Completion
	for _, b := range buckets {
		if strings.HasPrefix(b.Name, partial) {
			out = appendSafe(out, "s3://"+b.Name+"/")
		}
	}
	return out, err
}

// keyCompletions are the prefixes and keys one level down from
// loc.Key, from the first page of a delimiter listing.
func keyCompletions(ctx context.Context, c *s3ops.Client, loc s3ops.Location) ([]cobra.Completion, error) {
	var out []cobra.Completion
	err := c.List(ctx, loc, s3ops.ListOptions{PageSize: 1000}, func(p s3ops.Page) bool {
		for _, e := range p.Entries {
			out = appendSafe(out, "s3://"+loc.Bucket+"/"+e.Key)
		}
		return false // one page: a TAB must be quick
	})
	return out, err
}

// appendSafe adds a candidate unless it holds a character that could act
// on the terminal or break the completion protocol (a line per
// candidate, a tab before its description): no one can type such a
// name anyway.
func appendSafe(out []cobra.Completion, s string) []cobra.Completion {
	if strings.ContainsFunc(s, safetext.Unsafe) {
		return out
	}
	return append(out, s)
}

// completeProfiles completes --profile with the profiles of the AWS
// config and credentials files.
func completeProfiles(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var names []cobra.Completion
	for _, n := range connections.ProfileNames() {
		names = appendSafe(names, n)
	}
	return names, cobra.ShellCompDirectiveNoFileComp
}
