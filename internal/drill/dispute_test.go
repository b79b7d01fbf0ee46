package drill

import (
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/grade"
	"github.com/playdrill/playdrill/internal/playbook"
)

// failing is a grade of a typed card that hit its first point only.
func failing(c *playbook.Card, score float64) grade.Result {
	r := grade.Result{Score: score, Suggested: playbook.Again}
	for i, p := range c.MustMention {
		r.Points = append(r.Points, grade.PointResult{Point: p, Hit: i == 0})
	}
	return r
}

func (f *fixture) record(id string, r grade.Result, rating playbook.Rating) Outcome {
	f.t.Helper()
	out, err := f.eng.Record(f.card(id), grade.Answer{Text: "in my own words"}, r, rating, false, time.Second)
	if err != nil {
		f.t.Fatal(err)
	}
	return out
}

func (f *fixture) stepProgress(id string) StepProgress {
	f.t.Helper()
	p, err := f.eng.Progress()
	if err != nil {
		f.t.Fatal(err)
	}
	for _, pp := range p.Processes {
		for _, sp := range pp.Steps {
			if sp.Step.ID == id {
				return sp
			}
		}
	}
	f.t.Fatalf("no step %s", id)
	return StepProgress{}
}

// A rep who rates a failing answer Good does not make the card ready: the
// step stays done, its readiness drops, the card is among the weakest and
// the rating is recorded as a dispute.
func TestFailingAnswerIsNotReady(t *testing.T) {
	f := newFixture(t, Options{})
	f.passStep("list")
	before := f.stepProgress("list")
	if before.Status != StatusDone || before.Readiness < 0.9 {
		t.Fatalf("after passing: %+v", before)
	}
	f.clock.advance(time.Hour)
	out := f.record("list-broker", failing(f.card("list-broker"), 0.08), playbook.Good)
	after := f.stepProgress("list")
	if after.Status != StatusDone {
		t.Errorf("a done step must stay done, got %s", after.Status)
	}
	if after.Readiness > before.Readiness/2+0.01 {
		t.Errorf("readiness %.2f after a failing answer (before %.2f): the failed card must count 0", after.Readiness, before.Readiness)
	}
	weak, err := f.eng.Weakest(5)
	if err != nil || len(weak) == 0 || weak[0].Card.ID != "list-broker" {
		t.Errorf("weakest = %+v, %v", weak, err)
	}
	d := out.Disputed
	if d == nil || d.Card != "list-broker" || d.Attempt != out.Attempt.ID || d.Asked || len(d.Missed) != 1 || d.Missed[0] != "sales-ready | qualified" {
		t.Fatalf("dispute = %+v", d)
	}
	ds, _ := f.store.Disputes()
	if len(ds) != 1 || ds[0].ID != d.ID {
		t.Errorf("stored disputes = %+v", ds)
	}
}

// The grade decides the schedule: a failing answer rated Easy schedules
// like one rated as the grade suggested.
func TestGradeDecidesTheSchedule(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.card("list-result")
	f.record("list-result", failing(c, 0.3), playbook.Easy)
	g := newFixture(t, Options{Rep: "bo"})
	g.record("list-result", failing(c, 0.3), playbook.Again)
	sf, _ := f.store.States("ana")
	sg, _ := g.store.States("bo")
	if !sf["list-result"].Due.Equal(sg["list-result"].Due) || sf["list-result"].Stability != sg["list-result"].Stability {
		t.Errorf("disputed Easy scheduled %v (stability %.3f), Again %v (%.3f)", sf["list-result"].Due, sf["list-result"].Stability, sg["list-result"].Due, sg["list-result"].Stability)
	}
	var att []playbook.Attempt
	f.store.Attempts("ana", func(a playbook.Attempt) error { att = append(att, a); return nil })
	if len(att) != 1 || att[0].Rating != playbook.Easy || att[0].Suggested != playbook.Again {
		t.Errorf("the rep's own rating must be recorded: %+v", att)
	}
}

// Only typed answers that missed a point make disputes; choice cards and
// ratings at or under the suggestion make none.
func TestNoDisputeWhereNoneBelongs(t *testing.T) {
	f := newFixture(t, Options{Free: true})
	if out := f.record("qualify-which", grade.Result{Score: 0, Suggested: playbook.Again}, playbook.Easy); out.Disputed != nil {
		t.Errorf("choice card disputed: %+v", out.Disputed)
	}
	c := f.card("list-result")
	if out := f.record("list-result", failing(c, 0.5), playbook.Again); out.Disputed != nil {
		t.Errorf("rating as suggested disputed: %+v", out.Disputed)
	}
	if out := f.record("list-result", grade.Result{Score: 0.9, Suggested: playbook.Good, Points: failing(c, 1).Points}, playbook.Easy); out.Disputed != nil {
		t.Errorf("passing answer rated up disputed: %+v", out.Disputed)
	}
}

// Dispute on purpose: recorded once, with the missed points; refused for
// what cannot be disputed.
func TestDisputeOnPurpose(t *testing.T) {
	f := newFixture(t, Options{Free: true})
	c := f.card("list-result")
	r := failing(c, 0.5)
	out := f.record("list-result", r, playbook.Again)
	d, err := f.eng.Dispute(c, out.Attempt, r)
	if err != nil || !d.Asked || d.Attempt != out.Attempt.ID || d.Missed[0] != "sales-ready | qualified" || d.Response != "in my own words" {
		t.Fatalf("dispute = %+v, %v", d, err)
	}
	if _, err := f.eng.Dispute(c, out.Attempt, r); playbook.ErrorCode(err) != playbook.EInvalid {
		t.Errorf("second dispute: %v", err)
	}
	choice := f.card("qualify-which")
	cout := f.record("qualify-which", grade.Result{}, playbook.Again)
	if _, err := f.eng.Dispute(choice, cout.Attempt, grade.Result{}); playbook.ErrorCode(err) != playbook.EInvalid {
		t.Errorf("choice dispute: %v", err)
	}
	full := grade.Result{Score: 1, Suggested: playbook.Good, Points: []grade.PointResult{{Point: c.MustMention[0], Hit: true}}}
	fout := f.record("list-result", full, playbook.Good)
	if _, err := f.eng.Dispute(c, fout.Attempt, full); playbook.ErrorCode(err) != playbook.EInvalid {
		t.Errorf("dispute of a full answer: %v", err)
	}
	if _, err := f.eng.Dispute(c, playbook.Attempt{}, r); playbook.ErrorCode(err) != playbook.EInvalid {
		t.Errorf("dispute of no attempt: %v", err)
	}
	if ds, _ := f.store.Disputes(); len(ds) != 1 {
		t.Errorf("disputes = %+v", ds)
	}
}

// A store that keeps no disputes says so instead of dropping one.
func TestDisputeNeedsADisputeStore(t *testing.T) {
	f := newFixture(t, Options{Free: true})
	eng := New(f.book, struct{ playbook.Store }{f.store}, Options{Rep: "ana", Now: f.clock.now})
	c := f.card("list-result")
	r := failing(c, 0.5)
	out, err := eng.Record(c, grade.Answer{Text: "x"}, r, playbook.Again, false, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := eng.Dispute(c, out.Attempt, r); playbook.ErrorCode(err) != playbook.EInternal {
		t.Errorf("err = %v", err)
	}
}
