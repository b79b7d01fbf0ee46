package drill

import (
	"time"

	"github.com/playdrill/playdrill/internal/playbook"
)

// A session is the run of cards a rep drills in one sitting. Today's
// session flows: a card rated Again comes back a few cards later (a
// learning step, as in Anki), and when the queue runs out because the
// rep finished a step, the step that opened goes on in the same session,
// up to the session's size.

// DefaultSessionSize is how many cards a session holds at most unless the
// rep sets another size.
const DefaultSessionSize = 30

// AgainGap is how many cards come between a card rated Again and its
// return in the same session.
const AgainGap = 3

// MaxReturns is how often a card rated Again comes back in one session:
// after that it waits for its next review, so a session always ends.
const MaxReturns = 3

// Requeue returns cards with the card at i put back AgainGap cards later,
// or last when fewer follow it.
func Requeue(cards []*playbook.Card, i int) []*playbook.Card {
	if i < 0 || i >= len(cards) {
		return cards
	}
	at := min(i+1+AgainGap, len(cards))
	out := make([]*playbook.Card, 0, len(cards)+1)
	out = append(out, cards[:at]...)
	out = append(out, cards[i])
	return append(out, cards[at:]...)
}

// Unseen keeps the cards of queue not in seen (card ids), in order: what a
// fresh look at today's queue adds to a session under way.
func Unseen(queue []*playbook.Card, seen map[string]bool) []*playbook.Card {
	var out []*playbook.Card
	for _, c := range queue {
		if !seen[c.ID] {
			out = append(out, c)
		}
	}
	return out
}

// DueLaterToday counts the answered cards of open steps that are not due
// yet but fall due before the rep's day ends (at its rollover, 4 am by
// default): Home shows them apart from the cards due now.
func (e *Engine) DueLaterToday() (int, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	states, err := e.current()
	if err != nil {
		return 0, err
	}
	now := e.Now()
	end := dayEnd(e.opt.Day.norm(), now)
	g := newGate(e.opt.Free)
	n := 0
	for _, proc := range e.book.Processes {
		for _, s := range proc.Steps {
			_, f, _ := scanStep(s, states, now, e.opt.PassMark)
			if g.next(s, f) == StatusLocked {
				continue
			}
			for _, c := range s.Cards {
				st, ok := states[c.ID]
				if ok && st.Attempts > 0 && !dueNow(c, st, now) && st.Due.Before(end) {
					n++
				}
			}
		}
	}
	return n, nil
}

// dayEnd is when the rep's day that holds t rolls over.
func dayEnd(d Day, t time.Time) time.Time {
	c := d.clock(t)
	return d.real(time.Date(c.Year(), c.Month(), c.Day()+1, 0, 0, 0, 0, time.UTC))
}
