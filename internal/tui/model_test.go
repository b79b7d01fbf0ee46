package tui

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/render"
)

func TestHomeShowsStandingAndSteps(t *testing.T) {
	hs := newHarness(t, 80, 24)
	hs.wantScreen("Northwind Sales Playbook", "2026.11", "rep ana", "Due now 2  ·  Later today 0", "New 5",
		"Marketing process", "Work inquiries into sales-ready leads", "in progress", "locked", "Sales process")
}

func TestHomeNavigationAndLearn(t *testing.T) {
	hs := newHarness(t, 80, 24)
	hs.key("down")
	hs.wantSelected("Nurture inquiries")
	hs.key("down", "down", "down") // stops at the last step
	hs.wantSelected("First encounter")
	hs.key("up", "up", "enter")
	// The learn screen of the first step, rendered in a command.
	hs.wantScreen("Marketing process › Work inquiries into sales-ready leads", "Result", "rules of engagement",
		"Done when", "sales has accepted the lead", "┊ Any prose", "d drill this step")
	hs.key("esc")
	hs.wantScreen("Due now 2  ·  Later today 0", "d drill • enter open step")
	hs.wantSelected("Work inquiries into sales-ready leads")
}

func TestStaleProgressIsDropped(t *testing.T) {
	hs := newHarness(t, 80, 24)
	stale := testProgress(hs.eng.book)
	stale.Due = 99
	hs.send(progressMsg{gen: -1, prog: stale})
	hs.wantScreen("Due now 2  ·  Later today 0")
	if strings.Contains(hs.screenText(), "99") {
		t.Fatalf("a progress result of an older generation was applied:\n%s", hs.screenText())
	}
}

func TestTypedAnswerSubmitRateAndNext(t *testing.T) {
	hs := newHarness(t, 100, 30)
	hs.key("d")
	hs.wantScreen("Marketing process", "Work inquiries into sales-ready leads", "result", "card 1 of 6", "What is the required result",
		"Type your answer", "enter submit")
	// Enter on an empty answer does not submit.
	hs.key("enter")
	hs.wantScreen("Type an answer first", "enter submit")
	hs.wantNoScreen("Score")
	hs.typeText("meets the rules of engagement")
	hs.key("alt+enter")
	hs.send(tea.PasteMsg{Content: "q and d?"})
	hs.wantScreen("│ meets the rules of engagement ", "│ q and d?")
	hs.key("enter")
	hs.wantScreen("Score 50%", "✓ rules of engagement", "✗ sales-ready", "missed", "Model answer", "Rate", "enter = again")
	hs.key("3")
	if len(hs.eng.records) != 1 {
		t.Fatalf("%d records after rating, want 1", len(hs.eng.records))
	}
	r := hs.eng.records[0]
	if r.card != "qualify/result" || r.rating != playbook.Good || r.answer.Text != "meets the rules of engagement\nq and d?" {
		t.Fatalf("recorded %+v", r)
	}
	hs.wantScreen("card 2 of 6", "Is a list bought", "Type your answer")
	hs.wantNoScreen("Score")
}

func TestNeverSayAndAcceptSuggested(t *testing.T) {
	hs := newHarness(t, 100, 30)
	hs.key("d")
	hs.typeText("x")
	hs.key("enter", "1") // rate the first card again
	hs.typeText("it is a list, not hot leads")
	hs.key("enter")
	hs.wantScreen("Never say", "you said “hot leads”", "Score 100%")
	hs.key("enter") // accepts the suggested rating
	if got := hs.eng.records[1].rating; got != playbook.Good {
		t.Fatalf("enter recorded %v, want the suggested good", got)
	}
}

func TestChoiceAndClassifyPick(t *testing.T) {
	hs := newHarness(t, 100, 30)
	book := hs.eng.book
	hs.eng.queue = []*playbook.Card{book.Cards()[2], book.Cards()[3]}
	hs.key("d")
	hs.wantScreen("[ ] Downloaded a white paper", "[ ] Asked for a proposal")
	hs.key("down", "space")
	hs.wantScreen("[x] Asked for a proposal")
	hs.key("enter")
	hs.wantScreen("Score 100%", "your pick")
	hs.key("enter")
	// Classify: enter with nothing picked does nothing; space picks the
	// option under the cursor.
	hs.wantScreen("5,000 names", "Which category")
	hs.key("down", "enter")
	if len(hs.eng.records) != 1 {
		t.Fatalf("enter with nothing picked submitted: %+v", hs.eng.records)
	}
	hs.wantScreen("5,000 names", "› 2) [ ] inquiry")
	hs.key("space", "enter")
	hs.wantScreen("Score 0%", "→ list", "✗ inquiry", "nobody has responded yet")
	hs.key("2")
	got := hs.eng.records
	if len(got) != 2 || got[0].answer.Picks[0] != 1 || got[1].answer.Picks[0] != 1 || got[1].rating != playbook.Hard {
		t.Fatalf("records %+v", got)
	}
	// The classify card completed its step: the session is over and says so.
	hs.wantScreen("Session over", "Cards answered    2 of 2", "Average score     50%", "Steps completed   Work inquiries", "Steps opened", "Due next          2 due · 5 new")
	hs.key("enter")
	hs.wantScreen("Due now 2  ·  Later today 0", "d drill • enter open step")
}

