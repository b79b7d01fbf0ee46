package records

import (
	"bufio"
	"fmt"
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/records/recordstest"
)

// genStore yields n attempts made from a few templates, without holding
// them, for export benchmarks.
type genStore struct {
	*recordstest.Store
	n         int
	templates []playbook.Attempt
}

func newGenStore(n int) *genStore {
	g := &genStore{Store: recordstest.NewStore(), n: n}
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
		one := &genStore{Store: recordstest.NewStore(), n: 1, templates: []playbook.Attempt{a}}
		if _, err := ExportJSONL(&buf, one); err != nil {
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
		if _, err := ExportJSONL(out, g); err != nil {
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
