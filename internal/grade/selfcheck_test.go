package grade

import (
	"testing"

	"github.com/playdrill/playdrill/internal/playbook"
)

func TestCheckModelAnswers(t *testing.T) {
	clean := typed(playbook.KindRecall, []string{"sales-ready", "rules of engagement"})
	clean.Answer = "Once it is sales-ready under the\nrules of engagement."
	wrapped := typed(playbook.KindRecall, []string{"never billed"})
	wrapped.Answer = "It shows which jobs were done but never\nbilled."
	failing := typed(playbook.KindRecall, []string{"problem", "who decides", "deadline"})
	failing.Answer = "The problem and what it costs."
	missesOne := typed(playbook.KindRecall, []string{"reason", "budget", "timing", "team", "goals"})
	missesOne.Answer = "Their reason, budget, timing and team."
	says := typed(playbook.KindDifferentiator, []string{"offline"}, "cheaper")
	says.Answer = "Works offline and is cheaper."
	noPoints := &playbook.Card{Kind: playbook.KindRecall, Answer: "Anything at all."}
	// A cloze's model answer is its paragraph; a rep types the blank, so a
	// denial around the blank is not the rep's.
	cloze := typed(playbook.KindCloze, []string{"raw lists | bought lists"})
	cloze.Answer = "Sales takes qualified leads, never **raw lists**."
	choice := &playbook.Card{Kind: playbook.KindChoice, Options: []string{"a", "b"}, Correct: []int{0}}

	got := CheckModelAnswers([]*playbook.Card{clean, wrapped, failing, nil, missesOne, cloze, says, noPoints, choice}, Options{})
	if len(got) != 3 {
		t.Fatalf("got %d cards, want failing, missesOne and says: %+v", len(got), got)
	}
	if got[0].Card != failing || !got[0].Failing() || len(got[0].Missed) != 2 || got[0].Missed[0].String() != "who decides" {
		t.Errorf("failing card: %+v", got[0])
	}
	if got[1].Card != missesOne || got[1].Failing() || len(got[1].Missed) != 1 || got[1].Missed[0].String() != "goals" {
		t.Errorf("card missing one point: %+v", got[1])
	}
	if got[2].Card != says || !got[2].Failing() || len(got[2].Missed) != 0 || len(got[2].Result.NeverSaid) != 1 {
		t.Errorf("never-say card: %+v", got[2])
	}
}
