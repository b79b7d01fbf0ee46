package drill

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/drill/drilltest"
	"github.com/playdrill/playdrill/internal/grade"
	"github.com/playdrill/playdrill/internal/playbook"
)

// clock is a fake clock tests move by hand.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

type fixture struct {
	t     *testing.T
	book  *playbook.Playbook
	store *drilltest.Store
	clock *clock
	eng   *Engine
}

func newFixture(t *testing.T, opt Options) *fixture {
	t.Helper()
	f := &fixture{t: t, book: drilltest.Book(), store: drilltest.NewStore(), clock: &clock{time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}}
	if opt.Rep == "" {
		opt.Rep = "ana"
	}
	opt.Now = f.clock.now
	f.eng = New(f.book, f.store, opt)
	return f
}

func (f *fixture) card(id string) *playbook.Card {
	f.t.Helper()
	c, ok := f.book.Card(id)
	if !ok {
		f.t.Fatalf("no card %s", id)
	}
	return c
}

// answer records an attempt on card id with score and rating.
func (f *fixture) answer(id string, score float64, rating playbook.Rating) Outcome {
	f.t.Helper()
	return f.answerCram(id, score, rating, false)
}

func (f *fixture) answerCram(id string, score float64, rating playbook.Rating, cram bool) Outcome {
	f.t.Helper()
	c := f.card(id)
	a := grade.Answer{Text: "answer to " + id}
	if !c.Kind.Typed() {
		a = grade.Answer{Picks: []int{0}}
		if c.Kind == playbook.KindOrder {
			for i := 1; i < len(c.Items); i++ {
				a.Picks = append(a.Picks, i)
			}
		}
	}
	out, err := f.eng.Record(c, a, grade.Result{Score: score, Suggested: playbook.Good}, rating, cram, 3*time.Second)
	if err != nil {
		f.t.Fatalf("record %s: %v", id, err)
	}
	return out
}

// passStep passes every card of a step.
func (f *fixture) passStep(id string) Outcome {
	f.t.Helper()
	s, _ := f.book.Step(id)
	var out Outcome
	for _, c := range s.Cards {
		out = f.answer(c.ID, 1, playbook.Good)
	}
	return out
}

func (f *fixture) statuses() map[string]Status {
	f.t.Helper()
	p, err := f.eng.Progress()
	if err != nil {
		f.t.Fatal(err)
	}
	m := map[string]Status{}
	for _, pp := range p.Processes {
		for _, sp := range pp.Steps {
			m[sp.Step.ID] = sp.Status
		}
	}
	return m
}

func (f *fixture) queueIDs(sel Selection) []string {
	f.t.Helper()
	q, err := f.eng.Queue(sel)
	if err != nil {
		f.t.Fatalf("queue %+v: %v", sel, err)
	}
	return ids(q)
}

func ids(cards []*playbook.Card) []string {
	out := []string{}
	for _, c := range cards {
		out = append(out, c.ID)
	}
	return out
}

func wantStatuses(t *testing.T, got map[string]Status, want map[string]Status) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("statuses = %v, want %v", got, want)
	}
}

func TestFreshRepSeesOnlyTheFirstStep(t *testing.T) {
	f := newFixture(t, Options{})
	wantStatuses(t, f.statuses(), map[string]Status{"list": StatusNew, "qualify": StatusLocked, "engage": StatusLocked, "close": StatusLocked})
	if got, want := f.queueIDs(Selection{}), []string{"list-result", "list-broker"}; !reflect.DeepEqual(got, want) {
		t.Errorf("queue = %v, want %v", got, want)
	}
}

func TestFreeOpensEveryStep(t *testing.T) {
	f := newFixture(t, Options{Free: true})
	for id, st := range f.statuses() {
		if st != StatusNew {
			t.Errorf("step %s: %s, want new", id, st)
		}
	}
	if got := len(f.queueIDs(Selection{})); got != len(f.book.Cards()) {
		t.Errorf("queue has %d cards, want all %d", got, len(f.book.Cards()))
	}
}

