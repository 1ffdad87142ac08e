package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/xdg"
)

// A `ferry cp` keeps its own journal (the TUI's is locked while the TUI
// runs): $XDG_STATE_HOME/ferry/cp/<id>.journal, where id is a hash of
// what the command means — the connection, the absolute sources and
// destination, -r and the conflict policy. The same command run again
// finds the journal of an interrupted run and continues its unfinished
// files; a run that ends with nothing failed removes its journal.

// journalFor returns the journal path of this copy.
func journalFor(ctx context.Context, c *s3ops.Client, a cpArgs) (string, error) {
	return journalOf(ctx, c, a, "")
}

// journalOf is the journal path of the copy a describes for command
// ("" for cp, whose journals had no command in their id; "sync").
func journalOf(ctx context.Context, c *s3ops.Client, a cpArgs, command string) (string, error) {
	dir, err := cpJournalDir(dirsOf(ctx))
	if err != nil {
		return "", err
	}
	id, err := journalID(ctx, c, a, command)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, id+".journal"), nil
}

// cpJournalDir is where ferry cp keeps its journals.
func cpJournalDir(d xdg.Dirs) (string, error) {
	dir, err := d.StateDir()
	return filepath.Join(dir, "cp"), err
}

func journalID(ctx context.Context, c *s3ops.Client, a cpArgs, command string) (string, error) {
	creds, err := c.Credentials(ctx)
	if err != nil {
		return "", err
	}
	side := func(e endpoint) (string, error) {
		if e.isS3 {
			return e.loc.String(), nil
		}
		abs, err := filepath.Abs(e.local)
		if err != nil {
			return "", err
		}
		if e.local != "/" && os.IsPathSeparator(e.local[len(e.local)-1]) {
			abs += string(filepath.Separator)
		}
		return abs, nil
	}
	var key struct {
		Endpoint, Region, AccessKey string
		Sources                     []string
		Dest                        string
		Recursive, Follow           bool
		Conflict                    string
		Command                     string `json:",omitempty"`
	}
	key.Command = command
	key.Endpoint, key.Region, key.AccessKey = c.Endpoint(), c.Region(), creds.AccessKeyID
	key.Recursive, key.Follow, key.Conflict = a.recursive, a.opts.FollowSymlinks, a.opts.Conflict.String()
	for _, s := range a.srcs {
		p, err := side(s)
		if err != nil {
			return "", err
		}
		key.Sources = append(key.Sources, p)
	}
	if key.Dest, err = side(a.dst); err != nil {
		return "", err
	}
	b, _ := json.Marshal(key)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:12]), nil
}

// removeJournal deletes a finished run's journal and its lock file.
func removeJournal(path string) {
	_ = os.Remove(path)
	_ = os.Remove(path + ".lock")
}
