package share

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ferry-s3/ferry/s3ops"
)

// MaxExpiry is the longest a presigned link can last (SigV4's limit).
const MaxExpiry = s3ops.MaxPresignExpiry

// DefaultPresets are the expiry choices offered when the config file
// names none.
var DefaultPresets = []time.Duration{
	15 * time.Minute, time.Hour, 8 * time.Hour, 24 * time.Hour, MaxExpiry,
}

const (
	day  = 24 * time.Hour
	week = 7 * day
)

// units maps every accepted unit spelling to its length.
var units = map[string]time.Duration{
	"s": time.Second, "sec": time.Second, "secs": time.Second, "second": time.Second, "seconds": time.Second,
	"m": time.Minute, "min": time.Minute, "mins": time.Minute, "minute": time.Minute, "minutes": time.Minute,
	"h": time.Hour, "hr": time.Hour, "hrs": time.Hour, "hour": time.Hour, "hours": time.Hour,
	"d": day, "day": day, "days": day,
	"w": week, "wk": week, "week": week, "weeks": week,
}

const durationHint = "use a number and a unit (s, m, h, d, w), e.g. 90m, 36h, 3d, 1w or 1h30m"

// ParseExpiry reads a link lifetime such as "90m", "36h", "3d", "1w",
// "1h30m" or "1d 12h" (case-insensitive, spaces allowed) and checks it is
// one SigV4 accepts. Errors are sentences for the user.
func ParseExpiry(s string) (time.Duration, error) {
	d, err := ParseDuration(s)
	if err != nil {
		return 0, err
	}
	return d, ValidateExpiry(d)
}

// ParseDuration reads a duration in ferry's syntax without checking the
// range: a sequence of whole numbers each followed by a unit, optionally
// signed as a whole ("-1h" parses, so that validation can say why it is
// refused).
func ParseDuration(s string) (time.Duration, error) {
	text := strings.Join(strings.Fields(strings.ToLower(s)), "")
	if text == "" {
		return 0, errors.New("enter an expiry: " + durationHint)
	}
	sign := time.Duration(1)
	if rest, ok := strings.CutPrefix(text, "-"); ok {
		sign, text = -1, rest
	} else {
		text = strings.TrimPrefix(text, "+")
	}
	var seconds int64
	for text != "" {
		n, unit, rest, err := nextTerm(text, s)
		if err != nil {
			return 0, err
		}
		seconds += n * int64(unit/time.Second)
		if seconds > maxParseSeconds {
			return 0, fmt.Errorf("%q is far too long: the most a link can last is 7 days", strings.TrimSpace(s))
		}
		text = rest
	}
	return sign * time.Duration(seconds) * time.Second, nil
}

// maxParseSeconds bounds parsing below the largest time.Duration
// (about 9.2e9 seconds), so the result never overflows into a wrong or
// negative duration; anything near it is refused by validation anyway.
// (It was 1<<40 seconds: "9223372037s" parsed as a negative duration.)
const maxParseSeconds = 1 << 33

// nextTerm splits "12h30m" into 12, hour and "30m".
func nextTerm(text, orig string) (int64, time.Duration, string, error) {
	digits := len(text) - len(strings.TrimLeft(text, "0123456789"))
	rest := text[digits:]
	letters := len(rest) - len(strings.TrimLeft(rest, "abcdefghijklmnopqrstuvwxyz"))
	quoted := strconv.Quote(strings.TrimSpace(orig))
	switch {
	case digits == 0 && strings.HasPrefix(rest, "."):
		return 0, 0, "", fmt.Errorf("%s: use whole numbers, e.g. 1h30m instead of 1.5h", quoted)
	case digits == 0:
		return 0, 0, "", fmt.Errorf("%s is not a duration: %s", quoted, durationHint)
	case digits > 12:
		return 0, 0, "", fmt.Errorf("%s is far too long: the most a link can last is 7 days", quoted)
	case strings.HasPrefix(rest, "."):
		return 0, 0, "", fmt.Errorf("%s: use whole numbers, e.g. 1h30m instead of 1.5h", quoted)
	case letters == 0:
		return 0, 0, "", fmt.Errorf("%s has a number without a unit: %s", quoted, durationHint)
	}
	unit, ok := units[rest[:letters]]
	if !ok {
		return 0, 0, "", fmt.Errorf("%s: unknown unit %q; %s", quoted, rest[:letters], durationHint)
	}
	n, _ := strconv.ParseInt(text[:digits], 10, 64)
	return n, unit, rest[letters:], nil
}

// ValidateExpiry checks that d is a lifetime a presigned link can have:
// at least one second (SigV4 counts whole seconds) and at most 7 days.
func ValidateExpiry(d time.Duration) error {
	switch {
	case d <= 0:
		return errors.New("the expiry must be longer than 0: " + durationHint)
	case d < time.Second:
		return errors.New("the expiry must be at least 1 second")
	case d%time.Second != 0:
		return fmt.Errorf("the expiry %s is not a whole number of seconds; presigned links count whole seconds", d)
	case d > MaxExpiry:
		return fmt.Errorf("the expiry %s is longer than 7 days, the most a presigned link can last (the SigV4 limit)", FormatDuration(d))
	}
	return nil
}

// ParsePresets reads the expiry presets of the config file (e.g.
// ["15m", "1h", "1d"]). Each must be a valid expiry; duplicates are
// dropped and the result is sorted, shortest first. An empty list gives
// DefaultPresets.
func ParsePresets(list []string) ([]time.Duration, error) {
	if len(list) == 0 {
		return append([]time.Duration(nil), DefaultPresets...), nil
	}
	seen := map[time.Duration]bool{}
	var out []time.Duration
	for i, s := range list {
		d, err := ParseExpiry(s)
		if err != nil {
			return nil, fmt.Errorf("share preset %d (%q): %w", i+1, s, err)
		}
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	slices.Sort(out)
	return out, nil
}

// FormatDuration writes d compactly in the syntax ParseDuration reads:
// "15m", "1h30m", "24h", "36h", "7d", "3d12h". Whole days are used from
// two days up, so one day reads as the familiar "24h".
func FormatDuration(d time.Duration) string {
	if d == 0 {
		return "0s"
	}
	var b strings.Builder
	if d < 0 {
		b.WriteByte('-')
		d = -d
	}
	if d >= 2*day {
		fmt.Fprintf(&b, "%dd", d/day)
		d %= day
	}
	for _, u := range []struct {
		size time.Duration
		name string
	}{{time.Hour, "h"}, {time.Minute, "m"}, {time.Second, "s"}} {
		if n := d / u.size; n > 0 {
			fmt.Fprintf(&b, "%d%s", n, u.name)
			d %= u.size
		}
	}
	if d > 0 {
		fmt.Fprintf(&b, "%dns", d)
	}
	return b.String()
}