// Options are numbered as in --plain, and a number picks its option: alone
// on a card with one right answer, toggled on a card with several.
func TestChoiceByNumber(t *testing.T) {
	hs := newHarness(t, 100, 30)
	single := *hs.eng.book.Cards()[2]
	multi := single
	multi.ID, multi.Options, multi.Correct = "qualify/multi", []string{"budget", "timing", "colour"}, []int{0, 1}
	hs.eng.queue = []*playbook.Card{&single, &multi}
	hs.key("d")
	hs.wantScreen("1) [ ] Downloaded a white paper", "2) [ ] Asked for a proposal")
	hs.key("1", "2")
	hs.wantScreen("1) [ ] Downloaded", "2) [x] Asked for a proposal")
	hs.key("9") // no ninth option: nothing changes
	hs.wantScreen("2) [x] Asked for a proposal")
	hs.key("enter")
	hs.wantScreen("Score 100%")
	hs.key("3")
	hs.wantScreen("1) [ ] budget")
	hs.key("1", "2", "3", "3")
	hs.wantScreen("1) [x] budget", "2) [x] timing", "3) [ ] colour")
	hs.key("enter")
	if got := hs.eng.records; len(got) != 1 || !reflect.DeepEqual(got[0].answer.Picks, []int{1}) {
		t.Fatalf("records %+v", got)
	}
	hs.wantScreen("Score 100%")
}

func TestOrderCardRearranges(t *testing.T) {
	hs := newHarness(t, 100, 30)
	c := hs.eng.book.Processes[0].Order
	hs.eng.queue = []*playbook.Card{c}
	hs.key("d")
	// Two items always start reversed; move the first down with J, then
	// back up with shift+up, then down again with shift+down.
	hs.wantScreen("› 1. Nurture inquiries", "  2. Work inquiries")
	hs.key("J")
	hs.wantScreen("  1. Work inquiries", "› 2. Nurture inquiries")
	hs.key("shift+up")
	hs.wantScreen("› 1. Nurture inquiries", "  2. Work inquiries")
	hs.key("shift+down", "K", "J")
	hs.wantScreen("1. Work inquiries", "2. Nurture inquiries")
	hs.key("enter")
	hs.wantScreen("Score 100%", "Your order", "✓ 1. Work inquiries", "✓ 2. Nurture inquiries")

	// Submitted as shuffled (reversed), each place is marked wrong and
	// shows the item the rep put there.
	hs = newHarness(t, 100, 30)
	hs.eng.queue = []*playbook.Card{c}
	hs.key("d", "enter")
	hs.wantScreen("Your order", "✗ 1. Nurture inquiries", "✗ 2. Work inquiries")
}

// The TUI shows options in the engine's order for the attempt, the one
// --plain shows (drill.Arrange), numbers them as shown, and grades the
// option picked, not its position.
func TestOptionsShowInTheAttemptsOrder(t *testing.T) {
	hs := newHarness(t, 100, 30)
	hs.eng.shuffle = true
	c := *hs.eng.book.Cards()[2]
	c.Options = []string{"one", "two", "three", "four", "five"}
	c.Correct = []int{3}
	hs.eng.queue = []*playbook.Card{&c}
	hs.key("d")
	order := drill.Arrange(&c, "shown-1")
	var want []string
	pick := ""
	for pos, i := range order {
		want = append(want, itoa(pos+1)+") [ ] "+c.Options[i])
		if i == 3 {
			pick = itoa(pos + 1)
		}
	}
	hs.wantScreen(want...)
	if reflect.DeepEqual(order, []int{0, 1, 2, 3, 4}) {
		t.Fatalf("attempt shown-1 happens to keep the written order; pick another fixture")
	}
	hs.key(pick, "enter")
	hs.wantScreen("Score 100%")
	hs.key("enter")
	if got := hs.eng.records; len(got) != 1 || !reflect.DeepEqual(got[0].answer.Picks, []int{3}) {
		t.Fatalf("records %+v", got)
	}
}

func TestFeedbackOnCard(t *testing.T) {
	hs := newHarness(t, 100, 30)
	hs.key("d")
	hs.typeText("x")
	hs.key("enter", "f")
	hs.wantScreen("Feedback: ")
	// While the rep types feedback, enter saves it: the screen must not
	// say that enter rates the card.
	hs.wantScreen("save feedback", "esc cancel")
	if strings.Contains(hs.screenText(), "enter = ") {
		t.Errorf("the feedback screen still offers enter as a rating:\n%s", hs.screenText())
	}
	hs.typeText("prospects q and 4")
	hs.key("enter")
	if len(hs.eng.feedback) != 1 || hs.eng.feedback[0] != "qualify/result: prospects q and 4" {
		t.Fatalf("feedback %q", hs.eng.feedback)
	}
	hs.wantScreen("feedback saved")
	if len(hs.eng.records) != 0 {
		t.Fatal("feedback must not rate the card")
	}
	hs.wantScreen("Score", "Rate", "enter = again")
}

