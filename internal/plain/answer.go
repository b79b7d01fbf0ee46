package plain

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/safe"
)

// answer shows what the rep answers from (options and items in the
// engine's order for this attempt) and reads the answer.
func (s *session) answer(c *playbook.Card) (drill.Answer, action) {
	shown := s.eng.Present(c)
	s.order = shown.Order
	switch c.Kind {
	case playbook.KindChoice, playbook.KindClassify:
		if c.Stem != "" {
			s.out.block(c.Stem, "")
		}
		s.numbered(c.Options, shown.Order)
		return s.readPicks(c, shown.Order)
	case playbook.KindOrder:
		s.numbered(c.Items, shown.Order)
		return s.readOrder(c, shown.Order)
	}
	line, act := s.ask(c, "Answer:")
	return drill.Answer{Text: line}, act
}

// numbered prints items as "1) ..." in the order perm gives (nil: as is).
func (s *session) numbered(items []string, perm []int) {
	for i := range items {
		j := i
		if perm != nil {
			j = perm[i]
		}
		text := strings.ReplaceAll(strings.TrimSpace(safe.Text(items[j])), "\n", " ")
		s.out.line("%d) %s", i+1, text)
	}
}

// readPicks reads one or more option numbers (several only make sense for
// a choice with several right options) and maps them back to options.
func (s *session) readPicks(c *playbook.Card, perm []int) (drill.Answer, action) {
	n := len(perm)
	for {
		line, act := s.ask(c, fmt.Sprintf("Answer [1-%d]:", n))
		if act != actInput {
			return drill.Answer{}, act
		}
		nums, ok := parseNumbers(line, n)
		if ok && len(nums) > 0 {
			for i, v := range nums {
				nums[i] = perm[v-1]
			}
			return drill.Answer{Picks: nums}, actInput
		}
		s.out.line("Please enter an option number from 1 to %d.", n)
	}
}

// readOrder reads the shown numbers in the rep's order and maps them back
// to item indexes.
func (s *session) readOrder(c *playbook.Card, perm []int) (drill.Answer, action) {
	n := len(perm)
	for {
		line, act := s.ask(c, fmt.Sprintf("Order [the numbers 1-%d, first to last, separated by spaces]:", n))
		if act != actInput {
			return drill.Answer{}, act
		}
		nums, ok := parseNumbers(line, n)
		if ok && len(nums) == n {
			picks := make([]int, n)
			for i, v := range nums {
				picks[i] = perm[v-1]
			}
			return drill.Answer{Picks: picks}, actInput
		}
		s.out.line("Please enter each number from 1 to %d once, separated by spaces.", n)
	}
}

// parseNumbers reads distinct numbers in 1..n separated by spaces or commas.
func parseNumbers(line string, n int) ([]int, bool) {
	fields := strings.FieldsFunc(line, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' })
	seen := map[int]bool{}
	var out []int
	for _, f := range fields {
		v, err := strconv.Atoi(f)
		if err != nil || v < 1 || v > n || seen[v] {
			return nil, false
		}
		seen[v] = true
		out = append(out, v)
	}
	return out, true
}

// showResult prints the grade: score, key points, never-say flags, the
// right options or order, and the model answer.
func (s *session) showResult(c *playbook.Card, a drill.Answer, r drill.Result) {
	s.out.line("Score: %s (pass mark %s)", percent(r.Score), percent(s.eng.PassMark()))
	if c.Unwritten() {
		// Its words are the author's note, not points to make.
		s.out.line("Model answer: not written yet (a TODO in the playbook: %s)", strings.TrimSpace(safe.Text(strings.ReplaceAll(c.Answer, "\n", " "))))
		return
	}
	for _, p := range r.Points {
		point := safe.Text(p.Point.Text())
		if p.Hit {
			words := ""
			if len(p.Words) > 0 {
				words = " (" + safe.Text(strings.Join(p.Words, " ")) + ")"
			}
			s.out.line("Hit: %s%s", point, words)
		} else {
			s.out.line("Missed: %s", point)
		}
	}
	for _, n := range r.NeverSaid {
		s.out.line("Never say: %q was in your answer", safe.Text(n))
	}
	switch c.Kind {
	case playbook.KindChoice, playbook.KindClassify:
		// Numbered as shown in this attempt.
		for pos, i := range s.order {
			if slices.Contains(c.Correct, i) && i < len(c.Options) {
				s.out.line("Correct: %d) %s", pos+1, strings.TrimSpace(safe.Text(c.Options[i])))
			}
		}
		if c.Why != "" {
			s.out.line("Why: %s", strings.TrimSpace(safe.Text(c.Why)))
		}
	case playbook.KindOrder:
		s.out.line("Correct order:")
		for i, it := range c.Items {
			s.out.line("  %d. %s", i+1, strings.TrimSpace(safe.Text(it)))
		}
	}
	if strings.TrimSpace(c.Answer) != "" {
		s.out.line("Model answer:")
		s.out.block(c.Answer, "  ")
	}
}
