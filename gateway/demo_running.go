package gateway

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/ferry-s3/ferry/xdg"
)

// A demo gateway's keys are new on every start and live only in the
// ferry that started it. So that other commands (`ferry --demo share`,
// `ferry demo env`, the aws CLI) can reach it while it runs, the ferry
// that starts it writes where it listens and its keys to a file of its
// own, readable by the user only, in $XDG_RUNTIME_DIR/ferry (the state
// dir without one), and removes the file when the demo stops. A reader
// trusts the file only once the gateway answers with those keys: a demo
// that was killed leaves a file nothing answers.

// RunningDemo is a demo gateway some ferry is running.
type RunningDemo struct {
	Endpoint  string    `json:"endpoint"`
	Region    string    `json:"region"`
	AccessKey string    `json:"access_key"`
	SecretKey string    `json:"secret_key"`
	PID       int       `json:"pid"` // the ferry that runs it (it stops with that ferry)
	Started   time.Time `json:"started"`
}

// ErrNoDemo says no demo gateway is running.
var ErrNoDemo = errors.New("no demo is running")

// demoFileName is the running demo's file in the runtime dir.
const demoFileName = "demo.json"

// demoAnswerTimeout bounds the check that a published demo answers: a
// loopback gateway answers in milliseconds.
const demoAnswerTimeout = 3 * time.Second

// FindDemo returns the running demo gateway, checked to answer with its
// keys, or ErrNoDemo (removing the file of a demo that no longer runs).
func FindDemo(ctx context.Context) (*RunningDemo, error) {
	path, err := demoFile()
	if err != nil {
		return nil, err
	}
	return findDemoAt(ctx, path)
}

func findDemoAt(ctx context.Context, path string) (*RunningDemo, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, ErrNoDemo
	}
	if err != nil {
		return nil, fmt.Errorf("reading the running demo's address: %w", err)
	}
	var d RunningDemo
	if json.Unmarshal(b, &d) != nil || d.Endpoint == "" || !d.answers(ctx) {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		os.Remove(path) // left by a demo that was killed
		return nil, ErrNoDemo
	}
	return &d, nil
}

// answers reports whether the gateway lists its buckets for d's keys.
func (d *RunningDemo) answers(ctx context.Context) bool {
	ctx, cancel := context.WithTimeout(ctx, demoAnswerTimeout)
	defer cancel()
	cl := demoClient(&Child{Endpoint: d.Endpoint, Region: d.Region, AccessKey: d.AccessKey, SecretKey: d.SecretKey})
	_, err := cl.ListBuckets(ctx, &s3.ListBucketsInput{}, func(o *s3.Options) { o.RetryMaxAttempts = 1 })
	return err == nil
}

// publishDemo writes child's file unless another demo that answers has
// one, and returns what removes it again (a no-op when not written).
func publishDemo(ctx context.Context, path string, child *Child) func() {
	if _, err := findDemoAt(ctx, path); err == nil {
		return func() {} // that demo stays the one others reach
	}
	d := RunningDemo{Endpoint: child.Endpoint, Region: child.Region, AccessKey: child.AccessKey,
		SecretKey: child.SecretKey, PID: os.Getpid(), Started: time.Now().UTC().Truncate(time.Second)}
	b, _ := json.MarshalIndent(d, "", "  ")
	if xdg.WriteFile(path, append(b, '\n')) != nil {
		return func() {} // the demo works without; only other commands cannot find it
	}
	return func() {
		if b, err := os.ReadFile(path); err == nil {
			var on RunningDemo
			if json.Unmarshal(b, &on) == nil && on.Endpoint == d.Endpoint && on.PID == d.PID {
				os.Remove(path)
			}
		}
	}
}

// demoFile is where the running demo is published.
func demoFile() (string, error) {
	dir, err := xdg.RuntimeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, demoFileName), nil
}