func TestEscEndsSessionWithSummary(t *testing.T) {
	hs := newHarness(t, 100, 30)
	hs.key("d")
	hs.typeText("rules of engagement sales-ready")
	hs.key("enter", "4", "esc")
	hs.wantScreen("Session over", "Cards answered    1 of 6", "Average score     100%")
}

func TestRecordErrorKeepsCardAndShowsIt(t *testing.T) {
	hs := newHarness(t, 100, 30)
	hs.eng.recordErr = errDiskFull
	hs.key("d")
	hs.typeText("x")
	hs.key("enter", "3")
	hs.wantScreen("Not saved", "no space left on device", "card 1 of 6", "Score", "Rate")
	hs.eng.recordErr = nil
	hs.key("3")
	if len(hs.eng.records) != 1 {
		t.Fatal("rating again after the error did not save")
	}
	hs.wantScreen("card 2 of 6")
}

func TestQueueErrorAndEmptyQueue(t *testing.T) {
	hs := newHarness(t, 100, 30)
	hs.eng.queue = nil
	hs.key("d")
	hs.wantScreen("Nothing due today", "Due now 2  ·  Later today 0", "d drill • enter open step")
	hs.eng.queueErr = errors.New("database file gone")
	hs.key("d")
	hs.wantScreen("Could not start the drill: database file gone")
}

func TestDrillThisStepFromLearn(t *testing.T) {
	hs := newHarness(t, 100, 30)
	hs.key("enter", "d")
	hs.wantScreen("Marketing process", "Work inquiries into sales-ready leads", "result", "card 1 of 4")
}

// A locked step says, on a line of its own, which step opens it, and does
// not offer d, which it would only refuse.
func TestLockedStepNamesTheStepBefore(t *testing.T) {
	hs := newHarness(t, 80, 24)
	hs.key("down", "down", "enter")
	hs.wantScreen("Sales process › First encounter", "Opens when “Nurture inquiries” is done.")
	if strings.Contains(hs.screenText(), "d drill") {
		t.Fatalf("a locked step offers d:\n%s", hs.screenText())
	}
	hs.key("d")
	hs.wantScreen("Sales process › First encounter", "Opens when “Nurture inquiries” is done.")
	hs.wantNoScreen("Drill:")
	if s := hs.screenText(); strings.Contains(s, "--free") || strings.Contains(s, "Could not start") {
		t.Fatalf("locked step shown as a failure:\n%s", s)
	}
	for _, l := range strings.Split(hs.m.View().Content, "\n") {
		if w := ansi.StringWidth(l); w > 80 {
			t.Fatalf("line wider than the terminal (%d): %q", w, ansi.Strip(l))
		}
	}
}

func TestProgressScreen(t *testing.T) {
	hs := newHarness(t, 100, 40)
	s := hs.eng.book.Cards()[1]
	hs.eng.weakest = []drill.CardReport{{Card: s, State: playbook.CardState{LastScore: 0.25, LastResponse: "they are hot leads"}}}
	hs.key("p")
	hs.wantScreen("Readiness", "Marketing process", "0/2 steps done", "Last 12 weeks", "Mon", "16 answers",
		"Weakest cards", "25%", "Is a list bought", "last answer: they are hot leads")
	hs.key("esc")
	hs.wantScreen("Due now 2  ·  Later today 0", "d drill • enter open step")
}

// With answers but no weak card, the progress screen says the rep knows
// their cards, not that they have answered none.
func TestProgressWithNothingWeak(t *testing.T) {
	hs := newHarness(t, 100, 40)
	hs.eng.weakest = nil
	hs.key("p")
	hs.wantScreen("16 answers", "Weakest cards", "None: every card you have answered is passed")
	if strings.Contains(hs.screenText(), "answer some cards first") {
		t.Errorf("a rep with 16 answers is told to answer some cards:\n%s", hs.screenText())
	}
}

func TestProgressStoreErrorShown(t *testing.T) {
	hs := newHarness(t, 100, 40)
	hs.store.activityErr = errors.New("bolt: database not open")
	hs.key("p")
	hs.wantScreen("Could not read all progress: bolt: database not open", "Weakest cards")
}

