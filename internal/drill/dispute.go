package drill

import (
	"github.com/google/uuid"

	"github.com/playdrill/playdrill/internal/grade"
	"github.com/playdrill/playdrill/internal/playbook"
)

// disputeSpace makes dispute ids from attempt ids: one attempt can be
// disputed once, whichever way the dispute came.
var disputeSpace = uuid.MustParse("5f1b3f0e-8d53-4c57-9a51-0a2b6c1d7e42")

// disputeID is the id of the dispute of attempt id.
func disputeID(attempt string) string {
	return uuid.NewSHA1(disputeSpace, []byte(attempt)).String()
}

// scheduledRating is the rating an attempt moves the schedule with: the
// grade decides, so a rating above the suggestion on a failing answer (a
// dispute) schedules as the suggestion until a manager settles it.
func scheduledRating(a playbook.Attempt, passMark float64) playbook.Rating {
	if playbook.Disputed(a.Score, passMark, a.Suggested, a.Rating) {
		return a.Suggested
	}
	return a.Rating
}

// disputable reports whether an answer can be disputed: a typed card whose
// grade missed at least one key point.
func disputable(c *playbook.Card, r grade.Result) bool { return Disputable(c, r) == nil }

// Disputable says why an answer to c graded r cannot be disputed (EInvalid),
// or nil when it can: only typed answers that missed a key point can.
func Disputable(c *playbook.Card, r grade.Result) error {
	if c == nil {
		return playbook.Errorf(playbook.EInvalid, "nothing to dispute yet: answer a card first")
	}
	if !c.Kind.Typed() {
		return playbook.Errorf(playbook.EInvalid, "only typed answers can be disputed; to say the card itself is wrong, leave feedback")
	}
	for _, p := range r.Points {
		if !p.Hit {
			return nil
		}
	}
	return playbook.Errorf(playbook.EInvalid, "nothing to dispute: the answer hit every key point")
}

// newDispute is the dispute of attempt att on c, graded r.
func (e *Engine) newDispute(c *playbook.Card, att playbook.Attempt, r grade.Result, asked bool) *playbook.Dispute {
	d := &playbook.Dispute{
		ID:        disputeID(att.ID),
		Attempt:   att.ID,
		Rep:       att.Rep,
		Card:      att.Card,
		Hash:      att.Hash,
		Step:      att.Step,
		At:        att.At,
		Response:  att.Response,
		Score:     att.Score,
		Suggested: att.Suggested,
		Rating:    att.Rating,
		Asked:     asked,
		File:      c.Pos.File,
	}
	if asked {
		d.At = e.Now()
	}
	if e.book.Sums != nil {
		d.FileSum = e.book.Sums[c.Pos.File]
	}
	for _, p := range r.Points {
		if !p.Hit {
			d.Missed = append(d.Missed, p.Point.String())
		}
	}
	return d
}

// autoDispute is the dispute recording att makes by itself: a typed answer
// under the pass mark rated above the suggested rating ("I said it in
// other words"); nil when there is none.
func (e *Engine) autoDispute(c *playbook.Card, att playbook.Attempt, r grade.Result) *playbook.Dispute {
	if !disputable(c, r) || !playbook.Disputed(att.Score, e.opt.PassMark, att.Suggested, att.Rating) {
		return nil
	}
	return e.newDispute(c, att, r, false)
}

// Dispute records that the rep disputes the grade of an answer already
// recorded (att, graded r): a manager reviews it with `playdrill review`.
// It fails with EInvalid when the card is not typed ("only typed answers
// can be disputed"), when every point was hit, or when the attempt was
// disputed already, and with EInternal when the store keeps no disputes.
func (e *Engine) Dispute(c *playbook.Card, att playbook.Attempt, r grade.Result) (playbook.Dispute, error) {
	if c == nil || att.ID == "" || att.Card != c.ID {
		return playbook.Dispute{}, playbook.Errorf(playbook.EInvalid, "nothing to dispute yet: answer a card first")
	}
	if err := Disputable(c, r); err != nil {
		return playbook.Dispute{}, err
	}
	ds, ok := e.store.(playbook.DisputeStore)
	if !ok {
		return playbook.Dispute{}, playbook.Errorf(playbook.EInternal, "this progress store keeps no disputes")
	}
	d := e.newDispute(c, att, r, true)
	added, err := ds.AddDispute(*d)
	if err != nil {
		return playbook.Dispute{}, err
	}
	if !added {
		return playbook.Dispute{}, playbook.Errorf(playbook.EInvalid, "this answer is disputed already")
	}
	return *d, nil
}

// Overruled reports whether the grade overruled the rep's rating without a
// dispute: a failing answer rated above the suggestion on a card whose
// answer cannot be disputed (a choice, a classification, an order). Its
// schedule moved with the suggested rating. Cram answers move nothing and
// are never overruled.
func Overruled(o Outcome, passMark float64) bool {
	a := o.Attempt
	return o.Disputed == nil && !a.Cram && playbook.Disputed(a.Score, passMark, a.Suggested, a.Rating)
}
