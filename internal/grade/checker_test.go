package grade

import (
	"slices"
	"testing"
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
