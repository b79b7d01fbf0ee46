package boltdb

import (
	"fmt"
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/playbook"
)

// recordLikeDrill records attempt i as a drill would: one of 40 cards,
// with its new state.
func recordLikeDrill(t testing.TB, db *DB, i int) {
	t.Helper()
	a := attempt(fmt.Sprint("id-", i), "ana", fmt.Sprint("card-", i%40), t0.Add(time.Duration(i)*time.Second))
	state := &playbook.CardState{Due: a.At.Add(72 * time.Hour), Stability: 3.2, Difficulty: 5.5, Reps: uint64(i),
		State: 2, LastReview: a.At, Attempts: i, LastAt: a.At, LastScore: a.Score, LastResponse: a.Response,
		LastHash: a.Hash, Passed: []string{a.Hash, "0123456789abcdef"}}
	if err := db.Record(playbook.Record{Attempt: a, State: state}); err != nil {
		t.Fatal(err)
	}
}

// TestRecordWritesFewPages guards the layout's point: each page a Record
// writes goes into its fsync, so a Record on a rep with a few thousand
// attempts writes the root, the rep's branch, the newest attempts' leaf
// (with the totals), the card state's leaf, the freelist and the meta
// page: six. A little slack is left for splits.
func TestRecordWritesFewPages(t *testing.T) {
	db, _ := openTest(t)
	const warm, n = 3000, 200
	for i := 0; i < warm; i++ {
		recordLikeDrill(t, db, i)
	}
	written := func() int64 { s := db.bolt.Stats(); return s.TxStats.GetWrite() }
	before := written()
	for i := warm; i < warm+n; i++ {
		recordLikeDrill(t, db, i)
	}
	perRecord := float64(written()-before) / n
	t.Logf("%.2f pages written per Record", perRecord)
	if perRecord > 6.5 {
		t.Errorf("a Record writes %.2f pages on average, want at most 6.5", perRecord)
	}
}
