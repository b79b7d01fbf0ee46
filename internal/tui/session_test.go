package tui

import (
	"strings"
	"testing"

	"github.com/playdrill/playdrill/internal/playbook"
)

// ctrl+o shows the answer of a card the rep cannot answer; it is recorded
// as Again, whatever key rates it.
func TestShowAnswerRecordsAgain(t *testing.T) {
	hs := newHarness(t, 100, 30)
	hs.key("d", "ctrl+o")
	hs.wantScreen("Answer shown", "recorded as", "1 again", "Model answer")
	hs.wantNoScreen("3 good")
	hs.key("3") // not offered: does nothing
	if len(hs.eng.records) != 0 {
		t.Fatalf("a rating the screen did not offer was recorded: %+v", hs.eng.records)
	}
	hs.key("enter")
	if len(hs.eng.records) != 1 || hs.eng.records[0].rating != playbook.Again || hs.eng.records[0].answer.Text != "" {
		t.Fatalf("records %+v, want one Again with no answer", hs.eng.records)
	}
	hs.wantScreen("card 2 of")
}

// ctrl+s skips a card: nothing is recorded and the next card shows.
func TestSkipRecordsNothing(t *testing.T) {
	hs := newHarness(t, 100, 30)
	hs.key("d")
	hs.wantScreen("card 1 of 6", "ctrl+s skip", "ctrl+o show answer")
	hs.key("ctrl+s")
	hs.wantScreen("card 2 of 6", "Skipped")
	if len(hs.eng.records) != 0 {
		t.Fatalf("a skipped card was recorded: %+v", hs.eng.records)
	}
}

// esc with an answer typed asks before throwing it away.
func TestEscWithTypedTextAsks(t *testing.T) {
	hs := newHarness(t, 100, 30)
	hs.key("d")
	hs.typeText("the rules of")
	hs.key("esc")
	hs.wantScreen("Discard your answer and end the session?", "y end session", "n keep answering")
	hs.wantNoScreen("Session over")
	hs.key("n")
	hs.typeText(" engagement")
	hs.wantScreen("the rules of engagement", "card 1 of 6")
	hs.key("esc", "esc") // esc answers no, too
	hs.wantScreen("the rules of engagement")
	hs.wantNoScreen("Session over")
	hs.key("esc", "y")
	hs.wantScreen("Session over")
	// With nothing typed, esc ends at once.
	hs = newHarness(t, 100, 30)
	hs.key("d", "esc")
	hs.wantScreen("Session over")
	if s := hs.screenText(); strings.Contains(s, "Average score") {
		t.Errorf("an average score after no card:\n%s", s)
	}
}

// A card rated Again comes back a few cards later in the same session.
func TestAgainComesBackInTheSession(t *testing.T) {
	hs := newHarness(t, 100, 30)
	hs.eng.queue = hs.eng.book.Cards()[:2]
	hs.key("d")
	hs.wantScreen("What is the required result of this step?", "card 1 of 2")
	hs.typeText("no idea")
	hs.key("enter", "1")
	hs.wantScreen("Is a list bought from a broker a set of leads?", "card 2 of 3")
	hs.typeText("a list, not leads")
	hs.key("enter", "3")
	hs.wantScreen("What is the required result of this step?", "card 3 of 3")
}

// Today's session goes on into the step that opened during it, offering
// to read it first.
func TestSessionFlowsIntoTheNextStep(t *testing.T) {
	hs := newHarness(t, 100, 30)
	book := hs.eng.book
	hs.eng.queue = book.Cards()[:4] // the open step's cards
	hs.key("d")
	hs.eng.queue = book.Cards() // the next step opens as the first is done
	hs.typeText("rules of engagement, sales-ready")
	hs.key("enter", "3")
	hs.typeText("a list, not leads")
	hs.key("enter", "3")
	hs.key("2", "enter", "3") // choice
	hs.key("1", "enter", "3") // classify: finishes the step
	hs.wantScreen("Step opened: Nurture inquiries", "l read it first", "enter drill it now")
	hs.key("enter")
	hs.wantScreen("Put the marketing steps in order", "card 5 of")
	hs.wantNoScreen("Session over")
}

