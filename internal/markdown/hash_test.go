package markdown

import (
	"os"
	"testing"
)

// TestHashesArePinned keeps card ids and content hashes of a fixed input
// exactly as they are: reps' progress is keyed on them, so a change to the
// parser that moves one would orphan every rep's record of that card. One
// card of each kind but order (a process of one step has no ordering
// card); TestNewKindHashesArePinned has the rest.
func TestHashesArePinned(t *testing.T) {
	book, diags, err := Load(os.DirFS("testdata"), "contract.md")
	if err != nil || len(diags) != 0 {
		t.Fatalf("err %v, diagnostics %v", err, diags)
	}
	want := [][2]string{
		{"qualify/result", "4b19f3f3dc93b0cd"},
		{"qualify/is-a-list-bought-from-a", "b5710eb2d3b8c034"},
		{"qualify/which-of-these-is-sales-ready", "66e02f6928fb0f45"},
		{"qualify/roe-5-000-names-bought-from-a-broker", "66cbe80b29318ff2"},
		{"qualify/roe-downloaded-a-white-paper-no-project", "170f5ba94d59c358"},
		{"qualify/diff-how-are-you-different-from-company-x", "0f17bfc83b558464"},
	}
	cards := book.Cards()
	if len(cards) != len(want) {
		t.Fatalf("%d cards, want %d", len(cards), len(want))
	}
	for i, c := range cards {
		if c.ID != want[i][0] || c.Hash != want[i][1] {
			t.Errorf("card %d: %s %s, want %s %s", i, c.ID, c.Hash, want[i][0], want[i][1])
		}
	}
}
