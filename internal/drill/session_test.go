package drill

import (
	"slices"
	"testing"
	"time"
	_ "time/tzdata" // zone names load on a machine without a zone database, as in the binary

	"github.com/playdrill/playdrill/internal/playbook"
)

func TestRequeueBringsTheCardBackLater(t *testing.T) {
	f := newFixture(t, Options{Free: true})
	cards := f.book.Cards()[:6]
	got := ids(Requeue(cards, 1))
	want := []string{cards[0].ID, cards[1].ID, cards[2].ID, cards[3].ID, cards[4].ID, cards[1].ID, cards[5].ID}
	if !slices.Equal(got, want) {
		t.Errorf("Requeue = %v, want %v", got, want)
	}
	// Near the end it goes last.
	got = ids(Requeue(cards[:3], 2))
	if !slices.Equal(got, []string{cards[0].ID, cards[1].ID, cards[2].ID, cards[2].ID}) {
		t.Errorf("Requeue at the end = %v", got)
	}
	if got := Requeue(cards, 9); len(got) != len(cards) {
		t.Errorf("an index out of range changed the queue: %v", ids(got))
	}
}

// When the rep finishes the open step in a session, the next look at
// today's queue holds the step that opened, without the cards the session
// already had.
func TestUnseenAddsTheStepThatOpened(t *testing.T) {
	f := newFixture(t, Options{})
	first, err := f.eng.Queue(Selection{})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, c := range first {
		if c.Step != "list" {
			t.Fatalf("a locked step's card %s in the first queue", c.ID)
		}
		seen[c.ID] = true
	}
	f.passStep("list")
	again, err := f.eng.Queue(Selection{})
	if err != nil {
		t.Fatal(err)
	}
	more := Unseen(again, seen)
	if len(more) == 0 || more[0].Step != "qualify" {
		t.Fatalf("after the first step: %v, want the next step's cards", ids(more))
	}
	for _, c := range more {
		if seen[c.ID] {
			t.Errorf("card %s came twice", c.ID)
		}
	}
}

func TestDueLaterToday(t *testing.T) {
	f := newFixture(t, Options{})
	if n, err := f.eng.DueLaterToday(); err != nil || n != 0 {
		t.Fatalf("fresh rep: %d, %v", n, err)
	}
	// A card rated Again falls due within minutes: later today, not now.
	f.answer("list-result", 0.1, playbook.Again)
	n, err := f.eng.DueLaterToday()
	if err != nil || n != 1 {
		t.Fatalf("after Again: %d due later today, %v; want 1", n, err)
	}
	p, _ := f.eng.Progress()
	if p.Due != 0 {
		t.Errorf("the card counts as due now too: %d", p.Due)
	}
	// Once its time comes it is due now, not later.
	f.clock.advance(2 * time.Hour)
	if n, _ := f.eng.DueLaterToday(); n != 0 {
		t.Errorf("due card still counted as later: %d", n)
	}
	// A card due in days is not due today at all.
	f.answer("list-broker", 1, playbook.Easy)
	if n, _ := f.eng.DueLaterToday(); n != 0 {
		t.Errorf("a card due in days counted as later today: %d", n)
	}
}

func TestDayEnd(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	d := Day{Location: ny, Hour: 4}
	for _, tc := range []struct{ at, want string }{
		{"2026-03-02T10:00:00-05:00", "2026-03-03T04:00:00-05:00"},
		{"2026-03-03T02:30:00-05:00", "2026-03-03T04:00:00-05:00"}, // still the day before
	} {
		at, _ := time.Parse(time.RFC3339, tc.at)
		want, _ := time.Parse(time.RFC3339, tc.want)
		if got := dayEnd(d, at); !got.Equal(want) {
			t.Errorf("dayEnd(%s) = %s, want %s", tc.at, got.In(ny), want)
		}
	}
}
