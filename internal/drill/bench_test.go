package drill

import (
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/drill/drilltest"
	"github.com/playdrill/playdrill/internal/playbook"
)

// BenchmarkProgress computes Progress on a 5,000-step playbook (three cards
// a step) with a state for every card. Compare Progress with the States
// floor, the store read Progress cannot avoid, in the same run.
func BenchmarkProgress(b *testing.B) {
	book := drilltest.Large(5000, 3)
	store := drilltest.NewStore()
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	states := map[string]playbook.CardState{}
	for i, c := range book.Cards() {
		st := playbook.CardState{Card: c.ID, Attempts: 1, LastAt: now, LastHash: c.Hash, State: 2,
			Stability: 5, Difficulty: 5, LastReview: now.Add(-time.Duration(i%30) * 24 * time.Hour), Due: now.Add(time.Duration(i%20-10) * 24 * time.Hour)}
		if i%4 != 0 {
			st.Passed = []string{c.Hash}
		}
		states[c.ID] = st
	}
	store.SetStates("ana", states)
	eng := New(book, store, Options{Rep: "ana", Now: func() time.Time { return now }})
	b.Run("floor-States", func(b *testing.B) {
		for b.Loop() {
			if _, err := store.States("ana"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Progress", func(b *testing.B) {
		for b.Loop() {
			if _, err := eng.Progress(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
