package main

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/markdown"
	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/playbooks"
)

// The learn screen of the shipped playbook's differentiate step reads to
// its last differentiator at 80x24 and at the 60x16 minimum, page by page.
func TestE2ELearnScreenReachesTheLastDifferentiator(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {60, 16}} {
		t.Run(strconvSize(size.w, size.h), func(t *testing.T) {
			s := launchTUI(t, size.w, size.h, "")
			s.waitFor("Welcome to playdrill")
			s.keys("Escape")
			s.waitFor("Due now")
			s.keys("/")
			s.typeText("different")
			s.keys("Enter", "Enter")
			first := s.waitFor("Show how we are different", "step id differentiate", "↓ more below")
			for strings.Contains(first, "Rendering…") {
				first = s.waitChange(first)
			}
			if !strings.Contains(first, "Result") {
				t.Fatalf("the page does not open on the step's result:\n%s", first)
			}
			var pages []string
			for i := 0; i < 40; i++ {
				scr := s.screen()
				pages = append(pages, scr)
				if strings.Contains(scr, "· end") {
					break
				}
				s.keys("Space")
				s.waitChange(scr)
			}
			all := strings.Join(pages, "\n")
			last := pages[len(pages)-1]
			if !strings.Contains(last, "· end") {
				t.Fatalf("paging never reached the end; last page:\n%s", last)
			}
			for _, want := range []string{"How are you different from Dispatchwise?", "How are you different from Tallyvan?", "Never say “a mess”"} {
				if !strings.Contains(strings.Join(strings.Fields(all), " "), want) {
					t.Errorf("the pages never showed %q", want)
				}
			}
			if !regexp.MustCompile(`How are you different from our whiteboard and\s+(\S+\s+)?spreadsheets\?`).MatchString(all) {
				t.Errorf("the last differentiator's question never showed:\n%s", all)
			}
			for _, raw := range []string{"Must mention:", "Never say:", "### Drill", "## Show"} {
				if strings.Contains(all, raw) {
					t.Errorf("the page shows the author's %q", raw)
				}
			}
			// Back to the top in one key, and out.
			s.keys("g")
			s.waitFor("Result", "lines 1–")
			s.keys("Escape")
			s.waitFor("Due now")
			s.keys("q")
			s.waitShell()
		})
	}
}

func strconvSize(w, h int) string { return strconv.Itoa(w) + "x" + strconv.Itoa(h) }

// waitChange waits until the screen differs from before.
func (s *tuiSession) waitChange(before string) string {
	s.t.Helper()
	deadline := time.Now().Add(screenWait)
	for {
		if scr := s.screen(); scr != before {
			return scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("the screen did not change:\n%s", before)
		}
		time.Sleep(30 * time.Millisecond)
	}
}

