package clipboard_test

import (
	"bytes"
	"encoding/base64"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/clipboard"
)

// fakeTool writes an executable script named name into dir.
func fakeTool(t *testing.T, dir, name, script string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\n"+script), 0o755); err != nil {
		t.Fatal(err)
	}
}

// x11Session pretends to be an X11 session whose PATH starts with dir.
func x11Session(t *testing.T, dir string) {
	if runtime.GOOS == "windows" {
		t.Skip("fake tools are shell scripts")
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Setenv("DISPLAY", ":99")
	t.Setenv("WAYLAND_DISPLAY", "")
}

const link = "https://h/b/k%20x?X-Amz-Signature=abc&a='b'\n"

func TestNativeFeedsTextToXclipOnStdin(t *testing.T) {
	dir := t.TempDir()
	fakeTool(t, dir, "xclip", `printf '%s\n' "$@" > "`+dir+`/args"; cat > "`+dir+`/stdin"`)
	x11Session(t, dir)
	got, err := clipboard.Native(link)
	if err != nil || got != "xclip" {
		t.Fatalf("Native = %q, %v", got, err)
	}
	stdin, _ := os.ReadFile(filepath.Join(dir, "stdin"))
	args, _ := os.ReadFile(filepath.Join(dir, "args"))
	if string(stdin) != link || string(args) != "-selection\nclipboard\n" {
		t.Fatalf("tool got stdin %q args %q", stdin, args)
	}
}

func TestNativeFallsBackToXselAndPrefersWlCopyOnWayland(t *testing.T) {
	dir := t.TempDir()
	fakeTool(t, dir, "xclip", `echo "Error: Can't open display: :99" >&2; exit 1`)
	fakeTool(t, dir, "xsel", `printf '%s\n' "$@" > "`+dir+`/args"; cat > "`+dir+`/stdin"`)
	x11Session(t, dir)
	got, err := clipboard.Native(link)
	if err != nil || got != "xsel" {
		t.Fatalf("Native = %q, %v", got, err)
	}
	if args, _ := os.ReadFile(filepath.Join(dir, "args")); string(args) != "--clipboard\n--input\n" {
		t.Fatalf("xsel args %q", args)
	}
	fakeTool(t, dir, "wl-copy", `cat > "`+dir+`/wl"`)
	t.Setenv("WAYLAND_DISPLAY", "wayland-1")
	if got, err := clipboard.Native(link); err != nil || got != "wl-copy" {
		t.Fatalf("on Wayland: %q, %v", got, err)
	}
	if wl, _ := os.ReadFile(filepath.Join(dir, "wl")); string(wl) != link {
		t.Fatalf("wl-copy got %q", wl)
	}
}

func TestNativeReportsHowToolsFailed(t *testing.T) {
	dir := t.TempDir()
	fakeTool(t, dir, "xclip", `echo "Error: Can't open display: :99" >&2; exit 1`)
	x11Session(t, dir)
	t.Setenv("PATH", dir) // only the failing xclip
	_, err := clipboard.Native(link)
	if err == nil || !strings.Contains(err.Error(), "xclip") || !strings.Contains(err.Error(), "Can't open display") {
		t.Fatalf("err = %v", err)
	}
}

func TestNativeWithNoToolSaysSo(t *testing.T) {
	if runtime.GOOS != "linux" || os.Getenv("WSL_DISTRO_NAME") != "" {
		t.Skip("clip.exe or pbcopy may be present")
	}
	x11Session(t, t.TempDir())
	t.Setenv("PATH", t.TempDir())
	_, err := clipboard.Native(link)
	if !errors.Is(err, clipboard.ErrNoTool) || !strings.Contains(err.Error(), "no native clipboard tool found") {
		t.Fatalf("err = %v", err)
	}
}

func TestNativeDoesNotWaitForAToolThatStaysToServeTheSelection(t *testing.T) {
	// xclip and wl-copy fork a child that keeps the inherited stderr open.
	dir := t.TempDir()
	fakeTool(t, dir, "xclip", `cat > "`+dir+`/stdin"; sleep 6 &`)
	x11Session(t, dir)
	if got, err := clipboard.Native(link); err != nil || got != "xclip" {
		t.Fatalf("Native = %q, %v", got, err)
	}
}

func TestNativeGivesUpOnAHangingTool(t *testing.T) {
	sleep, err := exec.LookPath("sleep")
	if err != nil {
		t.Skip("no sleep command")
	}
	dir := t.TempDir()
	fakeTool(t, dir, "xclip", "exec "+sleep+" 30")
	x11Session(t, dir)
	t.Setenv("PATH", dir)
	_, err = clipboard.Native(link)
	if err == nil || !strings.Contains(err.Error(), "no answer within") {
		t.Fatalf("err = %v", err)
	}
}

func TestOSC52SequenceShape(t *testing.T) {
	seq := clipboard.OSC52(link)
	body, ok := strings.CutPrefix(seq, "\x1b]52;c;")
	if !ok || !strings.HasSuffix(body, "\a") {
		t.Fatalf("sequence %q", seq)
	}
	decoded, err := base64.StdEncoding.DecodeString(strings.TrimSuffix(body, "\a"))
	if err != nil || string(decoded) != link {
		t.Fatalf("payload %q, %v", decoded, err)
	}
	if strings.ContainsAny(strings.TrimSuffix(body, "\a"), "\x1b\a\n") {
		t.Fatal("payload holds control characters")
	}
}

func TestWriteOSC52SkipsNonTerminals(t *testing.T) {
	var buf bytes.Buffer
	if wrote, err := clipboard.WriteOSC52(&buf, link); wrote || err != nil || buf.Len() != 0 {
		t.Fatalf("buffer: wrote=%v err=%v %q", wrote, err, buf.String())
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if wrote, _ := clipboard.WriteOSC52(f, link); wrote || clipboard.IsTerminal(f) {
		t.Fatal("wrote the escape into a regular file")
	}
}
