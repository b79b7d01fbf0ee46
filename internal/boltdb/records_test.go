package boltdb

import (
	"reflect"
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/playbook"
)

func dispute(id, attempt string, at time.Time) playbook.Dispute {
	return playbook.Dispute{
		ID: id, Attempt: attempt, Rep: "ana", Card: "discovery/result", Hash: "h1", Step: "discovery",
		At: at, Response: "ask what they want to get done", Score: 0.5, Suggested: playbook.Again,
		Rating: playbook.Good, Missed: []string{"outcome | result"}, File: "02-sales.md", FileSum: "abc",
	}
}

// A dispute made with its attempt is stored in the same commit; disputes
// and reviews read back in time order, every field kept; a stored id is
// skipped, so importing twice adds nothing.
func TestDisputesAndReviews(t *testing.T) {
	db, _ := openTest(t)
	if ds, err := db.Disputes(); err != nil || len(ds) != 0 {
		t.Fatalf("empty database: %v %v", ds, err)
	}
	a := attempt("a1", "ana", "discovery/result", t0)
	d1 := dispute("d1", "a1", t0)
	if err := db.Record(playbook.Record{Attempt: a, Dispute: &d1}); err != nil {
		t.Fatal(err)
	}
	d0 := dispute("d0", "a0", t0.Add(-time.Hour))
	d0.Asked = true
	for i := 0; i < 2; i++ {
		added, err := db.AddDispute(d0)
		if err != nil || added != (i == 0) {
			t.Fatalf("AddDispute #%d: added %v, %v", i+1, added, err)
		}
	}
	got, err := db.Disputes()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !reflect.DeepEqual(got[0], d0) || !reflect.DeepEqual(got[1], d1) {
		t.Errorf("disputes:\n%+v\nwant\n%+v\n%+v", got, d0, d1)
	}
	r := playbook.Review{ID: "r1", Dispute: "d1", Card: "discovery/result", Hash: "h1", Reviewer: "maria", At: t0.Add(time.Hour),
		Verdict: playbook.ReviewAccepted, Point: "outcome | result", Words: "what they want to get done", NewHash: "h2",
		File: "02-sales.md", FileBefore: "abc", FileAfter: "def"}
	for i := 0; i < 2; i++ {
		if added, err := db.AddReview(r); err != nil || added != (i == 0) {
			t.Fatalf("AddReview #%d: added %v, %v", i+1, added, err)
		}
	}
	rs, err := db.Reviews()
	if err != nil || len(rs) != 1 || !reflect.DeepEqual(rs[0], r) {
		t.Errorf("reviews = %+v, %v", rs, err)
	}
}

func TestBadDisputesAndReviewsAreRefused(t *testing.T) {
	db, _ := openTest(t)
	a := attempt("a1", "ana", "discovery/result", t0)
	other := dispute("d1", "another-attempt", t0)
	if err := db.Record(playbook.Record{Attempt: a, Dispute: &other}); playbook.ErrorCode(err) != playbook.EInvalid {
		t.Errorf("dispute naming another attempt: %v", err)
	}
	if n, _ := db.Totals("ana"); n.Attempts != 0 {
		t.Errorf("a refused record stored its attempt: %+v", n)
	}
	if _, err := db.AddDispute(playbook.Dispute{ID: "x"}); playbook.ErrorCode(err) != playbook.EInvalid {
		t.Errorf("empty dispute: %v", err)
	}
	if _, err := db.AddReview(playbook.Review{ID: "r", Dispute: "d", At: t0, Verdict: "maybe"}); playbook.ErrorCode(err) != playbook.EInvalid {
		t.Errorf("bad verdict: %v", err)
	}
}

// Cards seen and identity decisions persist across opens; read-only, a
// save keeps nothing and fails nothing.
func TestIdentityRecords(t *testing.T) {
	db, path := newStore(t)
	c := &playbook.Card{ID: "qualify/is-a-list", Kind: playbook.KindRecall, Step: "qualify", Prompt: "Is a list leads?", Answer: "No.",
		MustMention: []playbook.KeyPoint{{Alternates: []string{"no", "not leads"}}}, Hash: "h1"}
	dec := playbook.Identity{Kind: playbook.IdentityRenamed, From: "qualify/old", FromHash: "h0", To: c.ID, ToHash: "h1", Similarity: 0.8, Why: "question reworded", At: t0}
	if err := db.SaveIdentity([]*playbook.Card{c}, []playbook.Identity{dec}); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	ro, err := Open(path, Options{ReadOnly: true, Now: fixedClock(t0)})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	seen, err := ro.SeenCards()
	if err != nil || !reflect.DeepEqual(seen[c.ID], *c) || len(seen) != 1 {
		t.Errorf("seen = %+v, %v", seen, err)
	}
	ids, err := ro.Identities()
	if err != nil || len(ids) != 1 || !reflect.DeepEqual(ids[0], dec) {
		t.Errorf("identities = %+v, %v", ids, err)
	}
	if err := ro.SaveIdentity([]*playbook.Card{{ID: "x"}}, []playbook.Identity{dec}); err != nil {
		t.Errorf("read-only save: %v", err)
	}
	if ids, _ := ro.Identities(); len(ids) != 1 {
		t.Errorf("read-only save kept something: %+v", ids)
	}
}
