package boltdb

import (
	"encoding/binary"
	"errors"
	"math"
	"time"

	"github.com/playdrill/playdrill/internal/playbook"
)

// Attempts are the bulk of the file, so they get a compact binary form:
// a format byte, then the fields in a fixed order, strings as uvarint
// length and bytes, integers as varints, the score as float64 bits. The
// id and rep live in the key and the bucket, not in the value.
const attemptFormat = 1

var errCorrupt = errors.New("corrupt record")

func encodeAttempt(a playbook.Attempt) []byte {
	e := encoder{b: make([]byte, 0, 96+len(a.Response))}
	e.b = append(e.b, attemptFormat)
	e.str(a.Card)
	e.str(a.Hash)
	e.str(a.Step)
	e.str(a.Process)
	e.str(string(a.Kind))
	e.str(a.PlaybookVersion)
	e.time(a.At)
	e.str(a.Response)
	e.b = binary.BigEndian.AppendUint64(e.b, math.Float64bits(a.Score))
	e.b = binary.AppendVarint(e.b, int64(a.Suggested))
	e.b = binary.AppendVarint(e.b, int64(a.Rating))
	e.b = binary.AppendVarint(e.b, int64(a.Duration))
	if a.Cram {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
	if a.Facts != nil {
		e.facts(*a.Facts)
	}
	return e.b
}

// facts follow the attempt's fields when known: a marker byte, the
// prompt, the options, the correct indexes, the items and the pass. A
// value without them (written before facts were kept) simply ends. The
// card's text follows the same way: a marker, the model answer, the key
// points, the never-say phrases and the reason.
const (
	factsMarker = 'F'
	textMarker  = 'T'
)

func (e *encoder) facts(f playbook.Facts) {
	e.b = append(e.b, factsMarker)
	e.str(f.Prompt)
	e.strs(f.Options)
	e.b = binary.AppendUvarint(e.b, uint64(len(f.Correct)))
	for _, i := range f.Correct {
		e.b = binary.AppendUvarint(e.b, uint64(i))
	}
	e.strs(f.Items)
	if f.Passed {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
	if t := f.Text; t != nil {
		e.b = append(e.b, textMarker)
		e.str(t.Answer)
		e.strs(t.Points)
		e.strs(t.NeverSay)
		e.str(t.Why)
	}
}

func (e *encoder) strs(list []string) {
	e.b = binary.AppendUvarint(e.b, uint64(len(list)))
	for _, s := range list {
		e.str(s)
	}
}

func (d *decoder) facts() *playbook.Facts {
	if d.byte() != factsMarker {
		d.fail()
		return nil
	}
	f := &playbook.Facts{Prompt: d.str(), Options: d.strs()}
	n := d.count()
	for i := 0; i < n; i++ {
		f.Correct = append(f.Correct, int(d.uvarint()))
	}
	f.Items = d.strs()
	f.Passed = d.byte() == 1
	if d.err == nil && len(d.b) > 0 {
		if d.byte() != textMarker {
			d.fail()
			return nil
		}
		f.Text = &playbook.CardText{Answer: d.str(), Points: d.strs(), NeverSay: d.strs(), Why: d.str()}
	}
	return f
}

// count reads a length that cannot be more than the bytes left, so a
// damaged value cannot make a huge allocation.
func (d *decoder) count() int {
	n := d.uvarint()
	if d.err != nil || n > uint64(len(d.b)) {
		d.fail()
		return 0
	}
	return int(n)
}

func (d *decoder) strs() []string {
	n := d.count()
	if n == 0 {
		return nil
	}
	out := make([]string, 0, n)
	for i := 0; i < n; i++ {
		out = append(out, d.str())
	}
	return out
}

// decodeAttempt copies everything out of v, so the result outlives the
// transaction that v belongs to.
func decodeAttempt(id, rep string, v []byte, loc *time.Location) (playbook.Attempt, error) {
	if len(v) == 0 || v[0] != attemptFormat {
		return playbook.Attempt{}, errCorrupt
	}
	d := decoder{b: v[1:]}
	a := playbook.Attempt{ID: id, Rep: rep}
	a.Card = d.str()
	a.Hash = d.str()
	a.Step = d.str()
	a.Process = d.str()
	a.Kind = playbook.Kind(d.str())
	a.PlaybookVersion = d.str()
	a.At = d.time(loc)
	a.Response = d.str()
	a.Score = math.Float64frombits(d.u64())
	a.Suggested = playbook.Rating(d.varint())
	a.Rating = playbook.Rating(d.varint())
	a.Duration = time.Duration(d.varint())
	a.Cram = d.byte() == 1
	if d.err == nil && len(d.b) > 0 {
		a.Facts = d.facts()
	}
	if d.err != nil {
		return playbook.Attempt{}, d.err
	}
	return a, nil
}

// totalsFormat marks the binary form of a rep's running totals: the
// attempt and cram counts as uvarints, the score sum as float64 bits, the
// first and last attempt times.
const totalsFormat = 1

func encodeTotals(t totals) []byte {
	e := encoder{b: make([]byte, 0, 48)}
	e.b = append(e.b, totalsFormat)
	e.b = binary.AppendUvarint(e.b, uint64(t.Attempts))
	e.b = binary.AppendUvarint(e.b, uint64(t.Cram))
	e.b = binary.BigEndian.AppendUint64(e.b, math.Float64bits(t.ScoreSum))
	e.time(t.FirstAt)
	e.time(t.LastAt)
	return e.b
}

func decodeTotals(v []byte) (totals, error) {
	if len(v) == 0 || v[0] != totalsFormat {
		return totals{}, errCorrupt
	}
	d := decoder{b: v[1:]}
	var t totals
	t.Attempts = int(d.uvarint())
	t.Cram = int(d.uvarint())
	t.ScoreSum = math.Float64frombits(d.u64())
	t.FirstAt = d.time(time.UTC)
	t.LastAt = d.time(time.UTC)
	if d.err != nil || len(d.b) != 0 {
		return totals{}, errCorrupt
	}
	return t, nil
}

type encoder struct{ b []byte }

func (e *encoder) str(s string) {
	e.b = binary.AppendUvarint(e.b, uint64(len(s)))
	e.b = append(e.b, s...)
}

// time writes 0 for the zero time, else 1 and the Unix nanoseconds.
func (e *encoder) time(t time.Time) {
	if t.IsZero() {
		e.b = append(e.b, 0)
		return
	}
	e.b = append(e.b, 1)
	e.b = binary.AppendVarint(e.b, t.UnixNano())
}

// decoder reads what encoder wrote; the first error sticks and every later
// read returns a zero value.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail() { d.err, d.b = errCorrupt, nil }

func (d *decoder) byte() byte {
	if d.err != nil || len(d.b) < 1 {
		d.fail()
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) u64() uint64 {
	if d.err != nil || len(d.b) < 8 {
		d.fail()
		return 0
	}
	v := binary.BigEndian.Uint64(d.b)
	d.b = d.b[8:]
	return v
}

// str copies the bytes into a new string.
func (d *decoder) str() string {
	n := d.uvarint()
	if d.err != nil || n > uint64(len(d.b)) {
		d.fail()
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) time(loc *time.Location) time.Time {
	switch d.byte() {
	case 0:
		return time.Time{}
	case 1:
		return time.Unix(0, d.varint()).In(loc)
	}
	d.fail()
	return time.Time{}
}
