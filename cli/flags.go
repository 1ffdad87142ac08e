package cli

import (
	"strings"

	"github.com/spf13/pflag"
)

// alias adds -short as another spelling of the boolean flag --name (ls
// takes -R as well as -r, as ls(1) does). It is hidden: the help of
// --name mentions it.
func alias(fs *pflag.FlagSet, name, short string) {
	f := fs.VarPF(fs.Lookup(name).Value, short, short, "")
	f.NoOptDefVal = "true"
	f.Hidden = true
}

// prose joins the lines of each paragraph of a help text wrapped for
// the source: fang wraps it again to the terminal's width, and the man
// page takes each line for a paragraph. A line starting "  - " is an
// item of a list; blank lines part paragraphs.
func prose(text string) string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		last := len(out) - 1
		if last < 0 || out[last] == "" || line == "" || strings.HasPrefix(line, "  - ") {
			out = append(out, line)
			continue
		}
		out[last] += " " + strings.TrimSpace(line)
	}
	return strings.Join(out, "\n")
}
