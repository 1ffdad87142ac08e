package share

import (
	"fmt"
	"time"
)

// FormatWhen writes t as a person reads a deadline, in loc (nil means the
// local time zone): "Tue 2 Dec 14:05 CET". The year is added when it is
// not the year of now.
func FormatWhen(t, now time.Time, loc *time.Location) string {
	if loc == nil {
		loc = time.Local
	}
	t, now = t.In(loc), now.In(loc)
	if t.Year() != now.Year() {
		return t.Format("Mon 2 Jan 2006 15:04 MST")
	}
	return t.Format("Mon 2 Jan 15:04 MST")
}

// FormatEnd writes the end of a link's life with the time left:
// "Tue 2 Dec 14:05 CET (in 23h 59m)", or "(expired 5m 3s ago)" once past.
func FormatEnd(end, now time.Time, loc *time.Location) string {
	return fmt.Sprintf("%s (%s)", FormatWhen(end, now, loc), FormatLeft(end.Sub(now)))
}

// FormatLeft words the time left before an end: "in 23h 59m", "in 42s",
// or "expired 3m 5s ago".
func FormatLeft(left time.Duration) string {
	if left <= 0 {
		if left > -time.Second {
			return "expired just now"
		}
		return "expired " + FormatRemaining(-left) + " ago"
	}
	return "in " + FormatRemaining(left)
}

// FormatRemaining writes a countdown with its two largest units, rounded
// down so it never promises more than is left: "6d 23h", "23h 59m",
// "4m 10s", "42s", "0s".
func FormatRemaining(d time.Duration) string {
	if d < time.Second {
		return "0s"
	}
	d = d.Truncate(time.Second)
	days, hours := d/day, d%day/time.Hour
	mins, secs := d%time.Hour/time.Minute, d%time.Minute/time.Second
	switch {
	case days > 0:
		return pair(int64(days), "d", int64(hours), "h")
	case hours > 0:
		return pair(int64(hours), "h", int64(mins), "m")
	case mins > 0:
		return pair(int64(mins), "m", int64(secs), "s")
	}
	return fmt.Sprintf("%ds", secs)
}

func pair(a int64, au string, b int64, bu string) string {
	if b == 0 {
		return fmt.Sprintf("%d%s", a, au)
	}
	return fmt.Sprintf("%d%s %d%s", a, au, b, bu)
}
