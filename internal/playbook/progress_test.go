package playbook

import (
	"testing"
	"time"
)

func TestRepTotalsCount(t *testing.T) {
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	var tot RepTotals
	tot.Count(Attempt{At: t0.Add(time.Hour), Score: 0.5})
	tot.Count(Attempt{At: t0, Score: 1, Cram: true})
	tot.Count(Attempt{At: t0.Add(2 * time.Hour), Score: 0.25})
	if tot.Attempts != 3 || tot.Cram != 1 || tot.ScoreSum != 1.75 {
		t.Errorf("counts: %+v", tot)
	}
	if !tot.FirstAt.Equal(t0) || !tot.LastAt.Equal(t0.Add(2*time.Hour)) {
		t.Errorf("first %v last %v: want the earliest and the latest attempt", tot.FirstAt, tot.LastAt)
	}
}

func TestPlaybookFinds(t *testing.T) {
	c := &Card{ID: "s2/result"}
	s2 := &Step{ID: "s2", Cards: []*Card{c}}
	b := &Playbook{Processes: []*Process{
		{ID: "p1", Steps: []*Step{{ID: "s1"}}},
		{ID: "p2", Steps: []*Step{s2}},
	}}
	if s, ok := b.Step("s2"); !ok || s != s2 {
		t.Errorf("Step(s2) = %v, %v", s, ok)
	}
	if got, ok := b.Card("s2/result"); !ok || got != c {
		t.Errorf("Card = %v, %v", got, ok)
	}
	if _, ok := b.Step("nope"); ok {
		t.Error("found a step that is not there")
	}
	if _, ok := b.Card("nope"); ok {
		t.Error("found a card that is not there")
	}
}
