package markdown

import (
	"testing"
	"testing/fstest"
)

// TestHeadingIDs checks that `{#id}` attributes are read on ATX and setext
// headings, that a heading with no '{' keeps its whole title, and that a
// '{' that is no attribute stays in the title; a closing sequence before
// the attribute goes, and only the last of two attributes counts.
func TestHeadingIDs(t *testing.T) {
	src := "# Process {#proc}\n\n## Plain title ##\n\nResult: r\n\nDone when:\n- d\n\n" +
		"Setext step {#set}\n------------------\n\nResult: r\n\nDone when:\n- d\n\n" +
		"## Braces {not an id} here\n\nResult: r\n\nDone when:\n- d\n\n" +
		"## Tight{#tight}\n\nResult: r\n\nDone when:\n- d\n\n" +
		"## Closed ## {#closed}\n\nResult: r\n\nDone when:\n- d\n\n" +
		"## Two {#a} {#b}\n\nResult: r\n\nDone when:\n- d\n"
	book, diags, err := Load(fstest.MapFS{"x.md": {Data: []byte(src)}}, "x.md")
	if err != nil || len(diags) != 0 {
		t.Fatalf("err %v, diagnostics %v", err, diags)
	}
	if len(book.Processes) != 1 || book.Processes[0].ID != "proc" || book.Processes[0].Title != "Process" {
		t.Fatalf("processes %+v", book.Processes)
	}
	want := [][2]string{{"plain-title", "Plain title"}, {"set", "Setext step"}, {"braces-not-an-id-here", "Braces {not an id} here"},
		{"tight", "Tight"}, {"closed", "Closed"}, {"b", "Two {#a}"}}
	steps := book.Steps()
	if len(steps) != len(want) {
		t.Fatalf("%d steps", len(steps))
	}
	for i, s := range steps {
		if s.ID != want[i][0] || s.Title != want[i][1] {
			t.Errorf("step %d: %q %q, want %q %q", i, s.ID, s.Title, want[i][0], want[i][1])
		}
	}
}
