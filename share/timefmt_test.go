package share_test

import (
	"testing"
	"time"

	"github.com/ferry-s3/ferry/share"
)

func TestFormatEndShowsLocalTimeAndTimeLeft(t *testing.T) {
	cet := time.FixedZone("CET", 3600)
	now := time.Date(2025, 12, 1, 13, 5, 30, 0, time.UTC)
	cases := []struct {
		end  time.Time
		want string
	}{
		{now.Add(24*time.Hour - 30*time.Second), "Tue 2 Dec 14:05 CET (in 23h 59m)"},
		{now.Add(7 * 24 * time.Hour), "Mon 8 Dec 14:05 CET (in 7d)"},
		{now.Add(36*time.Hour + 20*time.Minute), "Wed 3 Dec 02:25 CET (in 1d 12h)"},
		{now.Add(4*time.Minute + 10*time.Second), "Mon 1 Dec 14:09 CET (in 4m 10s)"},
		{now.Add(42 * time.Second), "Mon 1 Dec 14:06 CET (in 42s)"},
		{now.Add(-3*time.Minute - 5*time.Second), "Mon 1 Dec 14:02 CET (expired 3m 5s ago)"},
		{now, "Mon 1 Dec 14:05 CET (expired just now)"},
		{now.Add(31 * 24 * time.Hour), "Thu 1 Jan 2026 14:05 CET (in 31d)"},
	}
	for _, c := range cases {
		if got := share.FormatEnd(c.end, now, cet); got != c.want {
			t.Errorf("FormatEnd(%v) = %q, want %q", c.end, got, c.want)
		}
	}
}

func TestFormatRemainingRoundsDown(t *testing.T) {
	cases := map[time.Duration]string{
		0: "0s", 999 * time.Millisecond: "0s", 59*time.Second + 999*time.Millisecond: "59s",
		time.Hour: "1h", time.Hour - time.Nanosecond: "59m 59s", 2*time.Hour + 3*time.Minute: "2h 3m",
		7 * 24 * time.Hour: "7d", 7*24*time.Hour - time.Second: "6d 23h",
	}
	for d, want := range cases {
		if got := share.FormatRemaining(d); got != want {
			t.Errorf("FormatRemaining(%v) = %q, want %q", d, got, want)
		}
	}
}
