package grade

import "github.com/playdrill/playdrill/internal/playbook"

// Checker tells which proposed key points model answers make, for many
// answers in a row (a page's worth, when `playdrill draft` proposes key
// points): the stems of their words are worked out once for all of them.
// It is not safe for concurrent use.
type Checker struct {
	memo map[string]string
}

// NewChecker returns a Checker with nothing stemmed yet.
func NewChecker() *Checker { return &Checker{memo: map[string]string{}} }

// Makes grades answer (markdown paragraphs, one per line) once against
// points, as one card's key points, and reports which of them it makes:
// what lint's check of the model answer will find.
func (ch *Checker) Makes(answer string, points []string) []bool {
	hits := make([]bool, len(points))
	if len(points) == 0 {
		return hits
	}
	c := &playbook.Card{Kind: playbook.KindRecall, MustMention: make([]playbook.KeyPoint, len(points))}
	for i, p := range points {
		c.MustMention[i] = playbook.KeyPoint{Alternates: []string{p}}
	}
	k := prepare(c, &stemmer{memo: ch.memo})
	r := k.Grade(Answer{Text: answer}, Options{})
	for i := range hits {
		hits[i] = i < len(r.Points) && r.Points[i].Hit
	}
	return hits
}
