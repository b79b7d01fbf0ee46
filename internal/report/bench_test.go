package report

import (
	"bufio"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/playbook"
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
	st := newMemStore()
	st.totals = map[string]playbook.RepTotals{}
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	for r := 0; r < 100; r++ {
		rep := fmt.Sprintf("rep%03d", r)
		st.totals[rep] = playbook.RepTotals{Rep: rep, Attempts: 10000, LastAt: at}
		st.states[rep] = map[string]playbook.CardState{}
		for i, c := range book.Cards() {
			if i%3 == 2 {
				continue
			}
			st.states[rep][c.ID] = playbook.CardState{Card: c.ID, Due: at.Add(time.Duration(i) * time.Hour), Stability: 3, Difficulty: 5,
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
	if st.attemptsCalls != 0 {
		b.Fatalf("the report scanned attempts %d times", st.attemptsCalls)
	}
	b.ReportMetric(float64(work)/float64(floor), "x-floor")
}

// genStore yields n attempts made from a few templates, without holding
// them, for export benchmarks.
type genStore struct {
	*memStore
	n         int
	templates []playbook.Attempt
}

func newGenStore(n int) *genStore {
	g := &genStore{memStore: newMemStore(), n: n}
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	for i := 0; i < 1000; i++ {
		g.templates = append(g.templates, playbook.Attempt{ID: fmt.Sprintf("0b7e6c1e-0000-4000-8000-%012d", i), Rep: fmt.Sprintf("rep%02d", i%50),
			Card: fmt.Sprintf("p1-s%d/c%d", i%8, i%8), Hash: "3f2a9c0b1d7e", Step: fmt.Sprintf("p1-s%d", i%8), Process: "p1",
			Kind: playbook.KindRecall, PlaybookVersion: "2026.11", At: at.Add(time.Duration(i) * time.Minute),
			Response: "The inquiry meets the rules of engagement for a \"sales-ready\" lead; sales has accepted it.",
			Score:    0.875, Suggested: playbook.Good, Rating: playbook.Good, Duration: 12345 * time.Millisecond})
	}
	return g
}

func (g *genStore) Attempts(rep string, fn func(playbook.Attempt) error) error {
	for i := 0; i < g.n; i++ {
		if err := fn(g.templates[i%len(g.templates)]); err != nil {
			return err
		}
	}
	return nil
}

// BenchmarkExportJSONL exports 1,000,000 attempts as JSON lines. The floor
// streams the same attempts from the same store and writes the same bytes,
// encoded beforehand, through the same buffering: no encoding logic.
func BenchmarkExportJSONL(b *testing.B) {
	const n = 1_000_000
	g := newGenStore(n)
	encoded := make([][]byte, len(g.templates))
	for i, a := range g.templates {
		var buf bufferWriter
		one := &genStore{memStore: newMemStore(), n: 1, templates: []playbook.Attempt{a}}
		if _, _, err := ExportJSONL(&buf, one); err != nil {
			b.Fatal(err)
		}
		encoded[i] = buf
	}
	var floor, work time.Duration
	var bytes int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		cw := &countWriter{}
		bw := bufio.NewWriterSize(cw, 64<<10)
		k := 0
		if err := g.Attempts("", func(playbook.Attempt) error {
			_, err := bw.Write(encoded[k%len(encoded)])
			k++
			return err
		}); err != nil {
			b.Fatal(err)
		}
		bw.Flush()
		t1 := time.Now()
		out := &countWriter{}
		if _, _, err := ExportJSONL(out, g); err != nil {
			b.Fatal(err)
		}
		work += time.Since(t1)
		floor += t1.Sub(t0)
		if out.n != cw.n {
			b.Fatalf("export wrote %d bytes, floor %d", out.n, cw.n)
		}
		bytes = out.n
	}
	b.SetBytes(bytes)
	b.ReportMetric(float64(work)/float64(floor), "x-floor")
	b.ReportMetric(float64(work.Nanoseconds())/float64(b.N)/n, "ns/attempt")
}

type bufferWriter []byte

func (w *bufferWriter) Write(p []byte) (int, error) { *w = append(*w, p...); return len(p), nil }

type countWriter struct{ n int64 }

func (w *countWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }
