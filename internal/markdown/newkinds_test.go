package markdown

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/playdrill/playdrill/internal/playbook"
)

func loadNewKinds(t *testing.T) *playbook.Playbook {
	t.Helper()
	book, diags, err := Load(os.DirFS("testdata"), "newkinds.md")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"newkinds.md:5:1: warning: " + "front matter keys playdrill does not read are ignored: title, sidebar"}
	if got := diagStrings(diags); !reflect.DeepEqual(got, want) {
		t.Fatalf("diagnostics %q, want %q", got, want)
	}
	return book
}

func TestNewCardKinds(t *testing.T) {
	book := loadNewKinds(t)
	if book.Title != "Field Guide" || book.Version != "3" {
		t.Errorf("front matter beside a website's keys: %q %q", book.Title, book.Version)
	}
	byID := map[string]*playbook.Card{}
	for _, c := range book.Cards() {
		byID[c.ID] = c
	}
	check := func(id string, kind playbook.Kind, prompt, answer string, points []string) *playbook.Card {
		t.Helper()
		c := byID[id]
		if c == nil {
			t.Fatalf("no card %s in %v", id, ids(book))
		}
		if c.Kind != kind || c.Prompt != prompt || c.Answer != answer || !reflect.DeepEqual(keyPointStrings(c.MustMention), points) {
			t.Errorf("%s: %s %q %q %q", id, c.Kind, c.Prompt, c.Answer, keyPointStrings(c.MustMention))
		}
		return c
	}
	check("first-call/cloze-sales-ready-leads", playbook.KindCloze,
		"Sales engages only _____; a bought list goes back to marketing first.",
		"Sales engages only **sales-ready leads**; a bought list goes back to marketing first.",
		[]string{"sales-ready leads"})
	check("first-call/cloze-marketing", playbook.KindCloze,
		"Sales engages only sales-ready leads; a bought list goes back to _____ first.",
		"Sales engages only sales-ready leads; a bought list goes back to **marketing** first.",
		[]string{"marketing | the marketing team"})
	check("first-call/opener", playbook.KindCloze, "Open with _____.", "Open with **why they reached out**.", []string{"why they reached out"})
	o := check("first-call/obj-we-already-track-leads-in-a", playbook.KindObjection,
		"We already track leads in a spreadsheet.",
		"Agree that it works at their size, then ask what a lead that went cold\ncost them last quarter.",
		[]string{"agree | acknowledge", "what a lead that went cold cost"})
	if !reflect.DeepEqual(o.NeverSay, []string{"spreadsheets are bad"}) {
		t.Errorf("objection never say: %q", o.NeverSay)
	}
	check("first-call/obj-we-have-no-budget-this-year", playbook.KindObjection, "We have no budget this year.",
		"Ask when their next budget cycle starts and who owns it.", []string{"next budget cycle", "who owns the budget"})
	tb := check("first-call/tbl-sent-the-signed-order-form", playbook.KindClassify, "Sent the signed order form", "closed", nil)
	if tb.Stem != "Which stage is each of these deals in?" || !reflect.DeepEqual(tb.Options, []string{"evaluation", "closed"}) ||
		!reflect.DeepEqual(tb.Correct, []int{1}) || tb.Why != "nothing is left to decide" {
		t.Errorf("table card: %+v", tb)
	}

	step, _ := book.Step("first-call")
	if strings.Contains(step.Body, "{#opener}") || !strings.Contains(step.Body, "Cloze: Open with **why they reached out**.") {
		t.Errorf("a cloze's {#id} is for playdrill, not readers: %q", step.Body)
	}
	sell, _ := book.Process("selling")
	if sell.Preface != "Read this before your first week of calls." {
		t.Errorf("preface: %q", sell.Preface)
	}
	if sell.Reference || sell.Order == nil || !reflect.DeepEqual(sell.Order.Items, []string{"First call", "Proposal"}) {
		t.Errorf("ordered process: reference %v, order %+v", sell.Reference, sell.Order)
	}
	faq, _ := book.Process("faq")
	if !faq.Reference || faq.Order != nil || faq.Preface != "" || !faq.Steps[0].Reference {
		t.Errorf("reference process: %+v", faq)
	}
	faqStep := faq.Steps[0]
	if len(faqStep.Cards) != 1 || faqStep.Cards[0].Kind != playbook.KindRecall || strings.Contains(faq.Steps[0].Body, ".reference") {
		t.Errorf("topic: cards %v, body %q", faqStep.Cards, faqStep.Body)
	}
}

