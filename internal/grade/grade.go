// Package grade grades a rep's answer to a card: typed answers against the
// card's key points and never-say phrases, picks and orders exactly.
package grade

import "github.com/playdrill/playdrill/internal/playbook"

// Answer is what the rep gave.
type Answer struct {
	// Text is a typed answer (result, recall, differentiator cards).
	Text string
	// Picks are option indexes for choice and classify cards, or, for an
	// order card, the indexes into Card.Items in the order the rep put them.
	Picks []int
}

// PointResult says whether one key point was hit and by which words.
type PointResult struct {
	Point playbook.KeyPoint
	Hit   bool
	// Words are the words of the answer that hit the point.
	Words []string
}

// Result is a graded answer.
type Result struct {
	Score     float64 // 0..1
	Points    []PointResult
	NeverSaid []string // never-say phrases found in the answer
	Suggested playbook.Rating
}

// Grade grades a against card c.
func Grade(c *playbook.Card, a Answer) Result {
	return Result{Suggested: playbook.Again}
}
