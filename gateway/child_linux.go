package gateway

import (
	"os/exec"
	"syscall"
)

// setParentDeathSignal makes the kernel stop the child if ferry dies
// without running its cleanup (kill -9, a crash in cgo).
func setParentDeathSignal(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
}