// Reading first: l opens the step's page, and d there goes on with
// today's drill.
func TestNextStepReadFirst(t *testing.T) {
	hs := newHarness(t, 100, 30)
	book := hs.eng.book
	hs.eng.queue = book.Cards()[3:4]
	hs.key("d")
	hs.eng.queue = book.Cards()[4:]
	hs.key("1", "enter", "3")
	hs.wantScreen("Step opened: Nurture inquiries")
	hs.key("l")
	hs.wantScreen("Marketing process › Nurture inquiries", "New to you", "d drill it")
	hs.key("d")
	if sel := hs.eng.queued[len(hs.eng.queued)-1]; sel.Step != "" {
		t.Fatalf("d on a step read first drilled only that step: %+v", sel)
	}
}

// A rep who has never answered a card is greeted once by the guide to the
// marks, readiness and sessions; ? brings it back.
func TestWelcomeGuideOnce(t *testing.T) {
	hs := newHarness(t, 80, 24, freshRep)
	hs.wantScreen("Welcome to playdrill", "○ new", "◐ in progress", "✓ done", "↻ changed", "· locked")
	hs.key("space")
	hs.wantScreen("Ready", "A session")
	hs.key("enter")
	hs.wantScreen("Due now")
	hs.wantNoScreen("Welcome")
	// Progress reloads (after a session) do not bring it back.
	hs.key("d", "esc", "enter")
	hs.wantScreen("Due now")
	hs.wantNoScreen("Welcome")
	hs.key("?")
	hs.wantScreen("Help", "Keys here", "The marks beside each step")
	hs.key("esc")
	hs.wantScreen("Due now")
}

// A session holds at most the size the rep set, even as it flows.
func TestSessionSize(t *testing.T) {
	hs := newHarness(t, 100, 30, func(c *Config, _ *fakeEngine) { c.SessionSize = 2 })
	hs.key("d")
	hs.wantScreen("card 1 of 2")
	hs.typeText("rules of engagement, sales-ready")
	hs.key("enter", "3")
	hs.typeText("a list, not leads")
	hs.key("enter", "3")
	hs.wantScreen("Session over", "Cards answered    2 of 2")
}

// Home moves a page, or to the first or last step, says where in a long
// list the rep is, and esc clears an applied filter.
func TestHomeNavigation(t *testing.T) {
	hs := newHarness(t, 80, 24, func(c *Config, e *fakeEngine) {
		c.Book = bigBook(240)
		e.book = c.Book
	})
	hs.send(progressMsg{gen: hs.m.c.gen, prog: bigProgress(hs.eng.book)})
	hs.wantScreen("step 1 of 240 · ↓ more below")
	// Nothing due and nothing new: d is not offered.
	hs.wantScreen("Due now 0", "New 0", "enter open step")
	hs.wantNoScreen("d drill")
	hs.key("pgdown")
	hs.wantScreen("step 1", "of 240")
	hs.wantNoScreen("step 1 of 240")
	hs.key("G")
	hs.wantScreen("step 240 of 240 · end", "Step 23 of process 9")
	hs.key("g")
	hs.wantScreen("step 1 of 240", "Step 0 of process 0")
	hs.key("end", "pgup", "home")
	hs.wantScreen("step 1 of 240")
	// A filter applied with enter stays until esc clears it.
	hs.key("/")
	hs.typeText("process 9")
	hs.key("enter")
	hs.wantScreen("esc clear filter", "step 1 of 24")
	hs.key("esc")
	// The selection stays on the step it was on.
	hs.wantScreen("step 217 of 240", "› ○ Step 0 of process 9")
	hs.wantNoScreen("clear filter")
}
