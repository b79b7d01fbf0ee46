package boltdb

import (
	"bytes"
	"fmt"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/playdrill/playdrill/internal/playbook"
)

// migrations[v] upgrades a file from schema v to the current one.
var migrations = map[int]func(tx *bolt.Tx, loc *time.Location) error{
	1: unnest,
	2: from2,
}

// migrate upgrades the file to schemaVersion within tx, so an interrupted
// upgrade leaves the old file as it was.
func migrate(tx *bolt.Tx, path string, loc *time.Location) error {
	meta := tx.Bucket(bucketMeta)
	from, err := strconv.Atoi(string(meta.Get(keySchema)))
	if err != nil {
		return notStore(path, "its schema version is unreadable")
	}
	step, ok := migrations[from]
	if !ok {
		return playbook.Errorf(playbook.ESchema, "%s has schema version %d, which this playdrill cannot upgrade", path, from)
	}
	if newerLayout(tx, from) {
		return notStore(path, fmt.Sprintf("its schema version says %d, but it holds the current layout: the version was damaged", from))
	}
	if err := step(tx, loc); err != nil {
		return wrap(err)
	}
	return meta.Put(keySchema, encodeSchema(schemaVersion))
}

// The nested layout of schema 1 and early schema 2: reps/<rep>/attempts (time(8) id →
// binary attempt), states (card → JSON), completions (time(8) seq(8) →
// JSON); schema 2 also had ids, activity and totals, all derived.
var (
	oldReps        = []byte("reps")
	oldAttempts    = []byte("attempts")
	oldStates      = []byte("states")
	oldCompletions = []byte("completions")
)

// unnest moves each rep of the nested layout into its own top-level
// bucket, rebuilding the totals from the attempts. This is the
// one place that reads every attempt.
func unnest(tx *bolt.Tx, loc *time.Location) error {
	if _, err := tx.CreateBucketIfNotExists(bucketFeedback); err != nil {
		return err
	}
	reps := tx.Bucket(oldReps)
	if reps == nil {
		return nil
	}
	err := reps.ForEachBucket(func(name []byte) error {
		return unnestRep(tx, reps.Bucket(name), string(name), loc)
	})
	if err != nil {
		return err
	}
	return tx.DeleteBucket(oldReps)
}

func unnestRep(tx *bolt.Tx, old *bolt.Bucket, rep string, loc *time.Location) error {
	rb, err := repBucket(tx, rep)
	if err != nil {
		return err
	}
	if b := old.Bucket(oldAttempts); b != nil {
		err := b.ForEach(func(k, v []byte) error {
			if len(k) < 8 {
				return errCorrupt
			}
			a, err := decodeAttempt(string(k[8:]), rep, v, loc)
			if err != nil {
				return err
			}
			return putAttempt(rb, a)
		})
		if err != nil {
			return err
		}
	}
	if b := old.Bucket(oldStates); b != nil {
		// Copied as they are: the JSON format did not change.
		if err := b.ForEach(func(k, v []byte) error { return rb.Put(stateKey(string(k)), v) }); err != nil {
			return err
		}
	}
	if b := old.Bucket(oldCompletions); b != nil {
		return b.ForEach(func(_, v []byte) error {
			var c playbook.Completion
			if err := getJSON(v, &c); err != nil {
				return err
			}
			_, err := putCompletion(rb, c)
			return err
		})
	}
	return nil
}

// Schema 2's flat layout kept JSON totals under "e" and a count of
// attempts per day under "d" keys in each rep bucket.
const (
	v2Day    = 'd'
	v2Totals = 'e'
)

// totalsV2 is the JSON form of schema 2's running totals.
type totalsV2 struct {
	Attempts int       `json:"n"`
	Cram     int       `json:"cram"`
	ScoreSum float64   `json:"sum"`
	FirstAt  time.Time `json:"first"`
	LastAt   time.Time `json:"last"`
}

// from2 upgrades either flavour of schema 2: the early nested one like
// schema 1, the flat one by re-encoding each rep's totals and dropping
// its day counts, which Activity now reads off the attempt keys.
func from2(tx *bolt.Tx, loc *time.Location) error {
	if tx.Bucket(oldReps) != nil {
		return unnest(tx, loc)
	}
	return eachRep(tx, "", func(rb *bolt.Bucket) error {
		if err := deleteKind(rb, v2Day); err != nil {
			return err
		}
		old := rb.Get([]byte{v2Totals})
		if old == nil {
			return nil
		}
		var t totalsV2
		if err := getJSON(old, &t); err != nil {
			return err
		}
		if err := rb.Delete([]byte{v2Totals}); err != nil {
			return err
		}
		return rb.Put(keyTotals, encodeTotals(totals(t)))
	})
}

// newerLayout reports a file whose top-level buckets do not fit the older
// schema its version names: records already in the current layout, or a
// bucket no playdrill ever made. That is a damaged version number or a
// damaged file, not one to upgrade. Schema 1 and early schema 2 kept only
// meta, feedback and the nested reps; schema 2's flat rep buckets kept no
// binary totals.
func newerLayout(tx *bolt.Tx, from int) bool {
	c := tx.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		switch {
		case v != nil:
			return true // a value where only buckets belong
		case bytes.Equal(k, bucketMeta), bytes.Equal(k, bucketFeedback), bytes.Equal(k, oldReps):
		case from >= 2 && bytes.HasPrefix(k, repPrefix):
			if rb := tx.Bucket(k); rb != nil && rb.Get(keyTotals) != nil {
				return true
			}
		default:
			return true
		}
	}
	return false
}
