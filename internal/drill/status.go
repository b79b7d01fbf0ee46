package drill

import (
	"time"

	"github.com/playdrill/playdrill/internal/playbook"
)

// stepFacts is what a step's card states say about it, before the gate.
type stepFacts struct {
	done    bool // every card passed at its current hash
	reached bool // every card passed at some hash: the step was done once
	changed bool // some card passed at an older hash, not at its current one
	touched bool // some card answered
}

// factsOf gathers a step's facts from states; next, when set, stands for
// the state of the card it belongs to.
func factsOf(s *playbook.Step, states map[string]playbook.CardState, next *playbook.CardState) stepFacts {
	f := stepFacts{done: true, reached: true}
	for _, c := range s.Cards {
		st, ok := states[c.ID]
		if next != nil && next.Card == c.ID {
			st, ok = *next, true
		}
		f.add(c, st, ok)
	}
	return f
}

// add folds one card's state (ok false: none) into the facts.
func (f *stepFacts) add(c *playbook.Card, st playbook.CardState, ok bool) {
	if !ok || st.Attempts == 0 {
		f.done, f.reached = false, false
		return
	}
	f.touched = true
	if st.PassedHash(c.Hash) {
		return
	}
	f.done = false
	if len(st.Passed) == 0 {
		f.reached = false
	} else {
		f.changed = true
	}
}

// baseStatus is a step's status ignoring the gate.
func (f stepFacts) baseStatus() Status {
	switch {
	case f.done:
		return StatusDone
	case f.changed:
		return StatusChanged
	case f.touched:
		return StatusInProgress
	}
	return StatusNew
}

// gate is the onboarding path, walked in playbook order: a step the rep
// has not touched is locked while the step before it has not been reached
// (done, at its current or an older version). So an edit to a finished
// step marks that step changed without shutting the rep out of the steps
// after it, and a step the rep has started stays open. Free lifts it.
// Reference topics are never locked and lock nothing: they are looked up,
// not reached in order.
type gate struct {
	free, prevReached bool
}

func newGate(free bool) gate { return gate{free: free, prevReached: true} }

// next is the status of the next step in playbook order, given its facts.
func (g *gate) next(s *playbook.Step, f stepFacts) Status {
	st := f.baseStatus()
	if s.Reference {
		return st
	}
	if st == StatusNew && !g.prevReached && !g.free {
		st = StatusLocked
	}
	g.prevReached = f.reached
	return st
}

// statuses returns every step's status in playbook order.
func statuses(steps []*playbook.Step, states map[string]playbook.CardState, free bool) []Status {
	out := make([]Status, len(steps))
	g := newGate(free)
	for i, s := range steps {
		out[i] = g.next(s, factsOf(s, states, nil))
	}
	return out
}

// stepBefore is the step in order before steps[i] that gates it, or nil.
func stepBefore(steps []*playbook.Step, i int) *playbook.Step {
	for j := i - 1; j >= 0; j-- {
		if !steps[j].Reference {
			return steps[j]
		}
	}
	return nil
}

// edited reports whether the card was answered at an older version and has
// not been passed at its current one: such a card is due again now.
func edited(c *playbook.Card, st playbook.CardState) bool {
	return st.Attempts > 0 && st.LastHash != c.Hash && !st.PassedHash(c.Hash)
}

// dueNow reports whether an answered card is due at now.
func dueNow(c *playbook.Card, st playbook.CardState, now time.Time) bool {
	if st.Attempts == 0 {
		return false
	}
	return edited(c, st) || !st.Due.After(now)
}
