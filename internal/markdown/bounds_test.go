package markdown

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// Each count and nesting a renderer or a rep cannot cope with is an error
// at its line, before anything is rendered.
func TestBoundsAreLintErrorsAtTheirLine(t *testing.T) {
	options := "### Drill\n\nQ: pick?\n- [x] right\n" + strings.Repeat("- [ ] wrong\n", maxOptions)
	cards := "### Drill\n\n" + questions(maxCards)
	cases := map[string]struct {
		src    string
		line   int
		msg    string
		unsafe bool
	}{
		"emphasis": {head + "Some " + strings.Repeat("*", 100000) + "x" + strings.Repeat("*", 100000) + "\n", 10,
			fmt.Sprintf(msgEmphasisTooDeep, 100000, maxEmphasis), true},
		"emphasis opened word by word": {head + "Some\n" + strings.Repeat("*a ", maxEmphasis+1) + "\n" + strings.Repeat("a* ", maxEmphasis+1) + "\n", 11,
			fmt.Sprintf(msgEmphasisTooDeep, maxEmphasis+1, maxEmphasis), true},
		"list": {head + "Prose.\n\n" + strings.Repeat("1. item\n", maxListItems+1), 12,
			fmt.Sprintf(msgLongList, maxListItems+1, maxListItems), false},
		"options": {head + options, 12, fmt.Sprintf(msgTooManyOptions, "pick?", maxOptions+1, maxOptions), false},
		"cards":   {head + cards, 3, fmt.Sprintf(msgTooManyCards, "s", maxCards+1, maxCards), false},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, diags, err := Load(fstest.MapFS{"x.md": {Data: []byte(c.src)}}, "x.md")
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range diags {
				if d.Message == c.msg && d.Severity == SevError && d.Pos.Line == c.line && d.Unsafe == c.unsafe {
					return
				}
			}
			t.Errorf("want x.md:%d: error: %s (unsafe %v), got %v", c.line, c.msg, c.unsafe, diagStrings(diags))
		})
	}
}

// At the limits, and with emphasis as writers use it, nothing is reported.
func TestBoundsAllowWhatWritersWrite(t *testing.T) {
	options := "### Drill\n\nQ: pick?\n- [x] right\n" + strings.Repeat("- [ ] wrong\n", maxOptions-1)
	cards := "\n\n" + questions(maxCards-2)
	prose := "***Bold italic*** and **bold**text, _a_ *b* __c__ snake_case_name a*b*c 2*3*4 ** spaced ** *nested **bold** here*.\n\n" +
		strings.Repeat("**", maxEmphasis/2) + "deep" + strings.Repeat("**", maxEmphasis/2) + "\n\n" +
		"```\n" + strings.Repeat("*", 200) + "x\n/" + strings.Repeat("*", 50) + "\n```\n\n" +
		strings.Repeat("*", 40) + "0 stars never closed nest nothing\n\n" + strings.Repeat("*a ", 40) + "\n\n" +
		strings.Repeat("- item\n", maxListItems) + "\n"
	src := head + prose + options + cards
	_, diags, err := Load(fstest.MapFS{"x.md": {Data: []byte(src)}}, "x.md")
	if err != nil || HasErrors(diags) {
		t.Fatalf("%v %v", err, diagStrings(diags))
	}
}

// questions is n recall cards.
func questions(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "Q: Why %d?\nA: Because.\n\n", i)
	}
	return b.String()
}
