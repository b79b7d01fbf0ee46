// Package storetest is the contract every playbook.Store keeps, as tests:
// the bbolt store and the in-memory stores tests use run the same suite,
// so a fake cannot drift from the real store.
package storetest

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/playbook"
)

// T0 is the suite's clock: stores under test must keep days in UTC.
var T0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// Run runs the contract against stores open makes, an empty one per test;
// open arranges for the store to be closed at the test's cleanup.
func Run(t *testing.T, open func(t *testing.T) playbook.Store) {
	for _, c := range []struct {
		name string
		fn   func(*testing.T, playbook.Store)
	}{
		{"RecordKeepsAttemptStateAndCompletion", recordKeeps},
		{"CramLeavesTheStateAndCounts", cramCounts},
		{"StaleSeenIsRefused", staleSeen},
		{"RepsSortedAndUnknownRepEmpty", repsSorted},
		{"AttemptsInTimeOrderPerRep", attemptsInOrder},
		{"ActivityCountsDays", activityDays},
		{"FeedbackInOrder", feedbackInOrder},
		{"ImportIsIdempotentAndReplacesStates", importIdempotent},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.fn(t, open(t)) // the opener closes it at cleanup
		})
	}
}

// Attempt is an attempt of rep on card, minutes after T0.
func Attempt(n int, rep, card string, minutes int) playbook.Attempt {
	return playbook.Attempt{ID: fmt.Sprintf("00000000-0000-4000-8000-%012d", n), Rep: rep, Card: card, Hash: "h-" + card,
		Step: "s", Process: "p", Kind: playbook.KindRecall, PlaybookVersion: "1", At: T0.Add(time.Duration(minutes) * time.Minute),
		Response: "answer", Score: 0.9, Suggested: playbook.Good, Rating: playbook.Good, Duration: time.Second}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func recordKeeps(t *testing.T, s playbook.Store) {
	a := Attempt(1, "ana", "c1", 0)
	st := playbook.CardState{Card: "c1", Attempts: 1, LastScore: 0.9, LastHash: "h-c1", Passed: []string{"h-c1"}, Due: T0.Add(time.Hour)}
	done := playbook.Completion{Rep: "ana", Step: "s", Process: "p", PlaybookVersion: "1", At: a.At}
	zero := 0
	must(t, s.Record(playbook.Record{Attempt: a, State: &st, Completion: &done, Seen: &zero}))
	tot, err := s.Totals("ana")
	must(t, err)
	if tot.Attempts != 1 || tot.Cram != 0 {
		t.Fatalf("totals %+v after one attempt", tot)
	}
	states, err := s.States("ana")
	must(t, err)
	got := states["c1"]
	if got.Attempts != 1 || got.LastScore != 0.9 || !got.PassedHash("h-c1") || !got.Due.Equal(st.Due) {
		t.Fatalf("state %+v, want %+v", got, st)
	}
	comps, err := s.Completions("ana")
	must(t, err)
	if len(comps) != 1 || comps[0].Step != "s" || !comps[0].At.Equal(a.At) {
		t.Fatalf("completions %+v", comps)
	}
	// What a caller does with what it read does not change the store.
	got.Passed[0] = "changed"
	again, _ := s.States("ana")
	if !again["c1"].PassedHash("h-c1") {
		t.Fatal("a caller changed the store's state through what States returned")
	}
}

func cramCounts(t *testing.T, s playbook.Store) {
	st := playbook.CardState{Card: "c1", Attempts: 1}
	must(t, s.Record(playbook.Record{Attempt: Attempt(1, "ana", "c1", 0), State: &st}))
	cram := Attempt(2, "ana", "c1", 1)
	cram.Cram = true
	must(t, s.Record(playbook.Record{Attempt: cram}))
	tot, err := s.Totals("ana")
	must(t, err)
	if tot.Attempts != 2 || tot.Cram != 1 {
		t.Fatalf("totals %+v, want 2 attempts, 1 cram", tot)
	}
	states, _ := s.States("ana")
	if states["c1"].Attempts != 1 {
		t.Fatalf("a cram attempt changed the state: %+v", states["c1"])
	}
}

func staleSeen(t *testing.T, s playbook.Store) {
	zero := 0
	st := playbook.CardState{Card: "c1", Attempts: 1}
	must(t, s.Record(playbook.Record{Attempt: Attempt(1, "ana", "c1", 0), State: &st, Seen: &zero}))
	err := s.Record(playbook.Record{Attempt: Attempt(2, "ana", "c1", 1), State: &st, Seen: &zero})
	if playbook.ErrorCode(err) != playbook.EConflict {
		t.Fatalf("a record scheduled from stale states: %v, want EConflict", err)
	}
	tot, _ := s.Totals("ana")
	if tot.Attempts != 1 {
		t.Fatalf("the refused record was stored: %d attempts", tot.Attempts)
	}
}

func repsSorted(t *testing.T, s playbook.Store) {
	for i, rep := range []string{"cy", "ana", "bo"} {
		must(t, s.Record(playbook.Record{Attempt: Attempt(i, rep, "c1", i)}))
	}
	reps, err := s.Reps()
	must(t, err)
	if !reflect.DeepEqual(reps, []string{"ana", "bo", "cy"}) {
		t.Fatalf("reps %v", reps)
	}
	tot, err := s.Totals("nobody")
	must(t, err)
	if tot.Attempts != 0 {
		t.Fatalf("totals of an unknown rep %+v", tot)
	}
	states, err := s.States("nobody")
	must(t, err)
	if len(states) != 0 {
		t.Fatalf("states of an unknown rep %v", states)
	}
}

func attemptsInOrder(t *testing.T, s playbook.Store) {
	// Recorded out of time order (a clock put back), read in time order.
	for i, m := range []int{5, 1, 3} {
		must(t, s.Record(playbook.Record{Attempt: Attempt(i, "ana", "c1", m)}))
	}
	must(t, s.Record(playbook.Record{Attempt: Attempt(9, "bo", "c1", 2)}))
	var got []int
	must(t, s.Attempts("ana", func(a playbook.Attempt) error {
		got = append(got, int(a.At.Sub(T0)/time.Minute))
		return nil
	}))
	if !reflect.DeepEqual(got, []int{1, 3, 5}) {
		t.Fatalf("ana's attempts at minutes %v, want 1 3 5", got)
	}
	n := 0
	must(t, s.Attempts("", func(playbook.Attempt) error { n++; return nil }))
	if n != 4 {
		t.Fatalf("every rep's attempts: %d, want 4", n)
	}
	stop := fmt.Errorf("stop")
	if err := s.Attempts("ana", func(playbook.Attempt) error { return stop }); err != stop {
		t.Fatalf("an error from fn: %v, want it back", err)
	}
	var a playbook.Attempt
	must(t, s.Attempts("bo", func(x playbook.Attempt) error { a = x; return nil }))
	want := Attempt(9, "bo", "c1", 2)
	if a.ID != want.ID || a.Response != want.Response || a.Score != want.Score || a.Rating != want.Rating || !a.At.Equal(want.At) || a.Duration != want.Duration {
		t.Fatalf("attempt read back as %+v, want %+v", a, want)
	}
}

func activityDays(t *testing.T, s playbook.Store) {
	for i, m := range []int{0, 10, 24 * 60, 3 * 24 * 60} {
		must(t, s.Record(playbook.Record{Attempt: Attempt(i, "ana", "c1", m)}))
	}
	act, err := s.Activity("ana", T0, T0.Add(2*24*time.Hour))
	must(t, err)
	want := map[string]int{"2026-03-02": 2, "2026-03-03": 1}
	if !reflect.DeepEqual(act, want) {
		t.Fatalf("activity %v, want %v", act, want)
	}
}

func feedbackInOrder(t *testing.T, s playbook.Store) {
	for i, text := range []string{"first", "second"} {
		must(t, s.AddFeedback(playbook.Feedback{ID: fmt.Sprint("f", i), Rep: "ana", Card: "c1", Hash: "h", Step: "s", At: T0.Add(time.Duration(i) * time.Minute), Text: text}))
	}
	fb, err := s.Feedback()
	must(t, err)
	if len(fb) != 2 || fb[0].Text != "first" || fb[1].Text != "second" {
		t.Fatalf("feedback %+v", fb)
	}
}

func importIdempotent(t *testing.T, s playbook.Store) {
	must(t, s.Record(playbook.Record{Attempt: Attempt(1, "ana", "c1", 0)}))
	batch := playbook.ImportBatch{
		Attempts:    []playbook.Attempt{Attempt(1, "ana", "c1", 0), Attempt(2, "ana", "c2", 1), Attempt(3, "bo", "c1", 2)},
		States:      map[string][]playbook.CardState{"ana": {{Card: "c2", Attempts: 1}}},
		Completions: map[string][]playbook.Completion{"ana": {{Rep: "ana", Step: "s", Process: "p", At: T0}}},
	}
	added, err := s.Import(batch)
	must(t, err)
	if added != 2 {
		t.Fatalf("import added %d, want the 2 new attempts", added)
	}
	if added, err = s.Import(batch); err != nil || added != 0 {
		t.Fatalf("importing again added %d (%v), want none", added, err)
	}
	states, _ := s.States("ana")
	if _, ok := states["c2"]; !ok || len(states) != 1 {
		t.Fatalf("imported states did not replace ana's: %v", states)
	}
	tot, _ := s.Totals("bo")
	if tot.Attempts != 1 {
		t.Fatalf("an imported attempt is not counted: %+v", tot)
	}
	comps, _ := s.Completions("ana")
	if len(comps) != 1 {
		t.Fatalf("completions %+v", comps)
	}
}
