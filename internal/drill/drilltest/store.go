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

// Store is the in-memory playbook.Store of every package's tests: it keeps
// the Store contract (storetest), and tests may read and seed its lists
// directly. Fail, when set, is returned by every write, to test how callers
// handle a failed commit.
type Store struct {
	mu            sync.Mutex
	AttemptList   []playbook.Attempt
	StateMap      map[string]map[string]playbook.CardState
	CompletionMap map[string][]playbook.Completion
	FeedbackList  []playbook.Feedback
	// TotalsMap, when it has the rep, answers Totals instead of counting
	// the rep's attempts.
	TotalsMap map[string]playbook.RepTotals
	records   records // disputes, reviews and card identity (records.go)
	Fail      error
	// Records counts calls to Record, committed or not; Imports calls to
	// Import; AttemptsCalls scans of the attempts, so a test can prove a
	// report never scans them.
	Records, Imports, AttemptsCalls int
}

var _ playbook.Store = (*Store)(nil)

// NewStore returns an empty store.
func NewStore() *Store {
	return &Store{
		StateMap:      map[string]map[string]playbook.CardState{},
		CompletionMap: map[string][]playbook.Completion{},
	}
}

// cloneState copies a state so callers cannot alias the store's slices.
func cloneState(s playbook.CardState) playbook.CardState {
	s.Passed = append([]string(nil), s.Passed...)
	return s
}

// totals counts rep's attempts, as the database's running totals do.
// The caller holds s.mu.
func (s *Store) totals(rep string) playbook.RepTotals {
	if t, ok := s.TotalsMap[rep]; ok {
		return t
	}
	t := playbook.RepTotals{Rep: rep}
	for _, a := range s.AttemptList {
		if a.Rep == rep {
			t.Count(a)
		}
	}
	return t
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
	if r.Seen != nil {
		if n := s.totals(a.Rep).Attempts; n != *r.Seen {
			return playbook.Errorf(playbook.EConflict, "rep %q has %d attempts, not %d", a.Rep, n, *r.Seen)
		}
	}
	s.AttemptList = append(s.AttemptList, a)
	if r.State != nil {
		if s.StateMap[a.Rep] == nil {
			s.StateMap[a.Rep] = map[string]playbook.CardState{}
		}
		s.StateMap[a.Rep][r.State.Card] = cloneState(*r.State)
	}
	if r.Completion != nil {
		s.CompletionMap[a.Rep] = append(s.CompletionMap[a.Rep], *r.Completion)
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
	seen := map[string]bool{}
	for _, a := range s.AttemptList {
		seen[a.Rep] = true
	}
	for rep := range s.TotalsMap {
		seen[rep] = true
	}
	reps := make([]string, 0, len(seen))
	for r := range seen {
		reps = append(reps, r)
	}
	sort.Strings(reps)
	return reps, nil
}

// Totals implements playbook.Store.
func (s *Store) Totals(rep string) (playbook.RepTotals, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.totals(rep)
	t.Rep = rep
	return t, nil
}

// States implements playbook.Store.
func (s *Store) States(rep string) (map[string]playbook.CardState, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]playbook.CardState, len(s.StateMap[rep]))
	for k, v := range s.StateMap[rep] {
		out[k] = cloneState(v)
	}
	return out, nil
}

// SetStates replaces a rep's states, to set up a test quickly.
func (s *Store) SetStates(rep string, states map[string]playbook.CardState) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.StateMap[rep] = states
}

// Completions implements playbook.Store.
func (s *Store) Completions(rep string) ([]playbook.Completion, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]playbook.Completion(nil), s.CompletionMap[rep]...), nil
}

// Attempts implements playbook.Store.
func (s *Store) Attempts(rep string, fn func(playbook.Attempt) error) error {
	s.mu.Lock()
	s.AttemptsCalls++
	var all []playbook.Attempt
	for _, a := range s.AttemptList {
		if rep == "" || a.Rep == rep {
			all = append(all, a)
		}
	}
	s.mu.Unlock()
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].Rep != all[j].Rep {
			return all[i].Rep < all[j].Rep
		}
		return all[i].At.Before(all[j].At)
	})
	for _, a := range all {
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
	for _, a := range s.AttemptList {
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
	s.FeedbackList = append(s.FeedbackList, f)
	return nil
}

// Feedback implements playbook.Store.
func (s *Store) Feedback() ([]playbook.Feedback, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]playbook.Feedback(nil), s.FeedbackList...), nil
}

// Import implements playbook.Store.
func (s *Store) Import(b playbook.ImportBatch) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Imports++
	if s.Fail != nil {
		return 0, s.Fail
	}
	have := map[string]bool{}
	for _, a := range s.AttemptList {
		have[a.ID] = true
	}
	added := 0
	for _, a := range b.Attempts {
		if !have[a.ID] {
			s.AttemptList = append(s.AttemptList, a)
			have[a.ID] = true
			added++
		}
	}
	for rep, sts := range b.States {
		m := map[string]playbook.CardState{}
		for _, st := range sts {
			m[st.Card] = cloneState(st)
		}
		s.StateMap[rep] = m
	}
	for rep, cs := range b.Completions {
		s.CompletionMap[rep] = append([]playbook.Completion(nil), cs...)
	}
	return added, nil
}

// Close implements playbook.Store.
func (s *Store) Close() error { return nil }
