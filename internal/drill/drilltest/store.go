// Package drilltest gives tests of the drill engine and its front ends an
// in-memory playbook.Store and small playbooks built in Go, so they run
// without a database file or the markdown parser.
package drilltest

import (
	"sort"
	"sync"
	"time"

	"github.com/playdrill/playdrill/internal/playbook"
)

// Store is an in-memory playbook.Store. Fail, when set, is returned by
// every write, to test how callers handle a failed commit.
type Store struct {
	mu          sync.Mutex
	attempts    []playbook.Attempt
	states      map[string]map[string]playbook.CardState
	completions map[string][]playbook.Completion
	totals      map[string]playbook.RepTotals
	feedback    []playbook.Feedback
	records     records // disputes, reviews and card identity (records.go)
	Fail        error
	// Records counts calls to Record, committed or not.
	Records int
}

var _ playbook.Store = (*Store)(nil)

// NewStore returns an empty store.
func NewStore() *Store {
	return &Store{
		states:      map[string]map[string]playbook.CardState{},
		completions: map[string][]playbook.Completion{},
		totals:      map[string]playbook.RepTotals{},
	}
}

// cloneState copies a state so callers cannot alias the store's slices.
func cloneState(s playbook.CardState) playbook.CardState {
	s.Passed = append([]string(nil), s.Passed...)
	return s
}

// Record implements playbook.Store.
func (s *Store) Record(r playbook.Record) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Records++
	if s.Fail != nil {
		return s.Fail
	}
	a := r.Attempt
	if r.Seen != nil && s.totals[a.Rep].Attempts != *r.Seen {
		return playbook.Errorf(playbook.EConflict, "rep %q has %d attempts, not %d", a.Rep, s.totals[a.Rep].Attempts, *r.Seen)
	}
	s.attempts = append(s.attempts, a)
	t := s.totals[a.Rep]
	t.Rep = a.Rep
	t.Count(a)
	s.totals[a.Rep] = t
	if r.State != nil {
		if s.states[a.Rep] == nil {
			s.states[a.Rep] = map[string]playbook.CardState{}
		}
		s.states[a.Rep][r.State.Card] = cloneState(*r.State)
	}
	if r.Completion != nil {
		s.completions[a.Rep] = append(s.completions[a.Rep], *r.Completion)
	}
	if r.Dispute != nil {
		s.records.addDispute(*r.Dispute)
	}
	return nil
}

// Reps implements playbook.Store.
func (s *Store) Reps() ([]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var reps []string
	for r := range s.totals {
		reps = append(reps, r)
	}
	sort.Strings(reps)
	return reps, nil
}

// Totals implements playbook.Store.
func (s *Store) Totals(rep string) (playbook.RepTotals, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.totals[rep]
	t.Rep = rep
	return t, nil
}

// States implements playbook.Store.
func (s *Store) States(rep string) (map[string]playbook.CardState, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]playbook.CardState, len(s.states[rep]))
	for k, v := range s.states[rep] {
		out[k] = cloneState(v)
	}
	return out, nil
}

// SetStates replaces a rep's states, to set up a test quickly.
func (s *Store) SetStates(rep string, states map[string]playbook.CardState) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.states[rep] = states
}

// Completions implements playbook.Store.
func (s *Store) Completions(rep string) ([]playbook.Completion, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]playbook.Completion(nil), s.completions[rep]...), nil
}

// Attempts implements playbook.Store.
func (s *Store) Attempts(rep string, fn func(playbook.Attempt) error) error {
	s.mu.Lock()
	all := append([]playbook.Attempt(nil), s.attempts...)
	s.mu.Unlock()
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].Rep != all[j].Rep {
			return all[i].Rep < all[j].Rep
		}
		return all[i].At.Before(all[j].At)
	})
	for _, a := range all {
		if rep != "" && a.Rep != rep {
			continue
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	return nil
}

// Activity implements playbook.Store (days in UTC).
func (s *Store) Activity(rep string, from, to time.Time) (map[string]int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]int{}
	for _, a := range s.attempts {
		if a.Rep == rep && !a.At.Before(from) && !a.At.After(to) {
			out[a.At.UTC().Format("2006-01-02")]++
		}
	}
	return out, nil
}

// AddFeedback implements playbook.Store.
func (s *Store) AddFeedback(f playbook.Feedback) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Fail != nil {
		return s.Fail
	}
	s.feedback = append(s.feedback, f)
	return nil
}

// Feedback implements playbook.Store.
func (s *Store) Feedback() ([]playbook.Feedback, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]playbook.Feedback(nil), s.feedback...), nil
}

// Import implements playbook.Store.
func (s *Store) Import(b playbook.ImportBatch) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Fail != nil {
		return 0, s.Fail
	}
	have := map[string]bool{}
	for _, a := range s.attempts {
		have[a.ID] = true
	}
	added := 0
	for _, a := range b.Attempts {
		if !have[a.ID] {
			s.attempts = append(s.attempts, a)
			have[a.ID] = true
			added++
			// As the database does, an imported attempt counts in its
			// rep's totals (and so makes the rep known).
			t := s.totals[a.Rep]
			t.Rep = a.Rep
			t.Count(a)
			s.totals[a.Rep] = t
		}
	}
	for rep, sts := range b.States {
		m := map[string]playbook.CardState{}
		for _, st := range sts {
			m[st.Card] = cloneState(st)
		}
		s.states[rep] = m
	}
	for rep, cs := range b.Completions {
		s.completions[rep] = append([]playbook.Completion(nil), cs...)
	}
	return added, nil
}

// Close implements playbook.Store.
func (s *Store) Close() error { return nil }
