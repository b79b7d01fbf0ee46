package drill

import (
	"sort"

	"github.com/playdrill/playdrill/internal/playbook"
)

// Rebuild replays attempts (in time order) into card states and completions,
// as import needs after merging reps' records. Only rep's scheduled attempts
// count (cram attempts and other reps' are skipped); a pass mark of 0 means
// the default. It goes through the same step as Record, so replaying the
// attempts Record stored gives back the states it stored. A step completes
// when every one of its cards is passed at the version the rep last saw
// (the card's current hash if never answered), so completions made on an
// older playbook version are found again. States come out in playbook order
// (cards no longer in the playbook last, by id); completions in time order.
func Rebuild(book *playbook.Playbook, rep string, attempts []playbook.Attempt, passMark float64) ([]playbook.CardState, []playbook.Completion) {
	if passMark <= 0 {
		passMark = DefaultPassMark
	}
	sorted := make([]playbook.Attempt, 0, len(attempts))
	for _, a := range attempts {
		if a.Rep == rep && !a.Cram {
			sorted = append(sorted, a)
		}
	}
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].At.Before(sorted[j].At) })

	stepOf := map[string]*playbook.Step{}
	for _, s := range book.Steps() {
		stepOf[s.ID] = s
	}
	states := map[string]playbook.CardState{}
	seen := map[string]string{} // card id -> hash of the rep's last attempt
	done := map[string]bool{}   // step id -> done at the hashes last seen
	var comps []playbook.Completion
	for _, a := range sorted {
		next, err := applyAttempt(states[a.Card], a, passMark)
		if err != nil {
			continue // a corrupt attempt cannot move the schedule
		}
		states[a.Card] = next
		seen[a.Card] = a.Hash
		s := stepOf[a.Step]
		if s == nil {
			continue
		}
		now := stepDoneAt(s, states, seen)
		if now && !done[s.ID] {
			comps = append(comps, playbook.Completion{Rep: rep, Step: s.ID, Process: s.Process, PlaybookVersion: a.PlaybookVersion, At: a.At})
		}
		done[s.ID] = now
	}
	return orderStates(book, states), comps
}

// stepDoneAt reports whether every card of s is passed at the hash the rep
// last answered it at, or at its current hash when never answered.
func stepDoneAt(s *playbook.Step, states map[string]playbook.CardState, seen map[string]string) bool {
	for _, c := range s.Cards {
		h, ok := seen[c.ID]
		if !ok {
			h = c.Hash
		}
		if !states[c.ID].PassedHash(h) {
			return false
		}
	}
	return true
}

func orderStates(book *playbook.Playbook, states map[string]playbook.CardState) []playbook.CardState {
	out := make([]playbook.CardState, 0, len(states))
	used := map[string]bool{}
	for _, c := range book.Cards() {
		if st, ok := states[c.ID]; ok && !used[c.ID] {
			out = append(out, st)
			used[c.ID] = true
		}
	}
	var rest []string
	for id := range states {
		if !used[id] {
			rest = append(rest, id)
		}
	}
	sort.Strings(rest)
	for _, id := range rest {
		out = append(out, states[id])
	}
	return out
}