func TestHeatmapLevelsAndRange(t *testing.T) {
	from, to := heatmapRange(fixedNow)
	if from.Weekday().String() != "Monday" || to.Sub(from).Hours() < 24*7*11 || to.Sub(from).Hours() > 24*7*12 {
		t.Fatalf("range %v .. %v", from, to)
	}
	h := newHeatmap()
	h.SetData(map[string]int{"2026-03-17": 12, "2026-03-16": 3}, fixedNow)
	lines := h.View(newStyles(true, true))
	if len(lines) != 8 {
		t.Fatalf("%d lines, want 7 days and a legend", len(lines))
	}
	if !strings.HasSuffix(lines[0], "▒") || !strings.HasSuffix(lines[1], "█") {
		t.Fatalf("this week's Monday and Tuesday:\n%s\n%s", lines[0], lines[1])
	}
	// Thursday of this week is in the future: no cell.
	if strings.Count(lines[3], " ") >= strings.Count(lines[0], " ")+1 && strings.HasSuffix(lines[3], "·") {
		t.Fatalf("a future day has a cell: %q", lines[3])
	}
}

func TestFilterSteps(t *testing.T) {
	hs := newHarness(t, 100, 30)
	hs.key("/")
	hs.typeText("first q")
	// q and ? belong to the filter while it is focused.
	if hs.quit {
		t.Fatal("typing q in the filter quit")
	}
	hs.wantScreen("/ first q", "enter apply filter")
	hs.send(tea.KeyPressMsg{Code: tea.KeyBackspace})
	hs.send(tea.KeyPressMsg{Code: tea.KeyBackspace})
	hs.key("enter")
	hs.wantSelected("First encounter")
	s := hs.screenText()
	if strings.Contains(s, "Nurture") || !strings.Contains(s, "First encounter") {
		t.Fatalf("filter did not narrow the list:\n%s", s)
	}
	hs.key("/", "esc")
	hs.wantScreen("Nurture")
}

func TestHelpTogglesOnEveryScreen(t *testing.T) {
	hs := newHarness(t, 100, 30)
	for _, open := range [][]string{nil, {"enter"}, {"p"}} {
		hs.key("esc")
		hs.key(open...)
		short := hs.screenText()
		hs.key("?")
		full := hs.screenText()
		if full == short || !strings.Contains(full, "ctrl+c quit") {
			t.Fatalf("? after %v did not show full help:\n%s", open, full)
		}
		hs.key("?")
		if hs.screenText() != short {
			t.Fatalf("? after %v did not hide full help:\n%s", open, hs.screenText())
		}
	}
	// In a drill, graded: full help lists the ratings.
	hs.key("esc", "d")
	hs.typeText("x")
	hs.key("enter", "?")
	hs.wantScreen("Keys here", "again", "easy", "accept", "feedback", "The marks beside each step")
}

func TestCtrlCQuitsFromAnywhere(t *testing.T) {
	for _, keys := range [][]string{nil, {"enter"}, {"p"}, {"d"}, {"d", "x"}, {"/"}} {
		hs := newHarness(t, 100, 30)
		hs.key(keys...)
		hs.key("ctrl+c")
		if !hs.quit {
			t.Fatalf("ctrl+c after %v did not quit", keys)
		}
		if hs.m.View().Content != "" {
			t.Fatal("the last frame after quitting is not empty")
		}
	}
	hs := newHarness(t, 100, 30)
	hs.key("q")
	if !hs.quit {
		t.Fatal("q on home did not quit")
	}
}

func TestCtrlZSuspendsFromAnywhere(t *testing.T) {
	for _, keys := range [][]string{nil, {"enter"}, {"p"}, {"d"}, {"d", "x"}, {"d", "x", "enter"}, {"/"}} {
		hs := newHarness(t, 100, 30)
		hs.key(keys...)
		before := hs.screenText()
		hs.key("ctrl+z")
		if hs.suspended != 1 || hs.quit {
			t.Fatalf("ctrl+z after %v: suspended %d times, quit %v", keys, hs.suspended, hs.quit)
		}
		if after := hs.screenText(); after != before {
			t.Fatalf("ctrl+z after %v changed the screen:\n%s\nto\n%s", keys, before, after)
		}
	}
}

func TestTooSmallAndRecovery(t *testing.T) {
	hs := newHarness(t, 100, 30)
	hs.key("d")
	hs.send(tea.WindowSizeMsg{Width: 40, Height: 10})
	hs.wantScreen("Terminal too small", "60x16", "now 40x10")
	hs.send(tea.WindowSizeMsg{Width: 20, Height: 5})
	hs.wantScreen("Terminal too small", "least 60x16", "now 20x5", "ctrl+c quits")
	if lines := strings.Split(hs.screenText(), "\n"); len(lines) > 5 {
		t.Fatalf("too-small note is %d lines on a 5-line terminal", len(lines))
	}
	hs.key("3", "x") // ignored while too small
	hs.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	hs.wantScreen("card 1 of 6", "Type your answer")
	hs.typeText("y")
	hs.key("enter", "3")
	if got := hs.eng.records; len(got) != 1 || got[0].answer.Text != "y" {
		t.Fatalf("keys typed while too small reached the drill: %+v", got)
	}
	for _, l := range strings.Split(hs.m.View().Content, "\n") {
		if w := len([]rune(ansiStrip(l))); w > 100 {
			t.Fatalf("line wider than the terminal (%d): %q", w, l)
		}
	}
}

