package cli

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

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
// takes them, are left to the shell's own file completion.
func (a *app) completeS3(kind argKind, max int) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		switch {
		case max >= 0 && len(args) >= max:
			return nil, cobra.ShellCompDirectiveNoFileComp
		case strings.HasPrefix(toComplete, "s3://"):
		case kind == s3OrLocal:
			return nil, cobra.ShellCompDirectiveDefault
		case strings.HasPrefix("s3://", toComplete):
			toComplete = "s3://" // "", "s3:" and the like: the buckets
		default:
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		if a.conn.demo || a.conn.check() != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp // no gateway is started for a TAB
		}
		ctx := cmd.Context()
		if ctx == nil {
			ctx = context.Background()
		}
		ctx, cancel := context.WithTimeout(ctx, completionTimeout)
		defer cancel()
		client, err := a.deps.Connect(ctx, a.conn.Settings())
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return s3Completions(ctx, client, toComplete)
	}
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
	home, _ := os.UserHomeDir()
	config := envOr("AWS_CONFIG_FILE", filepath.Join(home, ".aws", "config"))
	creds := envOr("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(home, ".aws", "credentials"))
	names := append(sections(config, "profile "), sections(creds, "")...)
	slices.Sort(names)
	return slices.Compact(names), cobra.ShellCompDirectiveNoFileComp
}

// sections are the names of the [sections] of an INI file that start
// with prefix (stripped), plus [default]; other kinds of section (in the
// config file: sso-session, services) are left out.
func sections(path, prefix string) []string {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	var names []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if !strings.HasPrefix(line, "[") || !strings.HasSuffix(line, "]") {
			continue
		}
		name := strings.TrimSpace(line[1 : len(line)-1])
		if rest, ok := strings.CutPrefix(name, prefix); ok && !strings.Contains(rest, " ") || name == "default" {
			names = appendSafe(names, strings.TrimSpace(strings.TrimPrefix(name, prefix)))
		}
	}
	return names
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
