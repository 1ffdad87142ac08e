package source_test

import (
	"testing"

	"github.com/ferry-s3/ferry/ui/source"
)

func TestTallyNamesTheReasonForWhatIsLeftOutOnlyWhenThereIsOne(t *testing.T) {
	one := source.Tally{Files: 2, Bytes: 2048, Done: true}
	one.AddSkipped(2, "symbolic link not followed")
	one.AddSkipped(0, "broken symbolic link") // nothing left out: the reason stays
	one.AddSkipped(1, "symbolic link not followed")
	if got := one.Text("file"); got != "2 files, 2.0 KiB in all; 3 left out (symbolic link not followed)" {
		t.Fatalf("one reason: %q", got)
	}
	mixed := one
	mixed.AddSkipped(1, "broken symbolic link")
	mixed.AddSkipped(1, "symbolic link not followed") // once mixed, stays mixed
	if got := mixed.Text("file"); got != "2 files, 2.0 KiB in all; 5 left out (the status line names them after queueing)" {
		t.Fatalf("mixed reasons: %q", got)
	}
	if got := (source.Tally{Files: 1, Bytes: 1, Done: true}).Text("object"); got != "1 object, 1 B in all" {
		t.Fatalf("nothing left out: %q", got)
	}
}
