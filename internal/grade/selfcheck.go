package grade

import (
	"strings"

	"github.com/playdrill/playdrill/internal/playbook"
)

// ModelCheck is a typed card whose own model answer does not grade
// cleanly against it: it misses a key point or says a never-say phrase.
type ModelCheck struct {
	Card   *playbook.Card
	Result Result
	// Missed are the key points the model answer does not make.
	Missed []playbook.KeyPoint
}

// Failing reports whether the model answer fails its own card: it scores
// under the pass mark or says a never-say phrase. A card that passes but
// misses a point is still worth telling the author about.
func (m ModelCheck) Failing() bool {
	return !m.Result.Passed || len(m.Result.NeverSaid) > 0
}

// CheckModelAnswers grades the model answer of every typed card against
// the card itself, as a rep typing it word for word would be graded, and
// returns the cards whose model answer misses a point or says a never-say
// phrase, in the order given. A card graded against its model answer (no
// key points) always passes itself and is skipped.
func CheckModelAnswers(cards []*playbook.Card, o Options) []ModelCheck {
	var out []ModelCheck
	for _, c := range cards {
		if c == nil || !c.Kind.Typed() || len(c.MustMention) == 0 && len(c.NeverSay) == 0 {
			continue
		}
		r := Prepare(c).Grade(Answer{Text: unwrap(c.Answer)}, o)
		var missed []playbook.KeyPoint
		for _, p := range r.Points {
			if !p.Hit {
				missed = append(missed, p.Point)
			}
		}
		if len(missed) > 0 || len(r.NeverSaid) > 0 {
			out = append(out, ModelCheck{Card: c, Result: r, Missed: missed})
		}
	}
	return out
}

// unwrap joins the lines markdown wraps a paragraph over, as a rep typing
// the paragraph would: a line break inside a paragraph is a space, not the
// end of a clause. Paragraphs stay apart.
func unwrap(md string) string {
	paras := strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n\n")
	for i, p := range paras {
		paras[i] = strings.Join(strings.Fields(p), " ")
	}
	return strings.Join(paras, "\n")
}