func TestNewLimit(t *testing.T) {
	for _, tc := range []struct {
		limit, want int
	}{{1, 1}, {-1, 0}, {0, len(drilltest.Book().Cards())}} {
		f := newFixture(t, Options{Free: true, NewLimit: tc.limit})
		if got := len(f.queueIDs(Selection{})); got != tc.want {
			t.Errorf("NewLimit %d: %d cards, want %d", tc.limit, got, tc.want)
		}
	}
}

func TestCompletingAStepOpensTheNext(t *testing.T) {
	f := newFixture(t, Options{})
	first := f.answer("list-result", 0.9, playbook.Good)
	if first.Completed != nil || first.Opened != nil {
		t.Fatalf("first card alone completed %v / opened %v", first.Completed, first.Opened)
	}
	wantStatuses(t, f.statuses(), map[string]Status{"list": StatusInProgress, "qualify": StatusLocked, "engage": StatusLocked, "close": StatusLocked})
	f.clock.advance(time.Minute)
	out := f.answer("list-broker", 0.8, playbook.Easy)
	if out.Completed == nil || out.Completed.ID != "list" {
		t.Fatalf("Completed = %v, want step list", out.Completed)
	}
	if out.Opened == nil || out.Opened.ID != "qualify" {
		t.Fatalf("Opened = %v, want step qualify", out.Opened)
	}
	wantStatuses(t, f.statuses(), map[string]Status{"list": StatusDone, "qualify": StatusNew, "engage": StatusLocked, "close": StatusLocked})
	comps, _ := f.store.Completions("ana")
	if len(comps) != 1 || comps[0].Step != "list" || comps[0].Process != "marketing" || comps[0].PlaybookVersion != "v1" || !comps[0].At.Equal(f.clock.t) {
		t.Errorf("completions = %+v", comps)
	}
	// Passing a card of a done step again records no second completion.
	f.answer("list-result", 1, playbook.Good)
	if comps, _ := f.store.Completions("ana"); len(comps) != 1 {
		t.Errorf("re-passing a done step added a completion: %+v", comps)
	}
	// The gate runs across processes: marketing's last step opens sales.
	f.passStep("qualify")
	out = f.passStep("engage")
	if out.Completed == nil || out.Completed.ID != "engage" || out.Opened == nil || out.Opened.ID != "close" {
		t.Errorf("engage: completed %v opened %v", out.Completed, out.Opened)
	}
	out = f.passStep("close")
	if out.Completed == nil || out.Opened != nil {
		t.Errorf("last step: completed %v opened %v", out.Completed, out.Opened)
	}
}

func TestPassNeedsPassMarkAndGoodRating(t *testing.T) {
	for _, tc := range []struct {
		score  float64
		rating playbook.Rating
		passed bool
	}{
		{0.8, playbook.Good, true},
		{1, playbook.Easy, true},
		{0.79, playbook.Good, false},
		{0.95, playbook.Hard, false},
		{1, playbook.Again, false},
	} {
		f := newFixture(t, Options{})
		f.answer("list-result", tc.score, tc.rating)
		st, _ := f.store.States("ana")
		if got := st["list-result"].PassedHash("list-result@1"); got != tc.passed {
			t.Errorf("score %.2f rated %v: passed %v, want %v", tc.score, tc.rating, got, tc.passed)
		}
	}
}

func TestCustomPassMark(t *testing.T) {
	f := newFixture(t, Options{PassMark: 0.5})
	f.answer("list-result", 0.6, playbook.Good)
	st, _ := f.store.States("ana")
	if !st["list-result"].PassedHash("list-result@1") {
		t.Error("0.6 did not pass a 0.5 pass mark")
	}
}

