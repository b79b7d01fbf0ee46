package drilltest

import (
	"fmt"

	"github.com/playdrill/playdrill/internal/playbook"
)

// Book returns a small playbook: a marketing process with steps "list" and
// "qualify", a sales process with steps "engage" and "close". Every step
// has a result card and one more card; the steps of each process end with
// the process's order card, and "engage" has differentiator cards naming
// Company X and Company Y.
func Book() *playbook.Playbook {
	b := &playbook.Playbook{Title: "Test playbook", Version: "v1", Competitors: []string{"Company X", "Company Y"}}
	mk := NewCard
	mkt := &playbook.Process{ID: "marketing", Title: "Marketing process"}
	mkt.Steps = []*playbook.Step{
		step("marketing", "list", "Work the list", mk("list-result", playbook.KindResult, "list", "marketing"),
			mk("list-broker", playbook.KindRecall, "list", "marketing")),
		step("marketing", "qualify", "Work inquiries into sales-ready leads", mk("qualify-result", playbook.KindResult, "qualify", "marketing"),
			mk("qualify-which", playbook.KindChoice, "qualify", "marketing")),
	}
	sales := &playbook.Process{ID: "sales", Title: "Sales process"}
	sales.Steps = []*playbook.Step{
		step("sales", "engage", "First encounter", mk("engage-result", playbook.KindResult, "engage", "sales"),
			mk("engage-x", playbook.KindDifferentiator, "engage", "sales"),
			mk("engage-y", playbook.KindDifferentiator, "engage", "sales"),
			mk("engage-classify", playbook.KindClassify, "engage", "sales")),
		step("sales", "close", "Close", mk("close-result", playbook.KindResult, "close", "sales")),
	}
	sales.Steps[0].Cards[1].Competitor = "Company X"
	sales.Steps[0].Cards[2].Competitor = "Company Y"
	b.Processes = []*playbook.Process{mkt, sales}
	for _, p := range b.Processes {
		o := mk(p.ID+"-order", playbook.KindOrder, p.Steps[len(p.Steps)-1].ID, p.ID)
		for _, s := range p.Steps {
			o.Items = append(o.Items, s.Title)
		}
		p.Order = o
		last := p.Steps[len(p.Steps)-1]
		last.Cards = append(last.Cards, o)
	}
	return b
}

func step(proc, id, title string, cards ...*playbook.Card) *playbook.Step {
	return &playbook.Step{ID: id, Title: title, Process: proc, Result: "The result of " + title, Cards: cards}
}

// NewCard returns a card of kind with a prompt, answer and content for its
// kind, and hash "<id>@1".
func NewCard(id string, kind playbook.Kind, step, proc string) *playbook.Card {
	c := &playbook.Card{ID: id, Kind: kind, Step: step, Process: proc, Hash: id + "@1",
		Prompt: "Prompt of " + id, Answer: "Model answer of " + id}
	switch kind {
	case playbook.KindChoice, playbook.KindClassify:
		c.Options = []string{"first option", "second option", "third option"}
		c.Correct = []int{1}
		if kind == playbook.KindClassify {
			c.Why = "because it is"
		}
	case playbook.KindOrder:
	default:
		c.MustMention = []playbook.KeyPoint{{Alternates: []string{"rules of engagement"}}, {Alternates: []string{"sales-ready", "qualified"}}}
		c.NeverSay = []string{"hot leads"}
	}
	return c
}

// Edit changes a card's content hash, as an author's edit would.
func Edit(c *playbook.Card) {
	c.Answer += " (edited)"
	var n int
	fmt.Sscanf(c.Hash[len(c.ID)+1:], "%d", &n)
	c.Hash = fmt.Sprintf("%s@%d", c.ID, n+1)
}

// Large returns a playbook of n steps in one process, each with cards
// cards, for benchmarks.
func Large(n, cards int) *playbook.Playbook {
	p := &playbook.Process{ID: "p", Title: "Process"}
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("s%d", i)
		s := &playbook.Step{ID: id, Title: id, Process: "p"}
		for j := 0; j < cards; j++ {
			s.Cards = append(s.Cards, NewCard(fmt.Sprintf("%s-c%d", id, j), playbook.KindRecall, id, "p"))
		}
		p.Steps = append(p.Steps, s)
	}
	return &playbook.Playbook{Title: "Large", Version: "1", Processes: []*playbook.Process{p}}
}
