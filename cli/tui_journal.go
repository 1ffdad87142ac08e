package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/xdg"
)

// journalPath is where the TUI keeps this connection's transfer queue:
// transfers-<id>.journal in the state dir of d. The id is name when one
// is given (the demo's gateway listens on a new port with new keys every
// run, over the same data dir, so it needs a name that outlives both);
// otherwise a hash of the endpoint and the access key id, so unfinished
// transfers only ever resume against the store and account they were
// started with. A journal path that cannot be worked out is left to the
// engine's default; Restore reports any problem with it.
func journalPath(ctx context.Context, c *s3ops.Client, d xdg.Dirs, name string) string {
	def, err := transfer.JournalPathIn(d)
	if err != nil {
		return ""
	}
	if name == "" {
		name = connectionID(ctx, c)
	}
	return filepath.Join(filepath.Dir(def), "transfers-"+name+".journal")
}

// connectionID names a connection by its endpoint and access key id,
// hashed so neither shows in a file name.
func connectionID(ctx context.Context, c *s3ops.Client) string {
	key := c.Endpoint() + "\x00"
	if creds, err := c.Credentials(ctx); err == nil {
		key += creds.AccessKeyID
	}
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:6])
}