func TestSchedulingOverWeeks(t *testing.T) {
	f := newFixture(t, Options{})
	f.passStep("list")
	if q := f.queueIDs(Selection{}); len(q) != 3 || q[0] != "qualify-result" {
		t.Fatalf("after passing list, queue = %v, want qualify's new cards", q)
	}
	st, _ := f.store.States("ana")
	res := st["list-result"]
	if res.Reps != 1 || res.Attempts != 1 || !res.Due.After(f.clock.t) || res.LastResponse != "answer to list-result" {
		t.Fatalf("state after one Good answer: %+v", res)
	}
	// Reviewing each card as it falls due, rated Good, spaces the reviews
	// out: each interval at least as long as the one before.
	var intervals []time.Duration
	last := f.clock.t
	for week := 0; week < 12; week++ {
		for day := 0; day < 7; day++ {
			f.clock.advance(24 * time.Hour)
			for _, id := range f.queueIDs(Selection{}) {
				if id == "list-result" {
					intervals = append(intervals, f.clock.t.Sub(last))
					last = f.clock.t
				}
				f.answer(id, 1, playbook.Good)
			}
		}
	}
	if len(intervals) < 3 {
		t.Fatalf("list-result reviewed %d times in 12 weeks", len(intervals))
	}
	for i := 1; i < len(intervals); i++ {
		if intervals[i] < intervals[i-1] {
			t.Errorf("interval %d (%v) shorter than the one before (%v)", i, intervals[i], intervals[i-1])
		}
	}
	// A lapse brings the card back soon.
	st, _ = f.store.States("ana")
	before := st["list-result"]
	f.clock.t = before.Due
	f.answer("list-result", 0.2, playbook.Again)
	st, _ = f.store.States("ana")
	after := st["list-result"]
	if after.Lapses != before.Lapses+1 || after.Due.Sub(f.clock.t) > time.Hour {
		t.Errorf("after a lapse: lapses %d (was %d), due in %v", after.Lapses, before.Lapses, after.Due.Sub(f.clock.t))
	}
}

func TestDueCardsComeFirstMostOverdueFirst(t *testing.T) {
	f := newFixture(t, Options{Free: true})
	f.answer("close-result", 1, playbook.Good) // answered first: falls due first
	f.clock.advance(time.Hour)
	f.answer("list-result", 1, playbook.Good)
	f.clock.advance(60 * 24 * time.Hour)
	q := f.queueIDs(Selection{})
	if len(q) < 3 || q[0] != "close-result" || q[1] != "list-result" || q[2] != "list-broker" {
		t.Errorf("queue = %v, want the two due cards (most overdue first) then new cards in playbook order", q)
	}
}

func TestEditedCardTurnsStepChanged(t *testing.T) {
	f := newFixture(t, Options{})
	f.passStep("list")
	f.passStep("qualify")
	p, _ := f.eng.Progress()
	readyBefore := p.Processes[0].Steps[0].Readiness

	drilltest.Edit(f.card("list-broker"))
	wantStatuses(t, f.statuses(), map[string]Status{"list": StatusChanged, "qualify": StatusDone, "engage": StatusNew, "close": StatusLocked})
	p, _ = f.eng.Progress()
	if r := p.Processes[0].Steps[0].Readiness; r >= readyBefore || r <= 0 {
		t.Errorf("readiness of the changed step = %.3f, want below %.3f and above 0", r, readyBefore)
	}
	// The edited card is due now, ahead of new cards, though its schedule
	// says later.
	if q := f.queueIDs(Selection{}); len(q) == 0 || q[0] != "list-broker" {
		t.Errorf("queue = %v, want the edited card first", q)
	}
	out := f.answer("list-broker", 1, playbook.Good)
	if out.Completed == nil || out.Completed.ID != "list" {
		t.Errorf("re-passing the edited card: completed %v, want list", out.Completed)
	}
	if out.Opened != nil {
		t.Errorf("re-completing a changed step opened %v", out.Opened)
	}
	wantStatuses(t, f.statuses(), map[string]Status{"list": StatusDone, "qualify": StatusDone, "engage": StatusNew, "close": StatusLocked})
	comps, _ := f.store.Completions("ana")
	if len(comps) != 3 {
		t.Errorf("completions = %d, want 3 (list, qualify, list again)", len(comps))
	}
}

