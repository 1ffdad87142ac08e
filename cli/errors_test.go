package cli

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"charm.land/fang/v2"
)

// An error can quote a key or a server's words: on a terminal (fang's
// block) and in a pipe (one line) alike, they are shown as escapes.
func TestErrorsShowHostileTextAsEscapesStyledOrPlain(t *testing.T) {
	t.Parallel()
	hostile := errors.New("s3://b/evil\x1b]52;c;cHduZWQK\x07\u202etxt.exe: no such object")
	e := &exitError{code: exitFail, err: hostile, cmd: "ferry ls", hint: "odd\x1b[2J hint"}
	for _, terminal := range []bool{false, true} {
		var out bytes.Buffer
		renderError(&out, fang.Styles{}, e, terminal)
		got := out.String()
		if strings.ContainsAny(got, "\x1b\x07\u202e") || !strings.Contains(got, `evil\x1b]52;c;cHduZWQK\x07\u202etxt.exe`) ||
			!strings.Contains(got, `odd\x1b[2J hint`) {
			t.Errorf("terminal %v: %q", terminal, got)
		}
	}
	var plain bytes.Buffer
	renderError(&plain, fang.Styles{}, usageError(errors.New("name a SOURCE and a DEST")), false)
	if plain.String() != "ferry: name a SOURCE and a DEST\nRun 'ferry --help' for usage.\n" {
		t.Errorf("usage error in a pipe: %q", plain.String())
	}
	var quiet bytes.Buffer
	renderError(&quiet, fang.Styles{}, exitCode(exitFail), true)
	if quiet.Len() != 0 {
		t.Errorf("an exit code already explained printed %q", quiet.String())
	}
}
