package boltdb

import (
	"bytes"
	"encoding/binary"
	"strconv"
	"time"
)

// The file's layout, schema version 2:
//
//	meta               app → appID, schema → "2"
//	feedback           time(8) seq(8) → JSON Feedback
//	rep:<name>         one bucket per rep, one key space, no sub-buckets:
//	  a time(8) id     → binary attempt (see codec.go)
//	  c time(8) seq(8) → JSON Completion (seq is the rep bucket's sequence)
//	  d 2006-01-02     → attempts that day (uvarint)
//	  e                → JSON running totals
//	  s card id        → JSON CardState
//
// Why this shape: a Record rewrites every page on the path from the root
// to each key it changes, and every extra bucket level or sub-bucket adds
// pages to that fsync. Here the rep buckets sit at the top level, and a
// new attempt lands at the end of the "a" keys, right before the few
// completions, the day counts and the totals: all usually in one leaf.
// So a Record writes the root page, the rep's branch page(s), that leaf,
// the card state's leaf, the freelist and the meta page.
//
// There is no index of attempt ids: Record refuses an attempt whose exact
// key (time and id) is stored, and Import dedupes by reading the ids of
// the reps its batch names, once per import.
//
// Schema 1 nested the reps as reps/<name>/{attempts, states,
// completions}. Early, unreleased builds of schema 2 kept that nesting
// and added id, totals and activity buckets under each rep; such a file
// is known by its top-level "reps" bucket. Both are rebuilt into this
// layout by one step (migrate.go) that reads their attempts, states and
// completions and derives the rest.
const (
	appID         = "playdrill.progress"
	schemaVersion = 2
)

var (
	bucketMeta     = []byte("meta")
	bucketFeedback = []byte("feedback")
	// repPrefix starts the name of each rep's top-level bucket.
	repPrefix = []byte("rep:")

	keyApp    = []byte("app")
	keySchema = []byte("schema")
)

// Key kinds inside a rep bucket; the order of the bytes is the order of
// the key space, which is what keeps a Record's writes in few leaves.
const (
	kindAttempt    = 'a'
	kindCompletion = 'c'
	kindDay        = 'd'
	kindTotals     = 'e' // right after the day keys, in the latest day's leaf
	kindState      = 's'
)

var keyTotals = []byte{kindTotals}

// repBucketName is the top-level bucket name of rep.
func repBucketName(rep string) []byte {
	return append(bytes.Clone(repPrefix), rep...)
}

// timeKey appends t so that byte order is time order, also before 1970.
func timeKey(k []byte, t time.Time) []byte {
	return binary.BigEndian.AppendUint64(k, uint64(t.UnixNano())^(1<<63))
}

// attemptKey orders attempts by time; the id keeps equal times apart.
func attemptKey(at time.Time, id string) []byte {
	k := make([]byte, 0, 1+8+len(id))
	return append(timeKey(append(k, kindAttempt), at), id...)
}

// attemptID returns the id in an attempt key, or false for a short key.
func attemptID(k []byte) (string, bool) {
	if len(k) < 9 || k[0] != kindAttempt {
		return "", false
	}
	return string(k[9:]), true
}

// seqKey orders records by time, then by the bucket's sequence; kind is
// 0 for a bucket of one kind (feedback).
func seqKey(kind byte, at time.Time, seq uint64) []byte {
	var k []byte
	if kind != 0 {
		k = append(k, kind)
	}
	return binary.BigEndian.AppendUint64(timeKey(k, at), seq)
}

// dayKey is the activity key of t in loc.
func dayKey(t time.Time, loc *time.Location) []byte {
	return t.In(loc).AppendFormat([]byte{kindDay}, time.DateOnly)
}

// stateKey is the key of a card's state.
func stateKey(card string) []byte {
	return append([]byte{kindState}, card...)
}

func encodeSchema(v int) []byte { return []byte(strconv.Itoa(v)) }
