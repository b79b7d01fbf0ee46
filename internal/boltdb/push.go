package boltdb

import (
	"bytes"
	"encoding/binary"
	"encoding/json"

	bolt "go.etcd.io/bbolt"

	"github.com/playdrill/playdrill/internal/playbook"
)

// What pushes to learning record stores have sent, without a scan of
// what was sent before:
//
//	pushed    endpoint → JSON pushMark
//	late      seq(8)   → kind(1) rep 0x00 key, or 'f' key for feedback
//
// A push sends, per rep, the attempts and completions after the keys its
// mark holds, the feedback after the mark's feedback key, and the late
// entries after the mark's sequence. Records mostly arrive at the end of
// their kind's keys (their time is now), so the marks cover them; one
// written behind the last key of its kind (an import, a clock set back,
// rebuilt completions) is also listed under late, so no push misses it.
// A resent record is harmless: its statements are identical.
var (
	bucketPushed = []byte("pushed")
	bucketLate   = []byte("late")
)

const kindFeedbackRef = 'f'

type pushMark struct {
	Reps     map[string]repMark `json:"reps,omitempty"`
	Feedback []byte             `json:"feedback,omitempty"`
	Late     uint64             `json:"late,omitempty"`
}

type repMark struct {
	Attempt    []byte `json:"a,omitempty"`
	Completion []byte `json:"c,omitempty"`
}

var _ playbook.Pusher = (*DB)(nil)

// isLast reports whether key is the last key of its kind (its first
// byte; 0 for a bucket of one kind) in b.
func isLast(b *bolt.Bucket, key []byte, kind byte) bool {
	c := b.Cursor()
	k, _ := c.Seek(key)
	if k == nil || !bytes.Equal(k, key) {
		return false
	}
	k, _ = c.Next()
	return k == nil || (kind != 0 && k[0] != kind)
}

// noteIfLate lists a record written at key of rep's bucket (rep "" for
// the feedback bucket) under late when it is not the last of its kind.
func noteIfLate(tx *bolt.Tx, b *bolt.Bucket, rep string, key []byte) error {
	kind := key[0]
	if rep == "" {
		kind = 0
	}
	if isLast(b, key, kind) {
		return nil
	}
	return noteLate(tx, rep, key)
}

func noteLate(tx *bolt.Tx, rep string, key []byte) error {
	lb, err := tx.CreateBucketIfNotExists(bucketLate)
	if err != nil {
		return err
	}
	seq, err := lb.NextSequence()
	if err != nil {
		return err
	}
	var ref []byte
	if rep == "" {
		ref = append([]byte{kindFeedbackRef}, key...)
	} else {
		ref = append(append(append([]byte{key[0]}, rep...), 0), key...)
	}
	return lb.Put(binary.BigEndian.AppendUint64(nil, seq), ref)
}

// PushMark returns the mark saved for endpoint, nil if none.
func (db *DB) PushMark(endpoint string) ([]byte, error) {
	var mark []byte
	err := db.view(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketPushed); b != nil {
			mark = bytes.Clone(b.Get([]byte(endpoint)))
		}
		return nil
	})
	return mark, err
}

// SetPushMark saves endpoint's mark.
func (db *DB) SetPushMark(endpoint string, mark []byte) error {
	return db.update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketPushed)
		if err != nil {
			return err
		}
		return b.Put([]byte(endpoint), mark)
	})
}

// Unsent calls fn with each record added after mark, reading in chunks
// and calling fn outside any transaction, and returns the new mark.
func (db *DB) Unsent(mark []byte, fn func(playbook.Unsent) error) ([]byte, error) {
	var m pushMark
	if len(mark) > 0 {
		if err := json.Unmarshal(mark, &m); err != nil {
			// A mark that cannot be read sends everything again, which
			// is harmless.
			m = pushMark{}
		}
	}
	if m.Reps == nil {
		// Everything is read below: what is listed late so far is in it.
		m = pushMark{Reps: map[string]repMark{}}
		if err := db.view(func(tx *bolt.Tx) error {
			if lb := tx.Bucket(bucketLate); lb != nil {
				m.Late = lb.Sequence()
			}
			return nil
		}); err != nil {
			return nil, err
		}
	}
	reps, err := db.Reps()
	if err != nil {
		return nil, err
	}
	for _, rep := range reps {
		rm := m.Reps[rep]
		after := rm.Attempt
		for {
			batch, last, err := db.readAttempts(rep, after, attemptChunk)
			if err != nil {
				return nil, err
			}
			for i := range batch {
				if err := fn(playbook.Unsent{Attempt: &batch[i]}); err != nil {
					return nil, err
				}
			}
			if last != nil {
				after = last
			}
			if len(batch) < attemptChunk {
				break
			}
		}
		rm.Attempt = after
		done, last, err := db.completionsAfter(rep, rm.Completion)
		if err != nil {
			return nil, err
		}
		for i := range done {
			if err := fn(playbook.Unsent{Completion: &done[i]}); err != nil {
				return nil, err
			}
		}
		if last != nil {
			rm.Completion = last
		}
		m.Reps[rep] = rm
	}
	notes, last, err := db.feedbackAfter(m.Feedback)
	if err != nil {
		return nil, err
	}
	for i := range notes {
		if err := fn(playbook.Unsent{Feedback: &notes[i]}); err != nil {
			return nil, err
		}
	}
	if last != nil {
		m.Feedback = last
	}
	for {
		late, seq, err := db.lateAfter(m.Late, attemptChunk)
		if err != nil {
			return nil, err
		}
		for _, u := range late {
			if err := fn(u); err != nil {
				return nil, err
			}
		}
		if seq == m.Late {
			break
		}
		m.Late = seq
	}
	return json.Marshal(m)
}

