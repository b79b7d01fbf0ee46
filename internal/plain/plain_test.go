package plain

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/drill/drilltest"
	"github.com/playdrill/playdrill/internal/playbook"
)

// fakeGrade grades the test playbook's cards predictably: a typed answer
// hits a point when it contains one of its alternates; picks and orders
// score 1 when exactly right.
func fakeGrade(c *playbook.Card, a drill.Answer) drill.Result {
	var r drill.Result
	switch {
	case c.Kind.Typed():
		hits := 0
		for _, p := range c.MustMention {
			pr := drill.PointResult{Point: p}
			for _, alt := range p.Alternates {
				if strings.Contains(a.Text, alt) {
					pr.Hit, pr.Words = true, strings.Fields(alt)
					hits++
					break
				}
			}
			r.Points = append(r.Points, pr)
		}
		r.Score = float64(hits) / float64(len(c.MustMention))
		for _, n := range c.NeverSay {
			if strings.Contains(a.Text, n) {
				r.NeverSaid = append(r.NeverSaid, n)
			}
		}
	case c.Kind == playbook.KindOrder:
		r.Score = 1
		for i, p := range a.Picks {
			if p != i {
				r.Score = 0
			}
		}
	default:
		if reflect.DeepEqual(a.Picks, c.Correct) {
			r.Score = 1
		}
	}
	r.Suggested = playbook.Again
	if r.Score >= 0.8 {
		r.Suggested = playbook.Good
	}
	return r
}

type env struct {
	book  *playbook.Playbook
	store *drilltest.Store
	eng   *drill.Engine
	now   time.Time
	ids   int // attempt ids handed out in this run
	run0  int // runs so far
}

