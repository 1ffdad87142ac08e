package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/share"
)

// Transfers is the [transfers] section: how the transfer queue runs.
// Every setting is optional; a missing one takes the engine's default.
//
//	[transfers]
//	files_in_flight = 8
//	parts_per_file = 4
//	part_size = "16MiB"           # or a number of bytes
//	multipart_threshold = "16MiB"
//	presign_lifetime = "1h"        # 90m, 8h, 1d, ...
//	conflict = "ask"               # ask, skip, overwrite, keep-both
//	follow_symlinks = false
//	verify_downloads = true        # false: check downloads by size only
//
// Sizes take KiB/MiB/GiB (also K/M/G) as powers of 1024 and KB/MB/GB as
// powers of 1000.
type Transfers struct {
	// The values are kept as written (nil when unset) so that
	// TransferOptions can say exactly what is wrong with one.
	FilesInFlight      any `toml:"files_in_flight"`
	PartsPerFile       any `toml:"parts_per_file"`
	PartSize           any `toml:"part_size"`
	MultipartThreshold any `toml:"multipart_threshold"`
	PresignLifetime    any `toml:"presign_lifetime"`
	Conflict           any `toml:"conflict"`
	FollowSymlinks     any `toml:"follow_symlinks"`
	VerifyDownloads    any `toml:"verify_downloads"`
}

// Limits of the [transfers] settings. Parts are at least 5 MiB and at
// most 5 GiB (S3's part limits); a single PUT carries at most 5 GiB, so
// the multipart threshold cannot be higher; SigV4 presigned URLs last at
// most 7 days.
const (
	maxInFlight   = 64
	minPartSize   = 5 << 20
	maxPartSize   = 5 << 30
	minPresign    = time.Minute
	sizeHint      = "write " + units.SizeHelp
	lifetimeHint  = `write a duration like "1h", "90m" or "1d"`
	conflictNames = "ask, skip, overwrite or keep-both"
)

// TransferOptions returns the engine options the [transfers] section asks
// for (zero fields mean the engine's defaults; JournalPath is left to the
// caller). A bad value is an error naming the file, line and setting.
func (c Config) TransferOptions() (transfer.Options, error) {
	t := c.Transfers
	var o transfer.Options
	var err error
	fail := func(key, format string, args ...any) (transfer.Options, error) {
		return transfer.Options{}, fmt.Errorf("%s: [transfers] %s: %s",
			c.where(lineOfKey(c.text, toml.Key{"transfers", key})), key, fmt.Sprintf(format, args...))
	}
	if o.FilesInFlight, err = count(t.FilesInFlight); err != nil {
		return fail("files_in_flight", "%v", err)
	}
	if o.PartsPerFile, err = count(t.PartsPerFile); err != nil {
		return fail("parts_per_file", "%v", err)
	}
	if o.PartSize, err = partSize(t.PartSize); err != nil {
		return fail("part_size", "%v", err)
	}
	if o.MultipartThreshold, err = partSize(t.MultipartThreshold); err != nil {
		return fail("multipart_threshold", "%v", err)
	}
	if o.PresignLifetime, err = lifetime(t.PresignLifetime); err != nil {
		return fail("presign_lifetime", "%v", err)
	}
	if o.Conflict, err = policy(t.Conflict); err != nil {
		return fail("conflict", "%v", err)
	}
	if o.FollowSymlinks, err = flag(t.FollowSymlinks); err != nil {
		return fail("follow_symlinks", "%v", err)
	}
	verify := true
	if t.VerifyDownloads != nil {
		if verify, err = flag(t.VerifyDownloads); err != nil {
			return fail("verify_downloads", "%v", err)
		}
	}
	o.SizeOnlyDownloads = !verify
	return o, nil
}

// policy reads the conflict policy (PolicyDefault when unset).
func policy(v any) (transfer.Policy, error) {
	if v == nil {
		return transfer.PolicyDefault, nil
	}
	s, ok := v.(string)
	p, err := transfer.ParsePolicy(s)
	if !ok || err != nil {
		return 0, fmt.Errorf("%s is not a policy: want %s", quoted(v), conflictNames)
	}
	return p, nil
}

func flag(v any) (bool, error) {
	b, ok := v.(bool)
	if v != nil && !ok {
		return false, fmt.Errorf("%s is not true or false", quoted(v))
	}
	return b, nil
}

// quoted shows a value as it was written: strings in quotes.
func quoted(v any) string {
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	return fmt.Sprint(v)
}

// count checks a number of concurrent things (0 when unset).
func count(v any) (int, error) {
	if v == nil {
		return 0, nil
	}
	n, ok := v.(int64)
	if !ok {
		return 0, fmt.Errorf("%s is not a whole number", quoted(v))
	}
	if n < 1 || n > maxInFlight {
		return 0, fmt.Errorf("%d is out of range: want 1 to %d", n, maxInFlight)
	}
	return int(n), nil
}

// partSize reads a part size or threshold (0 when unset).
func partSize(v any) (int64, error) {
	if v == nil {
		return 0, nil
	}
	n, err := parseSize(v)
	if err != nil {
		return 0, err
	}
	if n < minPartSize || n > maxPartSize {
		return 0, fmt.Errorf("%s is out of range: want 5MiB to 5GiB", strings.TrimSpace(fmt.Sprint(v)))
	}
	return n, nil
}

// parseSize reads a byte count: an integer, or a string with a unit.
func parseSize(v any) (int64, error) {
	switch v := v.(type) {
	case int64:
		return v, nil
	case string:
		return parseSizeText(v)
	}
	return 0, fmt.Errorf("%s is not a size: %s", quoted(v), sizeHint)
}

func parseSizeText(s string) (int64, error) {
	n, err := units.ParseBytes(s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a size: %s", s, sizeHint)
	}
	return n, nil
}

// lifetime reads how long presigned URLs last (0 when unset).
func lifetime(v any) (time.Duration, error) {
	if v == nil {
		return 0, nil
	}
	s, ok := v.(string)
	if !ok {
		return 0, fmt.Errorf("%s is not a duration: %s", quoted(v), lifetimeHint)
	}
	d, err := share.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a duration: %s", s, lifetimeHint)
	}
	if d < minPresign || d > share.MaxExpiry {
		return 0, fmt.Errorf("%q is out of range: want 1m to 7d", s)
	}
	return d, nil
}