// afterKey positions c on the first key after after (or the first key of
// kind when after is nil).
func afterKey(c *bolt.Cursor, after []byte, kind byte) (k, v []byte) {
	if after == nil {
		if kind == 0 {
			return c.First()
		}
		return c.Seek([]byte{kind})
	}
	k, v = c.Seek(after)
	if k != nil && bytes.Equal(k, after) {
		k, v = c.Next()
	}
	return k, v
}

func (db *DB) completionsAfter(rep string, after []byte) ([]playbook.Completion, []byte, error) {
	var out []playbook.Completion
	var last []byte
	err := db.view(func(tx *bolt.Tx) error {
		rb := findRep(tx, rep)
		if rb == nil {
			return nil
		}
		c := rb.Cursor()
		for k, v := afterKey(c, after, kindCompletion); k != nil && k[0] == kindCompletion; k, v = c.Next() {
			var done playbook.Completion
			if err := getJSON(v, &done); err != nil {
				return err
			}
			done.Rep = rep
			done.At = db.in(done.At)
			out = append(out, done)
			last = bytes.Clone(k)
		}
		return nil
	})
	return out, last, err
}

func (db *DB) feedbackAfter(after []byte) ([]playbook.Feedback, []byte, error) {
	var out []playbook.Feedback
	var last []byte
	err := db.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketFeedback).Cursor()
		for k, v := afterKey(c, after, 0); k != nil; k, v = c.Next() {
			var f playbook.Feedback
			if err := getJSON(v, &f); err != nil {
				return err
			}
			f.At = db.in(f.At)
			out = append(out, f)
			last = bytes.Clone(k)
		}
		return nil
	})
	return out, last, err
}

// lateAfter reads up to n late entries after seq and returns their
// records with the last sequence read (seq when none).
func (db *DB) lateAfter(seq uint64, n int) ([]playbook.Unsent, uint64, error) {
	var out []playbook.Unsent
	last := seq
	err := db.view(func(tx *bolt.Tx) error {
		lb := tx.Bucket(bucketLate)
		if lb == nil {
			return nil
		}
		c := lb.Cursor()
		read := 0
		for k, ref := c.Seek(binary.BigEndian.AppendUint64(nil, seq+1)); k != nil && read < n; k, ref = c.Next() {
			read++
			if len(k) != 8 {
				return errCorrupt
			}
			last = binary.BigEndian.Uint64(k)
			u, err := db.resolveLate(tx, ref)
			if err != nil {
				return err
			}
			if u != nil {
				out = append(out, *u)
			}
		}
		return nil
	})
	return out, last, err
}

// resolveLate reads the record a late entry names; nil when it is gone
// (completions are replaced when an import rebuilds them).
func (db *DB) resolveLate(tx *bolt.Tx, ref []byte) (*playbook.Unsent, error) {
	if len(ref) < 2 {
		return nil, errCorrupt
	}
	if ref[0] == kindFeedbackRef {
		v := tx.Bucket(bucketFeedback).Get(ref[1:])
		if v == nil {
			return nil, nil
		}
		var f playbook.Feedback
		if err := getJSON(v, &f); err != nil {
			return nil, err
		}
		f.At = db.in(f.At)
		return &playbook.Unsent{Feedback: &f}, nil
	}
	end := bytes.IndexByte(ref[1:], 0)
	if end < 0 {
		return nil, errCorrupt
	}
	rep, key := string(ref[1:1+end]), ref[2+end:]
	rb := findRep(tx, rep)
	if rb == nil {
		return nil, nil
	}
	v := rb.Get(key)
	if v == nil {
		return nil, nil
	}
	switch ref[0] {
	case kindAttempt:
		id, ok := attemptID(key)
		if !ok {
			return nil, errCorrupt
		}
		a, err := decodeAttempt(id, rep, v, db.loc)
		if err != nil {
			return nil, err
		}
		return &playbook.Unsent{Attempt: &a}, nil
	case kindCompletion:
		var done playbook.Completion
		if err := getJSON(v, &done); err != nil {
			return nil, err
		}
		done.Rep = rep
		done.At = db.in(done.At)
		return &playbook.Unsent{Completion: &done}, nil
	}
	return nil, errCorrupt
}

var _ playbook.Appender = (*DB)(nil)

// AddAttempts adds, in one transaction, the attempts whose exact key (time
// and id) is not stored yet, listing each as late for pushes. States are
// left to the caller to rebuild.
func (db *DB) AddAttempts(batch []playbook.Attempt) (int, error) {
	for i, a := range batch {
		if a.ID == "" || a.Rep == "" || a.Card == "" || a.At.IsZero() {
			return 0, playbook.Errorf(playbook.EInvalid, "attempt %d needs an id, a rep, a card and a time", i+1)
		}
	}
	added := 0
	err := db.update(func(tx *bolt.Tx) error {
		added = 0
		for _, a := range batch {
			rb, err := repBucket(tx, a.Rep)
			if err != nil {
				return err
			}
			key := attemptKey(a.At, a.ID)
			if rb.Get(key) != nil {
				continue
			}
			if err := putAttempt(rb, a); err != nil {
				return err
			}
			if err := noteLate(tx, a.Rep, key); err != nil {
				return err
			}
			added++
		}
		return nil
	})
	return added, err
}
