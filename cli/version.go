package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// versionLine is what `ferry --version` and `ferry version` print after
// "ferry version": the version (v as set at build time, else the module
// version `go install` recorded, else "(devel)"), the commit it was
// built from when the build recorded it, and the Go toolchain:
// "v1.2.0 (commit 1a2b3c4d5e6f, go1.26.10 linux/amd64)".
func versionLine(v string) string {
	info, ok := debug.ReadBuildInfo()
	if v == "" && ok && info.Main.Version != "" {
		v = info.Main.Version
	}
	if v == "" {
		v = "(devel)"
	}
	var parts []string
	if c := commit(info); c != "" {
		parts = append(parts, "commit "+c)
	}
	parts = append(parts, runtime.Version()+" "+runtime.GOOS+"/"+runtime.GOARCH)
	return v + " (" + strings.Join(parts, ", ") + ")"
}

// commit is the VCS revision the binary was built from, shortened, with
// "-dirty" when the tree had changes; "" when the build did not record
// one (go build -buildvcs=false, go install module@version).
func commit(info *debug.BuildInfo) string {
	if info == nil {
		return ""
	}
	var rev, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value[:min(12, len(s.Value))]
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "-dirty"
			}
		}
	}
	if rev == "" {
		return ""
	}
	return rev + dirty
}

// versionCommand is `ferry version`, the same as `ferry --version`.
func versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print ferry's version, commit and Go version",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintf(cmd.OutOrStdout(), "%s version %s\n", cmd.Root().Name(), cmd.Root().Version)
			return err
		},
	}
}