// A new hire's first session on a fresh database: greeted by the guide,
// shown the first step before drilling it, a card rated again comes back,
// esc with an answer typed asks instead of ending, and finishing the first
// step goes on into the second in the same session.
func TestE2ENewHireFirstSession(t *testing.T) {
	book, _, err := markdown.Load(playbooks.FS, playbooks.Root)
	if err != nil {
		t.Fatal(err)
	}
	s := launchTUI(t, 80, 24, "")
	s.waitFor("Welcome to playdrill", "○ new", "· locked")
	s.keys("Enter")
	s.waitFor("Due now", "Build the target list")
	s.keys("d")
	s.waitFor("Build the target list", "New to you", "step id build-list")
	s.keys("d")
	scr := s.waitFor("card 1 of ")
	m := regexp.MustCompile(`card 1 of (\d+)`).FindStringSubmatch(scr)
	if m == nil {
		t.Fatalf("no card count:\n%s", scr)
	}
	n, _ := strconv.Atoi(m[1])
	// The first card: shown, not answered, so rated again: it comes back,
	// one card more in the session.
	firstPrompt := promptOn(scr)
	s.keys("C-o")
	s.waitFor("Answer shown", "Model answer")
	s.keys("Enter")
	second := "card 2 of " + strconv.Itoa(n+1)
	scr = s.waitFor(second)

	// esc with text typed asks; n goes on with the card.
	s.typeText("half a thought")
	s.waitFor("half a thought")
	s.keys("Escape")
	s.waitFor("Discard your answer and end the session?")
	s.keys("n")
	s.keys("C-u")
	s.waitFor(second)
	if strings.Contains(s.screen(), "Session over") {
		t.Fatal("esc with typed text ended the session")
	}

	seenAgain := false
	secondStep := false
	for i := 0; i < 3*n && !secondStep; i++ {
		scr = s.screen()
		switch {
		case strings.Contains(scr, "Step opened: Work the list into inquiries"):
			s.keys("Enter")
			scr = s.waitFor("Work the list into inquiries", "card ")
			secondStep = true
			continue
		case strings.Contains(scr, "Session over"):
			t.Fatalf("the session ended inside the first step:\n%s", scr)
		}
		prompt := promptOn(scr)
		if prompt == firstPrompt && i > 0 {
			seenAgain = true
		}
		answerCard(t, s, book, scr)
	}
	if !seenAgain {
		t.Error("the card rated again did not come back in the session")
	}
	if !secondStep {
		t.Fatalf("the session did not go on into the second step:\n%s", s.screen())
	}
	if !strings.Contains(scr, "Work the list into inquiries") {
		t.Fatalf("the next card is not the second step's:\n%s", scr)
	}
	s.keys("Escape")
	s.waitFor("Session over", "Steps completed   Build the target list", "Steps opened")
	s.keys("Enter")
	s.waitFor("Due now")
	s.keys("q")
	s.waitShell()
}

var promptLine = regexp.MustCompile(`(?m)^Q: (.+)$`)

// promptOn is the first line of the question on screen.
func promptOn(scr string) string {
	if m := promptLine.FindStringSubmatch(scr); m != nil {
		return strings.TrimSpace(m[1])
	}
	return ""
}

var screenOption = regexp.MustCompile(`(?m)^\s*(?:›\s*)?(\d)\) \[[ x]\] (.+?)\s*$`)

// answerCard answers the card on screen with its model answer (or its
// right option), accepts the suggested rating and waits for the next
// screen.
func answerCard(t *testing.T, s *tuiSession, book *playbook.Playbook, scr string) {
	t.Helper()
	prompt := promptOn(scr)
	var card *playbook.Card
	for _, c := range book.Cards() {
		if prompt != "" && strings.HasPrefix(strings.Join(strings.Fields(c.Prompt), " "), strings.TrimSuffix(prompt, "…")) {
			card = c
			break
		}
	}
	if card == nil {
		t.Fatalf("no card with the prompt %q:\n%s", prompt, scr)
	}
	if card.Kind.Typed() {
		s.typeText(strings.Join(strings.Fields(strings.NewReplacer("*", "", "`", "").Replace(card.Answer)), " "))
	} else {
		right := strings.Join(strings.Fields(card.Options[card.Correct[0]]), " ")
		picked := false
		for _, m := range screenOption.FindAllStringSubmatch(scr, -1) {
			if strings.HasPrefix(right, strings.TrimSuffix(m[2], "…")) {
				s.keys(m[1])
				picked = true
				break
			}
		}
		if !picked {
			t.Fatalf("the right option %q is not on screen:\n%s", right, scr)
		}
	}
	s.keys("Enter")
	s.waitFor("Rate ")
	s.keys("Enter")
	// The next card is up once the answer is saved: its question with an
	// empty answer, or the offer of the next step, or the summary.
	deadline := time.Now().Add(screenWait)
	for time.Now().Before(deadline) {
		next := s.screen()
		ready := strings.Contains(next, "Type your answer") || screenOption.MatchString(next) ||
			strings.Contains(next, "Step opened") || strings.Contains(next, "Session over")
		if ready && !strings.Contains(next, "Rate ") && !strings.Contains(next, "Saving") {
			return
		}
		time.Sleep(30 * time.Millisecond)
	}
	t.Fatalf("no next card after rating:\n%s", s.screen())
}
