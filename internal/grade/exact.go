package grade

import (
	"slices"

	"github.com/playdrill/playdrill/internal/playbook"
)

// gradeChoice scores 1 when the set of picks is exactly the set of correct
// options and 0 otherwise. There is no partial credit: it would reward
// ticking every box.
func gradeChoice(c *playbook.Card, picks []int) Result {
	r := Result{Options: options(c, picks)}
	if sameSet(picks, c.Correct, len(c.Options)) {
		r.Score = 1
	}
	return r
}

// gradeClassify scores 1 for a single pick of the right category.
func gradeClassify(c *playbook.Card, picks []int) Result {
	r := Result{Options: options(c, picks)}
	if len(picks) == 1 && sameSet(picks, c.Correct, len(c.Options)) {
		r.Score = 1
	}
	return r
}

func options(c *playbook.Card, picks []int) []OptionResult {
	out := make([]OptionResult, len(c.Options))
	for i, o := range c.Options {
		out[i] = OptionResult{Option: o, Picked: slices.Contains(picks, i), Correct: slices.Contains(c.Correct, i)}
	}
	return out
}

// sameSet reports whether picks and correct hold the same option indexes
// (repeats ignored). A pick outside the n options never matches.
func sameSet(picks, correct []int, n int) bool {
	if len(correct) == 0 {
		return false
	}
	for _, p := range picks {
		if p < 0 || p >= n || !slices.Contains(correct, p) {
			return false
		}
	}
	for _, c := range correct {
		if !slices.Contains(picks, c) {
			return false
		}
	}
	return true
}

// gradeOrder scores an order card by its longest correct run: the longest
// stretch of the rep's order in which each item is directly followed by the
// item that follows it in the playbook, divided by the number of items. The
// right order scores 1; a lone item is no run, so an order with no two
// items correctly side by side scores 0. Picks that are not an arrangement
// of every item exactly once score 0.
func gradeOrder(c *playbook.Card, picks []int) Result {
	n := len(c.Items)
	r := Result{}
	if !isPermutation(picks, n) {
		return r
	}
	best, run := 1, 1
	for k := 1; k < n; k++ {
		if picks[k] == picks[k-1]+1 {
			run++
		} else {
			run = 1
		}
		best = max(best, run)
	}
	if best >= 2 || n == 1 {
		r.Score = float64(best) / float64(n)
	}
	r.Items = make([]ItemResult, n)
	for k, p := range picks {
		r.Items[k] = ItemResult{Item: c.Items[p], Correct: p == k}
	}
	return r
}

func isPermutation(picks []int, n int) bool {
	if n == 0 || len(picks) != n {
		return false
	}
	seen := make([]bool, n)
	for _, p := range picks {
		if p < 0 || p >= n || seen[p] {
			return false
		}
		seen[p] = true
	}
	return true
}
