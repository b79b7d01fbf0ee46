package playbook

import "time"

// Rating is the rep's FSRS rating of an attempt.
type Rating int

// Ratings, as FSRS numbers them.
const (
	Again Rating = 1
	Hard  Rating = 2
	Good  Rating = 3
	Easy  Rating = 4
)

// Valid reports whether r is one of Again, Hard, Good, Easy.
func (r Rating) Valid() bool { return r >= Again && r <= Easy }

func (r Rating) String() string {
	switch r {
	case Again:
		return "again"
	case Hard:
		return "hard"
	case Good:
		return "good"
	case Easy:
		return "easy"
	}
	return "unrated"
}

// Attempt is one answer to one card. Attempts are append-only.
type Attempt struct {
	ID              string // a UUID
	Rep             string
	Card            string
	Hash            string // the card's content hash when answered
	Step            string
	Process         string
	Kind            Kind
	PlaybookVersion string
	At              time.Time
	Response        string
	Score           float64 // 0..1
	Suggested       Rating
	Rating          Rating
	Duration        time.Duration
	Cram            bool
	// Facts, when known, fix what the attempt's xAPI statements say;
	// attempts recorded before they were kept have none.
	Facts *Facts
}

// CardState is what the engine keeps per rep and card: the FSRS schedule
// (mirrored field by field so the domain does not depend on go-fsrs) and
// running figures, so that status and readiness never scan attempts.
type CardState struct {
	Card string

	Due            time.Time
	Stability      float64
	Difficulty     float64
	ScheduledDays  uint64
	Reps           uint64
	Lapses         uint64
	State          int8 // fsrs.State: 0 new, 1 learning, 2 review, 3 relearning
	LastReview     time.Time
	RemainingSteps int

	Attempts     int
	LastAt       time.Time
	LastScore    float64
	LastResponse string
	LastHash     string
	// Passed holds the content hashes this rep has passed the card at.
	Passed []string
}

// PassedHash reports whether the card was passed at content hash h.
func (s CardState) PassedHash(h string) bool {
	for _, p := range s.Passed {
		if p == h {
			return true
		}
	}
	return false
}

// Completion records that a rep finished a step on a playbook version.
type Completion struct {
	Rep             string
	Step            string
	Process         string
	PlaybookVersion string
	At              time.Time
}

// Feedback is a rep's note that a card does not work with prospects.
type Feedback struct {
	ID   string // a UUID
	Rep  string
	Card string
	Hash string
	Step string
	At   time.Time
	Text string
}

// RepTotals are running figures per rep, kept up to date in the same
// transaction as each attempt so opening a large database needs no scan.
type RepTotals struct {
	Rep      string
	Attempts int
	Cram     int
	ScoreSum float64
	FirstAt  time.Time
	LastAt   time.Time
}

// Count adds attempt a to the running figures.
func (t *RepTotals) Count(a Attempt) {
	t.Attempts++
	if a.Cram {
		t.Cram++
	}
	t.ScoreSum += a.Score
	if t.FirstAt.IsZero() || a.At.Before(t.FirstAt) {
		t.FirstAt = a.At
	}
	if a.At.After(t.LastAt) {
		t.LastAt = a.At
	}
}

// Record is everything one answered card changes, committed together.
type Record struct {
	Attempt Attempt
	// State is the card's new state; nil leaves it unchanged (cram).
	State *CardState
	// Completion is set when the attempt finished its step.
	Completion *Completion
	// Dispute is set when the rep disputed the grade as they rated it.
	Dispute *Dispute
	// Seen, when set, is the number of the rep's attempts (as in
	// RepTotals.Attempts) the caller's card states reflect. A store that
	// holds another number refuses the record with EConflict and stores
	// nothing, so a writer never schedules a card from states another
	// process has changed since.
	Seen *int
}

// ImportBatch is a merge of exported attempts, applied all or nothing.
type ImportBatch struct {
	// Attempts to add; ones whose ID is already stored are skipped.
	Attempts []Attempt
	// States and Completions replace those of the reps they name, rebuilt
	// from the merged attempts in time order.
	States      map[string][]CardState
	Completions map[string][]Completion
}

// Store keeps progress. Implementations commit each write durably before
// returning. Errors are *Error with one of the codes below where the caller
// can act on them.
type Store interface {
	// Record commits an attempt with the state and completion it changes.
	Record(r Record) error
	// Reps lists the reps with any progress, sorted.
	Reps() ([]string, error)
	// Totals returns a rep's running figures (zero for an unknown rep).
	Totals(rep string) (RepTotals, error)
	// States returns the rep's card states keyed by card id.
	States(rep string) (map[string]CardState, error)
	// Completions returns the rep's step completions in time order.
	Completions(rep string) ([]Completion, error)
	// Attempts calls fn for each attempt of rep (every rep when rep is "")
	// in time order per rep; an error from fn stops and is returned.
	Attempts(rep string, fn func(Attempt) error) error
	// Activity returns the number of attempts per day (key "2006-01-02",
	// in the store's clock's location) in [from, to].
	Activity(rep string, from, to time.Time) (map[string]int, error)
	// AddFeedback stores feedback on a card.
	AddFeedback(f Feedback) error
	// Feedback returns all feedback in time order.
	Feedback() ([]Feedback, error)
	// Import applies a batch in one transaction and reports how many
	// attempts were new.
	Import(b ImportBatch) (added int, err error)
	Close() error
}
