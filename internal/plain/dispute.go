package plain

import (
	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/safe"
)

// gradedAnswer is an answer :dispute can be about: graded and being rated
// (attempt empty, asked set by :dispute), or recorded.
type gradedAnswer struct {
	card    *playbook.Card
	result  drill.Result
	attempt playbook.Attempt
	asked   bool // the rep disputed it before rating
	settled bool // disputed already
}

// disputeLine is the one line saying an answer is disputed.
const disputeLine = "Disputed: a manager will review your words; the grade stands until then."

// dispute handles :dispute: at the rating prompt it marks the answer
// being rated, to be disputed once it is recorded; elsewhere it disputes
// the answer recorded last.
func (s *session) dispute() {
	if g := s.graded; g != nil {
		if err := drill.Disputable(g.card, g.result); err != nil {
			s.out.line("Not disputed: %s.", safe.Text(err.Error()))
			return
		}
		g.asked = true
		s.out.line("Dispute noted: it is recorded with your rating.")
		return
	}
	g := s.last
	if g == nil {
		s.out.line("Not disputed: nothing to dispute yet: answer a card first.")
		return
	}
	if g.settled {
		s.out.line("Not disputed: this answer is disputed already.")
		return
	}
	if _, err := s.eng.Dispute(g.card, g.attempt, g.result); err != nil {
		s.out.line("Not disputed: %s.", safe.Text(err.Error()))
		return
	}
	g.settled = true
	s.sum.Disputed++
	s.out.line("%s", disputeLine)
}

// recorded notes the answer just recorded: it says so when the rating made
// it a dispute, or records the dispute the rep asked for while rating.
func (s *session) recorded(g *gradedAnswer, out drill.Outcome) {
	if g == nil {
		return
	}
	g.attempt = out.Attempt
	s.last = g
	switch {
	case drill.Overruled(out, s.eng.PassMark()):
		s.out.line("The grade stands: scheduled as %s. If the card itself is wrong, say so with :flag TEXT.", out.Attempt.Suggested)
	case out.Disputed != nil:
		g.settled = true
		s.sum.Disputed++
		s.out.line("%s", disputeLine)
	case g.asked:
		if _, err := s.eng.Dispute(g.card, g.attempt, g.result); err != nil {
			s.out.line("Not disputed: %s.", safe.Text(err.Error()))
			return
		}
		g.settled = true
		s.sum.Disputed++
		s.out.line("%s", disputeLine)
	}
}
