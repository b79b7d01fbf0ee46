// Package recordstest gives tests of reports, exports, imports and xAPI an
// in-memory playbook.Store whose contents they can inspect, and a small
// playbook with a card of every kind.
package recordstest

import (
	"fmt"
	"time"

	"github.com/playdrill/playdrill/internal/drill/drilltest"
	"github.com/playdrill/playdrill/internal/playbook"
)

// Store is the in-memory playbook.Store every package's tests share (see
// drilltest): one fake, held to the Store contract.
type Store = drilltest.Store

// NewStore returns an empty store.
func NewStore() *Store { return drilltest.NewStore() }

// Book is a small playbook: two processes, three steps, cards of every
// kind.
func Book() *playbook.Playbook {
	card := func(id string, kind playbook.Kind, step, proc, prompt string) *playbook.Card {
		return &playbook.Card{ID: id, Kind: kind, Step: step, Process: proc, Prompt: prompt, Hash: "h-" + id}
	}
	qualResult := card("qualify/result", playbook.KindResult, "qualify", "marketing", "What is the result of qualifying?")
	qualList := card("qualify/bought-list", playbook.KindRecall, "qualify", "marketing", "Is a bought list a set of leads?")
	qualChoice := card("qualify/sales-ready", playbook.KindChoice, "qualify", "marketing", "Which of these is sales-ready?")
	qualChoice.Options = []string{"Downloaded a white paper", "Asked for a proposal with budget"}
	qualChoice.Correct = []int{1}
	classify := card("qualify/rules-1", playbook.KindClassify, "qualify", "marketing", "5,000 names bought from a broker")
	classify.Options = []string{"list", "inquiry", "sales-ready lead"}
	classify.Correct = []int{0}
	mkt := &playbook.Process{ID: "marketing", Title: "Marketing process"}
	mkt.Steps = []*playbook.Step{{ID: "qualify", Title: "Work inquiries into sales-ready leads", Process: "marketing",
		Cards: []*playbook.Card{qualResult, qualList, qualChoice, classify}}}
	first := card("first-call/result", playbook.KindResult, "first-call", "sales", "What is the result of the first call?")
	diff := card("first-call/company-x", playbook.KindDifferentiator, "first-call", "sales", "How are you different from Company X?")
	diff.Competitor = "Company X"
	closeRes := card("close/result", playbook.KindResult, "close", "sales", "What is the result of the close?")
	order := card("sales/order", playbook.KindOrder, "close", "sales", "Put the sales steps in order")
	order.Items = []string{"First call", "Close"}
	sales := &playbook.Process{ID: "sales", Title: "Sales process", Order: order}
	sales.Steps = []*playbook.Step{
		{ID: "first-call", Title: "First call", Process: "sales", Cards: []*playbook.Card{first, diff}},
		{ID: "close", Title: "Close the deal", Process: "sales", Cards: []*playbook.Card{closeRes, order}},
	}
	return &playbook.Playbook{Title: "Northwind Sales Playbook", Version: "2026.11", Processes: []*playbook.Process{mkt, sales}}
}

// Fixture is a store holding one rep's attempts on cards of every
// kind, and one completion.
func Fixture() *Store {
	st := NewStore()
	at := time.Date(2026, 3, 10, 15, 4, 5, 123456789, time.UTC)
	add := func(id, rep, card, step, proc string, kind playbook.Kind, resp string, score float64, sug, rating playbook.Rating, cram bool) {
		st.AttemptList = append(st.AttemptList, playbook.Attempt{ID: id, Rep: rep, Card: card, Hash: "h-" + card, Step: step, Process: proc,
			Kind: kind, PlaybookVersion: "2026.11", At: at, Response: resp, Score: score, Suggested: sug, Rating: rating,
			Duration: 12345 * time.Millisecond, Cram: cram})
		at = at.Add(time.Minute)
	}
	add("0b7e6c1e-0000-4000-8000-000000000001", "alice", "qualify/result", "qualify", "marketing", playbook.KindResult,
		"The inquiry meets the rules of engagement, \"sales-ready\"\nsecond line", 0.9, playbook.Good, playbook.Good, false)
	add("0b7e6c1e-0000-4000-8000-000000000002", "alice", "qualify/sales-ready", "qualify", "marketing", playbook.KindChoice,
		"Asked for a proposal with budget", 1, playbook.Easy, playbook.Good, false)
	add("0b7e6c1e-0000-4000-8000-000000000003", "alice", "sales/order", "close", "sales", playbook.KindOrder,
		"Close > First call", 0.5, playbook.Hard, playbook.Again, false)
	add("0b7e6c1e-0000-4000-8000-000000000004", "alice", "qualify/rules-1", "qualify", "marketing", playbook.KindClassify,
		"list", 1, playbook.Good, playbook.Good, true)
	add("0b7e6c1e-0000-4000-8000-000000000005", "bob", "gone/card", "gone", "gone", playbook.KindRecall,
		"=SUM(A1)", 0, playbook.Again, playbook.Again, false)
	st.CompletionMap["alice"] = []playbook.Completion{{Rep: "alice", Step: "qualify", Process: "marketing", PlaybookVersion: "2026.11", At: at}}
	return st
}

// Card returns the card id of book, and panics when there is none: a
// fixture that names a missing card is a broken test.
func Card(book *playbook.Playbook, id string) *playbook.Card {
	c, ok := book.Card(id)
	if !ok {
		panic(fmt.Sprintf("no card %s", id))
	}
	return c
}
