package boltdb

import (
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/playbook"
)

// unsentIDs runs Unsent from mark and names what it gave: attempt ids,
// "done:STEP" for completions, "note:ID" for feedback.
func unsentIDs(t *testing.T, db *DB, mark []byte) ([]string, []byte) {
	t.Helper()
	var got []string
	next, err := db.Unsent(mark, func(u playbook.Unsent) error {
		switch {
		case u.Attempt != nil:
			got = append(got, u.Attempt.ID)
		case u.Completion != nil:
			got = append(got, "done:"+u.Completion.Step)
		case u.Feedback != nil:
			got = append(got, "note:"+u.Feedback.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(got)
	return got, next
}

// A push mark covers what was sent: records added later, in time order
// or behind it (an import, a clock set back, feedback dated earlier), are
// what the next push reads, and nothing else.
func TestUnsentGivesOnlyWhatCameAfterTheMark(t *testing.T) {
	db, _ := openTest(t)
	record := func(id, rep string, at time.Time, done bool) {
		r := playbook.Record{Attempt: attempt(id, rep, "card-"+id, at)}
		if done {
			r.Completion = &playbook.Completion{Step: "step-" + id, Process: "sales", PlaybookVersion: "v1", At: at}
		}
		if err := db.Record(r); err != nil {
			t.Fatal(err)
		}
	}
	record("a1", "ana", t0, false)
	record("a2", "ana", t0.Add(time.Minute), true)
	record("b1", "ben", t0, false)
	if err := db.AddFeedback(playbook.Feedback{ID: "n1", Rep: "ana", Card: "card-a1", At: t0, Text: "no"}); err != nil {
		t.Fatal(err)
	}
	got, mark := unsentIDs(t, db, nil)
	if want := []string{"a1", "a2", "b1", "done:step-a2", "note:n1"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("first push %v, want %v", got, want)
	}
	if got, _ := unsentIDs(t, db, mark); len(got) != 0 {
		t.Fatalf("nothing new, yet the push would send %v", got)
	}

	record("a3", "ana", t0.Add(2*time.Minute), false) // in time order
	record("a0", "ana", t0.Add(-time.Hour), true)     // the clock was set back
	record("c1", "cy", t0.Add(time.Hour), false)      // a new rep
	if _, err := db.Import(playbook.ImportBatch{Attempts: []playbook.Attempt{
		attempt("b0", "ben", "card-b0", t0.Add(-24*time.Hour)), // imported, older
		attempt("b1", "ben", "card-b1", t0),                    // already here
	}}); err != nil {
		t.Fatal(err)
	}
	if err := db.AddFeedback(playbook.Feedback{ID: "n0", Rep: "ben", Card: "card-b1", At: t0.Add(-time.Hour), Text: "old"}); err != nil {
		t.Fatal(err)
	}
	got, mark2 := unsentIDs(t, db, mark)
	if want := []string{"a0", "a3", "b0", "c1", "done:step-a0", "note:n0"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("second push %v, want %v", got, want)
	}
	if got, _ := unsentIDs(t, db, mark2); len(got) != 0 {
		t.Errorf("after the second push, still %v", got)
	}
	// An unreadable mark sends everything again (harmless), never nothing.
	if got, _ := unsentIDs(t, db, []byte("{broken")); len(got) != 11 {
		t.Errorf("from a broken mark: %v", got)
	}
}

func TestPushMarkPerEndpoint(t *testing.T) {
	db, _ := openTest(t)
	if m, err := db.PushMark("https://a.example/xapi"); err != nil || m != nil {
		t.Fatalf("mark before any push: %q %v", m, err)
	}
	if err := db.SetPushMark("https://a.example/xapi", []byte(`{"late":3}`)); err != nil {
		t.Fatal(err)
	}
	a, _ := db.PushMark("https://a.example/xapi")
	b, _ := db.PushMark("https://b.example/xapi")
	if string(a) != `{"late":3}` || b != nil {
		t.Errorf("marks %q and %q", a, b)
	}
}

// Facts recorded with an attempt come back as they were; attempts stored
// without them read back without.
func TestAttemptFactsRoundTrip(t *testing.T) {
	db, _ := openTest(t)
	with := attempt("f1", "ana", "card-1", t0)
	with.Facts = &playbook.Facts{Prompt: "Which is sales-ready?", Options: []string{"white paper", "budget"}, Correct: []int{1}, Passed: true}
	order := attempt("f2", "ana", "card-2", t0.Add(time.Second))
	order.Facts = &playbook.Facts{Prompt: "Order", Items: []string{"call", "close"}}
	without := attempt("f3", "ana", "card-3", t0.Add(2*time.Second))
	typed := attempt("f4", "ana", "card-4", t0.Add(3*time.Second))
	typed.Facts = &playbook.Facts{Prompt: "Why ask first?", Passed: true, Text: &playbook.CardText{Answer: "To learn why they called.",
		Points: []string{"why | reason", "result"}, NeverSay: []string{"cheapest"}, Why: ""}}
	for _, a := range []playbook.Attempt{with, order, without, typed} {
		if err := db.Record(playbook.Record{Attempt: a}); err != nil {
			t.Fatal(err)
		}
	}
	var got []playbook.Attempt
	if err := db.Attempts("ana", func(a playbook.Attempt) error { got = append(got, a); return nil }); err != nil {
		t.Fatal(err)
	}
	for i, want := range []*playbook.Facts{with.Facts, order.Facts, nil, typed.Facts} {
		if !reflect.DeepEqual(got[i].Facts, want) {
			t.Errorf("attempt %d facts %+v, want %+v", i, got[i].Facts, want)
		}
	}
	// A facts tail cut anywhere is a damaged record, not a panic.
	v := encodeAttempt(with)
	plain := with
	plain.Facts = nil
	base := len(encodeAttempt(plain))
	for cut := base + 1; cut < len(v); cut++ {
		if _, err := decodeAttempt("x", "ana", v[:cut], time.UTC); err == nil {
			t.Errorf("a value cut at %d of %d read as whole", cut, len(v))
		}
	}
	// So is a card text tail cut anywhere.
	v = encodeAttempt(typed)
	short := typed
	short.Facts = &playbook.Facts{Prompt: typed.Facts.Prompt, Passed: true}
	for cut := len(encodeAttempt(short)) + 1; cut < len(v); cut++ {
		if _, err := decodeAttempt("x", "ana", v[:cut], time.UTC); err == nil {
			t.Errorf("a value with its card text cut at %d of %d read as whole", cut, len(v))
		}
	}
}
