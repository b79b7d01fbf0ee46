package grade

import (
	"slices"
	"strings"
	"testing"
)

// TestWhitespaceIsASpace types answers with line breaks, tabs, several
// spaces or a non-breaking space where a space was: each point is hit as
// on one line. A line break is no sentence end: a denial still reaches
// past it, and a full stop before it still ends the clause.
func TestWhitespaceIsASpace(t *testing.T) {
	tests := []struct {
		name   string
		points []string
		answer string
		want   []bool
	}{
		{"point over a line break", []string{"back to the start"}, "it sends the deal back to the start", []bool{true}},
		{"pair said the other way over a line break", []string{"rules of engagement"}, "we follow the engagement rules", []bool{true}},
		{"compound with a preposition over a line break", []string{"sales-ready"}, "a lead ready for sales", []bool{true}},
		{"denial over a line break", []string{"log every reply"}, "we don't ever log every reply", []bool{false}},
		{"denial ended by a full stop", []string{"log every reply"}, "we don't buy lists. we log every reply", []bool{true}},
		{"denial of a list over line breaks", []string{"how they buy", "what went wrong"}, "it doesn't say how they buy or what went wrong", []bool{false, false}},
		{"dash as a clause end", []string{"leads"}, "none - leads come later", []bool{true}},
	}
	spaces := []string{"\n", "\r\n", "\n\n", "\t", "   ", "\u00a0", "\u2028", " \n\t "}
	for _, tt := range tests {
		c := typed("result", tt.points)
		if got := hits(Grade(c, Answer{Text: tt.answer})); !slices.Equal(got, tt.want) {
			t.Fatalf("%s: on one line %q hits %v, want %v", tt.name, tt.answer, got, tt.want)
		}
		for _, sp := range spaces {
			a := strings.ReplaceAll(tt.answer, " ", sp)
			if got := hits(Grade(c, Answer{Text: a})); !slices.Equal(got, tt.want) {
				t.Errorf("%s: %q hits %v, want %v as on one line", tt.name, a, got, tt.want)
			}
		}
	}
}
