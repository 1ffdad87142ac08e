package config

import (
	"strings"

	"github.com/BurntSushi/toml"
)

// lineOfKey finds the line that defines key (or the first key below it) in
// a TOML text, for error messages. The decoder does not expose key
// positions, so this follows table headers and dotted/quoted keys itself;
// it returns 0 when it cannot tell.
func lineOfKey(text string, key toml.Key) int {
	want := strings.Join(key, ".")
	table := ""
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") {
			table = headerName(line)
			if covers(table, want) {
				return i + 1
			}
			continue
		}
		lhs, _, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		full := joinKey(table, dottedName(lhs))
		if covers(full, want) {
			return i + 1
		}
	}
	return 0
}

// covers reports whether a key written as got defines want or lies below it.
func covers(got, want string) bool {
	return got == want || strings.HasPrefix(got, want+".")
}

func headerName(line string) string {
	name := strings.Trim(line, "[] \t")
	if i := strings.Index(name, "]"); i >= 0 {
		name = name[:i]
	}
	return dottedName(name)
}

// dottedName normalises `a . "b.c"`-style keys into a.b.c (quotes dropped).
func dottedName(s string) string {
	var parts []string
	var cur strings.Builder
	quote := rune(0)
	for _, r := range strings.TrimSpace(s) {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '"' || r == '\'':
			quote = r
		case r == '.':
			parts = append(parts, strings.TrimSpace(cur.String()))
			cur.Reset()
		case r != ' ' && r != '\t':
			cur.WriteRune(r)
		}
	}
	return strings.Join(append(parts, strings.TrimSpace(cur.String())), ".")
}

func joinKey(table, key string) string {
	if table == "" {
		return key
	}
	return table + "." + key
}
