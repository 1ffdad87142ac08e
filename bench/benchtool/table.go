package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"slices"
	"strconv"
)

// scenarios in table order, with the unit of their rate.
var scenarios = []struct{ name, title, unit string }{
	{"up-large", "upload 1 GiB file", "MB/s"},
	{"down-large", "download 1 GiB file", "MB/s"},
	{"up-small", "upload 1,000 × 64 KiB", "files/s"},
	{"down-small", "download 1,000 × 64 KiB", "files/s"},
	{"list", "list 100,000 keys", "keys/s"},
	{"copy-large", "copy 1 GiB file between two stores", "MB/s"},        // bench/xconn.sh
	{"copy-small", "copy 1,000 × 64 KiB between two stores", "files/s"}, // bench/xconn.sh
}

var tools = []string{"ferry", "mc", "rclone", "aws", "raw"}

// result is one timed run: scenario, tool, run, seconds, peak RSS (KiB),
// and the amount moved (bytes, files or keys).
type result struct {
	secs   float64
	rssKiB int64
	amount float64
	// CPU seconds of the tool and of the gateway during the run (0 when
	// the CSV has no such columns).
	clientCPU, serverCPU float64
}

func table(args []string) error {
	if len(args) != 1 {
		return fmt.Errorf("usage: table results.csv")
	}
	runs, err := readRuns(args[0])
	if err != nil {
		return err
	}
	printTable(runs)
	fmt.Println()
	printCPUTable(runs)
	return nil
}

// readRuns reads a results CSV into scenario → tool → runs.
func readRuns(path string) (map[string]map[string][]result, error) {
	rows, err := readCSV(path)
	if err != nil {
		return nil, err
	}
	runs := map[string]map[string][]result{}
	for _, r := range rows {
		if len(r) < 6 || r[0] == "scenario" {
			continue
		}
		res := result{secs: num(r[3]), rssKiB: int64(num(r[4])), amount: num(r[5])}
		if len(r) >= 8 {
			res.clientCPU, res.serverCPU = num(r[6]), num(r[7])
		}
		if runs[r[0]] == nil {
			runs[r[0]] = map[string][]result{}
		}
		runs[r[0]][r[1]] = append(runs[r[0]][r[1]], res)
	}
	return runs, nil
}

func readCSV(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return csv.NewReader(f).ReadAll()
}

func printTable(runs map[string]map[string][]result) {
	fmt.Println("| scenario | ferry | mc | rclone | aws | raw 1-stream | ferry/mc | ferry/rclone | ferry/aws | ferry peak RSS |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|---|")
	for _, s := range scenarios {
		byTool := runs[s.name]
		if byTool == nil {
			continue
		}
		med := map[string]float64{}
		row := "| " + s.title + " (" + s.unit + ")"
		for _, t := range tools {
			rs := byTool[t]
			if len(rs) == 0 {
				row += " | –"
				continue
			}
			med[t] = median(rs, s.unit)
			row += fmt.Sprintf(" | %.0f (n=%d)", med[t], len(rs))
		}
		for _, peer := range []string{"mc", "rclone", "aws"} {
			if med[peer] > 0 && med["ferry"] > 0 {
				row += fmt.Sprintf(" | %.2f×", med["ferry"]/med[peer])
			} else {
				row += " | –"
			}
		}
		row += fmt.Sprintf(" | %s |", peakRSS(byTool["ferry"]))
		fmt.Println(row)
	}
}

func num(s string) float64 {
	v, _ := strconv.ParseFloat(s, 64)
	return v
}

// printCPUTable shows the median CPU seconds each tool and the gateway
// spent per run: on a shared 2-core machine, the steadier measure.
func printCPUTable(runs map[string]map[string][]result) {
	fmt.Println("CPU seconds per run, median (tool + gateway = total):")
	fmt.Println()
	fmt.Println("| scenario | ferry | mc | rclone | aws | raw 1-stream | mc/ferry | rclone/ferry | aws/ferry |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|")
	for _, s := range scenarios {
		byTool := runs[s.name]
		if byTool == nil {
			continue
		}
		total := map[string]float64{}
		row := "| " + s.title
		for _, t := range tools {
			rs := byTool[t]
			if len(rs) == 0 || rs[0].clientCPU+rs[0].serverCPU == 0 {
				row += " | –"
				continue
			}
			c := medianOf(rs, func(r result) float64 { return r.clientCPU })
			g := medianOf(rs, func(r result) float64 { return r.serverCPU })
			total[t] = c + g
			row += fmt.Sprintf(" | %.2f + %.2f = %.2f", c, g, c+g)
		}
		for _, peer := range []string{"mc", "rclone", "aws"} {
			if total[peer] > 0 && total["ferry"] > 0 {
				row += fmt.Sprintf(" | %.2f×", total[peer]/total["ferry"])
			} else {
				row += " | –"
			}
		}
		fmt.Println(row + " |")
	}
}

func medianOf(rs []result, f func(result) float64) float64 {
	v := make([]float64, len(rs))
	for i, r := range rs {
		v[i] = f(r)
	}
	slices.Sort(v)
	n := len(v)
	if n%2 == 1 {
		return v[n/2]
	}
	return (v[n/2-1] + v[n/2]) / 2
}

// median is the median rate of the runs: MB/s (10^6 bytes) or items/s.
func median(rs []result, unit string) float64 {
	rates := make([]float64, len(rs))
	for i, r := range rs {
		rates[i] = r.amount / r.secs
		if unit == "MB/s" {
			rates[i] /= 1e6
		}
	}
	slices.Sort(rates)
	n := len(rates)
	if n%2 == 1 {
		return rates[n/2]
	}
	return (rates[n/2-1] + rates[n/2]) / 2
}

func peakRSS(rs []result) string {
	var peak int64
	for _, r := range rs {
		peak = max(peak, r.rssKiB)
	}
	if peak == 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f MiB", float64(peak)/1024)
}