func TestBackgroundAndNoColor(t *testing.T) {
	rr := &recordingRenderer{}
	hs := newHarness(t, 80, 24, withRenderer(rr))
	darkTitle := "38;2;185;166;255" // #B9A6FF
	lightTitle := "38;2;90;63;192"  // #5A3FC0
	if s := hs.m.View().Content; !strings.Contains(s, darkTitle) {
		t.Fatalf("the default frame is not drawn for a dark background: %q", s)
	}
	hs.key("enter")
	hs.send(tea.BackgroundColorMsg{Color: whiteColor{}})
	if s := hs.m.View().Content; !strings.Contains(s, lightTitle) || strings.Contains(s, darkTitle) {
		t.Fatalf("a light background did not switch the colours: %q", s)
	}
	if got := rr.styles(); !reflect.DeepEqual(got, []render.Style{render.Dark, render.Light}) {
		t.Fatalf("step rendered in styles %v, want dark then light", got)
	}
	rr = &recordingRenderer{}
	nc := newHarness(t, 80, 24, withRenderer(rr), func(c *Config, _ *fakeEngine) { c.NoColor = true })
	nc.key("enter")
	if got := rr.styles(); !reflect.DeepEqual(got, []render.Style{render.Plain}) {
		t.Fatalf("no-color rendered in styles %v, want plain", got)
	}
	if s := nc.m.View().Content; strings.Contains(s, "\x1b[38") || strings.Contains(s, "\x1b[48") {
		t.Fatalf("a colourless frame carries colour: %q", s)
	}
}

func TestWhoIsDrilling(t *testing.T) {
	hs := newHarness(t, 80, 24, func(c *Config, _ *fakeEngine) {
		c.RepGiven = false
		c.Reps = []string{"ana", "bo"}
	})
	hs.wantScreen("Who is drilling?", "ana", "bo", "+ a new rep")
	hs.key("down", "enter")
	if hs.eng.rep != "bo" {
		t.Fatalf("picked bo; the engine drills %q", hs.eng.rep)
	}
	hs.wantScreen("rep bo", "Due now 2  ·  Later today 0", "d drill • enter open step")

	hs = newHarness(t, 80, 24, func(c *Config, _ *fakeEngine) {
		c.RepGiven = false
		c.Reps = []string{"ana", "bo"}
	})
	hs.key("down", "down", "enter")
	hs.typeText("cy q")
	hs.key("enter")
	if hs.eng.rep != "cy q" {
		t.Fatalf("new rep %q", hs.eng.rep)
	}
	hs.wantScreen("rep cy q", "Due now 2  ·  Later today 0")
	// Named reps skip the picker.
	hs = newHarness(t, 80, 24, func(c *Config, _ *fakeEngine) { c.Reps = []string{"ana", "bo"} })
	hs.wantScreen("rep ana", "Due now 2  ·  Later today 0")
	hs.wantNoScreen("Who is drilling?")
}

func TestReloadKeepsPlaceAndShowsProblems(t *testing.T) {
	var next *playbook.Playbook
	var problems []string
	hs := newHarness(t, 100, 30, func(c *Config, _ *fakeEngine) {
		c.Reload = func() (*playbook.Playbook, []string, error) { return next, problems, nil }
	})
	hs.key("down", "enter") // learning "nurture"
	next = testBook()
	next.Steps()[1].Title = "Nurture inquiries weekly"
	// The change is reloaded after a quiet period (a timer the harness
	// runs).
	hs.send(fileChangedMsg{})
	hs.wantScreen("Marketing process › Nurture inquiries weekly", "Playbook reloaded", "step id nurture")

	// A stale tick does nothing.
	next = nil
	hs.send(reloadTickMsg{gen: -1})
	hs.wantScreen("Marketing process › Nurture inquiries weekly")

	next = testBook()
	problems = []string{"playbook.md:12:1: error: step has no Result:"}
	hs.send(fileChangedMsg{})
	hs.wantScreen("The playbook has problems", "playbook.md:12:1: error: step has no Result:")
	hs.key("d") // ignored while problems show
	if len(hs.eng.queued) != 0 {
		t.Fatal("keys reached the screen under the problems")
	}
	problems = nil
	hs.send(reloadedMsg{book: testBook()})
	hs.wantScreen("Marketing process › Nurture inquiries", "Result", "step id nurture")
	hs.wantNoScreen("problems", "weekly")
	hs.send(reloadedMsg{err: errors.New("playbook p.md: no such file or directory")})
	hs.wantScreen("no such file or directory")
	hs.key("esc")
	hs.wantScreen("still using the last good version", "Marketing process › Nurture inquiries", "step id nurture")
}