func TestAddedCardReopensDoneStep(t *testing.T) {
	f := newFixture(t, Options{})
	f.passStep("list")
	s, _ := f.book.Step("list")
	s.Cards = append(s.Cards, drilltest.NewCard("list-extra", playbook.KindRecall, "list", "marketing"))
	f.eng = New(f.book, f.store, Options{Rep: "ana", Now: f.clock.now})
	wantStatuses(t, f.statuses(), map[string]Status{"list": StatusInProgress, "qualify": StatusLocked, "engage": StatusLocked, "close": StatusLocked})
}

func TestCramLeavesScheduleAlone(t *testing.T) {
	f := newFixture(t, Options{})
	f.answer("list-result", 0.3, playbook.Again)
	before, _ := f.store.States("ana")
	out := f.answerCram("list-result", 1, playbook.Easy, true)
	out2 := f.answerCram("list-broker", 1, playbook.Easy, true)
	if !out.Attempt.Cram || out2.Completed != nil {
		t.Errorf("cram outcome %+v / %+v", out, out2)
	}
	after, _ := f.store.States("ana")
	if !reflect.DeepEqual(before, after) {
		t.Errorf("cram changed states:\n%+v\n%+v", before, after)
	}
	if comps, _ := f.store.Completions("ana"); len(comps) != 0 {
		t.Errorf("cram completed a step: %+v", comps)
	}
	tot, _ := f.store.Totals("ana")
	if tot.Attempts != 3 || tot.Cram != 2 {
		t.Errorf("totals = %+v, want 3 attempts, 2 cram", tot)
	}
	var stored []playbook.Attempt
	f.store.Attempts("ana", func(a playbook.Attempt) error { stored = append(stored, a); return nil })
	if len(stored) != 3 || !stored[1].Cram || stored[0].Cram {
		t.Errorf("stored attempts: %+v", stored)
	}
}

func TestRecordBuildsTheAttempt(t *testing.T) {
	f := newFixture(t, Options{Free: true})
	out := f.answer("qualify-which", 1, playbook.Hard)
	a := out.Attempt
	if len(a.ID) != 36 || a.Rep != "ana" || a.Card != "qualify-which" || a.Hash != "qualify-which@1" || a.Step != "qualify" ||
		a.Process != "marketing" || a.Kind != playbook.KindChoice || a.PlaybookVersion != "v1" || !a.At.Equal(f.clock.t) ||
		a.Response != "first option" || a.Score != 1 || a.Suggested != playbook.Good || a.Rating != playbook.Hard ||
		a.Duration != 3*time.Second || a.Cram {
		t.Errorf("attempt = %+v", a)
	}
	out = f.answer("marketing-order", 1, playbook.Good)
	if out.Attempt.Response != "Work the list > Work inquiries into sales-ready leads" {
		t.Errorf("order response = %q", out.Attempt.Response)
	}
	if f.answer("list-result", 1, playbook.Good).Attempt.ID == a.ID {
		t.Error("two attempts share an id")
	}
}

func TestRecordRejectsBadInput(t *testing.T) {
	f := newFixture(t, Options{Free: true})
	c := f.card("list-result")
	for name, fn := range map[string]func() error{
		"rating 0": func() error {
			_, err := f.eng.Record(c, grade.Answer{Text: "x"}, grade.Result{}, 0, false, 0)
			return err
		},
		"rating 5": func() error {
			_, err := f.eng.Record(c, grade.Answer{Text: "x"}, grade.Result{}, 5, false, 0)
			return err
		},
		"pick out of range": func() error {
			_, err := f.eng.Record(f.card("qualify-which"), grade.Answer{Picks: []int{7}}, grade.Result{}, playbook.Good, false, 0)
			return err
		},
		"card not in playbook": func() error {
			_, err := f.eng.Record(drilltest.NewCard("stray", playbook.KindRecall, "list", "marketing"), grade.Answer{}, grade.Result{}, playbook.Good, false, 0)
			return err
		},
	} {
		if err := fn(); playbook.ErrorCode(err) != playbook.EInvalid {
			t.Errorf("%s: err = %v, want code invalid", name, err)
		}
	}
	if f.store.Records != 0 {
		t.Errorf("bad input reached the store %d times", f.store.Records)
	}
}

