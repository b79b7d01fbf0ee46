package drill

import (
	"math"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v4"

	"github.com/playdrill/playdrill/internal/playbook"
)

// scheduler is shared by every engine: default FSRS parameters with fuzz
// off, so the same attempts always give the same schedule (Rebuild relies
// on it, and so do the tests).
var scheduler = newScheduler()

// targetRecall is the chance of recall the schedule aims for when a card
// falls due: below it, a card is slipping.
var targetRecall = scheduler.RequestRetention

func newScheduler() *fsrs.FSRS {
	p := fsrs.DefaultParam()
	p.EnableFuzz = false
	return fsrs.NewFSRS(p)
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

// applyAttempt returns the card state after a (non-cram) attempt. Record and
// Rebuild both go through it, so replaying attempts gives exactly the states
// that recording them gave.
func applyAttempt(prev playbook.CardState, a playbook.Attempt, passMark float64) (playbook.CardState, error) {
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
	info, err := scheduler.Next(toFSRS(next), at, fsrs.Rating(scheduledRating(a, passMark)))
	if err != nil {
		return prev, playbook.Errorf(playbook.EInternal, "scheduling card %s: %v", a.Card, err)
	}
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
