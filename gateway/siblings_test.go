package gateway_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/ferry-s3/ferry/gateway"
)

// TestMetadataDirMayShareTheDataDirsNamePrefix: `ferry serve --dir
// /tmp/gw --meta-dir /tmp/gwmeta` was refused as "sidecar directory
// cannot be inside the gateway root directory" (versitygw compares the
// paths as strings).
func TestMetadataDirMayShareTheDataDirsNamePrefix(t *testing.T) {
	exe, _ := os.Executable()
	base := t.TempDir()
	o := gateway.Options{Dir: filepath.Join(base, "gw"), MetaDir: filepath.Join(base, "gwmeta"),
		VersioningDir: filepath.Join(base, "gwversions")}
	child, err := gateway.Spawn(context.Background(), []string{exe, "serve"}, o)
	if err != nil {
		t.Fatalf("sibling dirs refused: %v", err)
	}
	child.Stop()
}
