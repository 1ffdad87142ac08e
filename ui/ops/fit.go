package ops

// section is a block of a dialog's lines with a priority: when the
// window is too small for everything, lower priorities get their lines
// first and the rest are cut (from the end of a block).
type section struct {
	lines []string
	prio  int // 0 first
	min   int // lines it gets before any other section gets more than its min
}

// fitSections decides how many lines of each section fit in rows, and
// returns the kept lines of each.
func fitSections(secs []section, rows int) [][]string {
	grant := make([]int, len(secs))
	left := rows
	for i, s := range secs {
		n := min(s.min, len(s.lines), max(0, left))
		grant[i] = n
		left -= n
	}
	for prio := 0; prio < 10 && left > 0; prio++ {
		for i, s := range secs {
			if s.prio != prio {
				continue
			}
			n := min(len(s.lines)-grant[i], left)
			grant[i] += n
			left -= n
		}
	}
	out := make([][]string, len(secs))
	for i, s := range secs {
		out[i] = s.lines[:grant[i]]
	}
	return out
}
