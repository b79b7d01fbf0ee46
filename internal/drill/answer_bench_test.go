package drill_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/boltdb"
	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/drill/drilltest"
	"github.com/playdrill/playdrill/internal/playbook"
)

// answerBench is one rep's session on a real progress database that
// already holds the rep's answers to the first `history` cards.
type answerBench struct {
	eng   *drill.Engine
	db    *boltdb.DB
	cards []*playbook.Card
	next  int
}

func newAnswerBench(b *testing.B, dir string, book *playbook.Playbook, history int, now func() time.Time, opt boltdb.Options) *answerBench {
	b.Helper()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, fmt.Sprintf("history-%d.db", history))
	opt.Now = now
	db, err := boltdb.Open(path, opt)
	if err != nil {
		b.Fatal(err)
	}
	cards := book.Cards()
	start := now().Add(-time.Duration(history) * time.Minute)
	var atts []playbook.Attempt
	for i := range history {
		c := cards[i]
		atts = append(atts, playbook.Attempt{ID: fmt.Sprintf("%08x-0000-4000-8000-%012x", i, i), Rep: "ana", Card: c.ID, Hash: c.Hash,
			Step: c.Step, Process: c.Process, Kind: c.Kind, At: start.Add(time.Duration(i) * time.Minute),
			Response: "the rules of engagement", Score: 1, Suggested: playbook.Good, Rating: playbook.Good})
	}
	states, comps := drill.Rebuild(book, "ana", atts, 0)
	if _, err := db.Import(playbook.ImportBatch{Attempts: atts, States: map[string][]playbook.CardState{"ana": states},
		Completions: map[string][]playbook.Completion{"ana": comps}}); err != nil {
		b.Fatal(err)
	}
	ab := &answerBench{db: db, cards: cards, next: history,
		eng: drill.New(book, db, drill.Options{Rep: "ana", Now: now, Free: true})}
	ab.answer(b) // the session's first answer loads what the session keeps
	return ab
}

// answer records a good answer to the next card, going round the cards
// the rep has answered and a few new ones.
func (ab *answerBench) answer(b *testing.B) {
	c := ab.cards[ab.next%len(ab.cards)]
	ab.next++
	a := drill.Answer{Text: "the rules of engagement"}
	r := drill.Result{Score: 1, Passed: true, Suggested: playbook.Good}
	if _, err := ab.eng.Record(c, a, r, playbook.Good, false, time.Second); err != nil {
		b.Fatal(err)
	}
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}

// BenchmarkAnswer times one answered card through the engine and the
// bbolt store (the attempt, the card's new schedule and any completion in
// one fsynced transaction) against the floor of the same disk, an
// overwrite of a 4 KB file and fsync, measured alternately in the same
// loop. It reports the median ratio to the floor for a rep who has
// answered 50 cards and one who has answered 5,000 (targets: 3x each), and
// the ratio of the two (target: 1.2x); and, for the rep with 5,000, the
// cost when the file is locked for each transaction, as the TUI and drills
// do so that other commands can use it meanwhile.
func BenchmarkAnswer(b *testing.B) {
	dir := b.TempDir()
	book := drilltest.Large(2500, 3)
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	now := t0
	clock := func() time.Time { return now }
	small := newAnswerBench(b, dir, book, 50, clock, boltdb.Options{})
	defer small.db.Close()
	large := newAnswerBench(b, dir, book, 5000, clock, boltdb.Options{})
	defer large.db.Close()
	// The TUI and drills lock the file for each transaction (Shared), so
	// that other commands can use it meanwhile.
	shared := newAnswerBench(b, filepath.Join(dir, "shared"), book, 5000, clock, boltdb.Options{Shared: true})
	defer shared.db.Close()
	floor, err := os.OpenFile(filepath.Join(dir, "floor"), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		b.Fatal(err)
	}
	defer floor.Close()
	page := make([]byte, 4096)

	var flo, s50, s5000, sh []time.Duration
	for i := 0; b.Loop(); i++ {
		now = now.Add(time.Second)
		t := time.Now()
		page[0] = byte(i)
		if _, err := floor.WriteAt(page, 0); err != nil {
			b.Fatal(err)
		}
		if err := floor.Sync(); err != nil {
			b.Fatal(err)
		}
		flo = append(flo, time.Since(t))

		t = time.Now()
		small.answer(b)
		s50 = append(s50, time.Since(t))

		t = time.Now()
		large.answer(b)
		s5000 = append(s5000, time.Since(t))

		t = time.Now()
		shared.answer(b)
		sh = append(sh, time.Since(t))
	}
	b.ReportMetric(float64(median(flo).Microseconds()), "floor-µs")
	b.ReportMetric(medianRatio(s50, flo), "x-floor-50")
	b.ReportMetric(medianRatio(s5000, flo), "x-floor-5000")
	b.ReportMetric(medianRatio(s5000, s50), "5000/50")
	b.ReportMetric(medianRatio(sh, flo), "x-floor-shared-5000")
	b.ReportMetric(medianRatio(sh, s5000), "shared/5000")
	b.ReportMetric(0, "ns/op")
}

// medianRatio is the median over the loop's rounds of a[i]/b[i]: each
// round's figures are taken moments apart, so a machine that gets busier
// or quieter during the run moves both.
func medianRatio(a, b []time.Duration) float64 {
	r := make([]float64, len(a))
	for i := range a {
		r[i] = float64(a[i]) / float64(b[i])
	}
	slices.Sort(r)
	return r[len(r)/2]
}