func TestRecordReportsStoreFailure(t *testing.T) {
	f := newFixture(t, Options{})
	boom := errors.New("disk full")
	f.store.Fail = boom
	_, err := f.eng.Record(f.card("list-result"), grade.Answer{Text: "x"}, grade.Result{Score: 1}, playbook.Good, false, 0)
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the store's error", err)
	}
	if _, err := f.eng.Record(f.card("list-result"), grade.Answer{Text: "x"}, grade.Result{Score: 1}, playbook.Good, true, 0); !errors.Is(err, boom) {
		t.Fatalf("cram: err = %v, want the store's error", err)
	}
	f.store.Fail = nil
	if st, _ := f.store.States("ana"); len(st) != 0 {
		t.Errorf("a failed commit left states %+v", st)
	}
}

func TestClockGoingBackwardsStillRecords(t *testing.T) {
	f := newFixture(t, Options{})
	f.answer("list-result", 1, playbook.Good)
	f.clock.advance(-48 * time.Hour)
	f.answer("list-result", 1, playbook.Good)
	st, _ := f.store.States("ana")
	if st["list-result"].Attempts != 2 {
		t.Errorf("attempts = %d, want 2", st["list-result"].Attempts)
	}
}

func TestSelectStep(t *testing.T) {
	f := newFixture(t, Options{})
	_, err := f.eng.Queue(Selection{Step: "engage"})
	if playbook.ErrorCode(err) != playbook.EInvalid || !strings.Contains(err.Error(), "locked") || !strings.Contains(err.Error(), "--free") {
		t.Errorf("locked step: err = %v", err)
	}
	_, err = f.eng.Queue(Selection{Step: "nope"})
	if playbook.ErrorCode(err) != playbook.ENotFound || !strings.Contains(err.Error(), "list, qualify, engage, close") {
		t.Errorf("unknown step: err = %v", err)
	}
	// A done step is drilled again in full, though nothing is due.
	f.passStep("list")
	if got, want := f.queueIDs(Selection{Step: "list"}), []string{"list-result", "list-broker"}; !reflect.DeepEqual(got, want) {
		t.Errorf("step list = %v, want %v", got, want)
	}
	free := New(f.book, f.store, Options{Rep: "ana", Free: true, Now: f.clock.now})
	q, err := free.Queue(Selection{Step: "close"})
	if err != nil || len(q) != 2 {
		t.Errorf("free locked step: %v, %v", ids(q), err)
	}
}

func TestSelectCompetitor(t *testing.T) {
	f := newFixture(t, Options{})
	if got := f.queueIDs(Selection{Competitor: "company x", Cram: true}); !reflect.DeepEqual(got, []string{"engage-x"}) {
		t.Errorf("competitor = %v, want [engage-x]", got)
	}
	if got := f.queueIDs(Selection{Competitor: " COMPANY Y "}); !reflect.DeepEqual(got, []string{"engage-y"}) {
		t.Errorf("competitor = %v, want [engage-y]", got)
	}
	_, err := f.eng.Queue(Selection{Competitor: "Company Z"})
	if playbook.ErrorCode(err) != playbook.ENotFound || !strings.Contains(err.Error(), "Company X, Company Y") {
		t.Errorf("unknown competitor: err = %v", err)
	}
	f.book.Competitors = nil
	f.book.Processes[1].Steps[0].Cards[1].Competitor = ""
	f.book.Processes[1].Steps[0].Cards[2].Competitor = ""
	if _, err := f.eng.Queue(Selection{Competitor: "Company X"}); err == nil || !strings.Contains(err.Error(), "names no competitors") {
		t.Errorf("no competitors: err = %v", err)
	}
}

func TestFeedback(t *testing.T) {
	f := newFixture(t, Options{})
	c := f.card("list-broker")
	if err := f.eng.Feedback(c, "  \n"); playbook.ErrorCode(err) != playbook.EInvalid {
		t.Errorf("empty feedback: err = %v", err)
	}
	if err := f.eng.Feedback(c, " prospects laugh at this "); err != nil {
		t.Fatal(err)
	}
	fb, _ := f.store.Feedback()
	if len(fb) != 1 || fb[0].Text != "prospects laugh at this" || fb[0].Hash != c.Hash || fb[0].Card != c.ID || fb[0].Step != "list" || fb[0].Rep != "ana" || fb[0].ID == "" || !fb[0].At.Equal(f.clock.t) {
		t.Errorf("feedback = %+v", fb)
	}
}