func newEnv(free bool) *env {
	e := &env{book: drilltest.Book(), store: drilltest.NewStore(), now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	e.eng = drill.New(e.book, e.store, drill.Options{Rep: "ana", Free: free, Now: func() time.Time { return e.now }, Grader: fakeGrade, NewID: e.newID})
	return e
}

// newID makes the attempt ids run N, card shown K: "rN-K". A test knows
// from them how a card's options are shown (attemptID).
func (e *env) newID() string {
	e.ids++
	return fmt.Sprintf("r%d-%d", e.run0, e.ids)
}

// attemptID is the id of the k-th card shown (from 1) in the next run.
func (e *env) attemptID(k int) string { return fmt.Sprintf("r%d-%d", e.run0+1, k) }

// shownAt is the number an option or item is shown under in attempt id.
func shownAt(c *playbook.Card, id string, index int) int {
	for pos, i := range drill.Arrange(c, id) {
		if i == index {
			return pos + 1
		}
	}
	return 0
}

// listing is the numbered options or items of c as attempt id shows them.
func listing(c *playbook.Card, id string) string {
	from := c.Options
	if c.Kind == playbook.KindOrder {
		from = c.Items
	}
	var b strings.Builder
	for pos, i := range drill.Arrange(c, id) {
		fmt.Fprintf(&b, "%d) %s\n", pos+1, from[i])
	}
	return b.String()
}

func (e *env) run(t *testing.T, sel drill.Selection, input string) (string, Summary, error) {
	t.Helper()
	e.run0++
	e.ids = 0
	var out bytes.Buffer
	sum, err := Run(e.eng, Options{In: strings.NewReader(input), Out: &out, Selection: sel})
	return out.String(), sum, err
}

func TestTranscript(t *testing.T) {
	e := newEnv(false)
	out, sum, err := e.run(t, drill.Selection{}, "we follow the rules of engagement for sales-ready leads, hot leads\n\nno idea\n5\n1\n")
	if err != nil {
		t.Fatal(err)
	}
	want := `Drill: 2 cards from Test playbook.
Answer on one line. Commands: :skip skips a card, :flag TEXT leaves feedback, :dispute disputes the grade just given, :q ends.
Ratings: 1 again, 2 hard, 3 good, 4 easy.

Card 1: list-result [result]
Prompt of list-result
Answer:
Score: 100% (pass mark 80%)
Hit: rules of engagement (rules of engagement)
Hit: sales-ready or qualified (sales-ready)
Never say: "hot leads" was in your answer
Model answer:
  Model answer of list-result
Rating [1-4, Enter=3]:
Recorded.

Card 2: list-broker [recall]
Prompt of list-broker
Answer:
Score: 0% (pass mark 80%)
Missed: rules of engagement
Missed: sales-ready or qualified
Model answer:
  Model answer of list-broker
Rating [1-4, Enter=1]:
Please enter 1 (again), 2 (hard), 3 (good) or 4 (easy), or press Enter for 1.
Rating [1-4, Enter=1]:
Recorded.

Summary
Cards: 2 answered
Mean score: 50%
Steps completed: 0
Due next: next review 2026-03-02 09:01
`
	if out != want {
		t.Errorf("transcript:\n%s\nwant:\n%s", out, want)
	}
	if sum.Answered != 2 || sum.Quit {
		t.Errorf("summary = %+v", sum)
	}
	var got []playbook.Attempt
	e.store.Attempts("ana", func(a playbook.Attempt) error { got = append(got, a); return nil })
	if len(got) != 2 || got[0].Rating != playbook.Good || got[0].Suggested != playbook.Good || got[1].Rating != playbook.Again ||
		got[0].Response != "we follow the rules of engagement for sales-ready leads, hot leads" {
		t.Errorf("attempts = %+v", got)
	}
}

func TestCompletingAStepIsAnnounced(t *testing.T) {
	e := newEnv(false)
	out, sum, err := e.run(t, drill.Selection{Step: "list"}, "rules of engagement, sales-ready\n4\nrules of engagement, qualified\n\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{"Step done: Work the list [list]\n", "Step open: Work inquiries into sales-ready leads [qualify]\n", "Steps completed: 1 (list)\n", "Mean score: 100%\n"} {
		if !strings.Contains(out, l) {
			t.Errorf("output lacks %q:\n%s", l, out)
		}
	}
	if len(sum.Completed) != 1 || len(sum.Opened) != 1 {
		t.Errorf("summary = %+v", sum)
	}
}

func TestChoiceAndClassify(t *testing.T) {
	e := newEnv(true)
	choice, _ := e.book.Card("qualify-which")
	id := e.attemptID(2)
	second := fmt.Sprint(shownAt(choice, id, 1))
	out, _, err := e.run(t, drill.Selection{Step: "qualify"}, ":skip\n9\nfirst\n"+second+"\n\n:q\n")
	if err != nil {
		t.Fatal(err)
	}
	want := `Card 2: qualify-which [choice]
Prompt of qualify-which
` + listing(choice, id) + `Answer [1-3]:
Please enter an option number from 1 to 3.
Answer [1-3]:
Please enter an option number from 1 to 3.
Answer [1-3]:
Score: 100% (pass mark 80%)
Correct: ` + second + `) second option
Model answer:
  Model answer of qualify-which
Rating [1-4, Enter=3]:
Recorded.
`
	if !strings.Contains(out, want) {
		t.Errorf("output:\n%s\nlacks:\n%s", out, want)
	}
	if !strings.Contains(out, "Skipped qualify-result.\n") || !strings.Contains(out, "Cards: 1 answered, 1 skipped\n") {
		t.Errorf("skip not reported:\n%s", out)
	}
	classify, _ := e.book.Card("engage-classify")
	id = e.attemptID(4)
	first := fmt.Sprint(shownAt(classify, id, 0))
	out, _, err = e.run(t, drill.Selection{Step: "engage"}, ":skip\n:skip\n:skip\n"+first+"\n\n")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Card 4: engage-classify [classify]\nPrompt of engage-classify\n"+listing(classify, id)) ||
		!strings.Contains(out, fmt.Sprintf("Score: 0%% (pass mark 80%%)\nCorrect: %d) second option\nWhy: because it is\n", shownAt(classify, id, 1))) {
		t.Errorf("classify output:\n%s", out)
	}
}

func TestOrderIsShuffledAndMappedBack(t *testing.T) {
	e := newEnv(true)
	c, _ := e.book.Card("sales-order")
	c.Items = []string{"First encounter", "Close", "Follow up", "Refer"}
	perm := drill.Arrange(c, e.attemptID(2))
	// The rep types the shown numbers in the right order.
	right := make([]string, 4)
	for shown, item := range perm {
		right[item] = fmt.Sprint(shown + 1)
	}
	input := ":skip\n1 2\n1 1 2 3\n" + strings.Join(right, " ") + "\n\n"
	out, sum, err := e.run(t, drill.Selection{Step: "close"}, input)
	if err != nil {
		t.Fatal(err)
	}
	var shown strings.Builder
	for i, p := range perm {
		fmt.Fprintf(&shown, "%d) %s\n", i+1, c.Items[p])
	}
	if !strings.Contains(out, "Card 2: sales-order [order]\nPrompt of sales-order\n"+shown.String()) {
		t.Errorf("items not shown in shuffled order %v:\n%s", perm, out)
	}
	if n := strings.Count(out, "Please enter each number from 1 to 4 once, separated by spaces."); n != 2 {
		t.Errorf("%d re-asks for bad orders, want 2:\n%s", n, out)
	}
	if !strings.Contains(out, "Score: 100%") || !strings.Contains(out, "Correct order:\n  1. First encounter\n  2. Close\n") || sum.Answered != 1 {
		t.Errorf("right order not graded right:\n%s", out)
	}
}

// The options a rep sees differ from attempt to attempt, and the order
// recorded with an attempt is the one it showed: the attempt's id gives it
// back.
func TestOptionsAreShuffledPerAttemptAndReadBack(t *testing.T) {
	e := newEnv(true)
	c, _ := e.book.Card("qualify-which")
	c.Options = []string{"one", "two", "three", "four", "five", "six"}
	c.Correct = []int{3}
	orders := map[string]bool{}
	for run := 1; run <= 6; run++ {
		id := e.attemptID(2)
		pick := shownAt(c, id, 3)
		out, _, err := e.run(t, drill.Selection{Step: "qualify"}, fmt.Sprintf(":skip\n%d\n\n:q\n", pick))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, listing(c, id)) || !strings.Contains(out, fmt.Sprintf("Correct: %d) four\n", pick)) || !strings.Contains(out, "Score: 100%") {
			t.Fatalf("attempt %s:\n%s", id, out)
		}
		orders[listing(c, id)] = true
	}
	if len(orders) < 3 {
		t.Errorf("6 attempts showed only %d orders of 6 options", len(orders))
	}
	n := 0
	err := e.store.Attempts("ana", func(a playbook.Attempt) error {
		if a.Card == c.ID {
			n++
			if a.Response != "four" || a.ID != fmt.Sprintf("r%d-2", n) {
				t.Errorf("recorded %+v", a)
			}
		}
		return nil
	})
	if err != nil || n != 6 {
		t.Errorf("%d attempts recorded, err %v", n, err)
	}
}

