package boltdb

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"github.com/playdrill/playdrill/internal/playbook"
)

// Record commits the attempt, the card state, the completion, the rep's
// totals and the day's activity count in one transaction. An empty
// attempt id gets a new UUID and a zero time the store's clock.
func (db *DB) Record(r playbook.Record) error {
	a := r.Attempt
	if a.Rep == "" || a.Card == "" {
		return playbook.Errorf(playbook.EInvalid, "an attempt needs a rep and a card")
	}
	if a.ID == "" {
		a.ID = uuid.NewString()
	}
	if a.At.IsZero() {
		a.At = db.now()
	}
	// Only what an export can carry back is stored.
	if err := playbook.CheckAttempt(a); err != nil {
		return err
	}
	var state *playbook.CardState
	if r.State != nil {
		s := *r.State
		if s.Card == "" {
			s.Card = a.Card
		}
		if s.Card != a.Card {
			return playbook.Errorf(playbook.EInvalid, "the state of card %q came with an attempt on card %q", s.Card, a.Card)
		}
		state = &s
	}
	var done *playbook.Completion
	if r.Completion != nil {
		c := *r.Completion
		if c.Rep == "" {
			c.Rep = a.Rep
		}
		if c.Rep != a.Rep {
			return playbook.Errorf(playbook.EInvalid, "a completion for rep %q came with an attempt by %q", c.Rep, a.Rep)
		}
		if c.At.IsZero() {
			c.At = a.At
		}
		done = &c
	}
	if d := r.Dispute; d != nil && (d.ID == "" || d.Attempt != a.ID || d.Rep != a.Rep || d.Card != a.Card || d.At.IsZero()) {
		return playbook.Errorf(playbook.EInvalid, "a dispute must have an id and name the attempt, rep and card it came with")
	}
	return db.update(func(tx *bolt.Tx) error {
		rb, err := repBucket(tx, a.Rep)
		if err != nil {
			return err
		}
		if r.Seen != nil {
			t, err := getTotals(rb)
			if err != nil {
				return err
			}
			if t.Attempts != *r.Seen {
				return playbook.Errorf(playbook.EConflict, "rep %q has %d attempts, not the %d the new one was scheduled from", a.Rep, t.Attempts, *r.Seen)
			}
		}
		// Ids are UUIDs, so the exact key is the check that costs no
		// index; Import, which merges other files, dedupes by id.
		if rb.Get(attemptKey(a.At, a.ID)) != nil {
			return playbook.Errorf(playbook.EInvalid, "attempt %s is already recorded", a.ID)
		}
		if err := putAttempt(rb, a); err != nil {
			return err
		}
		if err := noteIfLate(tx, rb, a.Rep, attemptKey(a.At, a.ID)); err != nil {
			return err
		}
		if state != nil {
			if err := putJSON(rb, stateKey(state.Card), state); err != nil {
				return err
			}
		}
		if done != nil {
			key, err := putCompletion(rb, *done)
			if err != nil {
				return err
			}
			if err := noteIfLate(tx, rb, a.Rep, key); err != nil {
				return err
			}
		}
		if r.Dispute != nil {
			_, err := putNew(tx, bucketDisputes, r.Dispute.ID, r.Dispute)
			return err
		}
		return nil
	})
}

// repBucket returns the rep's bucket, creating it when needed.
func repBucket(tx *bolt.Tx, rep string) (*bolt.Bucket, error) {
	rb, err := tx.CreateBucketIfNotExists(repBucketName(rep))
	if err != nil {
		return nil, err
	}
	// Attempts mostly arrive in time order, each at the end of the "a"
	// keys, so a split can leave the older leaf nearly full.
	rb.FillPercent = 0.9
	return rb, nil
}

// findRep returns the rep's bucket, or nil for a rep with no progress.
func findRep(tx *bolt.Tx, rep string) *bolt.Bucket {
	return tx.Bucket(repBucketName(rep))
}

// eachKind calls fn for each key of one kind in a rep bucket, in order.
// fn must not write to the bucket.
func eachKind(rb *bolt.Bucket, kind byte, fn func(k, v []byte) error) error {
	c := rb.Cursor()
	for k, v := c.Seek([]byte{kind}); k != nil && k[0] == kind; k, v = c.Next() {
		if err := fn(k, v); err != nil {
			return err
		}
	}
	return nil
}

