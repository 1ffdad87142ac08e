// Package cli is ferry's command line: one cobra command tree (NewRoot),
// run through fang for styled help and errors, --version, completions
// and the man page (Execute). Plain `ferry` opens the two-pane browser,
// whose composition (config, connection, probe, transfer engine and
// journal) lives here with its command; ls, cp, rm and share do their
// work headless through s3ops and share, and serve runs the embedded
// gateway. Every command prints through the sanitizer (package
// safetext) and exits 0 done, 1 failed, 2 bad usage, 130 interrupted.
package cli
