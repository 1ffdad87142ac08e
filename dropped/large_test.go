package dropped

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

const manyPaths = 10000

// manyNames returns manyPaths distinct absolute paths containing spaces.
func manyNames(dir string) []string {
	names := make([]string, manyPaths)
	for i := range names {
		names[i] = fmt.Sprintf("%s/file %05d.txt", dir, i)
	}
	return names
}

func TestSplitHandlesTenThousandPathsInEveryStyle(t *testing.T) {
	names := manyNames("/data/drop")
	escaped := make([]string, len(names))
	quoted := make([]string, len(names))
	for i, n := range names {
		escaped[i] = strings.ReplaceAll(n, " ", `\ `)
		quoted[i] = vteQuote(n)
	}
	pastes := map[string]string{
		"newline":   strings.Join(names, "\n") + "\n",
		"escaped":   strings.Join(escaped, " "),
		"vte":       strings.Join(quoted, " "),
		"uri lines": "file://" + strings.ReplaceAll(strings.Join(names, "\r\nfile://"), " ", "%20"),
	}
	for style, paste := range pastes {
		got, ok := Split(paste)
		if !ok || len(got) != manyPaths || got[0] != names[0] || got[manyPaths-1] != names[manyPaths-1] {
			t.Errorf("%s: ok=%v len=%d", style, ok, len(got))
		}
	}
}

func TestParseHandlesTenThousandPathsAndDuplicates(t *testing.T) {
	names := manyNames(t.TempDir())
	paste := strings.Join(names, "\n") + "\n" + strings.Join(names, "\n")
	got, ok := Parse(paste)
	if !ok || len(got) != manyPaths {
		t.Fatalf("ok=%v len=%d; want %d", ok, len(got), manyPaths)
	}
	if got[42].Path != names[42] || got[42].Exists {
		t.Fatalf("got[42] = %+v", got[42])
	}
}

func TestSplitMegabyteGarbageLineIsRejected(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	garbage := make([]byte, 1<<20)
	for i := range garbage {
		garbage[i] = byte(rng.UintN(256))
		if garbage[i] == '\n' || garbage[i] == '\r' {
			garbage[i] = 'x'
		}
	}
	if got, ok := Split(string(garbage)); ok {
		t.Fatalf("garbage accepted as %d tokens", len(got))
	}
	if _, ok := Parse(string(garbage)); ok {
		t.Fatal("Parse accepted garbage")
	}
}

func TestSplitMegabyteLinesOfPathologicalInput(t *testing.T) {
	const n = 1 << 20
	long := "/" + strings.Repeat("a", n)
	tests := []struct {
		name string
		in   string
		want int // tokens; 0 means not ok
	}{
		{"one huge path", long, 1},
		{"one huge escaped path", "/" + strings.Repeat(`\ `, n/2), 1},
		{"many quotes", strings.Repeat("'", n), 0},
		{"unterminated quote after path", "/a '" + strings.Repeat("b", n), 1},
		{"many backslashes", "/" + strings.Repeat(`\`, n), 1},
		{"many slashes", strings.Repeat("/ ", n/2), n / 2},
		{"many double quotes", strings.Repeat(`"\"`, n/3), 0},
		{"huge percent uri", "file:///" + strings.Repeat("%41", n/3), 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := Split(tc.in)
			if ok != (tc.want > 0) || len(got) != tc.want {
				t.Fatalf("ok=%v len=%d; want %d tokens", ok, len(got), tc.want)
			}
		})
	}
}
