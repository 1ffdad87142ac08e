package units

import (
	"strings"
	"testing"
)

func TestBytes(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 1023: "1023 B", 1024: "1.0 KiB", 1536: "1.5 KiB",
		100 << 20: "100 MiB", 1024*1024 - 1: "1.0 MiB", 5 << 40: "5.0 TiB"} {
		if got := Bytes(n); got != want {
			t.Errorf("Bytes(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestCountAndPlural(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 123456: "123,456",
		1234567: "1,234,567", -1234: "-1,234", -999: "-999"} {
		if got := Count(n); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
	for n, want := range map[int]string{0: "0 files", 1: "1 file", 2: "2 files", 10000: "10,000 files"} {
		if got := Plural(n, "file"); got != want {
			t.Errorf("Plural(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestChangeShowsExactBytesWhenRoundedSizesMatch(t *testing.T) {
	cases := map[[2]int64]string{
		{1536, 2 << 20}:          "1.5 KiB → 2.0 MiB",
		{2 << 30, 2<<30 + 2}:     "2,147,483,648 → 2,147,483,650 bytes",
		{5, 5}:                   "5 → 5 bytes",
		{100 << 20, 100<<20 - 1}: "104,857,600 → 104,857,599 bytes",
	}
	for in, want := range cases {
		if got := Change(in[0], in[1]); got != want {
			t.Errorf("Change(%d, %d) = %q, want %q", in[0], in[1], got, want)
		}
	}
}

func TestParseBytesReadsBinaryAndDecimalUnits(t *testing.T) {
	for in, want := range map[string]int64{"1048576": 1 << 20, "16MiB": 16 << 20, "16M": 16 << 20, "16m": 16 << 20,
		"64MB": 64e6, "64 mb": 64e6, " 8 MiB ": 8 << 20, "1.5G": 3 << 29, "1.5GB": 15e8, "2KiB": 2048, "2KB": 2000,
		"1T": 1 << 40, "1TB": 1e12, "0": 0, "10B": 10} {
		if got, err := ParseBytes(in); err != nil || got != want {
			t.Errorf("ParseBytes(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "lots", "-5M", "5X", "M", "5MiBs", "1e3"} {
		if _, err := ParseBytes(bad); err == nil || !strings.Contains(err.Error(), "1024s") {
			t.Errorf("ParseBytes(%q): %v", bad, err)
		}
	}
}

func TestPluralOfWordsEndingInY(t *testing.T) {
	for word, want := range map[string]string{"copy": "2 copies", "entry": "2 entries", "key": "2 keys", "day": "2 days", "file": "2 files"} {
		if got := Plural(2, word); got != want {
			t.Errorf("Plural(2, %q) = %q, want %q", word, got, want)
		}
	}
	if got := Plural(1, "copy"); got != "1 copy" {
		t.Errorf("Plural(1, copy) = %q", got)
	}
}
