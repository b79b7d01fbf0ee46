package boltdb

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/playdrill/playdrill/internal/playbook"
)

func TestCheckHealthyNewDatabase(t *testing.T) {
	db, path := newStore(t)
	if err := db.Record(playbook.Record{Attempt: attempt("a1", "ana", "c1", t0)}); err != nil {
		t.Fatal(err)
	}
	if err := db.AddFeedback(playbook.Feedback{Rep: "ana", Card: "c1", Text: "x"}); err != nil {
		t.Fatal(err)
	}
	// Check takes a shared lock, so the writer lets go first.
	db.Close()
	rep, err := Check(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Healthy() || rep.Schema != schemaVersion || rep.Reps != 1 || rep.Attempts != 1 || rep.Feedback != 1 || rep.Bytes == 0 {
		t.Errorf("report %+v", rep)
	}
}

func TestCheckFindsDamagedPages(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.db")
	data := realDatabase(t, 2000)
	// Scribble over a few pages in the middle, leaving the meta pages.
	for off := 6 * 4096; off < 9*4096; off++ {
		data[off] = byte(off * 31)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	before := fileSum(t, path)
	rep, err := Check(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Healthy() {
		t.Fatalf("damaged pages passed the check: %+v", rep)
	}
	if fileSum(t, path) != before {
		t.Error("Check changed the file")
	}
}

func TestCheckFindsTotalsThatDisagree(t *testing.T) {
	db, path := newStore(t)
	for _, id := range []string{"a1", "a2"} {
		if err := db.Record(playbook.Record{Attempt: attempt(id, "ana", "c1", t0)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.bolt.Update(func(tx *bolt.Tx) error {
		rb := findRep(tx, "ana")
		if err := rb.Put(keyTotals, encodeTotals(totals{Attempts: 5})); err != nil {
			return err
		}
		// A day count left behind by schema 2.
		if err := rb.Put([]byte("d2025-03-09"), []byte{2}); err != nil {
			return err
		}
		// The same id again at another time, uncounted.
		return rb.Put(attemptKey(t0.Add(time.Hour), "a2"), encodeAttempt(attempt("a2", "ana", "c1", t0)))
	}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	rep, err := Check(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(rep.Problems, "\n")
	for _, want := range []string{"totals count 5 attempts, the file holds 3", "1 attempt id(s) are stored twice", "1 record(s) of a kind this playdrill does not know"} {
		if !strings.Contains(all, want) {
			t.Errorf("problems lack %q:\n%s", want, all)
		}
	}
}
