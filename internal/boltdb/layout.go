package boltdb

import (
	"encoding/binary"
	"strconv"
	"time"
)

// The file's layout, schema version 2:
//
//	meta                 app → appID, schema → "2"
//	feedback             time(8) seq(8) → JSON Feedback
//	reps / <rep>         totals → JSON RepTotals
//	  attempts           time(8) id → binary attempt (see codec.go)
//	  ids                id → time(8) of the attempt (Import's dedupe)
//	  states             card id → JSON CardState
//	  completions        time(8) seq(8) → JSON Completion
//	  activity           "2006-01-02" → count (uvarint)
//
// Schema 1 had no totals, ids or activity; migrate1to2 builds them.
const (
	appID         = "playdrill.progress"
	schemaVersion = 2
)

var (
	bucketMeta        = []byte("meta")
	bucketFeedback    = []byte("feedback")
	bucketReps        = []byte("reps")
	bucketAttempts    = []byte("attempts")
	bucketIDs         = []byte("ids")
	bucketStates      = []byte("states")
	bucketCompletions = []byte("completions")
	bucketActivity    = []byte("activity")

	keyApp    = []byte("app")
	keySchema = []byte("schema")
	keyTotals = []byte("totals")
)

// timeKey encodes t so that byte order is time order, also before 1970.
func timeKey(t time.Time) []byte {
	k := make([]byte, 8, 8+40)
	binary.BigEndian.PutUint64(k, uint64(t.UnixNano())^(1<<63))
	return k
}

// keyTime decodes the time at the front of a key made by timeKey.
func keyTime(k []byte) time.Time {
	if len(k) < 8 {
		return time.Time{}
	}
	return time.Unix(0, int64(binary.BigEndian.Uint64(k)^(1<<63)))
}

// attemptKey orders attempts by time; the id keeps equal times apart.
func attemptKey(at time.Time, id string) []byte {
	return append(timeKey(at), id...)
}

// seqKey orders records by time, then by the bucket's sequence.
func seqKey(at time.Time, seq uint64) []byte {
	return binary.BigEndian.AppendUint64(timeKey(at), seq)
}

// dayKey is the activity key of t in loc.
func dayKey(t time.Time, loc *time.Location) []byte {
	return []byte(t.In(loc).Format(time.DateOnly))
}

func encodeSchema(v int) []byte { return []byte(strconv.Itoa(v)) }
