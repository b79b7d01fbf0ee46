// Package recordstest gives tests of reports, exports, imports and xAPI an
// in-memory playbook.Store whose contents they can inspect, and a small
// playbook with a card of every kind.
package recordstest

import (
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/playdrill/playdrill/internal/playbook"
)

// Store is an in-memory playbook.Store for tests.
type Store struct {
	mu            sync.Mutex
	AttemptList   []playbook.Attempt
	StateMap      map[string]map[string]playbook.CardState
	CompletionMap map[string][]playbook.Completion
	FeedbackList  []playbook.Feedback
	Imports       int
	// AttemptsCalls counts Attempts scans, so tests can prove a report
	// never scans attempts.
	AttemptsCalls int
	// TotalsMap, when set, answer Totals instead of counting attempts (as the
	// real store keeps running totals).
	TotalsMap map[string]playbook.RepTotals
}

// NewStore returns an empty store.
func NewStore() *Store {
	return &Store{StateMap: map[string]map[string]playbook.CardState{}, CompletionMap: map[string][]playbook.Completion{}}
}

func (m *Store) Record(r playbook.Record) error {
	if r.Seen != nil {
		// As the database does: a record scheduled from states another
		// writer has changed since is refused.
		if t, _ := m.Totals(r.Attempt.Rep); t.Attempts != *r.Seen {
			return playbook.Errorf(playbook.EConflict, "rep %q has %d attempts, not %d", r.Attempt.Rep, t.Attempts, *r.Seen)
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.AttemptList = append(m.AttemptList, r.Attempt)
	if r.State != nil {
		if m.StateMap[r.Attempt.Rep] == nil {
			m.StateMap[r.Attempt.Rep] = map[string]playbook.CardState{}
		}
		m.StateMap[r.Attempt.Rep][r.State.Card] = cloneState(*r.State)
	}
	if r.Completion != nil {
		m.CompletionMap[r.Attempt.Rep] = append(m.CompletionMap[r.Attempt.Rep], *r.Completion)
	}
	return nil
}

func (m *Store) Reps() ([]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	seen := map[string]bool{}
	for _, a := range m.AttemptList {
		seen[a.Rep] = true
	}
	for rep := range m.TotalsMap {
		seen[rep] = true
	}
	out := make([]string, 0, len(seen))
	for rep := range seen {
		out = append(out, rep)
	}
	sort.Strings(out)
	return out, nil
}

func (m *Store) Totals(rep string) (playbook.RepTotals, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if t, ok := m.TotalsMap[rep]; ok {
		return t, nil
	}
	t := playbook.RepTotals{Rep: rep}
	for _, a := range m.AttemptList {
		if a.Rep != rep {
			continue
		}
		t.Attempts++
		t.ScoreSum += a.Score
		if a.Cram {
			t.Cram++
		}
		if t.FirstAt.IsZero() || a.At.Before(t.FirstAt) {
			t.FirstAt = a.At
		}
		if a.At.After(t.LastAt) {
			t.LastAt = a.At
		}
	}
	return t, nil
}

func (m *Store) States(rep string) (map[string]playbook.CardState, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := map[string]playbook.CardState{}
	for k, v := range m.StateMap[rep] {
		out[k] = cloneState(v)
	}
	return out, nil
}

// cloneState copies a state so callers cannot change the store's.
func cloneState(s playbook.CardState) playbook.CardState {
	s.Passed = append([]string(nil), s.Passed...)
	return s
}

func (m *Store) Completions(rep string) ([]playbook.Completion, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]playbook.Completion(nil), m.CompletionMap[rep]...), nil
}

func (m *Store) Attempts(rep string, fn func(playbook.Attempt) error) error {
	m.mu.Lock()
	m.AttemptsCalls++
	var list []playbook.Attempt
	for _, a := range m.AttemptList {
		if rep == "" || a.Rep == rep {
			list = append(list, a)
		}
	}
	m.mu.Unlock()
	sort.SliceStable(list, func(i, j int) bool {
		if list[i].Rep != list[j].Rep {
			return list[i].Rep < list[j].Rep
		}
		return list[i].At.Before(list[j].At)
	})
	for _, a := range list {
		if err := fn(a); err != nil {
			return err
		}
	}
	return nil
}

// Activity counts the rep's attempts per day (UTC) in [from, to].
func (m *Store) Activity(rep string, from, to time.Time) (map[string]int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := map[string]int{}
	for _, a := range m.AttemptList {
		if a.Rep == rep && !a.At.Before(from) && !a.At.After(to) {
			out[a.At.UTC().Format("2006-01-02")]++
		}
	}
	return out, nil
}

func (m *Store) AddFeedback(f playbook.Feedback) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.FeedbackList = append(m.FeedbackList, f)
	return nil
}

func (m *Store) Feedback() ([]playbook.Feedback, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]playbook.Feedback(nil), m.FeedbackList...), nil
}

func (m *Store) Import(b playbook.ImportBatch) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.Imports++
	have := map[string]bool{}
	for _, a := range m.AttemptList {
		have[a.ID] = true
	}
	added := 0
	for _, a := range b.Attempts {
		if have[a.ID] {
			continue
		}
		have[a.ID] = true
		m.AttemptList = append(m.AttemptList, a)
		added++
	}
	for rep, states := range b.States {
		m.StateMap[rep] = map[string]playbook.CardState{}
		for _, s := range states {
			m.StateMap[rep][s.Card] = s
		}
	}
	for rep, cs := range b.Completions {
		m.CompletionMap[rep] = append([]playbook.Completion(nil), cs...)
	}
	return added, nil
}

func (m *Store) Close() error { return nil }

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