func TestProgressFigures(t *testing.T) {
	f := newFixture(t, Options{})
	f.passStep("list")
	f.answer("qualify-result", 0.5, playbook.Again)
	f.answerCram("qualify-result", 1, playbook.Good, true)
	p, err := f.eng.Progress()
	if err != nil {
		t.Fatal(err)
	}
	list, qual := p.Processes[0].Steps[0], p.Processes[0].Steps[1]
	if list.Readiness < 0.99 || list.New != 0 || list.Attempts != 2 || !list.LastAt.Equal(f.clock.t) {
		t.Errorf("list = %+v", list)
	}
	if qual.Status != StatusInProgress || qual.Readiness != 0 || qual.New != 2 || qual.Due != 0 {
		t.Errorf("qualify = %+v", qual)
	}
	if p.Attempts != 4 || p.Processes[0].Done != 1 || p.New != 2 {
		t.Errorf("progress = %+v", p)
	}
	if want := list.Readiness / 2; math.Abs(p.Processes[0].Readiness-want) > 1e-9 {
		t.Errorf("process readiness %.3f, want %.3f", p.Processes[0].Readiness, want)
	}
	if want := list.Readiness / 4; math.Abs(p.Readiness-want) > 1e-9 {
		t.Errorf("rep readiness %.3f, want %.3f (mean of 4 steps)", p.Readiness, want)
	}
	if p.NextDue.IsZero() || !p.NextDue.After(f.clock.t) {
		t.Errorf("NextDue = %v", p.NextDue)
	}
	// Readiness decays as time passes without drilling, and the due cards
	// show up.
	f.clock.advance(90 * 24 * time.Hour)
	later, _ := f.eng.Progress()
	if r := later.Processes[0].Steps[0].Readiness; r >= list.Readiness || r <= 0 {
		t.Errorf("readiness after 90 days = %.3f, was %.3f", r, list.Readiness)
	}
	if later.Due != 3 {
		t.Errorf("due after 90 days = %d, want 3", later.Due)
	}
}

func TestWeakest(t *testing.T) {
	f := newFixture(t, Options{Free: true})
	f.answer("list-result", 1, playbook.Good)
	f.answer("list-broker", 0.2, playbook.Again)
	f.answer("qualify-result", 0.6, playbook.Hard)
	w, err := f.eng.Weakest(2)
	if err != nil {
		t.Fatal(err)
	}
	if got := []string{w[0].Card.ID, w[1].Card.ID}; !reflect.DeepEqual(got, []string{"list-broker", "qualify-result"}) || len(w) != 2 {
		t.Errorf("weakest = %v", got)
	}
	if w[0].State.LastResponse != "answer to list-broker" || w[0].Retrievability <= 0 {
		t.Errorf("weakest carries %+v", w[0])
	}
	if w, _ := f.eng.Weakest(0); w != nil {
		t.Errorf("Weakest(0) = %v", w)
	}
	// The card passed a moment ago is known: it is not weak, however many
	// places are asked for.
	all, err := f.eng.Weakest(10)
	if err != nil || len(all) != 2 {
		t.Errorf("Weakest(10) = %d cards (%v), want the 2 weak ones", len(all), err)
	}
	// Months later it is likely forgotten, and listed again.
	f.clock.advance(365 * 24 * time.Hour)
	if all, _ := f.eng.Weakest(10); len(all) != 3 {
		t.Errorf("a year on, Weakest(10) = %d cards, want 3", len(all))
	}
}

