package tui

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/drill/drilltest"
	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/render"
)

// fixedNow is the clock of every test: a Wednesday.
var fixedNow = time.Date(2026, 3, 18, 10, 0, 0, 0, time.UTC)

// testBook builds a small playbook in Go: two processes, one card of every kind.
func testBook() *playbook.Playbook {
	qualify := &playbook.Step{
		ID: "qualify", Title: "Work inquiries into sales-ready leads", Process: "marketing",
		Result:   "The inquiry meets the rules of engagement for a sales-ready lead.",
		DoneWhen: []string{"the lead's category is recorded", "sales has accepted the lead"},
		Body:     "## Work inquiries into sales-ready leads\n\nResult: The inquiry meets the rules of engagement.\n\nAny prose: shown when learning.\n",
		Prose:    "Any prose: shown when learning.",
	}
	qualify.Cards = []*playbook.Card{
		{ID: "qualify/result", Kind: playbook.KindResult, Step: "qualify", Process: "marketing",
			Prompt: "What is the required result of this step?", Answer: "The inquiry meets the **rules of engagement**.",
			MustMention: []playbook.KeyPoint{{Alternates: []string{"rules of engagement"}}, {Alternates: []string{"sales-ready"}}}, Hash: "h1"},
		{ID: "qualify/list", Kind: playbook.KindRecall, Step: "qualify", Process: "marketing",
			Prompt: "Is a list bought from a broker a set of leads?", Answer: "No. It is a list.",
			MustMention: []playbook.KeyPoint{{Alternates: []string{"list", "not leads"}}}, NeverSay: []string{"hot leads"}, Hash: "h2"},
		{ID: "qualify/ready", Kind: playbook.KindChoice, Step: "qualify", Process: "marketing",
			Prompt: "Which of these is sales-ready?", Options: []string{"Downloaded a white paper", "Asked for a proposal with budget approved"}, Correct: []int{1}, Hash: "h3"},
		{ID: "qualify/rules-1", Kind: playbook.KindClassify, Step: "qualify", Process: "marketing",
			Prompt: "5,000 names bought from a broker", Options: []string{"list", "inquiry", "sales-ready"}, Correct: []int{0}, Why: "nobody has responded yet", Hash: "h4"},
	}
	nurture := &playbook.Step{ID: "nurture", Title: "Nurture inquiries", Process: "marketing", Result: "The inquiry keeps hearing from us.", Body: "## Nurture inquiries\n"}
	marketing := &playbook.Process{ID: "marketing", Title: "Marketing process", Steps: []*playbook.Step{qualify, nurture}}
	marketing.Order = &playbook.Card{ID: "marketing/order", Kind: playbook.KindOrder, Step: "nurture", Process: "marketing",
		Prompt: "Put the marketing steps in order", Items: []string{"Work inquiries into sales-ready leads", "Nurture inquiries"}, Hash: "h5"}
	nurture.Cards = []*playbook.Card{marketing.Order}
	first := &playbook.Step{ID: "first-call", Title: "First encounter", Process: "sales", Result: "You know why they inquired and what results they want.", Body: "## First encounter\n"}
	first.Cards = []*playbook.Card{{ID: "first/diff", Kind: playbook.KindDifferentiator, Step: "first-call", Process: "sales",
		Prompt: "How are you different from Company X?", Answer: "Onboarding in days.", Competitor: "Company X", Hash: "h6"}}
	sales := &playbook.Process{ID: "sales", Title: "Sales process", Steps: []*playbook.Step{first}}
	return &playbook.Playbook{Title: "Northwind Sales Playbook", Version: "2026.11", Processes: []*playbook.Process{marketing, sales}}
}

// testProgress is a fixed standing on testBook.
func testProgress(b *playbook.Playbook) drill.Progress {
	st := []drill.Status{drill.StatusInProgress, drill.StatusLocked, drill.StatusLocked}
	rd := []float64{0.5, 0, 0}
	var p drill.Progress
	k := 0
	for _, proc := range b.Processes {
		pp := drill.ProcessProgress{Process: proc}
		for _, s := range proc.Steps {
			pp.Steps = append(pp.Steps, drill.StepProgress{Step: s, Status: st[k%3], Readiness: rd[k%3], New: len(s.Cards)})
			k++
		}
		p.Processes = append(p.Processes, pp)
	}
	p.Rep, p.Due, p.New, p.Readiness, p.Attempts = "ana", 2, 5, 0.25, 7
	return p
}

