package preview

import (
	"fmt"
	"strings"
)

// HexDump formats the first n bytes of head (all of it when n <= 0 or n
// is larger) the way `hexdump -C` does: an offset, sixteen bytes in hex
// in two groups of eight, and the printable ASCII between bars, with a
// dot for anything else.
func HexDump(head []byte, n int) string {
	if n <= 0 || n > len(head) {
		n = len(head)
	}
	var b strings.Builder
	for off := 0; off < n; off += 16 {
		row := head[off:min(off+16, n)]
		fmt.Fprintf(&b, "%08x  %s |%s|\n", off, hexColumns(row), asciiColumn(row))
	}
	return b.String()
}

func hexColumns(row []byte) string {
	var b strings.Builder
	for i := range 16 {
		if i == 8 {
			b.WriteByte(' ')
		}
		if i < len(row) {
			fmt.Fprintf(&b, "%02x ", row[i])
		} else {
			b.WriteString("   ")
		}
	}
	return b.String()
}

func asciiColumn(row []byte) string {
	out := make([]byte, len(row))
	for i, c := range row {
		out[i] = '.'
		if c >= 0x20 && c < 0x7f {
			out[i] = c
		}
	}
	return string(out)
}
