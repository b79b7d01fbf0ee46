package grade

import (
	"slices"
	"testing"

	"github.com/playdrill/playdrill/internal/playbook"
)

func TestCheckerAgreesWithMakes(t *testing.T) {
	ch := NewChecker()
	answer := "We onboard teams in days, not months, and every account gets a named support engineer."
	points := []string{"onboard", "months", "support engineer", "pricing"}
	got := ch.Makes(answer, points)
	for i, p := range points {
		if want := Makes(answer, p); got[i] != want {
			t.Errorf("%q: Checker says %v, Makes says %v", p, got[i], want)
		}
	}
	if !slices.Equal(got, []bool{true, false, true, false}) {
		t.Errorf("hits %v: a point denied (not months) or absent (pricing) is not made", got)
	}
	// The same checker again, with its stems kept: the same answers.
	if again := ch.Makes(answer, points); !slices.Equal(again, got) {
		t.Errorf("second check %v, first %v", again, got)
	}
}

func TestAnUnwrittenAnswerIsNotGradedOnItsNote(t *testing.T) {
	c := &playbook.Card{Kind: playbook.KindResult, Answer: "TODO: write the result a rep must reach in this step"}
	for _, answer := range []string{"the lead is qualified", "write the result a rep must reach"} {
		r := Grade(c, Answer{Text: answer})
		if len(r.Points) != 0 || r.Score != 1 {
			t.Errorf("%q: %d points, score %v: an unwritten card counts any answer, as one with no model answer does", answer, len(r.Points), r.Score)
		}
	}
	if r := Grade(c, Answer{Text: ""}); r.Score != 0 {
		t.Errorf("an empty answer scores %v", r.Score)
	}
}
