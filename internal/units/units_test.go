package units

import "testing"

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