// deleteKind deletes every key of one kind from a rep bucket.
func deleteKind(rb *bolt.Bucket, kind byte) error {
	var keys [][]byte
	// Collect first: deleting under a cursor can make it skip keys.
	_ = eachKind(rb, kind, func(k, _ []byte) error {
		keys = append(keys, bytes.Clone(k))
		return nil
	})
	for _, k := range keys {
		if err := rb.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// repIDs returns the ids of the rep's stored attempts.
func repIDs(rb *bolt.Bucket) (map[string]bool, error) {
	ids := map[string]bool{}
	err := eachKind(rb, kindAttempt, func(k, _ []byte) error {
		id, ok := attemptID(k)
		if !ok {
			return errCorrupt
		}
		ids[id] = true
		return nil
	})
	return ids, err
}

// putAttempt stores an attempt and counts it in the rep's totals.
func putAttempt(rb *bolt.Bucket, a playbook.Attempt) error {
	if err := rb.Put(attemptKey(a.At, a.ID), encodeAttempt(a)); err != nil {
		return err
	}
	t, err := getTotals(rb)
	if err != nil {
		return err
	}
	rt := t.domain("")
	rt.Count(a)
	return rb.Put(keyTotals, encodeTotals(totalsOf(rt)))
}

// putCompletion stores c and returns its key.
func putCompletion(rb *bolt.Bucket, c playbook.Completion) ([]byte, error) {
	seq, err := rb.NextSequence()
	if err != nil {
		return nil, err
	}
	key := seqKey(kindCompletion, c.At, seq)
	return key, putJSON(rb, key, c)
}

// totals is the stored form of RepTotals; the rep is the bucket's name.
type totals struct {
	Attempts int
	Cram     int
	ScoreSum float64
	FirstAt  time.Time
	LastAt   time.Time
}

// domain is t as the domain type.
func (t totals) domain(rep string) playbook.RepTotals {
	return playbook.RepTotals{Rep: rep, Attempts: t.Attempts, Cram: t.Cram, ScoreSum: t.ScoreSum, FirstAt: t.FirstAt, LastAt: t.LastAt}
}

// totalsOf is the stored form of rt.
func totalsOf(rt playbook.RepTotals) totals {
	return totals{Attempts: rt.Attempts, Cram: rt.Cram, ScoreSum: rt.ScoreSum, FirstAt: rt.FirstAt, LastAt: rt.LastAt}
}

func getTotals(rb *bolt.Bucket) (totals, error) {
	v := rb.Get(keyTotals)
	if v == nil {
		return totals{}, nil
	}
	return decodeTotals(v)
}

func putJSON(b *bolt.Bucket, key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(key, data)
}

// getJSON decodes v; json copies what it keeps, so nothing refers to the
// transaction's memory afterwards.
func getJSON(data []byte, v any) error {
	if err := json.Unmarshal(data, v); err != nil {
		return errCorrupt
	}
	return nil
}

// in shows a stored time in the store's location; zero stays zero.
func (db *DB) in(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.In(db.loc)
}

// Reps lists the reps with any progress, sorted.
func (db *DB) Reps() ([]string, error) {
	var reps []string
	err := db.view(func(tx *bolt.Tx) error {
		c := tx.Cursor()
		for k, _ := c.Seek(repPrefix); k != nil && bytes.HasPrefix(k, repPrefix); k, _ = c.Next() {
			reps = append(reps, string(k[len(repPrefix):]))
		}
		return nil
	})
	sort.Strings(reps)
	return reps, err
}

// Totals returns a rep's running figures. Attempts counts every attempt,
// Cram the cram ones among them.
func (db *DB) Totals(rep string) (playbook.RepTotals, error) {
	var t totals
	err := db.view(func(tx *bolt.Tx) error {
		rb := findRep(tx, rep)
		if rb == nil {
			return nil
		}
		var err error
		t, err = getTotals(rb)
		return err
	})
	rt := t.domain(rep)
	rt.FirstAt, rt.LastAt = db.in(t.FirstAt), db.in(t.LastAt)
	return rt, err
}

// States returns the rep's card states keyed by card id.
func (db *DB) States(rep string) (map[string]playbook.CardState, error) {
	states := map[string]playbook.CardState{}
	err := db.view(func(tx *bolt.Tx) error {
		rb := findRep(tx, rep)
		if rb == nil {
			return nil
		}
		return eachKind(rb, kindState, func(k, v []byte) error {
			var s playbook.CardState
			if err := getJSON(v, &s); err != nil {
				return err
			}
			s.Due, s.LastReview, s.LastAt = db.in(s.Due), db.in(s.LastReview), db.in(s.LastAt)
			states[string(k[1:])] = s
			return nil
		})
	})
	return states, err
}

// Completions returns the rep's step completions in time order.
func (db *DB) Completions(rep string) ([]playbook.Completion, error) {
	var out []playbook.Completion
	err := db.view(func(tx *bolt.Tx) error {
		rb := findRep(tx, rep)
		if rb == nil {
			return nil
		}
		return eachKind(rb, kindCompletion, func(_, v []byte) error {
			var c playbook.Completion
			if err := getJSON(v, &c); err != nil {
				return err
			}
			c.At = db.in(c.At)
			out = append(out, c)
			return nil
		})
	})
	return out, err
}

// attemptChunk is how many attempts Attempts reads per transaction.
const attemptChunk = 512

// Attempts calls fn for each attempt of rep (every rep, one after the
// other, when rep is "") in time order. It reads in chunks and calls fn
// outside any transaction, so fn may take its time or even write.
func (db *DB) Attempts(rep string, fn func(playbook.Attempt) error) error {
	reps := []string{rep}
	if rep == "" {
		var err error
		if reps, err = db.Reps(); err != nil {
			return err
		}
	}
	for _, r := range reps {
		if err := db.repAttempts(r, fn); err != nil {
			return err
		}
	}
	return nil
}

func (db *DB) repAttempts(rep string, fn func(playbook.Attempt) error) error {
	var after []byte
	for {
		batch, last, err := db.readAttempts(rep, after, attemptChunk)
		if err != nil {
			return err
		}
		for _, a := range batch {
			if err := fn(a); err != nil {
				return err
			}
		}
		if len(batch) < attemptChunk {
			return nil
		}
		after = last
	}
}

// readAttempts reads up to n attempts of rep after the key after (from
// the start when nil) and returns them with the last key read.
func (db *DB) readAttempts(rep string, after []byte, n int) ([]playbook.Attempt, []byte, error) {
	var out []playbook.Attempt
	var last []byte
	err := db.view(func(tx *bolt.Tx) error {
		rb := findRep(tx, rep)
		if rb == nil {
			return nil
		}
		c := rb.Cursor()
		var k, v []byte
		if after == nil {
			k, v = c.Seek([]byte{kindAttempt})
		} else if k, v = c.Seek(after); k != nil && bytes.Equal(k, after) {
			k, v = c.Next()
		}
		for ; k != nil && k[0] == kindAttempt && len(out) < n; k, v = c.Next() {
			id, ok := attemptID(k)
			if !ok {
				return errCorrupt
			}
			a, err := decodeAttempt(id, rep, v, db.loc)
			if err != nil {
				return err
			}
			out = append(out, a)
			last = bytes.Clone(k)
		}
		return nil
	})
	return out, last, err
}

// Activity returns the rep's attempts per day (every rep's when rep is
// "") for the days from..to, in the store's clock's location. It counts
// the attempt keys of those days, which begin with their time, without
// reading the attempts.
func (db *DB) Activity(rep string, from, to time.Time) (map[string]int, error) {
	out := map[string]int{}
	lo := attemptKey(startOfDay(from, db.loc), "")
	hi := attemptKey(startOfDay(to, db.loc).AddDate(0, 0, 1), "")
	err := db.view(func(tx *bolt.Tx) error {
		return eachRep(tx, rep, func(rb *bolt.Bucket) error {
			var day string
			var next []byte // the key where the day after day begins
			n := 0          // day's attempts so far
			c := rb.Cursor()
			for k, _ := c.Seek(lo); k != nil && bytes.Compare(k, hi) < 0; k, _ = c.Next() {
				if n == 0 || bytes.Compare(k, next) >= 0 {
					at, ok := keyTime(k)
					if !ok {
						return errCorrupt
					}
					if n > 0 {
						out[day] += n
					}
					start := startOfDay(at, db.loc)
					day, n = start.Format(time.DateOnly), 0
					next = attemptKey(start.AddDate(0, 0, 1), "")
				}
				n++
			}
			if n > 0 {
				out[day] += n
			}
			return nil
		})
	})
	return out, err
}

// startOfDay is midnight of t's day in loc.
func startOfDay(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// eachRep calls fn with the bucket of rep, or of every rep when rep is "".
func eachRep(tx *bolt.Tx, rep string, fn func(*bolt.Bucket) error) error {
	if rep != "" {
		if rb := findRep(tx, rep); rb != nil {
			return fn(rb)
		}
		return nil
	}
	c := tx.Cursor()
	for k, _ := c.Seek(repPrefix); k != nil && bytes.HasPrefix(k, repPrefix); k, _ = c.Next() {
		rb := tx.Bucket(k)
		if rb == nil {
			return errCorrupt // a value where a rep's bucket belongs
		}
		if err := fn(rb); err != nil {
			return err
		}
	}
	return nil
}

// AddFeedback stores feedback on a card. An empty id gets a new UUID and a
// zero time the store's clock.
func (db *DB) AddFeedback(f playbook.Feedback) error {
	if f.Rep == "" || f.Card == "" {
		return playbook.Errorf(playbook.EInvalid, "feedback needs a rep and a card")
	}
	if f.ID == "" {
		f.ID = uuid.NewString()
	}
	if f.At.IsZero() {
		f.At = db.now()
	}
	return db.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketFeedback)
		seq, err := b.NextSequence()
		if err != nil {
			return err
		}
		key := seqKey(0, f.At, seq)
		if err := putJSON(b, key, f); err != nil {
			return err
		}
		return noteIfLate(tx, b, "", key)
	})
}