// TestRebuildMatchesRecord replays what weeks of drilling stored (with an
// edit and cram in between) and expects the very same states and
// completions.
func TestRebuildMatchesRecord(t *testing.T) {
	f := newFixture(t, Options{})
	ratings := []playbook.Rating{playbook.Good, playbook.Again, playbook.Easy, playbook.Hard, playbook.Good}
	i := 0
	for day := 0; day < 40; day++ {
		if day == 20 {
			drilltest.Edit(f.card("list-broker"))
		}
		for _, id := range f.queueIDs(Selection{}) {
			r := ratings[i%len(ratings)]
			score := 0.9
			if r == playbook.Again {
				score = 0.3
			}
			f.answer(id, score, r)
			i++
			f.clock.advance(time.Minute)
		}
		if day%7 == 3 {
			f.answerCram("list-result", 0.1, playbook.Again, true)
		}
		f.clock.advance(24 * time.Hour)
	}
	var attempts []playbook.Attempt
	f.store.Attempts("", func(a playbook.Attempt) error { attempts = append(attempts, a); return nil })
	// Another rep's attempts in the log must not leak in.
	other := attempts[0]
	other.Rep, other.ID = "bo", "other"
	attempts = append(attempts, other)

	states, comps := Rebuild(f.book, "ana", attempts, 0)
	stored, _ := f.store.States("ana")
	if len(states) != len(stored) {
		t.Fatalf("rebuilt %d states, stored %d", len(states), len(stored))
	}
	for _, st := range states {
		if !reflect.DeepEqual(st, stored[st.Card]) {
			t.Errorf("card %s:\nrebuilt %+v\nstored  %+v", st.Card, st, stored[st.Card])
		}
	}
	storedComps, _ := f.store.Completions("ana")
	if len(storedComps) < 3 || !reflect.DeepEqual(comps, storedComps) {
		t.Errorf("completions:\nrebuilt %+v\nstored  %+v", comps, storedComps)
	}
}

func TestRebuildFindsCompletionsOnOlderVersions(t *testing.T) {
	f := newFixture(t, Options{})
	f.passStep("list")
	var attempts []playbook.Attempt
	f.store.Attempts("ana", func(a playbook.Attempt) error { attempts = append(attempts, a); return nil })
	drilltest.Edit(f.card("list-broker"))
	_, comps := Rebuild(f.book, "ana", attempts, 0.8)
	if len(comps) != 1 || comps[0].Step != "list" {
		t.Errorf("completions = %+v, want list's", comps)
	}
}

func TestRepsAreSeparate(t *testing.T) {
	f := newFixture(t, Options{})
	f.passStep("list")
	bo := New(f.book, f.store, Options{Rep: "bo", Now: f.clock.now})
	p, err := bo.Progress()
	if err != nil {
		t.Fatal(err)
	}
	if st := p.Processes[0].Steps[0].Status; st != StatusNew || p.Attempts != 0 {
		t.Errorf("another rep sees list %s with %d attempts", st, p.Attempts)
	}
	if _, err := bo.Queue(Selection{Step: "qualify"}); playbook.ErrorCode(err) != playbook.EInvalid {
		t.Errorf("another rep's gate opened: %v", err)
	}
}

func TestGradeUsesTheEnginePassMark(t *testing.T) {
	book := drilltest.Book()
	c, _ := book.Card("list-result")
	c.MustMention = []playbook.KeyPoint{{Alternates: []string{"ideal customer"}}, {Alternates: []string{"inquiries"}}}
	half := grade.Answer{Text: "only the ideal customer"}
	strict := New(book, drilltest.NewStore(), Options{Rep: "ann"})
	lenient := New(book, drilltest.NewStore(), Options{Rep: "ann", PassMark: 0.5})
	if r := strict.Grade(c, half); r.Score != 0.5 || r.Passed {
		t.Errorf("default pass mark: score %v passed %v, want 0.5 and not passed", r.Score, r.Passed)
	}
	if r := lenient.Grade(c, half); !r.Passed {
		t.Errorf("pass mark 0.5: score %v not passed", r.Score)
	}
	// A second answer grades against the same prepared card.
	if r := lenient.Grade(c, grade.Answer{Text: "ideal customers and inquiries"}); r.Score != 1 {
		t.Errorf("full answer: score %v, want 1", r.Score)
	}
}