// recordCall is one Record the fake engine received.
type recordCall struct {
	card   string
	answer drill.Answer
	rating playbook.Rating
	cram   bool
}

// fakeEngine stands in for the drill engine: fixed answers, recorded calls.
type fakeEngine struct {
	mu        sync.Mutex
	book      *playbook.Playbook
	rep       string
	queue     []*playbook.Card
	queueErr  error
	recordErr error
	records   []recordCall
	queued    []drill.Selection
	feedback  []string
	disputes  []string
	weakest   []drill.CardReport
	nextDue   time.Time
	// shuffle, when set, shows options in drill.Arrange's order for
	// attempt ids "shown-1", "shown-2", ...; by default they show as
	// written, so tests pick options by their written number. Order
	// cards are always arranged (never in order).
	shuffle bool
	shown   int
	// fresh: the rep has never answered a card.
	fresh bool
}

func (f *fakeEngine) Present(c *playbook.Card) drill.Presentation {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.shown++
	id := fmt.Sprint("shown-", f.shown)
	if !f.shuffle && c.Kind != playbook.KindOrder {
		return drill.Presentation{Attempt: id}
	}
	return drill.Presentation{Attempt: id, Order: drill.Arrange(c, id)}
}

func (f *fakeEngine) Progress() (drill.Progress, error) {
	p := testProgress(f.book)
	p.Rep = f.rep
	p.NextDue = f.nextDue
	if f.fresh {
		p.Attempts = 0
	}
	return p, nil
}

func (f *fakeEngine) Queue(sel drill.Selection) ([]*playbook.Card, error) {
	f.mu.Lock()
	f.queued = append(f.queued, sel)
	f.mu.Unlock()
	if f.queueErr != nil {
		return nil, f.queueErr
	}
	if sel.Step != "" {
		s, _ := f.book.Step(sel.Step)
		return s.Cards, nil
	}
	return f.queue, nil
}

// Grade hits a key point when its first alternate appears in the answer.
func (f *fakeEngine) Grade(c *playbook.Card, a drill.Answer) drill.Result {
	var r drill.Result
	if c.Kind.Typed() {
		hits := 0
		for _, kp := range c.MustMention {
			hit := strings.Contains(strings.ToLower(a.Text), kp.Alternates[0])
			if hit {
				hits++
			}
			r.Points = append(r.Points, drill.PointResult{Point: kp, Hit: hit})
		}
		for _, n := range c.NeverSay {
			if strings.Contains(strings.ToLower(a.Text), n) {
				r.NeverSaid = append(r.NeverSaid, n)
			}
		}
		if len(c.MustMention) > 0 {
			r.Score = float64(hits) / float64(len(c.MustMention))
		}
	} else if c.Kind == playbook.KindOrder {
		r.Score = 1
		for i, p := range a.Picks {
			if p != i {
				r.Score = 0
			}
		}
	} else if reflect.DeepEqual(a.Picks, c.Correct) {
		r.Score = 1
	}
	r.Suggested = playbook.Again
	r.Passed = r.Score >= drill.DefaultPassMark
	if r.Passed {
		r.Suggested = playbook.Good
	}
	return r
}

func (f *fakeEngine) Record(c *playbook.Card, a drill.Answer, r drill.Result, rating playbook.Rating, cram bool, took time.Duration) (drill.Outcome, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.recordErr != nil {
		return drill.Outcome{}, f.recordErr
	}
	f.records = append(f.records, recordCall{card: c.ID, answer: a, rating: rating, cram: cram})
	out := drill.Outcome{Attempt: playbook.Attempt{ID: fmt.Sprint("att-", len(f.records)), Card: c.ID, Score: r.Score, Suggested: r.Suggested, Rating: rating, Cram: cram}}
	if c.Kind.Typed() && playbook.Disputed(r.Score, drill.DefaultPassMark, r.Suggested, rating) {
		out.Disputed = &playbook.Dispute{Card: c.ID, Attempt: out.Attempt.ID}
		f.disputes = append(f.disputes, c.ID+" (rating)")
	}
	if c.ID == "qualify/rules-1" {
		out.Completed, _ = f.book.Step("qualify")
		out.Opened, _ = f.book.Step("nurture")
	}
	return out, nil
}

