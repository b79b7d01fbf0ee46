package drill

import (
	"reflect"
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/drill/drilltest"
	"github.com/playdrill/playdrill/internal/playbook"
)

var losAngeles = time.FixedZone("PST", -8*3600)

// twoGoodAnswers schedules a card from two Good answers at the local times
// first and second of 2 March and returns the state after them.
func twoGoodAnswers(t *testing.T, day Day, first, second time.Duration) playbook.CardState {
	t.Helper()
	base := time.Date(2026, 3, 2, 0, 0, 0, 0, losAngeles)
	var st playbook.CardState
	for _, at := range []time.Time{base.Add(first), base.Add(second)} {
		a := playbook.Attempt{Card: "c", Hash: "h", At: at, Score: 1, Suggested: playbook.Good, Rating: playbook.Good}
		var err error
		if st, err = applyAttempt(st, a, DefaultPassMark, day); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// Two Good answers the same morning and the same afternoon of a rep's day
// schedule the card alike: the days are the rep's, not UTC's (15:00 and
// 17:30 in Los Angeles straddle UTC midnight).
func TestScheduleCountsTheRepsDays(t *testing.T) {
	la := Day{Location: losAngeles, Hour: 4}
	morning := twoGoodAnswers(t, la, 9*time.Hour, 11*time.Hour+30*time.Minute)
	afternoon := twoGoodAnswers(t, la, 15*time.Hour, 17*time.Hour+30*time.Minute)
	if morning.Stability != afternoon.Stability || morning.Due.Sub(morning.LastReview) != afternoon.Due.Sub(afternoon.LastReview) {
		t.Fatalf("same day, different schedules: stability %v vs %v, due after %v vs %v",
			morning.Stability, afternoon.Stability, morning.Due.Sub(morning.LastReview), afternoon.Due.Sub(afternoon.LastReview))
	}
	// Counted in UTC days, the afternoon pair spans two days.
	utc := Day{Location: time.UTC, Hour: 0}
	m, a := twoGoodAnswers(t, utc, 9*time.Hour, 11*time.Hour+30*time.Minute), twoGoodAnswers(t, utc, 15*time.Hour, 17*time.Hour+30*time.Minute)
	if m.Stability == a.Stability {
		t.Fatal("UTC days made no difference: the test shows nothing")
	}
	// An answer at 2 am belongs to the day before: with the one at 23:00
	// it is a same-day review.
	late := twoGoodAnswers(t, la, -time.Hour, 2*time.Hour)
	early := twoGoodAnswers(t, la, 5*time.Hour, 8*time.Hour)
	if late.Stability != early.Stability {
		t.Fatalf("23:00 and 02:00 scheduled as two days (stability %v, want %v)", late.Stability, early.Stability)
	}
	if !late.LastReview.Equal(time.Date(2026, 3, 2, 2, 0, 0, 0, losAngeles)) {
		t.Fatalf("last review stored as %v, want the answer's own time", late.LastReview)
	}
}

// With interval fuzz on, cards learnt together spread out; replaying the
// same attempts (as import and rebuild do) gives the very same schedules.
func TestFuzzSpreadsCardsAndReplaysTheSame(t *testing.T) {
	book := drilltest.Large(10, 3)
	store := drilltest.NewStore()
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, losAngeles)
	day := Day{Location: losAngeles, Hour: 4}
	eng := New(book, store, Options{Rep: "ana", Now: func() time.Time { return now }, Free: true, Day: day})
	good := Result{Score: 1, Suggested: playbook.Good}
	for range 6 {
		for _, c := range book.Cards() {
			if _, err := eng.Record(c, Answer{Text: "x"}, good, playbook.Good, false, time.Second); err != nil {
				t.Fatal(err)
			}
			now = now.Add(time.Minute)
		}
		now = now.Add(9 * 24 * time.Hour)
	}
	states, _ := store.States("ana")
	dues := map[string]bool{}
	for _, st := range states {
		dues[st.Due.In(losAngeles).Format("2006-01-02")] = true
	}
	if len(dues) < 2 {
		t.Fatalf("30 cards learnt together all fall due on %v: no fuzz", dues)
	}
	var atts []playbook.Attempt
	_ = store.Attempts("ana", func(a playbook.Attempt) error { atts = append(atts, a); return nil })
	rebuilt, _ := day.Rebuild(book, "ana", atts, 0)
	for _, st := range rebuilt {
		want := states[st.Card]
		got := st
		if !got.Due.Equal(want.Due) || !got.LastReview.Equal(want.LastReview) {
			t.Fatalf("card %s replayed due %v, recorded %v", st.Card, got.Due, want.Due)
		}
		got.Due, got.LastReview, got.LastAt = want.Due, want.LastReview, want.LastAt
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("card %s replayed as\n%+v\nrecorded as\n%+v", st.Card, got, want)
		}
	}
}
