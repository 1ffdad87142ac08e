// Package clipboard puts text on the user's clipboard: through a native
// tool (wl-copy, xclip, xsel, pbcopy, clip.exe) or through the OSC 52
// terminal escape, which also works over SSH in terminals that allow it.
// It knows nothing of the UI: the TUI sends OSC 52 itself through Bubble
// Tea; headless commands use OSC52 and WriteOSC52 from here.
package clipboard

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

// Timeout bounds each native tool run, so a tool waiting on an absent
// display cannot hang the caller.
const Timeout = 3 * time.Second

// ErrNoTool means no native clipboard tool fits this session.
var ErrNoTool = errors.New("no native clipboard tool found " +
	"(on Wayland install wl-clipboard, on X11 xclip or xsel; over SSH use a terminal that supports OSC 52)")

// tool is one way to reach a native clipboard: a program fed on stdin.
type tool struct {
	name string
	args []string
}

// candidates lists the tools that fit this session, best first: Wayland
// and X11 tools only when their display is set (they fail without one),
// then the platform's own.
func candidates() []tool {
	var ts []tool
	if os.Getenv("WAYLAND_DISPLAY") != "" {
		ts = append(ts, tool{"wl-copy", nil})
	}
	if os.Getenv("DISPLAY") != "" {
		ts = append(ts, tool{"xclip", []string{"-selection", "clipboard"}},
			tool{"xsel", []string{"--clipboard", "--input"}})
	}
	switch {
	case runtime.GOOS == "darwin":
		ts = append(ts, tool{"pbcopy", nil})
	case runtime.GOOS == "windows" || isWSL():
		ts = append(ts, tool{"clip.exe", nil})
	}
	return ts
}

// isWSL reports whether this Linux runs under Windows Subsystem for
// Linux, where clip.exe reaches the Windows clipboard.
func isWSL() bool {
	if runtime.GOOS != "linux" {
		return false
	}
	if os.Getenv("WSL_DISTRO_NAME") != "" || os.Getenv("WSL_INTEROP") != "" {
		return true
	}
	_, err := os.Stat("/proc/sys/fs/binfmt_misc/WSLInterop")
	return err == nil
}

// Native copies text with the first native tool that is installed and
// works, and says which one it was. Tools are found on PATH and fed text
// on stdin, each with a Timeout. When none is installed the error is
// ErrNoTool; when some failed, it says how.
func Native(text string) (string, error) {
	var failures []string
	for _, t := range candidates() {
		path, err := exec.LookPath(t.name)
		if err != nil {
			continue
		}
		if err := run(path, t.args, text); err != nil {
			failures = append(failures, fmt.Sprintf("%s: %v", t.name, err))
			continue
		}
		return t.name, nil
	}
	if len(failures) == 0 {
		return "", ErrNoTool
	}
	return "", fmt.Errorf("could not copy to the clipboard: %s", strings.Join(failures, "; "))
}

// run feeds text to a clipboard tool. Its stderr goes to a file, not a
// pipe: xclip and wl-copy leave a child behind to serve the selection,
// and that child would hold a pipe open until the timeout.
func run(path string, args []string, text string) error {
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	errFile, err := os.CreateTemp("", "ferry-clipboard-*")
	if err != nil {
		return err
	}
	defer os.Remove(errFile.Name())
	defer errFile.Close()
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Stdin = strings.NewReader(text)
	cmd.Stderr = errFile
	err = cmd.Run()
	if ctx.Err() != nil {
		return fmt.Errorf("gave no answer within %s", Timeout)
	}
	if err != nil {
		return toolError(err, errFile)
	}
	return nil
}

func toolError(err error, errFile *os.File) error {
	if _, serr := errFile.Seek(0, io.SeekStart); serr == nil {
		msg, _ := io.ReadAll(io.LimitReader(errFile, 512))
		if line, _, _ := strings.Cut(strings.TrimSpace(string(msg)), "\n"); line != "" {
			return fmt.Errorf("%v (%s)", err, line)
		}
	}
	return err
}
