package markdown

import (
	"io/fs"
	"os"
	"testing"
	"testing/fstest"

	"github.com/playdrill/playdrill/playbooks"
)

// FuzzParse checks that no input makes the parser panic, and that what it
// stores is clean of control and escape characters.
func FuzzParse(f *testing.F) {
	seeds, _ := fs.Glob(playbooks.FS, "*.md")
	for _, name := range seeds {
		if b, err := fs.ReadFile(playbooks.FS, name); err == nil {
			f.Add(b)
		}
	}
	fixtures, _ := fs.Glob(os.DirFS("testdata"), "*.md")
	for _, name := range fixtures {
		if b, err := os.ReadFile("testdata/" + name); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(head + "### Drill\n\nQ: a &#x1b;]52;c;eA==&#7;\nA: \x9b2J\n"))
	f.Add([]byte("---\nplaybook: [\n---\n# P\n## S\n"))
	f.Add([]byte("\x1b[2Jbefore\n# P {.reference}\n## [S](u)\n### Drill\nCloze: a **b|c** **\x9bd**\nQ: t?\n\n| a | b |\n|-|-|\n| x\x1b | y |\n### Objections\n#### \"z\x07\"\nw\n"))
	f.Add([]byte("---\nglossary:\n  EB: economic buyer | EB\n  x: [y, \"\\e\"]\n  z:\n---\n" + head + "### Drill\n\nQ: q?\nA: a\nMust mention: any 2 of: a | b, , c; ANY ten of x\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		book, diags, err := Load(fstest.MapFS{"x.md": {Data: src}}, "x.md")
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range diags {
			if d.Pos.Line < 1 || d.Pos.Col < 1 {
				t.Fatalf("bad position: %v", d)
			}
		}
		for _, c := range book.Cards() {
			for _, s := range append([]string{c.Prompt, c.Answer, c.Why, c.Stem}, c.Options...) {
				if fs := scanClean(s); fs != "" {
					t.Fatalf("card %s keeps %s in %q", c.ID, fs, s)
				}
			}
		}
		for _, p := range book.Processes {
			if fs := scanClean(p.Preface); fs != "" {
				t.Fatalf("process %s preface keeps %s", p.ID, fs)
			}
		}
		for _, s := range book.Steps() {
			if fs := scanClean(s.Body); fs != "" {
				t.Fatalf("step %s body keeps %s", s.ID, fs)
			}
		}
	})
}
