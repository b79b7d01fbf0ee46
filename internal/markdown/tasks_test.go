package markdown

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestCheckboxes checks which list items read as options: `[ ]`, `[x]` and
// `[X]`, with any white space inside the box and after it.
func TestCheckboxes(t *testing.T) {
	src := head + "### Drill\n\nQ: Pick one\n- [X] upper\n- [\t] tab\n- [ ]   spaced\n- [y] not a box\n"
	book, diags, err := Load(fstest.MapFS{"x.md": {Data: []byte(src)}}, "x.md")
	if err != nil {
		t.Fatal(err)
	}
	cards := book.Cards()
	c := cards[1]
	if !slices.Equal(c.Options, []string{"upper", "tab", "spaced"}) || !slices.Equal(c.Correct, []int{0}) {
		t.Errorf("options %q, correct %v", c.Options, c.Correct)
	}
	if len(diags) != 1 || !strings.Contains(diags[0].Message, `"[y] not a box" has no checkbox`) {
		t.Errorf("diagnostics %v", diags)
	}
}
