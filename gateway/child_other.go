//go:build !linux

package gateway

import "os/exec"

// setParentDeathSignal has no portable equivalent outside Linux; the child
// still exits when its stdin pipe closes.
func setParentDeathSignal(cmd *exec.Cmd) {}
