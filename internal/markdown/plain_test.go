package markdown

import (
	"testing"
	"testing/fstest"

	"github.com/playdrill/playdrill/internal/playbook"
)

// TestPlainFileReadsAsCleanedOne checks the shortcut for files that are
// plain ASCII: the same playbook with one character that is not (in a
// process of its own, at the end) goes the long way, cleaning each string,
// and every card they share must come out the same.
func TestPlainFileReadsAsCleanedOne(t *testing.T) {
	src := generated(40)
	other := append(append([]byte(nil), src...), "# Café\n\n## Menu\n\nResult: r\n\nDone when:\n- d\n"...)
	load := func(b []byte) []*playbook.Card {
		book, _, err := Load(fstest.MapFS{"x.md": {Data: b}}, "x.md")
		if err != nil {
			t.Fatal(err)
		}
		return book.Cards()
	}
	plain, cleaned := load(src), load(other)
	if len(cleaned) != len(plain)+1 { // a result; one step makes no ordering card
		t.Fatalf("%d and %d cards", len(plain), len(cleaned))
	}
	for i, c := range plain {
		d := cleaned[i]
		if c.ID != d.ID || c.Hash != d.Hash || c.Prompt != d.Prompt || c.Answer != d.Answer {
			t.Errorf("card %d: %s %s %q, cleaned %s %s %q", i, c.ID, c.Hash, c.Answer, d.ID, d.Hash, d.Answer)
		}
	}
}