// The new kinds' ids and hashes are pinned as the old ones are
// (TestHashesArePinned): reps' progress is keyed on them.
func TestNewKindHashesArePinned(t *testing.T) {
	book := loadNewKinds(t)
	want := map[string]string{
		"first-call/cloze-sales-ready-leads":             "95276bce6e57fa41",
		"first-call/obj-we-already-track-leads-in-a":     "ac968b444907676f",
		"first-call/tbl-asked-for-a-trial-for-ten-seats": "d9436221e6b31bef",
		"selling/order": "d74ebac414a7c92f",
	}
	for _, c := range book.Cards() {
		if h, ok := want[c.ID]; ok {
			if c.Hash != h {
				t.Errorf("%s: hash %s, want %s", c.ID, c.Hash, h)
			}
			delete(want, c.ID)
		}
	}
	if len(want) > 0 {
		t.Errorf("cards missing: %v", want)
	}
}

func TestReferenceTopicsAndOrderCards(t *testing.T) {
	cases := []struct {
		name  string
		src   string
		order []string // nil: no ordering card
		refs  []bool
	}{
		{"one step", "# P\n\n## A\n\nResult: r\n\nDone when: d\n", nil, []bool{false}},
		{"a reference topic inside a process", "# P\n\n## A\n\nResult: r\n\nDone when: d\n\n## Glossary {#glossary .reference}\n\nWords.\n\n## B\n\nResult: r\n\nDone when: d\n",
			[]string{"A", "B"}, []bool{false, true, false}},
		{"one step in order beside a topic", "# P\n\n## A\n\nResult: r\n\nDone when: d\n\n## Glossary {.reference}\n\nWords.\n", nil, []bool{false, true}},
		{"a whole file marked reference", "---\nreference: true\n---\n# MEDDPICC\n\n## Metrics\n\nWhat they measure.\n\n## Champion\n\nWho sells for us inside.\n", nil, []bool{true, true}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			book, diags := load(t, map[string]string{"x.md": c.src}, "x.md")
			if len(diags) > 0 {
				t.Fatalf("diagnostics: %v", diagStrings(diags))
			}
			p := book.Processes[0]
			var got []string
			if p.Order != nil {
				got = p.Order.Items
				last := p.Steps[len(p.Steps)-1]
				if last.Reference {
					last = p.Steps[len(p.Steps)-2]
				}
				if last.Cards[len(last.Cards)-1] != p.Order {
					t.Errorf("the ordering card is not the last card of the last step in order")
				}
			}
			if !reflect.DeepEqual(got, c.order) {
				t.Errorf("order items %q, want %q", got, c.order)
			}
			var refs []bool
			for _, s := range p.Steps {
				refs = append(refs, s.Reference)
			}
			if !reflect.DeepEqual(refs, c.refs) {
				t.Errorf("reference steps %v, want %v", refs, c.refs)
			}
			for _, s := range p.Steps {
				if strings.Contains(s.Body, "{") || strings.Contains(s.Body, ".reference") {
					t.Errorf("step %s body keeps its attributes: %q", s.ID, s.Body)
				}
			}
		})
	}
}

func TestLinkHeadingIsNamedByItsText(t *testing.T) {
	src := "# [Sales](https://example.com/handbook/sales)\n\n## [Discovery call](https://example.com/x?a=1) and notes\n\nResult: r\n\nDone when: d\n\n### Differentiators\n\n#### How are you different from [Acme](https://acme.example)?\n\nFaster.\n"
	book, _ := load(t, map[string]string{"x.md": src}, "x.md")
	p := book.Processes[0]
	s := p.Steps[0]
	if p.ID != "sales" || p.Title != "Sales" || s.ID != "discovery-call-and-notes" || s.Title != "Discovery call and notes" {
		t.Errorf("process %q %q, step %q %q", p.ID, p.Title, s.ID, s.Title)
	}
	if c := s.Cards[1]; c.ID != "discovery-call-and-notes/diff-how-are-you-different-from-acme" {
		t.Errorf("differentiator id %q", c.ID)
	}
	for _, tc := range []struct{ in, want string }{
		{"[a](b) [c][d] ![e](f)", "a c e"},
		{"not [a link] (really)", "not [a link] (really)"},
		{"[nested [brackets]](u)", "nested [brackets]"},
		{"[unclosed](u", "[unclosed](u"},
	} {
		if got := unlink(tc.in); got != tc.want {
			t.Errorf("unlink(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestRivalNamedByAQuestion(t *testing.T) {
	for q, want := range map[string]string{
		"How are you different from Company X?":     "Company X",
		"Why pick us over Salesforce?":              "Salesforce",
		"How do we compare to HubSpot's free CRM?":  "HubSpot",
		"Why not just use Acme Corp. instead of us": "",
		"How are you different from other tools?":   "",
		"Acme vs. Initech: which onboards faster?":  "Initech",
		"What is different from last year?":         "",
	} {
		if got := rivalIn(q); got != want {
			t.Errorf("rivalIn(%q) = %q, want %q", q, got, want)
		}
	}
}
