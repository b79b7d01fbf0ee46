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
// Days roll over at the default hour in the local time zone (see Day).
func Rebuild(book *playbook.Playbook, rep string, attempts []playbook.Attempt, passMark float64) ([]playbook.CardState, []playbook.Completion) {
	return rebuild(book, rep, attempts, passMark, Day{})
}

func rebuild(book *playbook.Playbook, rep string, attempts []playbook.Attempt, passMark float64, day Day) ([]playbook.CardState, []playbook.Completion) {
	sorted := make([]playbook.Attempt, 0, len(attempts))
	for _, a := range attempts {
		if a.Rep == rep && !a.Cram {
			sorted = append(sorted, a)
		}
	}
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].At.Before(sorted[j].At) })
	r := NewReplay(book, rep, passMark)
	r.day = day
	for _, a := range sorted {
		r.Add(a)
	}
	return r.Result()
}

// Replay is Rebuild one attempt at a time, for attempts read in time order
// from a store: it holds one state per card, however many attempts pass.
type Replay struct {
	rep      string
	book     *playbook.Playbook
	passMark float64
	day      Day
	stepOf   map[string]*playbook.Step
	states   map[string]playbook.CardState
	seen     map[string]string // card id -> hash of the rep's last attempt
	done     map[string]bool   // step id -> done at the hashes last seen
	comps    []playbook.Completion
}

// NewReplay starts a replay of rep's attempts; a pass mark of 0 means the
// default. Days roll over as Day{} says; Day.NewReplay sets them.
func NewReplay(book *playbook.Playbook, rep string, passMark float64) *Replay {
	if passMark <= 0 {
		passMark = DefaultPassMark
	}
	r := &Replay{rep: rep, book: book, passMark: passMark, stepOf: map[string]*playbook.Step{},
		states: map[string]playbook.CardState{}, seen: map[string]string{}, done: map[string]bool{}}
	for _, s := range book.Steps() {
		r.stepOf[s.ID] = s
	}
	return r
}

// Add replays the next attempt (in time order); other reps' and cram
// attempts are skipped.
func (r *Replay) Add(a playbook.Attempt) {
	if a.Rep != r.rep || a.Cram {
		return
	}
	next, err := applyAttempt(r.states[a.Card], a, r.passMark, r.day)
	if err != nil {
		return // a corrupt attempt cannot move the schedule
	}
	r.states[a.Card] = next
	r.seen[a.Card] = a.Hash
	s := r.stepOf[a.Step]
	if s == nil {
		return
	}
	now := stepDoneAt(s, r.states, r.seen)
	if now && !r.done[s.ID] {
		r.comps = append(r.comps, playbook.Completion{Rep: r.rep, Step: s.ID, Process: s.Process, PlaybookVersion: a.PlaybookVersion, At: a.At})
	}
	r.done[s.ID] = now
}

// Result returns the states in playbook order and the completions in time
// order, as Rebuild does.
func (r *Replay) Result() ([]playbook.CardState, []playbook.Completion) {
	return orderStates(r.book, r.states), r.comps
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

// NewReplay is drill.NewReplay with the rep's day rolling over at d.
func (d Day) NewReplay(book *playbook.Playbook, rep string, passMark float64) *Replay {
	r := NewReplay(book, rep, passMark)
	r.day = d
	return r
}
