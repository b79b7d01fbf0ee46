package drill

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/playdrill/playdrill/internal/drill/drilltest"
	"github.com/playdrill/playdrill/internal/grade"
	"github.com/playdrill/playdrill/internal/playbook"
)

func TestArrangeIsAPermutationFixedByTheAttempt(t *testing.T) {
	for n := 0; n <= 9; n++ {
		for _, kind := range []playbook.Kind{playbook.KindChoice, playbook.KindClassify, playbook.KindOrder} {
			c := &playbook.Card{ID: "s/c", Kind: kind}
			for i := range n {
				c.Options = append(c.Options, fmt.Sprint(i))
				c.Items = append(c.Items, fmt.Sprint(i))
			}
			seen := map[string]bool{}
			for a := range 40 {
				id := fmt.Sprintf("attempt-%d", a)
				p := Arrange(c, id)
				if !reflect.DeepEqual(p, Arrange(c, id)) {
					t.Fatalf("%s: Arrange(%s) differs between calls", kind, id)
				}
				got := map[int]bool{}
				for _, v := range p {
					if v < 0 || v >= n || got[v] {
						t.Fatalf("%s: Arrange = %v is no permutation of %d", kind, p, n)
					}
					got[v] = true
				}
				if len(p) != n {
					t.Fatalf("%s: %d of %d", kind, len(p), n)
				}
				if kind == playbook.KindOrder && n >= 2 && sorted(p) {
					t.Errorf("order card shown in order: %v", p)
				}
				seen[fmt.Sprint(p)] = true
			}
			// 40 attempts at 4 or more options see many orders, and an
			// option is not always first.
			if n >= 4 && len(seen) < 10 {
				t.Errorf("%s, %d options: only %d orders in 40 attempts", kind, n, len(seen))
			}
		}
	}
	typed := &playbook.Card{ID: "s/t", Kind: playbook.KindCloze}
	if Arrange(typed, "x") != nil {
		t.Error("a typed card has an order")
	}
}

// The attempt Present starts is recorded under its id: the recorded
// attempt says how its options were shown.
func TestPresentedAttemptIsRecordedUnderItsID(t *testing.T) {
	ids := 0
	f := newFixture(t, Options{Free: true, NewID: func() string { ids++; return fmt.Sprintf("id-%d", ids) }})
	c := f.card("qualify-which")
	shown := f.eng.Present(c)
	if shown.Attempt != "id-1" || !reflect.DeepEqual(shown.Order, Arrange(c, "id-1")) {
		t.Fatalf("presentation %+v", shown)
	}
	a := grade.Answer{Picks: []int{shown.Order[0]}}
	out, err := f.eng.Record(c, a, f.eng.Grade(c, a), playbook.Good, false, 0)
	if err != nil {
		t.Fatal(err)
	}
	if out.Attempt.ID != "id-1" || out.Attempt.Response != c.Options[shown.Order[0]] {
		t.Errorf("recorded %+v", out.Attempt)
	}
	// Recorded once, the id is not reused: the next attempt gets its own.
	out, err = f.eng.Record(c, a, f.eng.Grade(c, a), playbook.Good, true, 0)
	if err != nil || out.Attempt.ID != "id-2" {
		t.Errorf("second attempt %q, %v", out.Attempt.ID, err)
	}
}

func TestObjectionsSelection(t *testing.T) {
	f := newFixture(t, Options{})
	if _, err := f.eng.Queue(Selection{Objections: true, Cram: true}); playbook.ErrorCode(err) != playbook.ENotFound || !strings.Contains(err.Error(), "no objection cards") {
		t.Fatalf("no objections: %v", err)
	}
	engage, _ := f.book.Step("engage")
	o := drilltest.NewCard("engage-obj", playbook.KindObjection, "engage", "sales")
	engage.Cards = append(engage.Cards, o)
	f.eng = New(f.book, f.store, Options{Rep: "ana", Now: f.clock.now})
	// Objections of a locked step are crammed too: before a call, a rep
	// rehearses every objection.
	cards, err := f.eng.Queue(Selection{Objections: true, Cram: true})
	if err != nil || len(cards) != 1 || cards[0] != o {
		t.Fatalf("objections: %v %v", cards, err)
	}
	if _, err := f.eng.Queue(Selection{Objections: true, Step: "list"}); playbook.ErrorCode(err) != playbook.ENotFound || !strings.Contains(err.Error(), `step "list" has no objection`) {
		t.Errorf("a step without objections: %v", err)
	}
	f.answerCram("engage-obj", 1, playbook.Good, true)
	if st, _ := f.store.States("ana"); st["engage-obj"].Attempts != 0 {
		t.Errorf("cramming objections changed the schedule: %+v", st["engage-obj"])
	}
}

// A reference topic is never locked and does not lock the step after it.
func TestReferenceTopicsAreNotGated(t *testing.T) {
	f := newFixture(t, Options{})
	b := f.book
	ref := &playbook.Step{ID: "faq", Title: "FAQ", Process: "marketing", Reference: true,
		Cards: []*playbook.Card{drilltest.NewCard("faq-offline", playbook.KindRecall, "faq", "marketing")}}
	mkt := b.Processes[0]
	mkt.Steps = append([]*playbook.Step{mkt.Steps[0], ref}, mkt.Steps[1:]...)
	f.eng = New(b, f.store, Options{Rep: "ana", Now: f.clock.now})
	p, err := f.eng.Progress()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Status{}
	for _, pp := range p.Processes {
		for _, sp := range pp.Steps {
			got[sp.Step.ID] = sp.Status
		}
	}
	if got["faq"] != StatusNew || got["qualify"] != StatusLocked {
		t.Fatalf("statuses %v", got)
	}
	f.answer("list-result", 1, playbook.Good)
	if out := f.answer("list-broker", 1, playbook.Good); out.Opened == nil || out.Opened.ID != "qualify" {
		t.Errorf("finishing the step before a topic opens %+v, want qualify", out.Opened)
	}
	p, _ = f.eng.Progress()
	if s := p.Processes[0].Steps[2]; s.Step.ID != "qualify" || s.Status != StatusNew {
		t.Errorf("the step after a topic stays locked once the step before the topic is done: %+v", s)
	}
	if _, err := f.eng.Queue(Selection{Step: "faq"}); err != nil {
		t.Errorf("a topic is open from the start: %v", err)
	}
}

// A reference topic with no cards (prose to read) counts in no readiness:
// it would hold its process below 100% for ever.
func TestCardlessTopicCountsInNoReadiness(t *testing.T) {
	f := newFixture(t, Options{Free: true})
	mkt := f.book.Processes[0]
	mkt.Steps = append(mkt.Steps, &playbook.Step{ID: "glossary", Title: "Glossary", Process: "marketing", Reference: true})
	f.eng = New(f.book, f.store, Options{Rep: "ana", Free: true, Now: f.clock.now})
	for _, s := range mkt.Steps {
		for _, c := range s.Cards {
			f.answer(c.ID, 1, playbook.Good)
		}
	}
	p, err := f.eng.Progress()
	if err != nil {
		t.Fatal(err)
	}
	if r := p.Processes[0].Readiness; r < 0.9 {
		t.Errorf("marketing readiness %v with every card just passed", r)
	}
}
