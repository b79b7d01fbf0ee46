package drill

import "github.com/playdrill/playdrill/internal/playbook"

// Passed reports whether an attempt passes by playdrill's rule: not a
// cram answer, at or above the pass mark, rated Good or Easy. Records
// for other systems (xAPI's passed, failed and success) ask here.
func Passed(a playbook.Attempt, passMark float64) bool {
	return !a.Cram && passes(a.Score, a.Rating, passMark)
}

// recordedFacts is what the attempt's statements will say of card c, copied so
// a later edit of the playbook cannot reach them.
func recordedFacts(c *playbook.Card, a playbook.Attempt, passMark float64) *playbook.Facts {
	f := &playbook.Facts{Prompt: c.Prompt, Passed: Passed(a, passMark)}
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