func TestReloadMidDrillRebindsCards(t *testing.T) {
	hs := newHarness(t, 100, 30)
	hs.key("d")
	next := testBook()
	next.Cards()[0].Prompt = "What result must this step reach?"
	next.Cards()[0].Hash = "h1b"
	hs.send(reloadedMsg{book: next})
	hs.wantScreen("What result must this step reach?", "card 1 of 6", "Type your answer")
}

func TestUntrustedTextIsSanitised(t *testing.T) {
	hs := newHarness(t, 100, 30, func(c *Config, e *fakeEngine) {
		c.Book.Title = "Evil\x1b]52;c;aGk=\x07 book"
		c.Book.Processes[0].Steps[0].Title = "Step\x1b[2J one"
		c.Book.Cards()[0].Prompt = "Prompt\x1b]0;title\x07 here"
	})
	hs.key("d")
	s := hs.m.View().Content
	for _, bad := range []string{"\x1b]52", "\x1b[2J", "\x1b]0;"} {
		if strings.Contains(s, bad) {
			t.Fatalf("frame carries %q", bad)
		}
	}
}

func TestStartSelectionOpensTheDrill(t *testing.T) {
	hs := newHarness(t, 100, 30, func(c *Config, _ *fakeEngine) {
		c.Start = &drill.Selection{Step: "first-call", Cram: true}
	})
	hs.wantScreen("First encounter", "differentiator", "card 1 of 1")
	hs.typeText("onboarding in days")
	hs.key("enter", "3")
	if len(hs.eng.records) != 1 || !hs.eng.records[0].cram {
		t.Fatalf("records %+v: want one cram attempt", hs.eng.records)
	}
	// The start selection is used once: ending the session leaves the drill
	// screen (for the step's learn screen) and nothing starts it again.
	hs.key("esc", "enter")
	hs.wantNoScreen("card 1 of 1", "Session over")
	if len(hs.eng.queued) != 1 {
		t.Fatalf("the start selection was drilled %d times, want once", len(hs.eng.queued))
	}

	// With several reps and none named, the session opens once one is picked.
	hs = newHarness(t, 100, 30, func(c *Config, _ *fakeEngine) {
		c.RepGiven = false
		c.Reps = []string{"ana", "bo"}
		c.Start = &drill.Selection{Step: "qualify"}
	})
	hs.wantScreen("Who is drilling?")
	if len(hs.eng.queued) != 0 {
		t.Fatal("the session started before a rep was picked")
	}
	hs.key("enter")
	hs.wantScreen("rep ana", "Work inquiries into sales-ready leads", "card 1 of 4")
	if len(hs.eng.queued) != 1 || hs.eng.queued[0].Step != "qualify" {
		t.Fatalf("queued %+v, want the qualify step once", hs.eng.queued)
	}
}

// A card rated "again" comes back within minutes: the empty queue and the
// session summary say when, instead of "come back tomorrow".
func TestEmptyQueueSaysWhenTheNextReviewIs(t *testing.T) {
	soon := func(_ *Config, e *fakeEngine) { e.nextDue = fixedNow.Add(9 * time.Minute) }
	hs := newHarness(t, 80, 24, soon)
	hs.eng.queue = nil
	hs.key("d")
	hs.wantScreen("Nothing due now; next review in 9 minutes. Enter opens a step to learn it.")
	if strings.Contains(hs.screenText(), "come back tomorrow") {
		t.Fatal("told to come back tomorrow with a card due in minutes")
	}
	hs = newHarness(t, 100, 30, soon)
	hs.key("d")
	hs.typeText("rules of engagement")
	hs.key("enter", "3", "esc")
	hs.wantScreen("Due next", "next review in 9 minutes")
}

