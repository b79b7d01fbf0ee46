package drill

import (
	"slices"
	"strings"
	"testing"

	"github.com/playdrill/playdrill/internal/drill/drilltest"
	"github.com/playdrill/playdrill/internal/grade"
	"github.com/playdrill/playdrill/internal/playbook"
)

// copyOf is what a manager's machine holds after importing the rep's
// records: attempts (without the card's text in their facts, unless
// text), states and, unless left out, completions.
func copyOf(t *testing.T, from *drilltest.Store, rep string, completions, text bool) *drilltest.Store {
	t.Helper()
	var atts []playbook.Attempt
	if err := from.Attempts(rep, func(a playbook.Attempt) error {
		if !text {
			a.Facts = withoutText(a.Facts)
		}
		atts = append(atts, a)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	st, err := from.States(rep)
	if err != nil {
		t.Fatal(err)
	}
	var list []playbook.CardState
	for _, s := range st {
		list = append(list, s)
	}
	batch := playbook.ImportBatch{Attempts: atts, States: map[string][]playbook.CardState{rep: list}}
	if completions {
		cs, err := from.Completions(rep)
		if err != nil {
			t.Fatal(err)
		}
		batch.Completions = map[string][]playbook.Completion{rep: cs}
	}
	to := drilltest.NewStore()
	if _, err := to.Import(batch); err != nil {
		t.Fatal(err)
	}
	return to
}

// A new playbook version renames a step and rewords one of its questions;
// the rep answers the reworded question and the step is done again. The
// new title is a minor edit of the step's result card on the rep's
// machine, which saw both versions; a manager's machine that only ever had
// the new version learns it from the rep's completion at the new version,
// and reports the step as the rep's machine does.
func TestNoteProgressKeepsWhatTheRepsMachineDecided(t *testing.T) {
	f, _ := newEditFixture(t)
	book := loadBook(t, editOf(t, "version: \"1\"", "version: \"2\"", "## Work the list {#list}", "## Work the bought list {#list}",
		"Q: Who works a freshly bought list?", "Q: Who works a list we have just bought?"))
	var choice *playbook.Card
	for _, c := range book.Cards() {
		if c.Step == "list" && c.Kind == playbook.KindChoice {
			choice = c
		}
	}
	if choice == nil {
		t.Fatal("no choice card in the list step")
	}
	if _, err := f.engine(book).Record(choice, grade.Answer{Picks: choice.Correct}, grade.Result{Score: 1, Suggested: playbook.Good}, playbook.Good, false, 0); err != nil {
		t.Fatal(err)
	}
	if got := f.status(book)["list"]; got != StatusDone {
		t.Fatalf("on the rep's machine after the edit: %s", got)
	}

	manager := copyOf(t, f.store, "ana", true, false)
	if err := NoteProgress(book, manager, f.now); err != nil {
		t.Fatal(err)
	}
	m := &editFixture{t: t, store: manager, now: f.now}
	if got := m.status(book)["list"]; got != StatusDone {
		t.Errorf("on the manager's machine: %s, want done as on the rep's", got)
	}
	before := len(m.decisions())
	if err := NoteProgress(book, manager, f.now); err != nil {
		t.Fatal(err)
	}
	if after := len(m.decisions()); after != before {
		t.Errorf("noting again made %d more decisions", after-before)
	}

	// Without a completion at the new version, and attempts recorded
	// before the card's text was kept, nothing says the old pass still
	// counts: the step shows changed, not done.
	bare := copyOf(t, f.store, "ana", false, false)
	if err := NoteProgress(book, bare, f.now); err != nil {
		t.Fatal(err)
	}
	b := &editFixture{t: t, store: bare, now: f.now}
	if got := b.status(book)["list"]; got != StatusChanged {
		t.Errorf("without the rep's completion: %s, want changed", got)
	}

	// With the card's text in the attempts' facts, the manager's machine
	// judges the new title itself, by the same rule: done.
	texted := copyOf(t, f.store, "ana", false, true)
	if err := NoteProgress(book, texted, f.now); err != nil {
		t.Fatal(err)
	}
	x := &editFixture{t: t, store: texted, now: f.now}
	if got := x.status(book)["list"]; got != StatusDone {
		t.Errorf("with the card's text and no completion: %s, want done", got)
	}
	var whys []string
	for _, d := range x.decisions() {
		if d.Kind == playbook.IdentityMinor {
			whys = append(whys, d.Why)
		}
	}
	if !slices.Contains(whys, "title changed") {
		t.Errorf("the manager's minor decisions say %q, want one %q", whys, "title changed")
	}
}

// Only a rep's first attempt at a card's content keeps the card's text
// (records stay small); the first attempt after an edit keeps the new
// text, a minor edit included, whose progress carried over.
func TestOnlyTheFirstAttemptAtAContentKeepsTheText(t *testing.T) {
	f, book := newEditFixture(t)
	f.passAll(book)
	edited := loadBook(t, editOf(t, "version: \"1\"", "version: \"2\"", "## Work the list {#list}", "## Work the bought list {#list}"))
	f.passAll(edited)
	byCard := map[string][]*playbook.Facts{}
	if err := f.store.Attempts("ana", func(a playbook.Attempt) error {
		byCard[a.Card] = append(byCard[a.Card], a.Facts)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	c, ok := edited.Card("list/result")
	if !ok {
		t.Fatal("no result card in the list step")
	}
	facts := byCard[c.ID]
	if len(facts) != 3 {
		t.Fatalf("%d attempts on %s, want 3", len(facts), c.ID)
	}
	for i, want := range []bool{true, false, true} {
		if got := facts[i].Text != nil; got != want {
			t.Errorf("attempt %d keeps the text: %v, want %v", i+1, got, want)
		}
	}
	if text := facts[2].Text; text == nil || text.Answer != c.Answer || len(text.Points) != len(c.MustMention) {
		t.Errorf("the text kept after the edit: %+v, want the card's %q", text, c.Answer)
	}
	if f.status(edited)["list"] != StatusDone {
		t.Errorf("list after the minor edit and a pass: %s", f.status(edited)["list"])
	}
}

// A typo fixed in the first words of a question gives the card a new id
// and a model answer's typo goes with it: on the rep's machine a rename
// and a minor edit, the step still done. A manager's machine matches the
// rename from the attempts' facts, and judges the edit minor from the
// card's text they kept; without the text it cannot, and shows changed.
func TestNoteProgressJudgesARenamedCardsMinorEditFromItsText(t *testing.T) {
	f, _ := newEditFixture(t)
	book := loadBook(t, editOf(t, "version: \"1\"", "version: \"2\"", "We bought 5,000 names", "We bought 5,000 namez",
		"marketing works it into inquiries.", "marketing works it into inquires."))
	if got := f.status(book)["list"]; got != StatusDone {
		t.Fatalf("on the rep's machine after the edit: %s", got)
	}
	for _, text := range []bool{true, false} {
		manager := copyOf(t, f.store, "ana", false, text)
		if err := NoteProgress(book, manager, f.now); err != nil {
			t.Fatal(err)
		}
		m := &editFixture{t: t, store: manager, now: f.now}
		want := map[bool]Status{true: StatusDone, false: StatusChanged}[text]
		if got := m.status(book)["list"]; got != want {
			t.Errorf("on the manager's machine (text kept: %v): %s, want %s", text, got, want)
		}
		renamed := false
		for _, d := range m.decisions() {
			renamed = renamed || d.Kind == playbook.IdentityRenamed && strings.HasPrefix(d.To, "list/we-bought-5-000-namez")
		}
		if !renamed {
			t.Errorf("text kept %v: no rename decided: %+v", text, m.decisions())
		}
	}
}
