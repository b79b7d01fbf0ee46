package boltdb

import (
	"time"

	"strconv"

	bolt "go.etcd.io/bbolt"

	"github.com/playdrill/playdrill/internal/playbook"
)

// migrations[v] upgrades a file from schema v to v+1.
var migrations = map[int]func(tx *bolt.Tx, loc *time.Location) error{
	1: migrate1to2,
}

// migrate upgrades the file to schemaVersion within tx, so an interrupted
// upgrade leaves the old file as it was.
func migrate(tx *bolt.Tx, path string, loc *time.Location) error {
	meta := tx.Bucket(bucketMeta)
	from, err := strconv.Atoi(string(meta.Get(keySchema)))
	if err != nil {
		return notStore(path, "its schema version is unreadable")
	}
	for v := from; v < schemaVersion; v++ {
		step, ok := migrations[v]
		if !ok {
			return playbook.Errorf(playbook.ESchema, "%s has schema version %d, which this playdrill cannot upgrade", path, v)
		}
		if err := step(tx, loc); err != nil {
			return wrap(err)
		}
	}
	return meta.Put(keySchema, encodeSchema(schemaVersion))
}

// migrate1to2 builds what schema 2 added: the attempt id index, the
// running totals and the per-day activity counts. This is the one place
// that reads every attempt.
func migrate1to2(tx *bolt.Tx, loc *time.Location) error {
	if _, err := tx.CreateBucketIfNotExists(bucketFeedback); err != nil {
		return err
	}
	reps, err := tx.CreateBucketIfNotExists(bucketReps)
	if err != nil {
		return err
	}
	var names [][]byte
	if err := reps.ForEachBucket(func(k []byte) error {
		names = append(names, append([]byte(nil), k...))
		return nil
	}); err != nil {
		return err
	}
	for _, name := range names {
		rb, err := repBucket(tx, string(name))
		if err != nil {
			return err
		}
		// Collect first: putAttempt writes to the bucket being read.
		var all []playbook.Attempt
		if err := rb.Bucket(bucketAttempts).ForEach(func(k, v []byte) error {
			if len(k) < 8 {
				return errCorrupt
			}
			a, err := decodeAttempt(string(k[8:]), string(name), v, loc)
			if err != nil {
				return err
			}
			all = append(all, a)
			return nil
		}); err != nil {
			return err
		}
		if err := rb.Delete(keyTotals); err != nil {
			return err
		}
		for _, a := range all {
			if err := putAttempt(rb, a, loc); err != nil {
				return err
			}
		}
	}
	return nil
}
