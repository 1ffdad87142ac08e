package transfer

import (
	"fmt"
	"strconv"
	"strings"
)

// encodeRanges writes the set indexes of done as "0-4,7,9-12".
func encodeRanges(done []bool) string {
	var b strings.Builder
	for i := 0; i < len(done); i++ {
		if !done[i] {
			continue
		}
		j := i
		for j+1 < len(done) && done[j+1] {
			j++
		}
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(i))
		if j > i {
			b.WriteString("-" + strconv.Itoa(j))
		}
		i = j
	}
	return b.String()
}

// decodeRanges reads encodeRanges' output for a file of n ranges.
func decodeRanges(s string, n int) ([]bool, error) {
	done := make([]bool, n)
	if s == "" {
		return done, nil
	}
	for _, part := range strings.Split(s, ",") {
		lo, hi, isSpan := strings.Cut(part, "-")
		a, err := strconv.Atoi(lo)
		b := a
		if err == nil && isSpan {
			b, err = strconv.Atoi(hi)
		}
		if err != nil || a < 0 || b < a || b >= n {
			return nil, fmt.Errorf("bad range %q for %d ranges", part, n)
		}
		for i := a; i <= b; i++ {
			done[i] = true
		}
	}
	return done, nil
}
