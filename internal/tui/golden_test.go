package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/render"
)

// freshRep is a rep who has never answered a card.
func freshRep(_ *Config, e *fakeEngine) { e.fresh = true }

// withRulesTable gives the first step a rules-of-engagement table whose
// answer column must stay whole.
func withRulesTable(c *Config, _ *fakeEngine) {
	s := c.Book.Processes[0].Steps[0]
	s.Prose += "\n\n### Rules of engagement\n\n| Situation | Category | Why |\n| --- | --- | --- |\n" +
		"| 5,000 contractor names bought from a list broker | list | nobody on it has responded to us |\n" +
		"| Owner asked for a demo before the summer rush, 35 technicians on a whiteboard | sales-ready lead | decision-maker, a problem we solve and a deadline |\n" +
		"| Office manager asked for a demo, owner not involved, no date | inquiry | no decision-maker and no reason to act soon |\n"
}

// TestGoldenViews compares every screen, ANSI stripped, at two sizes with
// testdata/*.golden; run `go test -update` to regenerate them.
func TestGoldenViews(t *testing.T) {
	multiRep := func(c *Config, _ *fakeEngine) { c.RepGiven = false; c.Reps = []string{"ana", "bo"} }
	screens := []struct {
		name string
		opts []harnessOpt
		keys func(hs *harness)
	}{
		{"home", nil, func(hs *harness) {}},
		{"home_filter", nil, func(hs *harness) { hs.key("/"); hs.typeText("in") }},
		{"learn", nil, func(hs *harness) { hs.key("enter") }},
		{"drill_typed", nil, func(hs *harness) { hs.key("d"); hs.typeText("the rules of engagement") }},
		{"drill_graded", nil, func(hs *harness) {
			hs.key("d")
			hs.typeText("the rules of engagement")
			hs.key("enter")
		}},
		{"drill_feedback", nil, func(hs *harness) {
			hs.key("d")
			hs.typeText("x")
			hs.key("enter", "f")
			hs.typeText("prospects laugh")
		}},
		{"drill_choice", nil, func(hs *harness) {
			hs.eng.queue = hs.eng.book.Cards()[2:4]
			hs.key("d", "down", "space")
		}},
		{"drill_classify_graded", nil, func(hs *harness) {
			hs.eng.queue = hs.eng.book.Cards()[3:4]
			hs.key("d", "down", "space", "enter")
		}},
		{"drill_order", nil, func(hs *harness) {
			hs.eng.queue = []*playbook.Card{hs.eng.book.Processes[0].Order}
			hs.key("d")
		}},
		{"summary", nil, func(hs *harness) {
			hs.key("d")
			hs.typeText("rules of engagement")
			hs.key("enter", "3", "esc")
		}},
		{"drill_cloze_graded", nil, func(hs *harness) {
			hs.eng.queue = []*playbook.Card{newKindCard(playbook.KindCloze)}
			hs.key("d")
			hs.typeText("sales-ready leads")
			hs.key("enter")
		}},
		{"drill_objection", nil, func(hs *harness) {
			hs.eng.queue = []*playbook.Card{newKindCard(playbook.KindObjection)}
			hs.key("d")
			hs.typeText("I agree, and ask what a lead that went cold cost them")
		}},
		{"drill_table", nil, func(hs *harness) {
			hs.eng.queue = []*playbook.Card{newKindCard(playbook.KindClassify)}
			hs.key("d", "2")
		}},
		{"progress", nil, func(hs *harness) {
			hs.eng.weakest = []drill.CardReport{{Card: hs.eng.book.Cards()[1], State: playbook.CardState{LastScore: 0.2, LastResponse: "they are hot leads"}}}
			hs.key("p")
		}},
		{"who", []harnessOpt{multiRep}, func(hs *harness) {}},
		{"help", nil, func(hs *harness) { hs.key("?") }},
		{"welcome", []harnessOpt{freshRep}, func(hs *harness) {}},
		{"learn_rules", []harnessOpt{withRulesTable, withRenderer(render.New())}, func(hs *harness) { hs.key("enter") }},
		{"next_step", nil, func(hs *harness) {
			hs.eng.queue = hs.eng.book.Cards()[3:4]
			hs.key("d")
			hs.eng.queue = hs.eng.book.Cards()[4:]
			hs.key("1", "enter", "3")
		}},
		{"drill_confirm_end", nil, func(hs *harness) { hs.key("d"); hs.typeText("half an answer"); hs.key("esc") }},
		{"drill_shown_answer", nil, func(hs *harness) { hs.key("d", "ctrl+o") }},
		{"problems", nil, func(hs *harness) {
			hs.send(reloadedMsg{problems: []string{"playbook.md:12:1: error: step \"Nurture\" has no Result:", "playbook.md:30:5: error: unknown card kind"}})
		}},
		{"too_small", nil, func(hs *harness) { hs.send(tea.WindowSizeMsg{Width: 50, Height: 12}) }},
	}
	for _, size := range []struct{ w, h int }{{80, 24}, {120, 40}} {
		for _, sc := range screens {
			t.Run(sc.name+"_"+itoa(size.w)+"x"+itoa(size.h), func(t *testing.T) {
				hs := newHarness(t, size.w, size.h, sc.opts...)
				sc.keys(hs)
				// One help line, whole: the keys a screen offers fit 80
				// columns.
				lines := strings.Split(strings.TrimRight(hs.screenText(), "\n "), "\n")
				if last := strings.TrimRight(lines[len(lines)-1], " "); strings.HasSuffix(last, "…") {
					t.Errorf("the help line is cut: %q", last)
				}
				golden.RequireEqual(t, hs.screenText())
			})
		}
	}
}

// newKindCard is a card of a kind real handbook pages brought: a cloze, an
// objection, or a row of a table under a question.
func newKindCard(kind playbook.Kind) *playbook.Card {
	c := &playbook.Card{Kind: kind, Step: "qualify", Process: "marketing", Hash: "h"}
	switch kind {
	case playbook.KindCloze:
		c.ID = "qualify/cloze-sales-ready-leads"
		c.Prompt = "Sales works only _____; a bought list goes back to marketing."
		c.Answer = "Sales works only **sales-ready leads**; a bought list goes back to marketing."
		c.MustMention = []playbook.KeyPoint{{Alternates: []string{"sales-ready leads"}}}
	case playbook.KindObjection:
		c.ID = "qualify/obj-we-already-track-leads-in-a"
		c.Prompt = "We already track leads in a spreadsheet."
		c.Answer = "Agree that it works today, then ask what a lead that went cold cost them."
		c.MustMention = []playbook.KeyPoint{{Alternates: []string{"agree"}}, {Alternates: []string{"went cold"}}}
	default:
		c.ID = "qualify/tbl-asked-for-a-trial"
		c.Prompt = "Asked for a trial for ten seats"
		c.Stem = "Which stage is each of these deals in?"
		c.Options = []string{"evaluation", "closed", "discovery"}
		c.Correct = []int{0}
		c.Answer = "evaluation"
		c.Why = "they are testing fit"
	}
	return c
}
