package playbook

import (
	"time"
)

// Limits on what a record may hold. The store, the drill and import all
// apply them, so that whatever one machine records, exports and another
// imports is the same record.
const (
	// MaxResponse is the most bytes of a typed answer: far more than anyone
	// types, and little enough that its export line (where JSON can spell a
	// byte in six) stays within the line length import reads.
	MaxResponse = 2 << 20
	// MaxDuration is the longest time on one card a record keeps; a card
	// left open longer is recorded at this.
	MaxDuration = 24 * time.Hour
	// MaxRepName is the most bytes of a rep's name.
	MaxRepName = 200
)

// The times a record may carry: the store keeps nanoseconds since 1970 in
// 64 bits, which reach only from 1677 to 2262.
var (
	EarliestTime = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	LatestTime   = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
)

// CheckTime says why t cannot be stored, or nil.
func CheckTime(t time.Time) error {
	if t.Before(EarliestTime) || !t.Before(LatestTime) {
		return Errorf(EInvalid, "time %s is outside the years %d to %d that playdrill records", t.Format(time.RFC3339), EarliestTime.Year(), LatestTime.Year()-1)
	}
	return nil
}

// CheckRep says why name cannot be a rep's name, or nil.
func CheckRep(name string) error {
	blank := true
	for _, r := range name {
		if r != ' ' && r != '\t' && r != '\n' && r != '\r' && r != 0x3000 && r != 0xa0 {
			blank = false
			break
		}
	}
	switch {
	case blank:
		return Errorf(EInvalid, "a rep's name cannot be blank")
	case len(name) > MaxRepName:
		return Errorf(EInvalid, "a rep's name is at most %d bytes", MaxRepName)
	}
	return nil
}

// CheckAttempt checks an attempt against the limits above.
func CheckAttempt(a Attempt) error {
	if err := CheckRep(a.Rep); err != nil {
		return err
	}
	if err := CheckTime(a.At); err != nil {
		return err
	}
	switch {
	case len(a.Response) > MaxResponse:
		return Errorf(EInvalid, "the answer is %d KB, more than the %d KB playdrill records", len(a.Response)>>10, MaxResponse>>10)
	case a.Duration < 0 || a.Duration > MaxDuration:
		return Errorf(EInvalid, "duration %s is outside 0 to %s", a.Duration, MaxDuration)
	}
	return nil
}