func (f *fakeEngine) Feedback(c *playbook.Card, text string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.feedback = append(f.feedback, c.ID+": "+text)
	return nil
}

func (f *fakeEngine) Dispute(c *playbook.Card, att playbook.Attempt, r drill.Result) (playbook.Dispute, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := drill.Disputable(c, r); err != nil {
		return playbook.Dispute{}, err
	}
	f.disputes = append(f.disputes, c.ID+" (asked)")
	return playbook.Dispute{Card: c.ID, Attempt: att.ID, Asked: true}, nil
}

func (f *fakeEngine) PassMark() float64 { return drill.DefaultPassMark }

func (f *fakeEngine) Weakest(n int) ([]drill.CardReport, error) { return f.weakest, nil }

// testStore is the drill tests' in-memory store holding some days of the
// rep's answers; activityErr, when set, is what Activity fails with.
type testStore struct {
	*drilltest.Store
	activityErr error
}

func (s *testStore) Activity(rep string, from, to time.Time) (map[string]int, error) {
	if s.activityErr != nil {
		return nil, s.activityErr
	}
	return s.Store.Activity(rep, from, to)
}

// newTestStore holds ana's answers: 1 on 2 March, 3 on 16 March, 12 on 17 March.
func newTestStore() *testStore {
	st := drilltest.NewStore()
	var atts []playbook.Attempt
	for day, n := range map[int]int{2: 1, 16: 3, 17: 12} {
		for i := range n {
			atts = append(atts, playbook.Attempt{ID: fmt.Sprintf("a-%d-%d", day, i), Rep: "ana", Card: "qualify/result",
				At: time.Date(2026, 3, day, 9, i, 0, 0, time.UTC), Rating: playbook.Good})
		}
	}
	if _, err := st.Import(playbook.ImportBatch{Attempts: atts}); err != nil {
		panic(err)
	}
	return &testStore{Store: st}
}

var errDiskFull = errors.New("write progress.db: no space left on device")

// harness drives a Model the way Bubble Tea would, running commands
// synchronously and feeding their messages back.
type harness struct {
	t     *testing.T
	m     *Model
	eng   *fakeEngine
	store *testStore
	quit  bool
	// suspended counts the times the model asked to be suspended.
	suspended int
	config    Config
}

type harnessOpt func(*Config, *fakeEngine)

// withRenderer renders markdown with r instead of fakeRenderer.
func withRenderer(r markdownRenderer) harnessOpt {
	return func(c *Config, _ *fakeEngine) { c.markdown = r }
}

func newHarness(t *testing.T, w, h int, opts ...harnessOpt) *harness {
	t.Helper()
	book := testBook()
	eng := &fakeEngine{book: book}
	eng.queue = book.Cards()
	store := newTestStore()
	cfg := Config{Book: book, Store: store, Options: drill.Options{Rep: "ana", Now: func() time.Time { return fixedNow }}, RepGiven: true, markdown: fakeRenderer{}}
	for _, o := range opts {
		o(&cfg, eng)
	}
	hs := &harness{t: t, eng: eng, store: store, config: cfg}
	hs.m = newModel(cfg, func(b *playbook.Playbook, _ playbook.Store, opt drill.Options) engine {
		eng.mu.Lock()
		eng.book, eng.rep = b, opt.Rep
		eng.mu.Unlock()
		return eng
	})
	hs.run(hs.m.Init())
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	return hs
}

// send delivers msg and runs the commands it causes.
func (hs *harness) send(msg tea.Msg) {
	hs.t.Helper()
	_, cmd := hs.m.Update(msg)
	hs.run(cmd)
}

func (hs *harness) run(cmd tea.Cmd) {
	hs.t.Helper()
	if cmd == nil {
		return
	}
	msg := runWithin(cmd, 30*time.Second)
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			hs.run(c)
		}
	case tea.QuitMsg:
		hs.quit = true
	case tea.SuspendMsg:
		hs.suspended++
	default:
		if isTerminalQuery(msg) {
			return
		}
		hs.send(msg)
	}
}

