package storetest

import (
	"reflect"
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/playbook"
)

// RunRecords runs the contract of the stores that keep disputes, review
// decisions and card identity (playbook.DisputeStore and
// playbook.IdentityStore) against stores open makes.
func RunRecords(t *testing.T, open func(t *testing.T) playbook.Store) {
	for _, c := range []struct {
		name string
		fn   func(*testing.T, playbook.Store)
	}{
		{"DisputesIdempotentInTimeOrder", disputesKept},
		{"DisputeCommittedWithItsAttempt", disputeWithAttempt},
		{"ReviewsIdempotentInTimeOrder", reviewsKept},
		{"IdentityKeptInOrder", identityKept},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.fn(t, open(t))
		})
	}
}

func disputes(t *testing.T, s playbook.Store) playbook.DisputeStore {
	t.Helper()
	ds, ok := s.(playbook.DisputeStore)
	if !ok {
		t.Fatalf("%T keeps no disputes", s)
	}
	return ds
}

// Dispute is a dispute of attempt n (see Attempt) by rep on card.
func Dispute(n int, rep, card string, minutes int) playbook.Dispute {
	a := Attempt(n, rep, card, minutes)
	return playbook.Dispute{ID: "d-" + a.ID, Attempt: a.ID, Rep: rep, Card: card, Hash: a.Hash, Step: a.Step, At: a.At,
		Response: "in my own words", Score: 0.4, Suggested: playbook.Again, Rating: playbook.Good,
		Missed: []string{"a | b"}, File: "book.md", FileSum: "sum"}
}

func disputesKept(t *testing.T, s playbook.Store) {
	ds := disputes(t, s)
	later, earlier := Dispute(1, "bo", "c1", 10), Dispute(2, "ana", "c2", 5)
	earlier.Asked = true
	for _, d := range []playbook.Dispute{later, earlier} {
		added, err := ds.AddDispute(d)
		must(t, err)
		if !added {
			t.Fatalf("a new dispute was not added: %+v", d)
		}
	}
	if added, err := ds.AddDispute(later); err != nil || added {
		t.Errorf("a stored dispute again: added %v, %v", added, err)
	}
	got, err := ds.Disputes()
	must(t, err)
	for i := range got {
		got[i].At = got[i].At.UTC()
	}
	if want := []playbook.Dispute{earlier, later}; !reflect.DeepEqual(got, want) {
		t.Errorf("disputes:\n%+v\nwant\n%+v", got, want)
	}
}

func disputeWithAttempt(t *testing.T, s playbook.Store) {
	a := Attempt(1, "ana", "c1", 0)
	d := Dispute(1, "ana", "c1", 0)
	must(t, s.Record(playbook.Record{Attempt: a, Dispute: &d}))
	got, err := disputes(t, s).Disputes()
	must(t, err)
	if len(got) != 1 || got[0].ID != d.ID || got[0].Attempt != a.ID {
		t.Errorf("disputes after the record: %+v", got)
	}
}

func reviewsKept(t *testing.T, s playbook.Store) {
	ds := disputes(t, s)
	r2 := playbook.Review{ID: "r2", Dispute: "d2", Card: "c2", Hash: "h", Reviewer: "maria", At: T0.Add(time.Hour),
		Verdict: playbook.ReviewRejected, Note: "not the point"}
	r1 := playbook.Review{ID: "r1", Dispute: "d1", Card: "c1", Hash: "h", Reviewer: "maria", At: T0,
		Verdict: playbook.ReviewAccepted, Point: "a | b", Words: "c", NewHash: "h2", File: "book.md", FileBefore: "s1", FileAfter: "s2"}
	for _, r := range []playbook.Review{r2, r1} {
		added, err := ds.AddReview(r)
		must(t, err)
		if !added {
			t.Fatalf("a new review was not added: %+v", r)
		}
	}
	if added, err := ds.AddReview(r1); err != nil || added {
		t.Errorf("a stored review again: added %v, %v", added, err)
	}
	got, err := ds.Reviews()
	must(t, err)
	for i := range got {
		got[i].At = got[i].At.UTC()
	}
	if want := []playbook.Review{r1, r2}; !reflect.DeepEqual(got, want) {
		t.Errorf("reviews:\n%+v\nwant\n%+v", got, want)
	}
}

func identityKept(t *testing.T, s playbook.Store) {
	is, ok := s.(playbook.IdentityStore)
	if !ok {
		t.Fatalf("%T keeps no card identity", s)
	}
	c1 := &playbook.Card{ID: "s/c1", Kind: playbook.KindRecall, Step: "s", Prompt: "Q?", Answer: "A.", Hash: "h1",
		MustMention: []playbook.KeyPoint{{Alternates: []string{"a", "b"}}}}
	first := playbook.Identity{Kind: playbook.IdentityRenamed, From: "s/c0", FromHash: "h0", To: "s/c1", ToHash: "h1", Similarity: 0.7, Why: "question reworded", At: T0}
	must(t, is.SaveIdentity([]*playbook.Card{c1}, []playbook.Identity{first}))
	c1b := *c1
	c1b.Hash, c1b.Answer = "h2", "A!"
	second := playbook.Identity{Kind: playbook.IdentityMinor, From: "s/c1", FromHash: "h1", To: "s/c1", ToHash: "h2", Similarity: 1, Why: "layout only", At: T0}
	must(t, is.SaveIdentity([]*playbook.Card{&c1b}, []playbook.Identity{second}))
	seen, err := is.SeenCards()
	must(t, err)
	if len(seen) != 1 || !reflect.DeepEqual(seen["s/c1"], c1b) {
		t.Errorf("seen cards: %+v", seen)
	}
	got, err := is.Identities()
	must(t, err)
	for i := range got {
		got[i].At = got[i].At.UTC()
	}
	if want := []playbook.Identity{first, second}; !reflect.DeepEqual(got, want) {
		t.Errorf("identities (made at the same time, kept in the order saved):\n%+v\nwant\n%+v", got, want)
	}
}
