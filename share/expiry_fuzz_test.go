package share_test

import (
	"strings"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/share"
)

// FuzzParseDuration checks the expiry parser's promises for any input:
// no panic; a result is a whole number of seconds whose sign is the
// input's, that FormatDuration writes back to the same value and that
// does not depend on case or spaces; an error is a sentence. ParseExpiry
// accepts only 1s..7d.
func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"90m", "36h", "3d", "1w", "1h30m", "1d 12h", " 2 H 5 m ", "-1h", "+15m", "0s",
		"1.5h", "h", "10", "1x", "7d1s", "9223372037s", "999999999999s", "1000000000000s", "15250w",
		"1h1h1h", "--1h", "-", "", "１h", "1ｈ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := share.ParseDuration(s)
		if err != nil {
			if d != 0 || strings.TrimSpace(err.Error()) == "" {
				t.Fatalf("%q: error %q with duration %v", s, err, d)
			}
		} else {
			checkParsed(t, s, d)
		}
		e, err := share.ParseExpiry(s)
		if err == nil && (e < time.Second || e > share.MaxExpiry || e%time.Second != 0) {
			t.Fatalf("%q: ParseExpiry accepted %v", s, e)
		}
	})
}

func checkParsed(t *testing.T, s string, d time.Duration) {
	t.Helper()
	negative := strings.HasPrefix(strings.Join(strings.Fields(s), ""), "-")
	switch {
	case d%time.Second != 0:
		t.Fatalf("%q parsed to %v, not whole seconds", s, d)
	case d > 0 && negative, d < 0 && !negative:
		t.Fatalf("%q parsed to %v: the sign is wrong", s, d)
	}
	back, err := share.ParseDuration(share.FormatDuration(d))
	if err != nil || back != d {
		t.Fatalf("%q → %v → %q → %v, %v", s, d, share.FormatDuration(d), back, err)
	}
	if again, err := share.ParseDuration(strings.ToUpper(s)); err != nil || again != d {
		t.Fatalf("%q parses to %v but in upper case to %v, %v", s, d, again, err)
	}
}