func TestFlagSkipQuit(t *testing.T) {
	e := newEnv(false)
	input := ":flag prospects never say this\n:flag   \nrules of engagement\n:flag at the rating prompt\n:skip\n:q\n"
	out, sum, err := e.run(t, drill.Selection{}, input)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(out, "Feedback saved on list-result.\n") != 2 || !strings.Contains(out, "Feedback needs text: :flag TEXT\n") {
		t.Errorf("feedback messages:\n%s", out)
	}
	// Each :flag re-asks the same question.
	if n := strings.Count(out, "Card 1: list-result [result]\nPrompt of list-result\nAnswer:\nFeedback saved on list-result.\nAnswer:\nFeedback needs text: :flag TEXT\nAnswer:\n"); n != 1 {
		t.Errorf("flag does not re-prompt:\n%s", out)
	}
	fb, _ := e.store.Feedback()
	if len(fb) != 2 || fb[0].Text != "prospects never say this" || fb[1].Text != "at the rating prompt" || fb[0].Card != "list-result" || fb[0].Hash != "list-result@1" {
		t.Errorf("feedback = %+v", fb)
	}
	if !strings.Contains(out, "Skipped list-result.\n") || !strings.Contains(out, "Card 2: list-broker") || !sum.Quit || sum.Answered != 0 || sum.Skipped != 1 {
		t.Errorf("skip/quit: %+v\n%s", sum, out)
	}
	if !strings.HasSuffix(out, "Summary\nCards: 0 answered, 1 skipped\nMean score: -\nSteps completed: 0\nDue next: 2 new cards waiting\n") {
		t.Errorf("summary:\n%s", out)
	}
	if e.store.Records != 0 {
		t.Errorf("skipped cards were recorded %d times", e.store.Records)
	}
}

