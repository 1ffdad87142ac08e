package gateway

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// readyPrefix starts the line a child gateway prints on stdout once it
// accepts connections; the rest of the line is the endpoint URL.
const readyPrefix = "FERRY-GATEWAY-READY "

// Child is a gateway running in a child process. It exits when Stop is
// called, when its parent's stdin pipe closes (the parent died), or on
// Linux when the parent thread exits.
type Child struct {
	Endpoint  string
	AccessKey string
	SecretKey string
	Region    string

	cmd    *exec.Cmd
	stdin  io.WriteCloser
	done   chan struct{}
	stderr *syncBuffer
	once   sync.Once
	onStop func() // set before Stop can be called; nil for none
}

// Spawn starts argv (`ferry serve`, or a test binary's `serve` mode:
// either parses ServeFlags) with the gateway flags for o appended, and
// waits until it serves. An empty o.Addr picks a free loopback port.
// Credentials travel in the environment, never in argv.
func Spawn(ctx context.Context, argv []string, o Options) (*Child, error) {
	if o.AccessKey == "" || o.SecretKey == "" {
		o.AccessKey, o.SecretKey = GenerateCredentials()
	}
	if o.Region == "" {
		o.Region = DefaultRegion
	}
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		opts := o
		if opts.Addr == "" {
			addr, err := freeLoopbackAddr()
			if err != nil {
				return nil, err
			}
			opts.Addr = addr
		}
		c, err := spawnOnce(ctx, argv, opts)
		if err == nil {
			return c, nil
		}
		lastErr = err
		if o.Addr != "" {
			break
		}
	}
	return nil, lastErr
}

func spawnOnce(ctx context.Context, argv []string, o Options) (*Child, error) {
	args := append(append([]string{}, argv[1:]...), childFlags(o)...)
	cmd := exec.Command(argv[0], args...)
	cmd.Env = append(os.Environ(),
		"AWS_ACCESS_KEY_ID="+o.AccessKey,
		"AWS_SECRET_ACCESS_KEY="+o.SecretKey)
	setParentDeathSignal(cmd)
	c := &Child{AccessKey: o.AccessKey, SecretKey: o.SecretKey, Region: o.Region,
		cmd: cmd, done: make(chan struct{}), stderr: &syncBuffer{}}
	cmd.Stderr = c.stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if c.stdin, err = cmd.StdinPipe(); err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start gateway: %w", err)
	}
	go func() { cmd.Wait(); close(c.done) }()
	endpoint, err := c.awaitReady(ctx, stdout)
	if err != nil {
		c.Stop()
		return nil, err
	}
	c.Endpoint = endpoint
	return c, nil
}

func childFlags(o Options) []string {
	flags := []string{"--child", "--dir", o.Dir, "--meta-dir", o.MetaDir, "--addr", o.Addr}
	if o.VersioningDir != "" {
		flags = append(flags, "--versioning-dir", o.VersioningDir)
	}
	if o.Region != "" {
		flags = append(flags, "--region", o.Region)
	}
	return flags
}

// awaitReady reads the child's stdout until the ready line, then keeps
// draining it in the background so the child never blocks on a full pipe.
func (c *Child) awaitReady(ctx context.Context, stdout io.Reader) (string, error) {
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if ep, ok := strings.CutPrefix(sc.Text(), readyPrefix); ok {
				lines <- ep
			}
		}
		close(lines)
	}()
	timeout := time.NewTimer(60 * time.Second)
	defer timeout.Stop()
	select {
	case ep, ok := <-lines:
		if ok {
			return ep, nil
		}
		<-c.done
		return "", fmt.Errorf("gateway exited before serving: %s", c.stderrTail())
	case <-timeout.C:
		return "", fmt.Errorf("gateway did not become ready within 60s: %s", c.stderrTail())
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func (c *Child) stderrTail() string {
	s := strings.TrimSpace(c.stderr.String())
	if len(s) > 2000 {
		s = s[len(s)-2000:]
	}
	if s == "" {
		return "no output"
	}
	return s
}

// Stop asks the child to exit and waits for it, killing it after 5s.
func (c *Child) Stop() error {
	var err error
	c.once.Do(func() {
		if c.onStop != nil {
			c.onStop() // first: nobody should be sent to a gateway going away
		}
		c.stdin.Close()
		c.cmd.Process.Signal(os.Interrupt)
		select {
		case <-c.done:
		case <-time.After(5 * time.Second):
			c.cmd.Process.Kill()
			<-c.done
			err = errors.New("gateway did not stop in 5s and was killed")
		}
	})
	return err
}

// Done is closed when the child process has exited.
func (c *Child) Done() <-chan struct{} { return c.done }

func freeLoopbackAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("find a free loopback port: %w", err)
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// syncBuffer is a bytes.Buffer safe for the exec package's copier and our
// readers at once.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.buf.Len() > 1<<16 {
		b.buf.Reset()
	}
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
