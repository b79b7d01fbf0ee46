package drill

import (
	"slices"

	"github.com/playdrill/playdrill/internal/playbook"
)

// Passed reports whether an attempt passes by playdrill's rule: not a
// cram answer, at or above the pass mark, rated Good or Easy. Records
// for other systems (xAPI's passed, failed and success) ask here.
func Passed(a playbook.Attempt, passMark float64) bool {
	return !a.Cram && passes(a.Score, a.Rating, passMark)
}

// recordedFacts is what the attempt's statements will say of card c, copied so
// a later edit of the playbook cannot reach them.
func recordedFacts(c *playbook.Card, a playbook.Attempt, passMark float64) *playbook.Facts {
	f := factsOfCard(c)
	f.Passed = Passed(a, passMark)
	return f
}

// factsOfCard is what an attempt's facts keep of card c, but the pass.
func factsOfCard(c *playbook.Card) *playbook.Facts {
	f := &playbook.Facts{Prompt: c.Prompt, Text: &playbook.CardText{NeverSay: slices.Clone(c.NeverSay), Why: c.Why}}
	if c.Kind != playbook.KindOrder {
		f.Text.Answer = c.Answer
	}
	for _, k := range c.MustMention {
		f.Text.Points = append(f.Text.Points, k.String())
	}
	if c.Stem != "" {
		// A row of a table under a question is asked with the question.
		f.Prompt = c.Stem + " " + c.Prompt
	}
	switch c.Kind {
	case playbook.KindChoice, playbook.KindClassify:
		f.Options = append([]string(nil), c.Options...)
		f.Correct = append([]int(nil), c.Correct...)
	case playbook.KindOrder:
		f.Items = append([]string(nil), c.Items...)
	}
	return f
}

// textNeeded reports whether an attempt on card c, whose state before it
// is st, keeps the card's text in its facts: only the rep's first attempt
// at the card's content does (records stay small), which is all another
// machine needs to judge a later edit of that content. A state that a
// minor edit carried over to this content has no attempt at it yet.
func (e *Engine) textNeeded(c *playbook.Card, st playbook.CardState) bool {
	if st.Attempts == 0 || st.LastHash != c.Hash {
		return true
	}
	decisions, _ := e.identities()
	for _, d := range decisions {
		if d.Kind == playbook.IdentityMinor && d.To == c.ID && d.ToHash == c.Hash && !st.LastAt.After(d.At) {
			return true
		}
	}
	return false
}

// withoutText is f without the card's text, in a new value.
func withoutText(f *playbook.Facts) *playbook.Facts {
	if f == nil {
		return nil
	}
	g := *f
	g.Text = nil
	return &g
}