func TestEndOfInputEndsTheSession(t *testing.T) {
	for name, input := range map[string]string{
		"empty":                "",
		"at the rating prompt": "rules of engagement",
	} {
		e := newEnv(false)
		out, sum, err := e.run(t, drill.Selection{}, input)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !sum.Quit || e.store.Records != 0 || !strings.Contains(out, "\nSummary\n") || strings.Contains(out, "Card 2:") {
			t.Errorf("%s: %+v, %d records\n%s", name, sum, e.store.Records, out)
		}
	}
}

func TestLastLineWithoutNewline(t *testing.T) {
	e := newEnv(false)
	_, sum, err := e.run(t, drill.Selection{}, "rules of engagement sales-ready\n3")
	if err != nil || sum.Answered != 1 {
		t.Fatalf("answered %d, err %v", sum.Answered, err)
	}
}

// commitCheck fails the test when a card is printed before the attempt
// before it is committed.
type commitCheck struct {
	*drilltest.Store
	out *bytes.Buffer
	t   *testing.T
	n   int
}

func (c *commitCheck) Record(r playbook.Record) error {
	c.n++
	if strings.Contains(c.out.String(), fmt.Sprintf("Card %d:", c.n+1)) {
		c.t.Errorf("card %d was printed before attempt %d was committed", c.n+1, c.n)
	}
	return c.Store.Record(r)
}

func TestNextCardOnlyAfterCommit(t *testing.T) {
	e := newEnv(true)
	var out bytes.Buffer
	store := &commitCheck{Store: e.store, out: &out, t: t}
	eng := drill.New(e.book, store, drill.Options{Rep: "ana", Free: true, Now: func() time.Time { return e.now }, Grader: fakeGrade})
	in := strings.Repeat("x\n\n", 3)
	if _, err := Run(eng, Options{In: strings.NewReader(in), Out: &out, Selection: drill.Selection{Step: "list"}}); err != nil {
		t.Fatal(err)
	}
	if store.n != 2 {
		t.Errorf("%d commits, want 2", store.n)
	}
}

func TestCommitFailureStops(t *testing.T) {
	e := newEnv(false)
	e.store.Fail = errors.New("disk full")
	out, _, err := e.run(t, drill.Selection{}, "x\n\nx\n\n")
	if err == nil || !strings.Contains(err.Error(), "disk full") || !strings.Contains(err.Error(), "list-result") {
		t.Errorf("err = %v", err)
	}
	if strings.Contains(out, "Card 2:") || strings.Contains(out, "Recorded") {
		t.Errorf("went on after a failed commit:\n%s", out)
	}
}

func TestCram(t *testing.T) {
	e := newEnv(false)
	out, sum, err := e.run(t, drill.Selection{Competitor: "company x", Cram: true}, "rules of engagement\n\n")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "Cram: 1 card from Test playbook. Your schedule will not change.\n") ||
		!strings.Contains(out, "Card 1: engage-x [differentiator]\n") || !strings.Contains(out, "Recorded (cram: schedule unchanged).\n") || sum.Answered != 1 {
		t.Errorf("cram output:\n%s", out)
	}
	if st, _ := e.store.States("ana"); len(st) != 0 {
		t.Errorf("cram changed states: %+v", st)
	}
	var got []playbook.Attempt
	e.store.Attempts("ana", func(a playbook.Attempt) error { got = append(got, a); return nil })
	if len(got) != 1 || !got[0].Cram {
		t.Errorf("attempts = %+v", got)
	}
}

func TestRefusedSelectionPrintsNothing(t *testing.T) {
	e := newEnv(false)
	for _, sel := range []drill.Selection{{Competitor: "Nobody"}, {Step: "engage"}, {Step: "missing"}} {
		out, _, err := e.run(t, sel, "")
		if err == nil || out != "" {
			t.Errorf("%+v: err %v, output %q", sel, err, out)
		}
	}
}

