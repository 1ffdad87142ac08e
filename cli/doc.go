// Package cli holds ferry's headless subcommands (`ferry share`, …): each
// parses its own flags, does its work through s3ops and share, prints
// results on stdout and messages on stderr, and returns an exit code.
// main.go parses the connection flags and dispatches here.
package cli
