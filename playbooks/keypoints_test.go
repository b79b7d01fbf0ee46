package playbooks_test

import (
	"testing"

	"github.com/playdrill/playdrill/internal/grade"
	"github.com/playdrill/playdrill/internal/markdown"
	"github.com/playdrill/playdrill/playbooks"
)

// TestKeyPoints grades answers a rep would type against the shipped
// playbook's key points: good answers in a rep's own words pass, and
// answers that miss the point or state the misconception do not.
func TestKeyPoints(t *testing.T) {
	book, diags, err := markdown.Load(playbooks.FS, playbooks.Root)
	if err != nil || markdown.HasErrors(diags) {
		t.Fatalf("shipped playbook: %v %v", err, diags)
	}
	cases := []struct {
		card   string
		answer string
		pass   bool
	}{
		{"build-list/result", "a list of names that match the profile, they are not leads yet", true},
		{"build-list/result", "a list of leads", false},
		{"build-list/result", "we build a list of leads who fit the ideal customer profile", false},
		{"build-list/we-just-bought-5-000-names-from", "none, it is a list; marketing works it into inquiries", true},
		{"build-list/we-just-bought-5-000-names-from", "no leads yet, we have a list of leads to work into inquiries", false},
		{"work-list/result", "people reply to our email and we log each inquiry with the campaign", true},
		{"work-list/what-turns-a-name-on-a", "they download the guide and we record the campaign", true},
		{"work-list/what-turns-a-name-on-a", "we add them to the CRM with the campaign", false},
		{"work-list/why-must-every-inquiry-record-the", "so the rep knows the reason they inquired, and sales can give feedback on campaigns", true},
		{"qualify/result", "each inquiry is qualified as sales ready under the rules of engagement or goes back to nurture", true},
		{"qualify/what-three-things-make-an-inquiry", "someone who can decide, their problem in their own words, and a timeline", true},
		{"qualify/what-three-things-make-an-inquiry", "authority, their problem, and timing", true},
		{"prospect-brief/result", "whether they are operationally sound, at capacity, in business 5+ years, forward looking and their vendor history", true},
		{"first-meeting/result", "learn why they reached out and what outcomes they want, before any demo", true},
		{"first-meeting/result", "show them a demo of every feature", false},
		{"first-meeting/what-are-the-two-things-a", "why they reached out and what they want to achieve", true},
		{"first-meeting/what-are-the-two-things-a", "our features and our pricing", false},
		{"first-meeting/what-is-a-feature-preacher", "a rep who talks features instead of asking why they came", true},
		{"first-meeting/what-is-a-feature-preacher", "a rep who asks questions instead of talking features", false},
		{"discovery/what-four-things-does-discovery-establish", "pain, cost, decision maker, timing", true},
		{"discovery/what-four-things-does-discovery-establish", "our price and our features", false},
		{"discovery/why-name-every-decision-maker-during-discovery", "so we don't have to start over when a partner or the board shows up late", true},
		{"discovery/why-name-every-decision-maker-during-discovery", "we start over with the board anyway", false},
		{"differentiate/diff-how-are-you-different-from-our-whiteboard-and-spreadsheets", "everyone sees the same board, customers get arrival texts and no job goes unbilled", true},
		{"differentiate/diff-how-are-you-different-from-our-whiteboard-and-spreadsheets", "same board, arrival texts, and more unbilled jobs", false},
	}
	byID := map[string]int{}
	cards := book.Cards()
	for i, c := range cards {
		byID[c.ID] = i
	}
	for _, c := range cases {
		i, ok := byID[c.card]
		if !ok {
			t.Errorf("no card %s", c.card)
			continue
		}
		r := grade.Grade(cards[i], grade.Answer{Text: c.answer})
		if r.Passed != c.pass {
			var missed []string
			for _, p := range r.Points {
				if !p.Hit {
					missed = append(missed, p.Point.Alternates[0])
				}
			}
			t.Errorf("%s: %q scored %.0f%% (missed %q, never-said %q), want pass=%v", c.card, c.answer, r.Score*100, missed, r.NeverSaid, c.pass)
		}
	}
}

// TestModelAnswersPassThemselves types every typed card's model answer as
// a rep would and wants 100% with no never-say phrase.
func TestModelAnswersPassThemselves(t *testing.T) {
	book, diags, err := markdown.Load(playbooks.FS, playbooks.Root)
	if err != nil || markdown.HasErrors(diags) {
		t.Fatalf("shipped playbook: %v %v", err, diags)
	}
	typed := 0
	for _, c := range book.Cards() {
		if c.Kind.Typed() {
			typed++
		}
	}
	if typed < 30 {
		t.Fatalf("only %d typed cards in the shipped playbook", typed)
	}
	for _, m := range grade.CheckModelAnswers(book.Cards(), grade.Options{}) {
		t.Errorf("%s: model answer scores %.0f%%, missing %v, never-say %q", m.Card.ID, m.Result.Score*100, m.Missed, m.Result.NeverSaid)
	}
}
