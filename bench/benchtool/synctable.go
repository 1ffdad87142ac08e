package main

import (
	"fmt"
	"strings"
)

// syncScenarios are bench/sync.sh's scenarios in table order.
var syncScenarios = []struct{ name, title string }{
	{"first", "first sync, 10,000 files (each tool to its own prefix)"},
	{"noop-cold", "nothing to do, cold hash cache"},
	{"noop", "nothing to do (second run)"},
	{"changed", "1% rewritten (same size, mtime kept) + 1% new"},
	{"million", "compare 2 × 1,000,000 keys (--dry-run --size-only)"},
}

var syncTools = []string{"ferry", "aws", "mc", "rclone", "rclone-c"}

// syncTable prints bench/sync.sh's results: median seconds per tool and
// scenario, ferry's peak RSS, and after the "changed" runs how many
// files each tool left different (0 means it found every change).
func syncTable(args []string) error {
	if len(args) != 2 {
		return fmt.Errorf("usage: synctable sync.csv left.csv")
	}
	runs, err := readRuns(args[0])
	if err != nil {
		return err
	}
	left, err := leftDifferent(args[1])
	if err != nil {
		return err
	}
	fmt.Println("Median seconds (runs); lower is better. `rclone-c` is `rclone sync --checksum`.")
	fmt.Println()
	fmt.Println("| scenario | " + strings.Join(syncTools, " | ") + " | fastest peer / ferry | ferry peak RSS |")
	fmt.Println("|---|" + strings.Repeat("---|", len(syncTools)+2))
	for _, s := range syncScenarios {
		byTool := runs[s.name]
		if byTool == nil {
			continue
		}
		fmt.Println(syncRow(s.title, byTool, left, s.name == "changed"))
	}
	if len(left) > 0 {
		fmt.Println()
		fmt.Println("Files left different after each \"changed\" run (by download and byte comparison; 0 = every change found):")
		fmt.Println()
		for _, t := range syncTools {
			if l, ok := left[t]; ok {
				fmt.Printf("- %s: %s\n", t, strings.Join(l, ", "))
			}
		}
	}
	return nil
}

// syncRow is one scenario's row; with onlyFinders the ratio is against
// the fastest peer that left nothing different.
func syncRow(title string, byTool map[string][]result, left map[string][]string, onlyFinders bool) string {
	row := "| " + title
	secs := map[string]float64{}
	for _, t := range syncTools {
		rs := byTool[t]
		if len(rs) == 0 {
			row += " | –"
			continue
		}
		secs[t] = medianOf(rs, func(r result) float64 { return r.secs })
		mark := ""
		if onlyFinders && !foundAll(left[t]) {
			mark = " (missed changes)"
		}
		row += fmt.Sprintf(" | %.2f (n=%d)%s", secs[t], len(rs), mark)
	}
	fastest := 0.0
	for _, t := range syncTools[1:] {
		if s, ok := secs[t]; ok && (!onlyFinders || foundAll(left[t])) && (fastest == 0 || s < fastest) {
			fastest = s
		}
	}
	if fastest > 0 && secs["ferry"] > 0 {
		row += fmt.Sprintf(" | %.2f×", fastest/secs["ferry"])
	} else {
		row += " | –"
	}
	return row + " | " + peakRSS(byTool["ferry"]) + " |"
}

func foundAll(left []string) bool {
	for _, n := range left {
		if n != "0" {
			return false
		}
	}
	return len(left) > 0
}

// leftDifferent reads tool,run,files_left_different lines.
func leftDifferent(path string) (map[string][]string, error) {
	rows, err := readCSV(path)
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for _, r := range rows {
		if len(r) == 3 && r[0] != "tool" {
			out[r[0]] = append(out[r[0]], r[2])
		}
	}
	return out, nil
}
