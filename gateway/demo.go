package gateway

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/ferry-s3/ferry/xdg"
)

// demoVersion names the seeded layout; bump it when demoObjects changes so
// existing demo dirs are reseeded.
const demoVersion = "demo-v1"

// StartDemo runs `exe serve` as a child over the demo data dir
// ($XDG_DATA_HOME/ferry/demo), seeding it with sample buckets on first
// run, and publishes it for other commands while it runs (see
// RunningDemo) unless another demo already is.
func StartDemo(ctx context.Context, exe string) (*Child, error) {
	base, err := xdg.DataDir()
	if err != nil {
		return nil, err
	}
	file, err := demoFile()
	if err != nil {
		return nil, err
	}
	return startPublishedDemo(ctx, exe, filepath.Join(base, "demo"), file)
}

// startPublishedDemo starts the demo over dir and publishes it in file
// until it stops.
func startPublishedDemo(ctx context.Context, exe, dir, file string) (*Child, error) {
	child, err := startDemoIn(ctx, exe, dir)
	if err != nil {
		return nil, err
	}
	child.onStop = publishDemo(ctx, file, child)
	return child, nil
}

func startDemoIn(ctx context.Context, exe, dir string) (*Child, error) {
	marker := filepath.Join(dir, demoVersion)
	_, statErr := os.Stat(marker)
	fresh := statErr != nil
	if fresh {
		// A previous seed may have stopped halfway: start over.
		if err := os.RemoveAll(dir); err != nil {
			return nil, fmt.Errorf("demo: reset %s: %w", dir, err)
		}
	}
	o := Options{Dir: filepath.Join(dir, "data"), MetaDir: filepath.Join(dir, "meta"),
		VersioningDir: filepath.Join(dir, "versions")}
	for _, d := range []string{o.Dir, o.MetaDir, o.VersioningDir} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return nil, fmt.Errorf("demo: %w", err)
		}
	}
	child, err := Spawn(ctx, []string{exe, "serve"}, o)
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	if !fresh {
		return child, nil
	}
	if err := seedDemo(ctx, child, o.Dir); err != nil {
		child.Stop()
		return nil, fmt.Errorf("demo: seeding sample data: %w", err)
	}
	if err := os.WriteFile(marker, []byte(time.Now().Format(time.RFC3339)+"\n"), 0o600); err != nil {
		child.Stop()
		return nil, fmt.Errorf("demo: %w", err)
	}
	return child, nil
}
