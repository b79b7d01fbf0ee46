package markdown

import (
	"reflect"
	"testing"
)

// TestParagraphsLeftUnparsedKeepTheirMeaning covers what skipping the inline
// parse of paragraphs must not change: a setext underline still makes the
// paragraph above it a heading, a table still splits off the paragraph it
// follows, and list items keep their text and checkboxes.
func TestParagraphsLeftUnparsedKeepTheirMeaning(t *testing.T) {
	src := "# P\n\nStep one\n--------\n\nResult: r\nDone when: d\n\n" +
		"### Drill\n\nQ: Pick one?\n- [x] yes\n- [ ] no\n\n" +
		"### Rules of engagement\n\nA note on the table.\n| Situation | Category | Why |\n|---|---|---|\n| s1 | c1 | w |\n| s2 | c2 | w |\n"
	book, diags := load(t, map[string]string{"x.md": src}, "x.md")
	if HasErrors(diags) {
		t.Fatalf("diagnostics: %v", diags)
	}
	steps := book.Steps()
	if len(steps) != 1 || steps[0].ID != "step-one" {
		t.Fatalf("steps: %v", ids(book))
	}
	if !reflect.DeepEqual(ids(book), []string{"step-one/result", "step-one/pick-one", "step-one/roe-s1", "step-one/roe-s2"}) {
		t.Errorf("cards: %v", ids(book))
	}
	c := book.Cards()[1]
	if !reflect.DeepEqual(c.Options, []string{"yes", "no"}) || !reflect.DeepEqual(c.Correct, []int{0}) {
		t.Errorf("choice: %q %v", c.Options, c.Correct)
	}
}
