package markdown

import (
	"fmt"
	"slices"
	"testing"
)

func TestGlossaryIsReadWithLines(t *testing.T) {
	src := "---\nplaybook: X\nglossary:\n  EB: economic buyer\n  ICP: ideal customer profile | customer profile\n  yrs: [years, year]\n---\n" + head
	book, diags := load(t, map[string]string{"x.md": src}, "x.md")
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	g := book.Glossary
	if len(g) != 3 || g[0].Term != "EB" || !slices.Equal(g[0].Means, []string{"economic buyer"}) || g[0].Pos.Line != 4 || g[0].Pos.File != "x.md" {
		t.Fatalf("glossary %+v", g)
	}
	if !slices.Equal(g[1].Means, []string{"ideal customer profile", "customer profile"}) || !slices.Equal(g[2].Means, []string{"years", "year"}) || g[2].Pos.Line != 6 {
		t.Errorf("glossary %+v", g)
	}
	for _, c := range book.Cards() {
		if len(c.Glossary) != 3 {
			t.Errorf("card %s has glossary %v", c.ID, c.Glossary)
		}
	}
}

func TestGlossaryAcrossFiles(t *testing.T) {
	a := "---\norder: 1\nglossary:\n  EB: economic buyer\n---\n" + head
	b := "---\norder: 2\nglossary:\n  DM: decision maker\n---\n# Q\n\n## T\n\nResult: r\n\nDone when:\n- d\n"
	book, diags := load(t, map[string]string{"a.md": a, "b.md": b}, ".")
	if len(diags) != 0 || len(book.Glossary) != 2 || book.Glossary[1].Pos.File != "b.md" {
		t.Fatalf("glossary %+v, diagnostics %v", book.Glossary, diags)
	}
}

func TestGlossaryErrorsAtTheirLine(t *testing.T) {
	cases := []struct {
		name, glossary string
		want           []string
	}{
		{"empty entry", "  EB:\n  ICP: ideal customer profile\n", []string{"x.md:3:3: error: " + fmt.Sprintf(msgGlossaryEmpty, "EB")}},
		{"empty text", "  EB: \"\"\n", []string{"x.md:3:3: error: " + fmt.Sprintf(msgGlossaryEmpty, "EB")}},
		{"only bars", "  EB: \" | \"\n", []string{"x.md:3:3: error: " + fmt.Sprintf(msgGlossaryEmpty, "EB")}},
		{"defined twice", "  EB: economic buyer\n  eb: budget holder\n", []string{"x.md:4:3: error: " + fmt.Sprintf(msgGlossaryTwice, "eb", "x.md:3")}},
		{"two-entry loop", "  EB: economic buyer\n  economic buyer: EB\n", []string{
			"x.md:3:3: error: " + fmt.Sprintf(msgGlossaryLoop, "EB", "EB -> economic buyer -> EB"),
			"x.md:4:3: error: " + fmt.Sprintf(msgGlossaryLoop, "economic buyer", "economic buyer -> EB -> economic buyer"),
		}},
		{"three-entry loop", "  A: b\n  B: c\n  C: a\n", []string{
			"x.md:3:3: error: " + fmt.Sprintf(msgGlossaryLoop, "A", "A -> b -> c -> a"),
			"x.md:4:3: error: " + fmt.Sprintf(msgGlossaryLoop, "B", "B -> c -> a -> b"),
			"x.md:5:3: error: " + fmt.Sprintf(msgGlossaryLoop, "C", "C -> a -> b -> c"),
		}},
		{"a chain is no loop", "  A: b\n  B: c\n", nil},
		{"not a mapping", " [EB]\n", []string{"x.md:2:11: error: " + fmt.Sprintf(msgFMType, "glossary", "a list of `term: meaning` lines", "glossary: {EB: economic buyer}")}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sep := "\n"
			if c.name == "not a mapping" {
				sep = ""
			}
			src := "---\nglossary:" + sep + c.glossary + "---\n" + head
			_, diags := load(t, map[string]string{"x.md": src}, "x.md")
			if got := diagStrings(diags); !slices.Equal(got, c.want) {
				t.Errorf("diagnostics:\n%q\nwant:\n%q", got, c.want)
			}
		})
	}
}
