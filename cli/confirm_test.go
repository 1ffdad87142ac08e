package cli

import (
	"bytes"
	"strings"
	"testing"
)

func TestConfirmTakesOnlyAYes(t *testing.T) {
	t.Parallel()
	for answer, want := range map[string]bool{"y\n": true, "YES\n": true, " yes \n": true, "n\n": false, "\n": false, "": false, "sure\n": false} {
		var out bytes.Buffer
		if got := confirm(strings.NewReader(answer), &out, "abort 2 incomplete uploads (10 MiB stored)?"); got != want {
			t.Errorf("answer %q: %v, want %v", answer, got, want)
		}
		if out.String() != "ferry rm: abort 2 incomplete uploads (10 MiB stored)? [y/N] " {
			t.Errorf("asked %q", out.String())
		}
	}
}
