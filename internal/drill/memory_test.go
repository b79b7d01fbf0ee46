package drill

import (
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/drill/drilltest"
	"github.com/playdrill/playdrill/internal/playbook"
)

// countingStore counts the reads of card states.
type countingStore struct {
	*drilltest.Store
	statesReads int
}

func (s *countingStore) States(rep string) (map[string]playbook.CardState, error) {
	s.statesReads++
	return s.Store.States(rep)
}

// An answered card reads no card states back: the engine keeps them for
// the session, and reads them again only after another writer.
func TestAnswersReadNoStatesBack(t *testing.T) {
	book := drilltest.Book()
	store := &countingStore{Store: drilltest.NewStore()}
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	eng := New(book, store, Options{Rep: "ana", Now: clock, Free: true})
	for i, c := range book.Cards() {
		if _, err := eng.Record(c, Answer{Text: "x", Picks: []int{0}}, Result{Score: 1, Suggested: playbook.Good}, playbook.Good, i%4 == 3, time.Second); err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Minute)
	}
	if store.statesReads != 1 {
		t.Fatalf("%d reads of the card states for %d answers, want 1", store.statesReads, len(book.Cards()))
	}
	if _, err := eng.Progress(); err != nil {
		t.Fatal(err)
	}
	if store.statesReads != 1 {
		t.Fatalf("progress read the states again though nothing else wrote")
	}
}

// Two engines on one store for one rep (two drills open at once): the
// second's answer, scheduled from states the first changed, is refused by
// the store and made again on fresh states, so no attempt is lost and the
// card's schedule counts both answers.
func TestSecondWriterReschedulesFromFreshStates(t *testing.T) {
	book := drilltest.Book()
	store := drilltest.NewStore()
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	a := New(book, store, Options{Rep: "ana", Now: clock, Free: true})
	b := New(book, store, Options{Rep: "ana", Now: clock, Free: true})
	c := book.Cards()[0]
	good := Result{Score: 1, Suggested: playbook.Good}
	for _, e := range []*Engine{a, b} { // both load their states
		if _, err := e.Progress(); err != nil {
			t.Fatal(err)
		}
	}
	for i, e := range []*Engine{a, b, a, b} {
		now = now.Add(time.Hour)
		if _, err := e.Record(c, Answer{Text: "x"}, good, playbook.Good, false, time.Second); err != nil {
			t.Fatalf("answer %d: %v", i+1, err)
		}
	}
	states, _ := store.States("ana")
	if got := states[c.ID]; got.Attempts != 4 || got.Reps != 4 {
		t.Fatalf("card state after 4 answers from two drills: %d attempts, %d reps", got.Attempts, got.Reps)
	}
	n := 0
	_ = store.Attempts("ana", func(playbook.Attempt) error { n++; return nil })
	if n != 4 {
		t.Fatalf("%d attempts stored, want 4", n)
	}
}
