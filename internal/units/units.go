// Package units formats byte counts for people, the same way in the TUI,
// the headless commands and the transfer engine's messages.
package units

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Bytes formats a byte count in binary units: "0 B", "999 B", "1.5 KiB",
// "152 MiB". The result is at most 8 columns wide.
func Bytes(n int64) string {
	if n < 1024 {
		return fmt.Sprintf("%d B", n)
	}
	units := []string{"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"}
	v := float64(n) / 1024
	u := 0
	for v >= 1023.95 && u < len(units)-1 {
		v /= 1024
		u++
	}
	if v < 99.95 {
		return fmt.Sprintf("%.1f %s", v, units[u])
	}
	return fmt.Sprintf("%.0f %s", v, units[u])
}

// Count writes a whole number with thousands separators: "10,000".
func Count[T ~int | ~int64](n T) string {
	s := fmt.Sprint(n)
	sign := ""
	if n < 0 {
		sign, s = "-", s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return sign + s
}

// Plural is "1 file", "3 files", "10,000 files".
func Plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	if stem, ok := strings.CutSuffix(word, "y"); ok && stem != "" && !strings.ContainsRune("aeiou", rune(stem[len(stem)-1])) {
		return Count(n) + " " + stem + "ies" // copy → copies, entry → entries
	}
	return Count(n) + " " + word + "s"
}

// Change tells how a size changed: "1.5 MiB → 2.0 MiB", or in exact bytes
// when the rounded sizes would read the same ("2,147,483,648 →
// 2,147,483,650 bytes"), so a message never claims a change it does not
// show.
func Change(from, to int64) string {
	if a, b := Bytes(from), Bytes(to); a != b {
		return a + " → " + b
	}
	return Count(from) + " → " + Count(to) + " bytes"
}

// SizeHelp says how ParseBytes reads sizes, for help texts and errors.
const SizeHelp = `a number of bytes, or a number with a unit: KiB, MiB, GiB, TiB (or K, M, G, T) count in 1024s, KB, MB, GB, TB in 1000s`

// byteUnits are the units ParseBytes takes, in lower case: the IEC ones
// (and their one-letter forms, as S3 tools write part sizes: 16M) are
// binary, the SI ones decimal.
var byteUnits = map[string]int64{
	"": 1, "b": 1,
	"k": 1 << 10, "kib": 1 << 10, "kb": 1e3,
	"m": 1 << 20, "mib": 1 << 20, "mb": 1e6,
	"g": 1 << 30, "gib": 1 << 30, "gb": 1e9,
	"t": 1 << 40, "tib": 1 << 40, "tb": 1e12,
}

// ParseBytes reads a size written by a person (config files, flags,
// dialogs all use it, so one spelling means one number everywhere):
// "1048576", "16MiB", "16M", "64 MB", "1.5G". See SizeHelp.
func ParseBytes(s string) (int64, error) {
	text := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	i := strings.IndexFunc(text, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	if i < 0 {
		i = len(text)
	}
	num, err := strconv.ParseFloat(text[:i], 64)
	unit, ok := byteUnits[text[i:]]
	if err != nil || !ok || num < 0 || num*float64(unit) > 1<<62 {
		return 0, fmt.Errorf("%q is not a size: write %s", s, SizeHelp)
	}
	return int64(math.Round(num * float64(unit))), nil
}
