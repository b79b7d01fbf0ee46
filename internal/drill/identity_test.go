package drill

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/playdrill/playdrill/internal/drill/drilltest"
	"github.com/playdrill/playdrill/internal/grade"
	"github.com/playdrill/playdrill/internal/markdown"
	"github.com/playdrill/playdrill/internal/playbook"
)

// editBook is a playbook in markdown; tests edit its text the way an
// author would and check what happens to a rep's progress.
const editBook = `---
playbook: Edits
version: "1"
---

# Marketing {#marketing}

## Work the list {#list}

Result: The list is worked into inquiries by marketing.
Must mention: inquiries; marketing

Done when:
- the list is worked

### Drill

Q: We bought 5,000 names from a broker. How many leads do we have?
A: None. It is a list; marketing works it into inquiries.
Must mention: none | no leads; a list; inquiries

Q: Who works a freshly bought list?
- [x] Marketing, with campaigns
- [ ] Sales, by cold calling
- [ ] Nobody

### Rules of engagement

| Situation | Category | Why |
| --- | --- | --- |
| 5,000 names bought from a broker | list | nobody has responded yet |
| Downloaded a white paper, no project | inquiry | interest, no buying intent |

## Qualify {#qualify}

Result: The inquiry meets the rules of engagement for a sales-ready lead.
Must mention: rules of engagement; sales-ready

Done when:
- sales accepts the lead

### Drill

Q: What makes an inquiry sales-ready?
A: It meets the rules of engagement: budget, need and a date.
Must mention: rules of engagement; budget
`

func loadBook(t *testing.T, text string) *playbook.Playbook {
	t.Helper()
	book, diags, err := markdown.Load(fstest.MapFS{"book.md": {Data: []byte(text)}}, "book.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diags {
		if d.Severity == markdown.SevError {
			t.Fatalf("%s\n%s", d, text)
		}
	}
	return book
}

