package share_test

import (
	"strings"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/share"
)

func TestParseExpiryAcceptsUnitsCompoundsCaseAndSpaces(t *testing.T) {
	cases := map[string]time.Duration{
		"90m":         90 * time.Minute,
		"36h":         36 * time.Hour,
		"3d":          72 * time.Hour,
		"1w":          7 * 24 * time.Hour,
		"7d":          7 * 24 * time.Hour,
		"168h":        168 * time.Hour,
		"1h30m":       90 * time.Minute,
		"1d12h":       36 * time.Hour,
		"  1D 12H  ":  36 * time.Hour,
		"15M":         15 * time.Minute,
		"2 hours":     2 * time.Hour,
		"1 day 2h":    26 * time.Hour,
		"45s":         45 * time.Second,
		"1s":          time.Second,
		"+1h":         time.Hour,
		"6d23h59m59s": 7*24*time.Hour - time.Second,
	}
	for in, want := range cases {
		got, err := share.ParseExpiry(in)
		if err != nil || got != want {
			t.Errorf("ParseExpiry(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
}

func TestParseExpiryRefusesWithSentences(t *testing.T) {
	cases := map[string]string{
		"":                "enter an expiry",
		"   ":             "enter an expiry",
		"0":               "without a unit",
		"0s":              "longer than 0",
		"0h0m":            "longer than 0",
		"-1h":             "longer than 0",
		"7d1s":            "longer than 7 days",
		"8d":              "longer than 7 days",
		"169h":            "longer than 7 days",
		"2w":              "longer than 7 days",
		"99999999999999w": "far too long",
		"abc":             "is not a duration",
		"90":              "without a unit",
		"1h30":            "without a unit",
		"1.5h":            "whole numbers",
		"3 fortnights":    "unknown unit",
		"1h-30m":          "is not a duration",
		"h":               "is not a duration",
	}
	for in, want := range cases {
		_, err := share.ParseExpiry(in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseExpiry(%q) error = %v; want it to say %q", in, err, want)
		}
	}
}

func TestValidateExpiryBounds(t *testing.T) {
	for _, d := range []time.Duration{time.Second, time.Minute, share.MaxExpiry} {
		if err := share.ValidateExpiry(d); err != nil {
			t.Errorf("%v refused: %v", d, err)
		}
	}
	for _, d := range []time.Duration{0, -time.Hour, time.Millisecond, 1500 * time.Millisecond, share.MaxExpiry + time.Second} {
		if err := share.ValidateExpiry(d); err == nil {
			t.Errorf("%v accepted", d)
		}
	}
}

func TestFormatDurationRoundTripsThroughParse(t *testing.T) {
	want := map[time.Duration]string{
		15 * time.Minute: "15m", time.Hour: "1h", 8 * time.Hour: "8h", 24 * time.Hour: "24h",
		36 * time.Hour: "36h", 7 * 24 * time.Hour: "7d", 84 * time.Hour: "3d12h",
		90 * time.Minute: "1h30m", 10*time.Minute - time.Second: "9m59s",
	}
	for d, s := range want {
		if got := share.FormatDuration(d); got != s {
			t.Errorf("FormatDuration(%v) = %q, want %q", d, got, s)
		}
		if back, err := share.ParseDuration(s); err != nil || back != d {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", s, back, err, d)
		}
	}
}

func TestPresetsDefaultParseSortAndReportBadEntries(t *testing.T) {
	got, err := share.ParsePresets(nil)
	if err != nil || len(got) != 5 || got[0] != 15*time.Minute || got[4] != 7*24*time.Hour {
		t.Fatalf("default presets = %v, %v", got, err)
	}
	got, err = share.ParsePresets([]string{"1d", "30m", "24h", "2h"})
	want := []time.Duration{30 * time.Minute, 2 * time.Hour, 24 * time.Hour}
	if err != nil || len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Fatalf("presets = %v, %v; want %v", got, err, want)
	}
	_, err = share.ParsePresets([]string{"1h", "8d"})
	if err == nil || !strings.Contains(err.Error(), `preset 2 ("8d")`) || !strings.Contains(err.Error(), "7 days") {
		t.Fatalf("bad preset error = %v", err)
	}
}