func TestNothingToDrill(t *testing.T) {
	e := newEnv(false)
	e.eng = drill.New(e.book, e.store, drill.Options{Rep: "ana", NewLimit: -1, Now: func() time.Time { return e.now }, Grader: fakeGrade})
	out, _, err := e.run(t, drill.Selection{}, "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "Nothing to drill now.\n\nSummary\nCards: 0 answered\n") {
		t.Errorf("output:\n%s", out)
	}
}

type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	w.n++
	if w.n > 3 {
		return 0, errors.New("broken pipe")
	}
	return len(p), nil
}

func TestOutputFailureStops(t *testing.T) {
	e := newEnv(false)
	_, err := Run(e.eng, Options{In: strings.NewReader(strings.Repeat("x\n\n", 5)), Out: &failWriter{}})
	if err == nil || !strings.Contains(err.Error(), "broken pipe") {
		t.Errorf("err = %v", err)
	}
	if e.store.Records != 0 {
		t.Errorf("went on recording after output failed: %d", e.store.Records)
	}
}

func TestChangedStepsAreNamed(t *testing.T) {
	e := newEnv(false)
	if _, _, err := e.run(t, drill.Selection{}, "rules of engagement sales-ready\n\nrules of engagement sales-ready\n\n"); err != nil {
		t.Fatal(err)
	}
	c, _ := e.book.Card("list-broker")
	drilltest.Edit(c)
	out, _, err := e.run(t, drill.Selection{}, "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "Changed since you passed them: list\nDrill: 4 cards") || !strings.Contains(out, "Card 1: list-broker [recall]\n") {
		t.Errorf("output:\n%s", out)
	}
}

func TestInputQuirks(t *testing.T) {
	e := newEnv(false)
	huge := strings.Repeat("rules of engagement ", 60000) // about 1.2 MB on one line
	input := ":quit\r\n" + huge + "sales-ready\r\n\r\n:q\r\n"
	out, sum, err := e.run(t, drill.Selection{}, input)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Answer:\nUnknown command :quit. Commands: :skip, :flag TEXT, :dispute, :q.\nAnswer:\n") {
		t.Errorf("mistyped command not caught:\n%.2000s", out)
	}
	if sum.Answered != 1 || !sum.Quit || !strings.Contains(out, "Score: 100%") {
		t.Errorf("huge CRLF answer: %+v\n%.2000s", sum, out)
	}
	for line, want := range map[string]bool{":quit": true, ":s": true, ":x y": true, ":": false, ":-)": false, "::": false, "a:b": false, ":Q": false} {
		if got := looksLikeCommand(line); got != want {
			t.Errorf("looksLikeCommand(%q) = %v, want %v", line, got, want)
		}
	}
}

func TestPlaybookTextCannotDriveTheTerminal(t *testing.T) {
	e := newEnv(true)
	c, _ := e.book.Card("qualify-which")
	c.Prompt = "Which lead?\x1b]52;c;ZXZpbA==\x07 \x1b[2J"
	c.Options[0] = "first\x9b31m option"
	c.Answer = "model \u202eanswer\x1b[31m"
	c.Why = "why\x1b[H"
	out, _, err := e.run(t, drill.Selection{Step: "qualify"}, ":skip\n2\n\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"\x1b", "\x9b", "\u202e", "\x07"} {
		if strings.Contains(out, bad) {
			t.Errorf("output carries %q:\n%q", bad, out)
		}
	}
	if !strings.Contains(out, "Which lead?") || !strings.Contains(out, ") first") {
		t.Errorf("text lost with the escapes:\n%s", out)
	}
}

// A line longer than an answer may be is not read: the rep is asked again,
// and input with no end of line at all ends the session instead of filling
// memory.
func TestOverlongLinesAreNotRead(t *testing.T) {
	e := newEnv(false)
	input := strings.Repeat("x", playbook.MaxResponse+10) + "\nrules of engagement sales-ready\n\n:q\n"
	out, sum, err := e.run(t, drill.Selection{}, input)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "longer than the 2 MB an answer may be") || sum.Answered != 1 {
		t.Errorf("answered %d:\n%.500s", sum.Answered, out)
	}
	e = newEnv(false)
	_, sum, err = e.run(t, drill.Selection{}, strings.Repeat("\x00", 20*playbook.MaxResponse))
	if err != nil || sum.Answered != 0 {
		t.Errorf("endless line: %v, answered %d", err, sum.Answered)
	}
}
