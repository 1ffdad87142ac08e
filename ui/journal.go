package ui

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
)

// journalPath is where the TUI keeps this connection's transfer queue:
// $XDG_STATE_HOME/ferry/transfers-<id>.journal, id a hash of the endpoint
// and the access key id, so unfinished transfers only ever resume against
// the store and account they were started with. "-" (no journal) when
// the session asks for none (the demo, whose gateway goes away on exit).
// A journal path that cannot be worked out is left to the engine's
// default; Restore reports any problem with it.
func journalPath(ctx context.Context, c *s3ops.Client, none bool) string {
	if none {
		return "-"
	}
	def, err := transfer.DefaultJournalPath()
	if err != nil {
		return ""
	}
	key := c.Endpoint() + "\x00"
	if creds, err := c.Credentials(ctx); err == nil {
		key += creds.AccessKeyID
	}
	sum := sha256.Sum256([]byte(key))
	return filepath.Join(filepath.Dir(def), "transfers-"+hex.EncodeToString(sum[:6])+".journal")
}
