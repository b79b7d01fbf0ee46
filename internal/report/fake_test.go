package report

import (
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/playbook"
)

// memStore is an in-memory playbook.Store for tests.
type memStore struct {
	mu          sync.Mutex
	attempts    []playbook.Attempt
	states      map[string]map[string]playbook.CardState
	completions map[string][]playbook.Completion
	feedback    []playbook.Feedback
	imports     int
	// attemptsCalls counts Attempts scans, so tests can prove a report
	// never scans attempts.
	attemptsCalls int
	// totals, when set, answer Totals instead of counting attempts (as the
	// real store keeps running totals).
	totals map[string]playbook.RepTotals
}

func newMemStore() *memStore {
	return &memStore{states: map[string]map[string]playbook.CardState{}, completions: map[string][]playbook.Completion{}}
}

func (m *memStore) Record(r playbook.Record) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.attempts = append(m.attempts, r.Attempt)
	if r.State != nil {
		if m.states[r.Attempt.Rep] == nil {
			m.states[r.Attempt.Rep] = map[string]playbook.CardState{}
		}
		m.states[r.Attempt.Rep][r.State.Card] = *r.State
	}
	if r.Completion != nil {
		m.completions[r.Attempt.Rep] = append(m.completions[r.Attempt.Rep], *r.Completion)
	}
	return nil
}

func (m *memStore) Reps() ([]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	seen := map[string]bool{}
	for _, a := range m.attempts {
		seen[a.Rep] = true
	}
	for rep := range m.totals {
		seen[rep] = true
	}
	return sortedKeys(seen), nil
}

func (m *memStore) Totals(rep string) (playbook.RepTotals, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if t, ok := m.totals[rep]; ok {
		return t, nil
	}
	t := playbook.RepTotals{Rep: rep}
	for _, a := range m.attempts {
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

func (m *memStore) States(rep string) (map[string]playbook.CardState, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := map[string]playbook.CardState{}
	for k, v := range m.states[rep] {
		out[k] = v
	}
	return out, nil
}

func (m *memStore) Completions(rep string) ([]playbook.Completion, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]playbook.Completion(nil), m.completions[rep]...), nil
}

func (m *memStore) Attempts(rep string, fn func(playbook.Attempt) error) error {
	m.mu.Lock()
	m.attemptsCalls++
	var list []playbook.Attempt
	for _, a := range m.attempts {
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

func (m *memStore) Activity(rep string, from, to time.Time) (map[string]int, error) {
	return map[string]int{}, nil
}

func (m *memStore) AddFeedback(f playbook.Feedback) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.feedback = append(m.feedback, f)
	return nil
}

func (m *memStore) Feedback() ([]playbook.Feedback, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]playbook.Feedback(nil), m.feedback...), nil
}

func (m *memStore) Import(b playbook.ImportBatch) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.imports++
	have := map[string]bool{}
	for _, a := range m.attempts {
		have[a.ID] = true
	}
	added := 0
	for _, a := range b.Attempts {
		if have[a.ID] {
			continue
		}
		have[a.ID] = true
		m.attempts = append(m.attempts, a)
		added++
	}
	for rep, states := range b.States {
		m.states[rep] = map[string]playbook.CardState{}
		for _, s := range states {
			m.states[rep][s.Card] = s
		}
	}
	for rep, cs := range b.Completions {
		m.completions[rep] = append([]playbook.Completion(nil), cs...)
	}
	return added, nil
}

func (m *memStore) Close() error { return nil }

// testBook is a small playbook: two processes, three steps, cards of every
// kind.
func testBook() *playbook.Playbook {
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

// fakeEngine returns fixed progress for a rep.
type fakeEngine struct {
	prog drill.Progress
	weak []drill.CardReport
}

func (f fakeEngine) Progress() (drill.Progress, error) { return f.prog, nil }
func (f fakeEngine) Weakest(n int) ([]drill.CardReport, error) {
	return f.weak[:min(n, len(f.weak))], nil
}

// progressFor builds a rep's progress from a status per step.
func progressFor(book *playbook.Playbook, rep string, statuses map[string]drill.Status, readiness map[string]float64, last time.Time) drill.Progress {
	p := drill.Progress{Rep: rep, LastAt: last}
	var sum float64
	n := 0
	for _, proc := range book.Processes {
		pp := drill.ProcessProgress{Process: proc}
		var psum float64
		for _, s := range proc.Steps {
			st := statuses[s.ID]
			if st == "" {
				st = drill.StatusLocked
			}
			sp := drill.StepProgress{Step: s, Status: st, Readiness: readiness[s.ID]}
			if st != drill.StatusLocked && st != drill.StatusNew {
				sp.Attempts = 3
				sp.LastAt = last
			}
			if st == drill.StatusDone {
				pp.Done++
			}
			psum += sp.Readiness
			pp.Steps = append(pp.Steps, sp)
		}
		pp.Readiness = psum / float64(len(proc.Steps))
		sum += psum
		n += len(proc.Steps)
		p.Processes = append(p.Processes, pp)
	}
	p.Readiness = sum / float64(n)
	return p
}

func mustCard(book *playbook.Playbook, id string) *playbook.Card {
	c, ok := book.Card(id)
	if !ok {
		panic(fmt.Sprintf("no card %s", id))
	}
	return c
}
