package playbooks_test

import (
	"testing"

	"github.com/playdrill/playdrill/internal/grade"
	"github.com/playdrill/playdrill/internal/markdown"
	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/playbooks"
)

// TestObjections gives `drill --objections` something to drill in the
// shipped playbook, and grades what reps would answer a prospect: a
// response that does the work passes, giving in fails and is flagged.
func TestObjections(t *testing.T) {
	book, diags, err := markdown.Load(playbooks.FS, playbooks.Root)
	if err != nil || markdown.HasErrors(diags) {
		t.Fatalf("shipped playbook: %v %v", err, diags)
	}
	n := 0
	for _, c := range book.Cards() {
		if c.Kind == playbook.KindObjection {
			n++
			if r := grade.Grade(c, grade.Answer{Text: c.Answer}); r.Score != 1 {
				t.Errorf("%s: its own model answer scores %v", c.ID, r.Score)
			}
		}
	}
	if n < 2 {
		t.Fatalf("%d objection cards in the shipped playbook", n)
	}
	for _, tc := range []struct {
		card, answer  string
		pass, flagged bool
	}{
		{"close/obj-it-costs-more-than-we-budgeted", "It is worth it: the overtime costs you more than the price. We could start smaller with fewer technicians.", true, false},
		{"close/obj-it-costs-more-than-we-budgeted", "Sure, we can give you a discount.", false, true},
		{"close/obj-we-need-to-think-it-over", "What is still unclear, and who else decides? Let us book the next meeting with them now.", true, false},
		{"close/obj-we-need-to-think-it-over", "Ok, take your time and call me back.", false, false},
	} {
		c, ok := book.Card(tc.card)
		if !ok {
			t.Fatalf("no card %s", tc.card)
		}
		r := grade.Grade(c, grade.Answer{Text: tc.answer})
		if r.Passed != tc.pass || (len(r.NeverSaid) > 0) != tc.flagged {
			t.Errorf("%s %q: score %v, passed %v, never said %v", tc.card, tc.answer, r.Score, r.Passed, r.NeverSaid)
		}
	}
}
