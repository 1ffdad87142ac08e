package cli

import (
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionSaysTheVersionTheCommitAndTheGoToolchain(t *testing.T) {
	t.Parallel()
	info := &debug.BuildInfo{Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"}, {Key: "vcs.modified", Value: "true"}}}
	if got := commit(info); got != "0123456789ab-dirty" {
		t.Fatalf("commit = %q", got)
	}
	if got := commit(&debug.BuildInfo{}); got != "" {
		t.Fatalf("no revision recorded: commit = %q", got)
	}
	want := "v1.2.3 ("
	if got := versionLine("v1.2.3"); !strings.HasPrefix(got, want) || !strings.HasSuffix(got, runtime.Version()+" "+runtime.GOOS+"/"+runtime.GOARCH+")") {
		t.Fatalf("versionLine = %q", got)
	}
	if got := versionLine(""); !strings.HasPrefix(got, "(devel) (") {
		t.Fatalf("a build from a checkout: %q", got)
	}
}
