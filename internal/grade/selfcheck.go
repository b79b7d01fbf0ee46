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
		r := Prepare(c).Grade(Answer{Text: modelTyped(c)}, o)
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

// modelTyped is what a rep who knows the model answer types: the hidden
// words of a cloze card (its paragraph around them is shown, not typed, so
// a "never" before the blank is no denial of the answer), else the model
// answer as written.
func modelTyped(c *playbook.Card) string {
	if c.Kind == playbook.KindCloze && len(c.MustMention) == 1 && len(c.MustMention[0].Alternates) > 0 {
		return c.MustMention[0].Alternates[0]
	}
	return unwrap(c.Answer)
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

// GlossaryClash is a glossary entry that makes two things a card tells
// apart mean the same: two of its key points, or a key point and a
// never-say phrase. With the entry, an answer making one would make both.
type GlossaryClash struct {
	Entry playbook.GlossaryEntry
	Card  *playbook.Card
	// A and B are what the entry makes the same, as the card writes them.
	A, B string
}

// CheckGlossary finds the glossary entries that clash with a card's key
// points, at most one clash per entry.
func CheckGlossary(cards []*playbook.Card) []GlossaryClash {
	var out []GlossaryClash
	done := map[*playbook.GlossaryEntry]bool{}
	for _, c := range cards {
		if c == nil || !c.Kind.Typed() {
			continue
		}
		for i := range c.Glossary {
			e := &c.Glossary[i]
			if done[e] {
				continue
			}
			terms := map[string]bool{stemKey(e.Term): true}
			for _, m := range e.Means {
				terms[stemKey(m)] = true
			}
			if a, b, ok := clash(c, terms); ok {
				done[e] = true
				out = append(out, GlossaryClash{Entry: *e, Card: c, A: a, B: b})
			}
		}
	}
	return out
}

// clash finds two things card c tells apart that are both among terms.
func clash(c *playbook.Card, terms map[string]bool) (string, string, bool) {
	type said struct {
		text  string
		point int // -1 for a never-say phrase
	}
	var in []said
	for i, kp := range c.MustMention {
		for _, alt := range kp.Alternates {
			if terms[stemKey(alt)] {
				in = append(in, said{alt, i})
			}
		}
	}
	for _, ph := range c.NeverSay {
		if terms[stemKey(ph)] {
			in = append(in, said{ph, -1})
		}
	}
	for x := range in {
		for y := x + 1; y < len(in); y++ {
			if in[x].point != in[y].point {
				return in[x].text, in[y].text, true
			}
		}
	}
	return "", "", false
}

// stemKey is text folded and stemmed, words joined by spaces.
func stemKey(s string) string {
	ws, _ := splitWords(s, 0)
	stems := make([]string, len(ws))
	for i, w := range ws {
		stems[i] = w.stem
	}
	return strings.Join(stems, " ")
}

// Makes reports whether a model answer (markdown, as a card holds it)
// makes a key point written as in a playbook, alternates separated by "|":
// a tool proposing key points from an answer keeps only those the answer
// itself makes.
func Makes(answer, point string) bool {
	var kp playbook.KeyPoint
	for alt := range strings.SplitSeq(point, "|") {
		if alt = strings.TrimSpace(alt); alt != "" {
			kp.Alternates = append(kp.Alternates, alt)
		}
	}
	if len(kp.Alternates) == 0 {
		return false
	}
	c := &playbook.Card{Kind: playbook.KindRecall, MustMention: []playbook.KeyPoint{kp}}
	r := Prepare(c).Grade(Answer{Text: unwrap(answer)}, Options{})
	return r.Points[0].Hit
}