// isTerminalQuery recognises Bubble Tea's internal requests (background
// colour and such) that only a real program answers.
func isTerminalQuery(msg tea.Msg) bool {
	name := reflect.TypeOf(msg).String()
	return strings.HasPrefix(name, "tea.") && !strings.HasSuffix(name, "Msg") || name == "tea.backgroundColorMsg"
}

// runWithin runs cmd, giving up on one that has not returned after d (a
// command that waits on something no test provides). No command the
// screens issue in these tests waits: d only keeps one that would from
// hanging the suite, and is generous so that a command slowed down by the
// race detector on a loaded machine is never dropped.
func runWithin(cmd tea.Cmd, d time.Duration) tea.Msg {
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	select {
	case msg := <-ch:
		return msg
	case <-time.After(d):
		return nil
	}
}

func (hs *harness) key(keys ...string) {
	hs.t.Helper()
	for _, k := range keys {
		hs.send(keyMsg(k))
	}
}

// typeText types s one key at a time.
func (hs *harness) typeText(s string) {
	hs.t.Helper()
	for _, r := range s {
		if r == ' ' {
			hs.send(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
			continue
		}
		hs.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "alt+enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter, Mod: tea.ModAlt}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "shift+up":
		return tea.KeyPressMsg{Code: tea.KeyUp, Mod: tea.ModShift}
	case "shift+down":
		return tea.KeyPressMsg{Code: tea.KeyDown, Mod: tea.ModShift}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case "ctrl+z":
		return tea.KeyPressMsg{Code: 'z', Mod: tea.ModCtrl}
	}
	if c, ok := strings.CutPrefix(k, "ctrl+"); ok && len(c) == 1 {
		return tea.KeyPressMsg{Code: rune(c[0]), Mod: tea.ModCtrl}
	}
	switch k {
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "home":
		return tea.KeyPressMsg{Code: tea.KeyHome}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	}
	r := []rune(k)
	if len(r) != 1 {
		panic("keyMsg: unknown key " + k)
	}
	return tea.KeyPressMsg{Code: r[0], Text: k}
}

// screenText is the current frame without styling.
func (hs *harness) screenText() string {
	return ansi.Strip(hs.m.View().Content)
}

// wantNoScreen fails when the screen shows any of subs.
func (hs *harness) wantNoScreen(subs ...string) {
	hs.t.Helper()
	s := hs.screenText()
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			hs.t.Fatalf("screen shows %q:\n%s", sub, s)
		}
	}
}

// wantSelected fails unless the selected row (marked ›) holds title.
func (hs *harness) wantSelected(title string) {
	hs.t.Helper()
	s := hs.screenText()
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, "› ") {
			if !strings.Contains(l, title) {
				hs.t.Fatalf("selected %q, want %q:\n%s", l, title, s)
			}
			return
		}
	}
	hs.t.Fatalf("no row selected, want %q:\n%s", title, s)
}

func (hs *harness) wantScreen(subs ...string) {
	hs.t.Helper()
	s := hs.screenText()
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			hs.t.Fatalf("screen lacks %q:\n%s", sub, s)
		}
	}
}

// whiteColor is a light terminal background.
type whiteColor struct{}

func (whiteColor) RGBA() (r, g, b, a uint32) { return 0xffff, 0xffff, 0xffff, 0xffff }

func ansiStrip(s string) string { return ansi.Strip(s) }

// recordingRenderer records the style of every rendering.
type recordingRenderer struct {
	mu  sync.Mutex
	got []render.Style
}

func (r *recordingRenderer) Markdown(src string, width int, style render.Style) (string, error) {
	r.mu.Lock()
	r.got = append(r.got, style)
	r.mu.Unlock()
	return fakeRenderer{}.Markdown(src, width, style)
}

func (r *recordingRenderer) styles() []render.Style {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]render.Style(nil), r.got...)
}

// fakeRenderer "renders" markdown by framing each source line, so views do
// not depend on glamour's exact output.
type fakeRenderer struct{}

func (fakeRenderer) Markdown(src string, width int, style render.Style) (string, error) {
	var out []string
	for _, l := range strings.Split(strings.TrimSpace(src), "\n") {
		out = append(out, ansi.Truncate("┊ "+l, width, "…"))
	}
	return strings.Join(out, "\n"), nil
}
