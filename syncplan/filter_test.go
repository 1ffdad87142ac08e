package syncplan

import "testing"

func TestFilterPatternsMatchLikeGitignore(t *testing.T) {
	for _, c := range []struct {
		exclude, include []string
		in, out          []string
	}{
		{exclude: []string{"*.log"}, in: []string{"a.txt", "logs/x.txt"}, out: []string{"a.log", "deep/er/b.log"}},
		{exclude: []string{"/build"}, in: []string{"src/build", "src/build/x"}, out: []string{"build", "build/x.o"}},
		{exclude: []string{"node_modules/"}, in: []string{"node_modules"}, out: []string{"node_modules/a.js", "web/node_modules/b/c.js"}},
		{exclude: []string{"docs/*.md"}, in: []string{"docs/sub/a.md", "x/docs/a.md"}, out: []string{"docs/a.md"}},
		{exclude: []string{"**/tmp/**"}, in: []string{"tmp", "a/tmpx/b"}, out: []string{"tmp/a", "a/b/tmp/c"}},
		{exclude: []string{"a/**/z"}, in: []string{"a/zz", "b/a/z"}, out: []string{"a/z", "a/b/c/z"}},
		{exclude: []string{"file?.[ch]"}, in: []string{"file10.c", "file1.o"}, out: []string{"file1.c", "x/fileA.h"}},
		{exclude: []string{"[!a]*.txt"}, in: []string{"a.txt"}, out: []string{"b.txt"}},
		{include: []string{"*.go"}, in: []string{"main.go", "a/b.go"}, out: []string{"README.md", "a/b.go.txt"}},
		{exclude: []string{"vendor/"}, include: []string{"*.go"}, in: []string{"main.go"}, out: []string{"vendor/x.go", "x.txt"}},
		{exclude: []string{`\*.txt`}, in: []string{"a.txt"}, out: []string{"*.txt"}},
	} {
		f, err := NewFilter(c.exclude, c.include)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range c.in {
			if !f.File(p) {
				t.Errorf("exclude %q include %q: %q should take part", c.exclude, c.include, p)
			}
		}
		for _, p := range c.out {
			if f.File(p) {
				t.Errorf("exclude %q include %q: %q should be left out", c.exclude, c.include, p)
			}
		}
	}
}

func TestFolderPruning(t *testing.T) {
	f, _ := NewFilter([]string{"node_modules/", "/out"}, []string{"*.js"})
	for dir, walk := range map[string]bool{"node_modules": false, "web/node_modules": false, "out": false, "web/out": true, "web": true} {
		if f.Folder(dir) != walk {
			t.Errorf("folder %q walked: %v, want %v", dir, !walk, walk)
		}
	}
}

func TestBadPatternsSayWhy(t *testing.T) {
	for _, p := range []string{"[abc", "/", ""} {
		if _, err := NewFilter([]string{p}, nil); err == nil {
			t.Errorf("%q accepted", p)
		}
	}
}