// Feedback returns all feedback in time order.
func (db *DB) Feedback() ([]playbook.Feedback, error) {
	var out []playbook.Feedback
	err := db.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketFeedback).ForEach(func(_, v []byte) error {
			var f playbook.Feedback
			if err := getJSON(v, &f); err != nil {
				return err
			}
			f.At = db.in(f.At)
			out = append(out, f)
			return nil
		})
	})
	return out, err
}

// Import adds the batch's new attempts (by id) and replaces the states and
// completions of the reps it names, all in one transaction.
func (db *DB) Import(b playbook.ImportBatch) (int, error) {
	for i, a := range b.Attempts {
		if a.ID == "" || a.Rep == "" || a.Card == "" || a.At.IsZero() {
			return 0, playbook.Errorf(playbook.EInvalid, "imported attempt %d needs an id, a rep, a card and a time", i+1)
		}
		if err := playbook.CheckAttempt(a); err != nil {
			return 0, fmt.Errorf("imported attempt %d: %w", i+1, err)
		}
	}
	for rep := range b.States {
		if rep == "" {
			return 0, playbook.Errorf(playbook.EInvalid, "imported card states need a rep")
		}
	}
	for rep := range b.Completions {
		if rep == "" {
			return 0, playbook.Errorf(playbook.EInvalid, "imported completions need a rep")
		}
	}
	added := 0
	err := db.update(func(tx *bolt.Tx) error {
		added = 0 // the transaction may be run only once, but be exact
		// The stored ids of each rep the batch names, read once; ids
		// added from the batch join them, so a repeat in it is skipped.
		seen := map[string]map[string]bool{}
		for _, a := range b.Attempts {
			rb, err := repBucket(tx, a.Rep)
			if err != nil {
				return err
			}
			ids := seen[a.Rep]
			if ids == nil {
				if ids, err = repIDs(rb); err != nil {
					return err
				}
				seen[a.Rep] = ids
			}
			if ids[a.ID] {
				continue
			}
			if err := putAttempt(rb, a); err != nil {
				return err
			}
			if err := noteLate(tx, a.Rep, attemptKey(a.At, a.ID)); err != nil {
				return err
			}
			ids[a.ID] = true
			added++
		}
		for rep, states := range b.States {
			if err := replaceStates(tx, rep, states); err != nil {
				return err
			}
		}
		for rep, done := range b.Completions {
			if err := replaceCompletions(tx, rep, done); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return added, nil
}

func replaceStates(tx *bolt.Tx, rep string, states []playbook.CardState) error {
	rb, err := repBucket(tx, rep)
	if err != nil {
		return err
	}
	if err := deleteKind(rb, kindState); err != nil {
		return err
	}
	for _, s := range states {
		if s.Card == "" {
			return playbook.Errorf(playbook.EInvalid, "an imported card state of %s has no card", rep)
		}
		if err := putJSON(rb, stateKey(s.Card), s); err != nil {
			return err
		}
	}
	return nil
}

func replaceCompletions(tx *bolt.Tx, rep string, done []playbook.Completion) error {
	rb, err := repBucket(tx, rep)
	if err != nil {
		return err
	}
	if err := deleteKind(rb, kindCompletion); err != nil {
		return err
	}
	for _, c := range done {
		c.Rep = rep
		key, err := putCompletion(rb, c)
		if err != nil {
			return err
		}
		if err := noteLate(tx, rep, key); err != nil {
			return err
		}
	}
	return nil
}
