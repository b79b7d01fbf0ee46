package drill_test

import (
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/boltdb"
	"github.com/playdrill/playdrill/internal/boltdb/bolttest"
	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/drill/drilltest"
	"github.com/playdrill/playdrill/internal/grade"
	"github.com/playdrill/playdrill/internal/playbook"
)

// TestRebuildThroughTheStore drills a month on the real progress database
// with the real grader, then replays the stored attempts: the states and
// completions must match what the database holds, times included.
func TestRebuildThroughTheStore(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.FixedZone("CET", 3600))
	clock := func() time.Time { return now }
	db := bolttest.Open(t, boltdb.Options{Now: clock})
	book := drilltest.Book()
	eng := drill.New(book, db, drill.Options{Rep: "ana", Now: clock})
	for day := 0; day < 30; day++ {
		q, err := eng.Queue(drill.Selection{})
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range q {
			a := grade.Answer{Text: "we keep the rules of engagement for a sales-ready lead"}
			switch c.Kind {
			case playbook.KindChoice, playbook.KindClassify:
				a = grade.Answer{Picks: []int{1}}
			case playbook.KindOrder:
				a = grade.Answer{Picks: []int{}}
				for j := range c.Items {
					a.Picks = append(a.Picks, j)
				}
			}
			r := eng.Grade(c, a)
			rating := r.Suggested
			if i%3 == 2 {
				rating = playbook.Hard
			}
			if _, err := eng.Record(c, a, r, rating, i%5 == 4, time.Second); err != nil {
				t.Fatal(err)
			}
			now = now.Add(time.Minute)
		}
		now = now.Add(24 * time.Hour)
	}
	var attempts []playbook.Attempt
	if err := db.Attempts("ana", func(a playbook.Attempt) error { attempts = append(attempts, a); return nil }); err != nil {
		t.Fatal(err)
	}
	states, comps := drill.Rebuild(book, "ana", attempts, 0)
	stored, _ := db.States("ana")
	if len(states) != len(stored) || len(states) == 0 {
		t.Fatalf("rebuilt %d states, stored %d", len(states), len(stored))
	}
	for _, st := range states {
		if !sameState(st, stored[st.Card]) {
			t.Errorf("card %s:\nrebuilt %+v\nstored  %+v", st.Card, st, stored[st.Card])
		}
	}
	storedComps, _ := db.Completions("ana")
	if len(comps) != len(storedComps) || len(comps) != 4 {
		t.Fatalf("rebuilt %d completions, stored %d, want 4", len(comps), len(storedComps))
	}
	for i := range comps {
		if comps[i].Step != storedComps[i].Step || !comps[i].At.Equal(storedComps[i].At) || comps[i].PlaybookVersion != storedComps[i].PlaybookVersion {
			t.Errorf("completion %d: rebuilt %+v, stored %+v", i, comps[i], storedComps[i])
		}
	}
}

// sameState compares states with times compared as instants (the store
// may hand them back in another location).
func sameState(a, b playbook.CardState) bool {
	if !a.Due.Equal(b.Due) || !a.LastReview.Equal(b.LastReview) || !a.LastAt.Equal(b.LastAt) {
		return false
	}
	if !slices.Equal(a.Passed, b.Passed) {
		return false
	}
	a.Due, a.LastReview, a.LastAt, a.Passed = b.Due, b.LastReview, b.LastAt, b.Passed
	return reflect.DeepEqual(a, b)
}

// BenchmarkProgressBolt is BenchmarkProgress on the real database: Progress
// on a 5,000-step playbook (15,000 card states) against the floor of
// reading the states alone.
func BenchmarkProgressBolt(b *testing.B) {
	book := drilltest.Large(5000, 3)
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	db, err := boltdb.Open(filepath.Join(b.TempDir(), "progress.db"), boltdb.Options{Now: func() time.Time { return now }})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var states []playbook.CardState
	for i, c := range book.Cards() {
		st := playbook.CardState{Card: c.ID, Attempts: 1, LastAt: now, LastHash: c.Hash, State: 2, Stability: 5, Difficulty: 5,
			LastReview: now.Add(-time.Duration(i%30) * 24 * time.Hour), Due: now.Add(time.Duration(i%20-10) * 24 * time.Hour)}
		if i%4 != 0 {
			st.Passed = []string{c.Hash}
		}
		states = append(states, st)
	}
	if _, err := db.Import(playbook.ImportBatch{States: map[string][]playbook.CardState{"ana": states}}); err != nil {
		b.Fatal(err)
	}
	eng := drill.New(book, db, drill.Options{Rep: "ana", Now: func() time.Time { return now }})
	b.Run("floor-States", func(b *testing.B) {
		for b.Loop() {
			if _, err := db.States("ana"); err != nil {
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
