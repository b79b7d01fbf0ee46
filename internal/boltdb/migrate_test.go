package boltdb

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/playdrill/playdrill/internal/playbook"
)

// writeSchema1 builds a file in the layout of schema 1: meta, and per rep
// attempts, states and completions only; no feedback bucket, no totals,
// no id index, no activity counts.
func writeSchema1(t *testing.T, path string, attempts []playbook.Attempt, corrupt bool) {
	t.Helper()
	writeNested(t, path, 1, attempts, corrupt)
}

// buildFile writes a bbolt file at path in one transaction, as an older
// playdrill would have.
func buildFile(t *testing.T, path string, fn func(*bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(fn); err != nil {
		t.Fatal(err)
	}
}

// writeNested builds a file in the nested layout of schema 1 or 2. For
// schema 2 it adds what that schema had besides: feedback, an id index
// and a stale totals record that the migration must not trust.
func writeNested(t *testing.T, path string, schema int, attempts []playbook.Attempt, corrupt bool) {
	t.Helper()
	buildFile(t, path, func(tx *bolt.Tx) error {
		meta, err := tx.CreateBucket(bucketMeta)
		if err != nil {
			return err
		}
		if err := meta.Put(keyApp, []byte(appID)); err != nil {
			return err
		}
		if err := meta.Put(keySchema, encodeSchema(schema)); err != nil {
			return err
		}
		if schema >= 2 {
			fb, err := tx.CreateBucket(bucketFeedback)
			if err != nil {
				return err
			}
			if err := putJSON(fb, seqKey(0, t0, 1), playbook.Feedback{ID: "f1", Rep: "ana", Card: "c1", At: t0, Text: "kept"}); err != nil {
				return err
			}
		}
		reps, err := tx.CreateBucket(oldReps)
		if err != nil {
			return err
		}
		for _, a := range attempts {
			rb, err := reps.CreateBucketIfNotExists([]byte(a.Rep))
			if err != nil {
				return err
			}
			names := [][]byte{oldAttempts, oldStates, oldCompletions}
			if schema >= 2 {
				names = append(names, []byte("ids"), []byte("activity"))
				if err := rb.Put([]byte("totals"), []byte(`{"n":999}`)); err != nil {
					return err
				}
			}
			for _, name := range names {
				if _, err := rb.CreateBucketIfNotExists(name); err != nil {
					return err
				}
			}
			v := encodeAttempt(a)
			if corrupt {
				v = v[:len(v)/2]
			}
			// The nested layout's attempt key had no kind byte.
			if err := rb.Bucket(oldAttempts).Put(attemptKey(a.At, a.ID)[1:], v); err != nil {
				return err
			}
			if err := putJSON(rb.Bucket(oldStates), []byte(a.Card), playbook.CardState{Card: a.Card, Reps: 1}); err != nil {
				return err
			}
			if a.ID == "old-0" {
				c := playbook.Completion{Rep: a.Rep, Step: "first", At: a.At}
				if err := putJSON(rb.Bucket(oldCompletions), seqKey(0, a.At, 1), c); err != nil {
					return err
				}
			}
			if schema >= 2 {
				if err := rb.Bucket([]byte("ids")).Put([]byte(a.ID), attemptKey(a.At, a.ID)[1:9]); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

func schema1Attempts() []playbook.Attempt {
	var out []playbook.Attempt
	for i := 0; i < 30; i++ {
		rep := []string{"ana", "bo"}[i%2]
		a := attempt(fmt.Sprint("old-", i), rep, fmt.Sprint("c", i%4), t0.Add(time.Duration(i)*3*time.Hour))
		a.Cram = i%5 == 0
		out = append(out, a)
	}
	return out
}

// writeFlat2 builds a file in the flat layout of schema 2: rep buckets as
// today, but with JSON totals under "e" and attempts per day under "d".
func writeFlat2(t *testing.T, path string, attempts []playbook.Attempt) {
	t.Helper()
	buildFile(t, path, func(tx *bolt.Tx) error {
		if err := initLayout(tx); err != nil {
			return err
		}
		if err := tx.Bucket(bucketMeta).Put(keySchema, encodeSchema(2)); err != nil {
			return err
		}
		if err := putJSON(tx.Bucket(bucketFeedback), seqKey(0, t0, 1), playbook.Feedback{ID: "f1", Rep: "ana", Card: "c1", At: t0, Text: "kept"}); err != nil {
			return err
		}
		sums := map[string]*totalsV2{}
		days := map[string]map[string]uint64{}
		for _, a := range attempts {
			rb, err := tx.CreateBucketIfNotExists(repBucketName(a.Rep))
			if err != nil {
				return err
			}
			if err := rb.Put(attemptKey(a.At, a.ID), encodeAttempt(a)); err != nil {
				return err
			}
			if err := putJSON(rb, stateKey(a.Card), playbook.CardState{Card: a.Card, Reps: 1}); err != nil {
				return err
			}
			if a.ID == "old-0" {
				if err := putJSON(rb, seqKey(kindCompletion, a.At, 1), playbook.Completion{Rep: a.Rep, Step: "first", At: a.At}); err != nil {
					return err
				}
			}
			s := sums[a.Rep]
			if s == nil {
				s = &totalsV2{FirstAt: a.At}
				sums[a.Rep], days[a.Rep] = s, map[string]uint64{}
			}
			s.Attempts++
			s.ScoreSum += a.Score
			s.LastAt = a.At
			if a.Cram {
				s.Cram++
			}
			days[a.Rep][a.At.Format(time.DateOnly)]++
		}
		for rep, s := range sums {
			rb := tx.Bucket(repBucketName(rep))
			if err := putJSON(rb, []byte{v2Totals}, s); err != nil {
				return err
			}
			for day, n := range days[rep] {
				if err := rb.Put(append([]byte{v2Day}, day...), binary.AppendUvarint(nil, n)); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

func TestMigrationFromSchema1(t *testing.T) {
	testMigration(t, 1, func(path string, old []playbook.Attempt) { writeNested(t, path, 1, old, false) })
}

func TestMigrationFromNestedSchema2(t *testing.T) {
	testMigration(t, 2, func(path string, old []playbook.Attempt) { writeNested(t, path, 2, old, false) })
}

func TestMigrationFromSchema2(t *testing.T) {
	testMigration(t, 2, func(path string, old []playbook.Attempt) { writeFlat2(t, path, old) })
}

func testMigration(t *testing.T, schema int, write func(path string, old []playbook.Attempt)) {
	path := filepath.Join(t.TempDir(), "progress.db")
	old := schema1Attempts()
	write(path, old)

	// Read-only access cannot upgrade, and says so.
	_, err := Open(path, Options{ReadOnly: true})
	wantCode(t, err, playbook.ESchema)
	if rep, err := Check(path, Options{}); err != nil || rep.Healthy() || rep.Schema != schema {
		t.Errorf("Check of a schema %d file: %+v, %v", schema, rep, err)
	}

	db, err := Open(path, Options{Now: fixedClock(t0)})
	if err != nil {
		t.Fatalf("Open migrating: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Check(); err != nil {
		t.Fatal(err)
	}
	for _, rep := range []string{"ana", "bo"} {
		var want playbook.RepTotals
		want.Rep = rep
		days := map[string]int{}
		for _, a := range old {
			if a.Rep != rep {
				continue
			}
			want.Attempts++
			want.ScoreSum += a.Score
			if a.Cram {
				want.Cram++
			}
			if want.FirstAt.IsZero() {
				want.FirstAt = a.At
			}
			want.LastAt = a.At
			days[a.At.Format(time.DateOnly)]++
		}
		got, err := db.Totals(rep)
		if err != nil {
			t.Fatal(err)
		}
		if got.Attempts != want.Attempts || got.Cram != want.Cram || got.ScoreSum != want.ScoreSum ||
			!got.FirstAt.Equal(want.FirstAt) || !got.LastAt.Equal(want.LastAt) {
			t.Errorf("%s totals after migration %+v, want %+v", rep, got, want)
		}
		act, err := db.Activity(rep, t0.Add(-48*time.Hour), t0.Add(30*24*time.Hour))
		if err != nil || !reflect.DeepEqual(act, days) {
			t.Errorf("%s activity after migration %v, want %v (%v)", rep, act, days, err)
		}
		if states, _ := db.States(rep); len(states) != 2 {
			t.Errorf("%s states after migration: %v", rep, states)
		}
	}
	if comps, err := db.Completions("ana"); err != nil || len(comps) != 1 || comps[0].Step != "first" {
		t.Errorf("completions after migration: %+v, %v", comps, err)
	}
	wantFeedback := 1
	if schema == 1 {
		wantFeedback = 0
	}
	if fb, err := db.Feedback(); err != nil || len(fb) != wantFeedback {
		t.Errorf("feedback after migration: %+v, %v", fb, err)
	}
	// Import dedupes against the old attempts.
	if added, err := db.Import(playbook.ImportBatch{Attempts: old}); err != nil || added != 0 {
		t.Errorf("re-import of migrated attempts: added %d, %v", added, err)
	}
	// Feedback works: its bucket was added.
	if err := db.AddFeedback(playbook.Feedback{Rep: "ana", Card: "c1", Text: "x"}); err != nil {
		t.Errorf("AddFeedback after migration: %v", err)
	}
	db.Close()

	rep, err := Check(path, Options{})
	if err != nil || !rep.Healthy() || rep.Schema != schemaVersion || rep.Attempts != len(old) || rep.Reps != 2 {
		t.Errorf("Check after migration: %+v, %v", rep, err)
	}
}

func TestFailedMigrationLeavesFileAsItWas(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.db")
	writeSchema1(t, path, schema1Attempts(), true)
	before := fileSum(t, path)
	_, err := Open(path, Options{})
	if err == nil {
		t.Fatal("a schema 1 file with damaged attempts migrated")
	}
	wantCode(t, err, playbook.ENotStore)
	if fileSum(t, path) != before {
		t.Error("the failed migration changed the file")
	}
}

func TestNewerSchemaIsRefused(t *testing.T) {
	db, path := newStore(t)
	db.Close()
	raw, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := raw.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keySchema, encodeSchema(schemaVersion+1))
	}); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	before := fileSum(t, path)

	for _, ro := range []bool{false, true} {
		_, err := Open(path, Options{ReadOnly: ro})
		wantCode(t, err, playbook.ESchema)
		msg := err.Error()
		if !strings.Contains(msg, fmt.Sprint("version ", schemaVersion+1)) || !strings.Contains(msg, fmt.Sprint("version ", schemaVersion)) || !strings.Contains(msg, path) {
			t.Errorf("message %q should name the file and both versions", msg)
		}
	}
	if fileSum(t, path) != before {
		t.Error("the refused file changed")
	}
	if rep, err := Check(path, Options{}); err != nil || rep.Healthy() || !strings.Contains(strings.Join(rep.Problems, ""), "newer") {
		t.Errorf("Check of a newer file: %+v, %v", rep, err)
	}
}

// A current file whose schema number was damaged to an older one is
// refused as damaged by doctor and by Open, and never "upgraded".
func TestDamagedSchemaNumberIsNotUpgraded(t *testing.T) {
	for _, claimed := range []string{"1", "2"} {
		t.Run("schema "+claimed, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "progress.db")
			if err := os.WriteFile(path, realDatabase(t, 10), 0o600); err != nil {
				t.Fatal(err)
			}
			raw, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
			if err != nil {
				t.Fatal(err)
			}
			if err := raw.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchema, []byte(claimed)) }); err != nil {
				t.Fatal(err)
			}
			raw.Close()
			before, _ := os.ReadFile(path)

			rep, err := Check(path, Options{Timeout: time.Second})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Healthy() || !strings.Contains(strings.Join(rep.Problems, "\n"), "the version was damaged") {
				t.Errorf("doctor: %v", rep.Problems)
			}
			db, err := Open(path, Options{Timeout: time.Second})
			if err == nil {
				db.Close()
				t.Fatal("Open upgraded a file whose schema number was damaged")
			}
			if playbook.ErrorCode(err) != playbook.ENotStore {
				t.Errorf("Open: %v (code %s)", err, playbook.ErrorCode(err))
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
				t.Error("the file was written to")
			}
		})
	}
}