func TestNextReviewSaysWhen(t *testing.T) {
	for _, tc := range []struct {
		in   time.Duration
		want string
	}{
		{10 * time.Second, "in 1 minute"},
		{9 * time.Minute, "in 9 minutes"},
		{5 * time.Hour, "today at 15:00"},
		{20 * time.Hour, "tomorrow at 06:00"},
		{3 * 24 * time.Hour, "on Sat 21 Mar"},
	} {
		if got := nextReview(fixedNow, fixedNow.Add(tc.in)); got != tc.want {
			t.Errorf("nextReview(now+%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// marginRenderer pads its output with blank, styled lines the way glamour
// does around a list.
type marginRenderer struct{}

func (marginRenderer) Markdown(src string, width int, _ render.Style) (string, error) {
	return "\n  \x1b[0m  \n  " + strings.TrimSpace(src) + "\n\n", nil
}

func TestModelAnswerSitsUnderItsHeading(t *testing.T) {
	hs := newHarness(t, 100, 30, withRenderer(marginRenderer{}))
	hs.key("d")
	hs.typeText("rules of engagement")
	hs.key("enter")
	s := hs.screenText()
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) == "Model answer" {
			if i+1 == len(lines) || strings.TrimSpace(lines[i+1]) != "The inquiry meets the **rules of engagement**." {
				t.Fatalf("the model answer does not follow its heading:\n%s", s)
			}
			return
		}
	}
	t.Fatalf("no model answer:\n%s", s)
}

// Key points read the same in the drill as on the learn screen.
func TestKeyPointAlternatesReadAsOr(t *testing.T) {
	hs := newHarness(t, 100, 30)
	hs.eng.queue = hs.eng.book.Cards()[1:2]
	hs.key("d")
	hs.typeText("it is a list")
	hs.key("enter")
	hs.wantScreen("✓ list (or not leads)")
	if strings.Contains(hs.screenText(), "list | not leads") {
		t.Fatalf("key point shown with the source's |:\n%s", hs.screenText())
	}
}

// A huge paste stops at answerLimit; keys typed into a full answer change
// nothing, and the next real edit shows again.
func TestLongAnswerStopsAtLimit(t *testing.T) {
	hs := newHarness(t, 100, 30)
	hs.key("d")
	hs.send(tea.PasteMsg{Content: strings.Repeat("word ", 20000)})
	full := hs.screenText()
	hs.typeText("more words")
	if hs.screenText() != full {
		t.Fatal("a key into a full answer changed the screen")
	}
	hs.send(tea.KeyPressMsg{Code: tea.KeyBackspace})
	hs.typeText("x")
	if hs.screenText() == full {
		t.Fatal("an edit of a full answer was not shown")
	}
	hs.key("enter")
	hs.wantScreen("Score", "Your answer")
	hs.key("3")
	if len(hs.eng.records) != 1 {
		t.Fatalf("%d records, want 1", len(hs.eng.records))
	}
	got := hs.eng.records[0].answer.Text
	if len([]rune(got)) != answerLimit || !strings.HasSuffix(got, "x") || strings.Contains(got, "more") {
		t.Fatalf("recorded an answer of %d characters ending %q, want %d ending in the x typed after a backspace",
			len([]rune(got)), got[max(len(got)-10, 0):], answerLimit)
	}
}

// The problems screen scrolls a long list with the keys its help names,
// esc hides it and q quits.
func TestProblemsScrollWithTheirKeys(t *testing.T) {
	hs := newHarness(t, 80, 24)
	var problems []string
	for i := range 40 {
		problems = append(problems, "playbook.md:"+itoa(i+1)+":1: error: problem number "+itoa(i+1))
	}
	hs.send(reloadedMsg{problems: problems})
	hs.wantScreen("The playbook has problems", "problem number 1\n", "more lines (↓ to scroll)", "↓/j scroll down", "esc hide problems")
	hs.wantNoScreen("problem number 40", "scroll up")
	hs.key("down")
	hs.wantNoScreen("problem number 1\n")
	hs.wantScreen("problem number 2\n")
	for range 5 {
		hs.key("space")
	}
	hs.wantScreen("problem number 40", "↑/k scroll up")
	hs.wantNoScreen("more lines", "scroll down")
	hs.key("b", "up")
	hs.wantNoScreen("problem number 40")
	hs.key("?")
	hs.wantScreen("pgup", "page up", "q      quit")
	hs.key("?", "esc")
	hs.wantScreen("still using the last good version", "Due now 2  ·  Later today 0")
	hs.send(reloadedMsg{problems: problems})
	hs.key("q")
	if !hs.quit {
		t.Fatal("q on the problems did not quit")
	}
}

// On Progress, ← and → pick a day on the calendar and say its count.
func TestHeatmapPicksADay(t *testing.T) {
	hs := newHarness(t, 100, 40)
	hs.key("p")
	hs.wantNoScreen("Wed 18 Mar:")
	hs.key("left")
	hs.wantScreen("Wed 18 Mar: 0 answers")
	hs.key("left")
	hs.wantScreen("Tue 17 Mar: 12 answers")
	hs.key("h")
	hs.wantScreen("Mon 16 Mar: 3 answers")
	hs.key("right", "l", "right")
	hs.wantNoScreen(": 0 answers", ": 12 answers")
	hs.key("right") // nothing after today
	hs.wantNoScreen("Mar:")
	hs.key("?")
	hs.wantScreen("←/h", "day before", "→/l", "day after")
}

// A failing typed answer rated above the suggestion is a dispute, said in
// one line.
func TestDisputeByRating(t *testing.T) {
	hs := newHarness(t, 80, 24)
	hs.key("d")
	hs.typeText("x")
	hs.key("enter")
	hs.wantScreen("d dispute")
	hs.key("3")
	hs.wantScreen("Disputed: a manager will review your words; the grade stands until then.")
	if len(hs.eng.disputes) != 1 || hs.eng.disputes[0] != "qualify/result (rating)" {
		t.Fatalf("disputes %q", hs.eng.disputes)
	}
}

// The dispute key disputes the answer being rated, whatever the rating.
func TestDisputeKey(t *testing.T) {
	hs := newHarness(t, 100, 30)
	hs.key("d")
	hs.typeText("x")
	hs.key("enter", "d")
	hs.wantScreen("Dispute noted", "Rate")
	if len(hs.eng.records) != 0 || len(hs.eng.disputes) != 0 {
		t.Fatal("the dispute key must not rate the card by itself")
	}
	hs.key("enter")
	// Rated again, the card comes back later in the session: one more card.
	hs.wantScreen("Disputed: a manager will review your words", "card 2 of 7")
	if len(hs.eng.disputes) != 1 || hs.eng.disputes[0] != "qualify/result (asked)" || len(hs.eng.records) != 1 || hs.eng.records[0].rating != playbook.Again {
		t.Fatalf("disputes %q, records %+v", hs.eng.disputes, hs.eng.records)
	}
}

// An answer that hit every point cannot be disputed: the key is not
// offered and does nothing.
func TestNoDisputeOfAFullAnswer(t *testing.T) {
	hs := newHarness(t, 100, 30)
	hs.key("d")
	hs.typeText("rules of engagement sales-ready")
	hs.key("enter")
	if strings.Contains(hs.screenText(), "d dispute") {
		t.Errorf("dispute offered for a full answer:\n%s", hs.screenText())
	}
	hs.key("d", "4")
	if len(hs.eng.disputes) != 0 || len(hs.eng.records) != 1 {
		t.Fatalf("disputes %q, records %+v", hs.eng.disputes, hs.eng.records)
	}
}

// What a page says before its first heading, and a process's
// introduction, show with the process's first step: no text of the
// playbook goes unseen. A reference topic says it has no result to reach.
func TestLearnShowsPrefaceIntroAndTopics(t *testing.T) {
	hs := newHarness(t, 100, 30, func(c *Config, _ *fakeEngine) {
		p := c.Book.Processes[0]
		p.Preface = "Read this page before your first call."
		p.Intro = "Marketing turns lists into leads."
		s := p.Steps[1]
		s.Reference, s.Result, s.MustMention, s.DoneWhen = true, "", nil, nil
	})
	hs.key("enter")
	hs.wantScreen("Read this page before your first call.", "Marketing turns lists into leads.")
	hs.key("esc", "down", "enter")
	hs.wantScreen("Reference", "no result to reach")
	if strings.Contains(hs.screenText(), "Read this page") {
		t.Errorf("the preface shows with a later step:\n%s", hs.screenText())
	}
}

// A wrong pick rated above the suggestion is no dispute: the grade stands,
// and the rep is told so.
func TestOverruledRating(t *testing.T) {
	hs := newHarness(t, 100, 30)
	hs.key("d")
	hs.typeText("rules of engagement sales-ready")
	hs.key("enter", "4")
	hs.wantScreen("card 2 of 6")
	hs.typeText("x")
	hs.key("enter", "1")
	hs.wantScreen("Which of these is sales-ready?")
	hs.key("1", "enter")
	hs.wantScreen("Score")
	hs.key("4")
	hs.wantScreen("The grade stands: a wrong answer is scheduled as again.")
	if len(hs.eng.disputes) != 0 {
		t.Errorf("disputes %q", hs.eng.disputes)
	}
}

// The learn screen's help offers the page's moves only where they move it:
// down while there is more below, up at the end.
func TestLearnHelpFollowsThePage(t *testing.T) {
	hs := newHarness(t, 60, 16, func(c *Config, _ *fakeEngine) {
		c.Book.Processes[0].Steps[0].Prose = strings.Repeat("A paragraph a rep reads before drilling.\n\n", 20)
	})
	hs.key("enter")
	hs.wantScreen("↓ more below", "scroll down", "page down")
	hs.wantNoScreen("scroll up")
	hs.key("G")
	hs.wantScreen("· end", "scroll up", "page up")
	hs.wantNoScreen("scroll down", "page down")
}

// The graded card offers ↓ while there is more of it below and ↑ once
// scrolled, not when it all fits.
func TestGradedHelpFollowsThePage(t *testing.T) {
	hs := newHarness(t, 60, 16)
	hs.key("d")
	hs.typeText("rules of engagement, sales-ready" + strings.Repeat(", and then some more words about it", 12))
	hs.key("enter")
	hs.wantScreen("Score", "↓ scroll")
	hs.wantNoScreen("↑ scroll")
	for range 20 {
		hs.key("pgdown")
	}
	hs.wantScreen("↑ scroll")
	hs.wantNoScreen("↓ scroll")
}

// Home's counts fit a narrow terminal: the bar goes, the figures stay.
func TestHomeCountsFitNarrowTerminals(t *testing.T) {
	hs := newHarness(t, 60, 16)
	hs.wantScreen("Due now 2 · Later today 0 · New 5 · Ready 25%")
	for _, line := range strings.Split(hs.screenText(), "\n") {
		if strings.HasPrefix(line, "Due now") && strings.Contains(line, "…") {
			t.Errorf("the counts are cut: %q", line)
		}
	}
	hs = newHarness(t, 80, 24)
	hs.wantScreen("Due now 2  ·  Later today 0  ·  New 5  ·  Ready ███░░░░░░░ 25%")
}
