package drill

import (
	"math"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v4"

	"github.com/playdrill/playdrill/internal/playbook"
)

// scheduler is shared by every engine: default FSRS parameters with
// interval fuzz on, so that cards learnt together do not fall due together
// for ever. go-fsrs seeds the fuzz from the review itself (its time and the
// card's memory), so the same attempts always give the same schedule:
// Rebuild relies on it.
var scheduler = newScheduler()

// targetRecall is the chance of recall the schedule aims for when a card
// falls due: below it, a card is slipping.
var targetRecall = scheduler.RequestRetention

func newScheduler() *fsrs.FSRS {
	p := fsrs.DefaultParam()
	p.EnableFuzz = true
	return fsrs.NewFSRS(p)
}

// DefaultDayStart is the hour of the rep's local time at which their day
// rolls over, as in Anki: an answer at 1 am counts for the day before.
const DefaultDayStart = 4

// Day says when a rep's day rolls over: at Hour (0-23) in Location. The
// zero Day means the default: 4 am in the machine's local time zone. FSRS
// counts the days between reviews, and these are the rep's days, not UTC
// calendar days.
type Day struct {
	Location *time.Location
	Hour     int
}

func (d Day) norm() Day {
	if d.Location == nil {
		return Day{Location: time.Local, Hour: DefaultDayStart}
	}
	d.Hour = min(max(d.Hour, 0), 23)
	return d
}

// clock maps t to the scheduler's clock: a UTC time whose calendar date is
// the rep's day, since go-fsrs counts days in UTC dates.
func (d Day) clock(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	l := t.In(d.Location).Add(-time.Duration(d.Hour) * time.Hour)
	return time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), l.Second(), l.Nanosecond(), time.UTC)
}

// real maps a time on the scheduler's clock back to the instant it means.
func (d Day) real(c time.Time) time.Time {
	if c.IsZero() {
		return c
	}
	c = c.Add(time.Duration(d.Hour) * time.Hour)
	return time.Date(c.Year(), c.Month(), c.Day(), c.Hour(), c.Minute(), c.Second(), c.Nanosecond(), d.Location).UTC()
}

// Rebuild is drill.Rebuild with the rep's day rolling over at d.
func (d Day) Rebuild(book *playbook.Playbook, rep string, attempts []playbook.Attempt, passMark float64) ([]playbook.CardState, []playbook.Completion) {
	return rebuild(book, rep, attempts, passMark, d)
}

// toFSRS converts a card state to the scheduler's card.
func toFSRS(s playbook.CardState) fsrs.Card {
	return fsrs.Card{
		Due:            s.Due,
		Stability:      s.Stability,
		Difficulty:     s.Difficulty,
		ScheduledDays:  s.ScheduledDays,
		Reps:           s.Reps,
		Lapses:         s.Lapses,
		State:          fsrs.State(s.State),
		LastReview:     s.LastReview,
		RemainingSteps: s.RemainingSteps,
	}
}

// setFSRS copies the scheduler's card into a card state.
func setFSRS(s *playbook.CardState, c fsrs.Card) {
	s.Due = c.Due
	s.Stability = c.Stability
	s.Difficulty = c.Difficulty
	s.ScheduledDays = c.ScheduledDays
	s.Reps = c.Reps
	s.Lapses = c.Lapses
	s.State = int8(c.State)
	s.LastReview = c.LastReview
	s.RemainingSteps = c.RemainingSteps
}

// retrievability is the probability the rep recalls the card at now: 0 for
// a card never reviewed or a state the scheduler rejects.
func retrievability(s playbook.CardState, now time.Time) float64 {
	r, err := scheduler.Retrievability(toFSRS(s), now)
	if err != nil || math.IsNaN(r) {
		return 0
	}
	return math.Max(0, math.Min(1, r))
}

// passes reports whether an attempt counts toward completion: a score at or
// above the pass mark, rated Good or Easy (a rep who rates a lucky guess
// Again or Hard is saying it is not known yet).
func passes(score float64, rating playbook.Rating, passMark float64) bool {
	return score >= passMark && (rating == playbook.Good || rating == playbook.Easy)
}

// applyAttempt returns the card state after a (non-cram) attempt, counting
// days as the rep's days (day). Record and Rebuild both go through it, so
// replaying attempts gives exactly the states that recording them gave.
func applyAttempt(prev playbook.CardState, a playbook.Attempt, passMark float64, day Day) (playbook.CardState, error) {
	next := prev
	next.Card = a.Card
	if next.Attempts == 0 && next.Reps == 0 && next.State == 0 {
		// A card never scheduled starts due at its first answer.
		next.Due = a.At
	}
	// A clock that went backwards (a laptop whose time was fixed) must not
	// make the scheduler refuse the review: schedule it at the last review.
	at := a.At
	if !next.LastReview.IsZero() && at.Before(next.LastReview) {
		at = next.LastReview
	}
	day = day.norm()
	card := toFSRS(next)
	card.Due, card.LastReview = day.clock(card.Due), day.clock(card.LastReview)
	info, err := scheduler.Next(card, day.clock(at), fsrs.Rating(scheduledRating(a, passMark)))
	if err != nil {
		return prev, playbook.Errorf(playbook.EInternal, "scheduling card %s: %v", a.Card, err)
	}
	info.Card.Due, info.Card.LastReview = day.real(info.Card.Due), day.real(info.Card.LastReview)
	setFSRS(&next, info.Card)
	next.Attempts++
	next.LastAt = a.At
	next.LastScore = a.Score
	next.LastResponse = a.Response
	next.LastHash = a.Hash
	if passes(a.Score, a.Rating, passMark) && !next.PassedHash(a.Hash) {
		next.Passed = append(append([]string(nil), prev.Passed...), a.Hash)
	}
	return next, nil
}