// editOf returns editBook with each old text replaced by the new one.
func editOf(t *testing.T, pairs ...string) string {
	t.Helper()
	s := editBook
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("the playbook has no %q", pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}

type editFixture struct {
	t     *testing.T
	store *drilltest.Store
	now   time.Time
}

func (f *editFixture) engine(book *playbook.Playbook) *Engine {
	return New(book, f.store, Options{Rep: "ana", Free: true, Now: func() time.Time { return f.now }})
}

// passAll passes every card of book.
func (f *editFixture) passAll(book *playbook.Playbook) {
	f.t.Helper()
	e := f.engine(book)
	for _, c := range book.Cards() {
		if _, err := e.Record(c, grade.Answer{Picks: c.Correct, Text: "x"}, grade.Result{Score: 1, Suggested: playbook.Good}, playbook.Good, false, 0); err != nil {
			f.t.Fatal(err)
		}
	}
	f.now = f.now.Add(time.Minute)
}

func (f *editFixture) status(book *playbook.Playbook) map[string]Status {
	f.t.Helper()
	p, err := f.engine(book).Progress()
	if err != nil {
		f.t.Fatal(err)
	}
	out := map[string]Status{}
	for _, pp := range p.Processes {
		for _, sp := range pp.Steps {
			out[sp.Step.ID] = sp.Status
		}
	}
	return out
}

func (f *editFixture) decisions() []playbook.Identity {
	ds, _ := f.store.Identities()
	return ds
}

func newEditFixture(t *testing.T) (*editFixture, *playbook.Playbook) {
	f := &editFixture{t: t, store: drilltest.NewStore(), now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	book := loadBook(t, editBook)
	f.passAll(book)
	if got := f.status(book); got["list"] != StatusDone || got["qualify"] != StatusDone {
		t.Fatalf("before the edit: %v", got)
	}
	return f, book
}

func TestEditsAndProgress(t *testing.T) {
	cases := []struct {
		name   string
		edit   []string
		status Status // of step list after the edit
		kind   string // the decision made ("" none)
		from   string // its old card id
		to     string // its new card id
		due    bool   // the card comes up again
		why    string // part of the decision's reason
	}{
		{"reworded question", []string{"We bought 5,000 names from a broker. How many leads do we have?", "How many leads are 5,000 names bought from a broker?"},
			StatusChanged, playbook.IdentityRenamed, "list/we-bought-5-000-names-from-a", "list/how-many-leads-are-5-000-names", true, "question reworded"},
		{"reworded table row", []string{"| 5,000 names bought from a broker |", "| 5,000 names bought from a list broker |"},
			StatusChanged, playbook.IdentityRenamed, "list/roe-5-000-names-bought-from-a-broker", "list/roe-5-000-names-bought-from-a-list-broker", true, "row reworded"},
		{"reordered options", []string{"- [x] Marketing, with campaigns\n- [ ] Sales, by cold calling", "- [ ] Sales, by cold calling\n- [x] Marketing, with campaigns"},
			StatusDone, playbook.IdentityMinor, "list/who-works-a-freshly-bought-list", "list/who-works-a-freshly-bought-list", false, "options reordered"},
		{"typo fixed in a model answer", []string{"marketing works it into inquiries.", "marketing works it into inqiuries."},
			StatusDone, playbook.IdentityMinor, "list/we-bought-5-000-names-from-a", "list/we-bought-5-000-names-from-a", false, "model answer spelling"},
		{"alternate added to a key point", []string{"Must mention: none | no leads; a list", "Must mention: none | no leads | zero; a list"},
			StatusDone, playbook.IdentityMinor, "list/we-bought-5-000-names-from-a", "list/we-bought-5-000-names-from-a", false, "alternates added"},
		{"model answer rewritten", []string{"None. It is a list; marketing works it into inquiries.", "None: a bought list is names until marketing turns them into inquiries."},
			StatusChanged, "", "", "", true, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f, _ := newEditFixture(t)
			book := loadBook(t, editOf(t, tc.edit...))
			if got := f.status(book)["list"]; got != tc.status {
				t.Errorf("step list is %s, want %s", got, tc.status)
			}
			ds := f.decisions()
			var d *playbook.Identity
			for i := range ds {
				if ds[i].Kind == tc.kind {
					d = &ds[i]
				}
			}
			switch {
			case tc.kind == "" && len(ds) != 0:
				t.Errorf("decisions %+v, want none", ds)
			case tc.kind != "" && d == nil:
				t.Fatalf("no %s decision in %+v", tc.kind, ds)
			case d != nil && (d.From != tc.from || d.To != tc.to || !strings.Contains(d.Why, tc.why)):
				t.Errorf("decision %+v, want %s -> %s (%s)", *d, tc.from, tc.to, tc.why)
			}
			q, err := f.engine(book).Queue(Selection{})
			if err != nil {
				t.Fatal(err)
			}
			if due := len(q) > 0; due != tc.due {
				t.Errorf("queue after the edit: %v, want due %v", ids(q), tc.due)
			}
		})
	}
}

// A card moved to another step keeps its progress: same content, so the
// step it went to is done and the step it left is done too.
func TestMovedCard(t *testing.T) {
	f, _ := newEditFixture(t)
	q := "Q: Who works a freshly bought list?\n- [x] Marketing, with campaigns\n- [ ] Sales, by cold calling\n- [ ] Nobody\n\n"
	text := editOf(t, q, "", "### Drill\n\nQ: What makes", "### Drill\n\n"+q+"Q: What makes")
	book := loadBook(t, text)
	if _, ok := book.Card("qualify/who-works-a-freshly-bought-list"); !ok {
		t.Fatal("the card did not move")
	}
	if got := f.status(book); got["list"] != StatusDone || got["qualify"] != StatusDone {
		t.Errorf("after the move: %v", got)
	}
	ds := f.decisions()
	if len(ds) != 1 || ds[0].Kind != playbook.IdentityRenamed || ds[0].To != "qualify/who-works-a-freshly-bought-list" || !strings.Contains(ds[0].Why, "moved from step list") {
		t.Errorf("decisions = %+v", ds)
	}
}

// A new question in place of a deleted one is a new card, not a rename.
func TestReplacedCardIsNew(t *testing.T) {
	f, _ := newEditFixture(t)
	book := loadBook(t, editOf(t,
		"Q: We bought 5,000 names from a broker. How many leads do we have?\nA: None. It is a list; marketing works it into inquiries.\nMust mention: none | no leads; a list; inquiries",
		"Q: What does a campaign invite?\nA: A response from someone on the list.\nMust mention: response"))
	if got := f.status(book)["list"]; got != StatusInProgress {
		t.Errorf("step list is %s, want in-progress", got)
	}
	if ds := f.decisions(); len(ds) != 0 {
		t.Errorf("decisions = %+v", ds)
	}
}

// The decision is made once and kept: a later engine finds it in the
// store, and passing the renamed card again makes the step done; editing
// the old wording back does not move the progress a second time.
func TestRenameIsDecidedOnce(t *testing.T) {
	f, _ := newEditFixture(t)
	book := loadBook(t, editOf(t, "We bought 5,000 names from a broker. How many leads do we have?", "How many leads are 5,000 names bought from a broker?"))
	if got := f.status(book)["list"]; got != StatusChanged {
		t.Fatalf("after the edit: %s", got)
	}
	if got := f.status(book)["list"]; got != StatusChanged || len(f.decisions()) != 1 {
		t.Fatalf("second engine: %s, decisions %+v", got, f.decisions())
	}
	e := f.engine(book)
	c, _ := book.Card("list/how-many-leads-are-5-000-names")
	if _, err := e.Record(c, grade.Answer{Text: "none"}, grade.Result{Score: 1, Suggested: playbook.Good}, playbook.Good, false, 0); err != nil {
		t.Fatal(err)
	}
	if got := f.status(book)["list"]; got != StatusDone {
		t.Errorf("after passing the renamed card: %s", got)
	}
	st, _ := f.store.States("ana")
	if st["list/how-many-leads-are-5-000-names"].Attempts != 2 {
		t.Errorf("the renamed card's state did not carry the old one on: %+v", st["list/how-many-leads-are-5-000-names"])
	}
	if n := len(f.decisions()); n != 1 {
		t.Errorf("%d decisions, want 1", n)
	}
}

// A store open read-only keeps nothing, yet reads the same decisions.
func TestRenameWithoutSaving(t *testing.T) {
	f, _ := newEditFixture(t)
	book := loadBook(t, editOf(t, "| 5,000 names bought from a broker |", "| 5,000 names bought from a list broker |"))
	f.store.Fail = errFailed
	defer func() { f.store.Fail = nil }()
	if got := f.status(book)["list"]; got != StatusChanged {
		t.Errorf("step list is %s, want changed", got)
	}
}

var errFailed = playbook.Errorf(playbook.EInternal, "disk full")

func TestSimilarityAndMinor(t *testing.T) {
	book := loadBook(t, editBook)
	recall, _ := book.Card("list/we-bought-5-000-names-from-a")
	choice, _ := book.Card("list/who-works-a-freshly-bought-list")
	if s := Similarity(recall, recall); s != 1 {
		t.Errorf("a card with itself: %.2f", s)
	}
	if s := Similarity(recall, choice); s != 0 {
		t.Errorf("cards of two kinds: %.2f", s)
	}
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"It is a list.", "it is a list", true},
		{"marketing works it", "marketing works it", true},
		{"within 30 days", "within 60 days", false},
		{"it is not a lead", "it is now a lead", false},
		{"works it into inquiries", "works it into inquiries today", false},
		{"the prospect's budgett and timeline", "the prospect's budget and timeline", true},
	} {
		if got := typoOnly(tc.a, tc.b); got != tc.want {
			t.Errorf("typoOnly(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
}

// Diff sorts every card of an edit by the rules the database applies.
func TestDiff(t *testing.T) {
	old := loadBook(t, editBook)
	nw := loadBook(t, editOf(t,
		"We bought 5,000 names from a broker. How many leads do we have?", "How many leads are 5,000 names bought from a broker?",
		"- [x] Marketing, with campaigns\n- [ ] Sales, by cold calling", "- [ ] Sales, by cold calling\n- [x] Marketing, with campaigns",
		"A: It meets the rules of engagement: budget, need and a date.", "A: It meets the rules of engagement: budget, need, authority and a date.",
		"Q: What makes an inquiry sales-ready?", "Q: Who decides a lead is sales-ready?\nA: Sales, by the rules.\nMust mention: sales\n\nQ: What makes an inquiry sales-ready?",
	))
	got := map[string]Change{}
	for _, ch := range Diff(old, nw) {
		id := ""
		if ch.New != nil {
			id = ch.New.ID
		} else {
			id = ch.Old.ID
		}
		got[id] = ch.Change
		if ch.Change == ChangeRenamed && (!ch.Redrill || ch.Old.ID != "list/we-bought-5-000-names-from-a") {
			t.Errorf("rename %+v", ch)
		}
	}
	want := map[string]Change{
		"list/result":                               ChangeUnchanged,
		"list/how-many-leads-are-5-000-names":       ChangeRenamed,
		"list/who-works-a-freshly-bought-list":      ChangeMinor,
		"qualify/what-makes-an-inquiry-sales-ready": ChangeChanged,
		"qualify/who-decides-a-lead-is-sales-ready": ChangeAdded,
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s: %q, want %q (all: %v)", id, got[id], w, got)
		}
	}
	if _, ok := got["list/we-bought-5-000-names-from-a"]; ok {
		t.Errorf("the renamed card is listed under its old id too: %v", got)
	}
}

// Progress merged into a store that never saw the old playbook is matched
// by the facts its attempts recorded, once.
func TestNoteProgressAfterImport(t *testing.T) {
	f, _ := newEditFixture(t)
	var atts []playbook.Attempt
	f.store.Attempts("ana", func(a playbook.Attempt) error { atts = append(atts, a); return nil })
	st, _ := f.store.States("ana")
	var list []playbook.CardState
	for _, s := range st {
		list = append(list, s)
	}
	fresh := drilltest.NewStore()
	if _, err := fresh.Import(playbook.ImportBatch{Attempts: atts, States: map[string][]playbook.CardState{"ana": list}}); err != nil {
		t.Fatal(err)
	}
	book := loadBook(t, editOf(t,
		"We bought 5,000 names from a broker. How many leads do we have?", "How many leads are 5,000 names bought from a broker?",
		"| 5,000 names bought from a broker |", "| 5,000 names bought from a list broker |"))
	// Without noting, the reworded cards look new.
	g := &editFixture{t: t, store: fresh, now: f.now}
	if got := g.status(book)["list"]; got != StatusInProgress {
		t.Fatalf("before noting: %s", got)
	}
	fresh2 := drilltest.NewStore()
	fresh2.Import(playbook.ImportBatch{Attempts: atts, States: map[string][]playbook.CardState{"ana": list}})
	if err := NoteProgress(book, fresh2, f.now); err != nil {
		t.Fatal(err)
	}
	ds, _ := fresh2.Identities()
	if len(ds) != 2 || ds[0].Kind != playbook.IdentityRenamed || ds[1].Kind != playbook.IdentityRenamed {
		t.Fatalf("decisions %+v", ds)
	}
	h := &editFixture{t: t, store: fresh2, now: f.now}
	if got := h.status(book)["list"]; got != StatusChanged {
		t.Errorf("after noting: %s", got)
	}
	if err := NoteProgress(book, fresh2, f.now); err != nil {
		t.Fatal(err)
	}
	if ds2, _ := fresh2.Identities(); len(ds2) != 2 {
		t.Errorf("noting again decided more: %+v", ds2)
	}
	if err := NoteProgress(book, struct{ playbook.Store }{fresh2}, f.now); err != nil {
		t.Errorf("a store without identity data: %v", err)
	}
}

// A step's new title changes the question its result card asks, not the
// result: progress stays as it was.
func TestStepTitleChange(t *testing.T) {
	f, _ := newEditFixture(t)
	book := loadBook(t, editOf(t, "## Work the list {#list}", "## Work the bought list {#list}"))
	if got := f.status(book); got["list"] != StatusDone || got["qualify"] != StatusDone {
		t.Errorf("after a new title: %v, want both done", got)
	}
	ds := f.decisions()
	if len(ds) != 2 || ds[0].To != "list/result" || ds[0].Why != "title changed" || ds[1].To != "marketing/order" || ds[1].Why != "items renamed" {
		t.Errorf("decisions %+v", ds)
	}
	// Two steps swapped is a real edit of the ordering card.
	a, b := []string{"x", "y", "z"}, []string{"y", "x", "z"}
	if renamedInPlace(a, b) || !renamedInPlace(a, []string{"x", "w", "z"}) || renamedInPlace(a, []string{"x", "y"}) {
		t.Error("renamedInPlace")
	}
}

// A step renamed without an explicit id gets a new id, and so do all its
// cards: each is matched across steps, and the step stays done.
func TestStepRenamedWithoutID(t *testing.T) {
	f, _ := newEditFixture(t)
	book := loadBook(t, editOf(t, "## Work the list {#list}", "## Work the bought list"))
	got := f.status(book)
	if got["work-the-bought-list"] != StatusDone || got["qualify"] != StatusDone {
		t.Errorf("after renaming the step: %v", got)
	}
	renamed := 0
	for _, d := range f.decisions() {
		if d.Kind == playbook.IdentityRenamed {
			renamed++
		}
	}
	if renamed != 5 {
		t.Errorf("%d cards renamed, want the step's 5: %+v", renamed, f.decisions())
	}
}

// States under both ids (records merged from a machine where the rep went
// on under the new id): the new one leads, with the old passes kept.
func TestRenameMergesStates(t *testing.T) {
	states := map[string]playbook.CardState{
		"s/old": {Card: "s/old", Attempts: 2, Passed: []string{"h1"}, LastHash: "h1"},
		"s/new": {Card: "s/new", Attempts: 1, LastHash: "h2", LastScore: 0.2},
	}
	applyIdentity(states, []playbook.Identity{{Kind: playbook.IdentityRenamed, From: "s/old", FromHash: "h1", To: "s/new", ToHash: "h2"}},
		func(id string) bool { return id == "s/new" })
	if _, ok := states["s/old"]; ok {
		t.Error("the old id is still there")
	}
	if st := states["s/new"]; st.Attempts != 1 || !st.PassedHash("h1") || st.PassedHash("h2") || st.LastScore != 0.2 {
		t.Errorf("merged state %+v", st)
	}
}
