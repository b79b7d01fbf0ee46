package boltdb

import (
	"bytes"
	"encoding/binary"
	"io"
	"os"
	"strconv"
	"syscall"
	"time"
)

// The file's layout, schema version 3:
//
//	meta               app → appID, schema → "3"
//	feedback           time(8) seq(8) → JSON Feedback
//	rep:<name>         one bucket per rep, one key space, no sub-buckets:
//	  a time(8) id     → binary attempt (see codec.go)
//	  b                → binary running totals (see codec.go)
//	  c time(8) seq(8) → JSON Completion (seq is the rep bucket's sequence)
//	  s card id        → JSON CardState
//
// Why this shape: a Record rewrites every page on the path from the root
// to each key it changes, and each page is one more write in the commit's
// fsync. Here the rep buckets sit at the top level, and a new attempt
// lands at the end of the "a" keys, right before the totals: neighbours
// in the key space, so both sit in the newest leaf unless a split falls
// exactly between them. So a Record writes the root page, the rep's branch
// pages, that one leaf, the card state's leaf, the freelist and the meta
// page: as many as bbolt's own single put into a bucket of that depth,
// plus the state's leaf.
//
// Attempts per day are not stored: the attempt keys begin with their
// time, so Activity counts the keys of the days it is asked for.
//
// There is no index of attempt ids: Record refuses an attempt whose exact
// key (time and id) is stored, and Import dedupes by reading the ids of
// the reps its batch names, once per import.
//
// Older files are upgraded by migrate.go. Schema 2 had the same rep
// buckets with JSON totals under "e" and a count per day under "d";
// schema 1 and early builds of schema 2 nested the reps as
// reps/<name>/{attempts, states, completions, ...}.
const (
	appID         = "playdrill.progress"
	schemaVersion = 3
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
	kindTotals     = 'b' // right after every attempt, in the newest leaf
	kindCompletion = 'c'
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

// keyTime returns the time at the start of an attempt key.
func keyTime(k []byte) (time.Time, bool) {
	if len(k) < 9 || k[0] != kindAttempt {
		return time.Time{}, false
	}
	return time.Unix(0, int64(binary.BigEndian.Uint64(k[1:9])^(1<<63))), true
}

// stateKey is the key of a card's state.
func stateKey(card string) []byte {
	return append([]byte{kindState}, card...)
}

func encodeSchema(v int) []byte { return []byte(strconv.Itoa(v)) }

// boltMagic marks a bbolt file's meta pages.
const boltMagic = 0xED0CDAED

// IsDatabase reports whether the file at path is a bbolt database (a
// playdrill database, a backup of one, or any other): its first page is a
// meta page carrying bbolt's magic number.
func IsDatabase(path string) bool {
	// A pipe or a device is no database, and reading one could block.
	if info, err := os.Stat(path); err != nil || !info.Mode().IsRegular() {
		return false
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	// A page header (id 8, flags 2, count 2, overflow 4) then the meta's
	// magic.
	var head [20]byte
	if _, err := io.ReadFull(f, head[:]); err != nil {
		return false
	}
	magic := head[16:20]
	return binary.LittleEndian.Uint32(magic) == boltMagic || binary.BigEndian.Uint32(magic) == boltMagic
}
