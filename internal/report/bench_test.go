package report

import (
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/records/recordstest"
)

// benchBook is a playbook of 3 processes x 8 steps x 8 cards.
func benchBook() *playbook.Playbook {
	book := &playbook.Playbook{Title: "Bench", Version: "1"}
	for p := 0; p < 3; p++ {
		proc := &playbook.Process{ID: fmt.Sprintf("p%d", p), Title: fmt.Sprintf("Process %d", p)}
		for s := 0; s < 8; s++ {
			step := &playbook.Step{ID: fmt.Sprintf("p%d-s%d", p, s), Title: fmt.Sprintf("Step %d", s), Process: proc.ID}
			for c := 0; c < 8; c++ {
				step.Cards = append(step.Cards, &playbook.Card{ID: fmt.Sprintf("%s/c%d", step.ID, c), Kind: playbook.KindRecall,
					Step: step.ID, Process: proc.ID, Hash: fmt.Sprintf("h%d", c)})
			}
			proc.Steps = append(proc.Steps, step)
		}
		book.Processes = append(book.Processes, proc)
	}
	return book
}

// BenchmarkReport100Reps reports on 100 reps with 10,000 attempts each. The
// report reads states and running totals only, so its cost does not grow
// with attempts; the floor is reading every rep's states from the store.
func BenchmarkReport100Reps(b *testing.B) {
	book := benchBook()
	st := recordstest.NewStore()
	st.TotalsMap = map[string]playbook.RepTotals{}
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	for r := 0; r < 100; r++ {
		rep := fmt.Sprintf("rep%03d", r)
		st.TotalsMap[rep] = playbook.RepTotals{Rep: rep, Attempts: 10000, LastAt: at}
		st.StateMap[rep] = map[string]playbook.CardState{}
		for i, c := range book.Cards() {
			if i%3 == 2 {
				continue
			}
			st.StateMap[rep][c.ID] = playbook.CardState{Card: c.ID, Due: at.Add(time.Duration(i) * time.Hour), Stability: 3, Difficulty: 5,
				State: 2, Reps: 50, LastReview: at, Attempts: 10000 / 128, LastAt: at, LastScore: 0.9, LastHash: c.Hash, Passed: []string{c.Hash}}
		}
	}
	opt := Options{Now: func() time.Time { return at.Add(72 * time.Hour) }}
	var floor, work time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		reps, _ := st.Reps()
		for _, rep := range reps {
			if _, err := st.States(rep); err != nil {
				b.Fatal(err)
			}
		}
		t1 := time.Now()
		r, err := Build(book, st, nil, opt)
		if err != nil {
			b.Fatal(err)
		}
		if err := WriteTable(io.Discard, r, TableOptions{Width: 100}); err != nil {
			b.Fatal(err)
		}
		work += time.Since(t1)
		floor += t1.Sub(t0)
	}
	if st.AttemptsCalls != 0 {
		b.Fatalf("the report scanned attempts %d times", st.AttemptsCalls)
	}
	b.ReportMetric(float64(work)/float64(floor), "x-floor")
}
