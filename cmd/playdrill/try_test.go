package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// selfCheckPlaybook has a result card whose model answer passes itself, a
// recall card whose model answer misses two of its three points, one that
// says its own never-say phrase, and one that passes but misses a point.
const selfCheckPlaybook = `# Sales

## Meet {#meet}

Result: We learn why they came and what they want.
Must mention: why they came; what they want

Done when:
- noted

### Drill

Q: What does discovery find?
A: The problem and what it costs.
Must mention: the problem; who decides; the deadline

Q: What do you say about price?
A: We are cheaper than the others.
Must mention: cheaper
Never say: cheaper

Q: What comes first?
A: Why they came, what they want, and the budget.
Must mention: why they came; what they want; the budget; the timing; the team

## Close {#close}

Result: Signed.

Done when:
- signed
`

func TestLintModelAnswerSelfCheck(t *testing.T) {
	dir := writePlaybook(t, map[string]string{"pb.md": selfCheckPlaybook})
	out, _, code := run(t, "", []string{"lint", filepath.Join(dir, "pb.md")})
	if code != 1 {
		t.Fatalf("exit %d, want 1; output %q", code, out)
	}
	p := filepath.Join(dir, "pb.md")
	want := []string{
		p + `:13:1: error: the model answer scores 33% against its own key points (pass mark 80%): it misses "who decides", "the deadline"; reword the points or the answer so a rep typing the answer passes`,
		p + `:17:1: error: the model answer says never-say "cheaper": a rep typing it would be flagged; reword the answer or the phrase`,
		p + `:22:1: error: the model answer scores 60% against its own key points (pass mark 80%): it misses "the timing", "the team"; reword the points or the answer so a rep typing the answer passes`,
	}
	if got := strings.TrimSpace(out); got != strings.Join(want, "\n") {
		t.Errorf("output:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}

func TestLintModelAnswerMissingAPointWarns(t *testing.T) {
	pb := strings.Replace(cleanPlaybook, "A: Their reason.", "A: Their reason, budget, timing and team.\nMust mention: reason; budget; timing; team; goals", 1)
	dir := writePlaybook(t, map[string]string{"pb.md": pb})
	out, stderr, code := run(t, "", []string{"lint", filepath.Join(dir, "pb.md")})
	if code != 0 {
		t.Fatalf("exit %d, want 0; output %q %q", code, out, stderr)
	}
	if !strings.Contains(out, `warning: the model answer passes but misses "goals": a rep typing it would not score 100%`) {
		t.Errorf("no warning for the missed point: %q", out)
	}
}

func TestTryGradesEachLineWithoutADatabase(t *testing.T) {
	dir := writePlaybook(t, map[string]string{"pb.md": selfCheckPlaybook})
	db := filepath.Join(t.TempDir(), "never.db")
	in := "we ask why they came and what they want\n\nthey want a demo, we are cheaper\n"
	out, stderr, code := run(t, in, []string{"--playbook", filepath.Join(dir, "pb.md"), "try", "meet"}, "PLAYDRILL_DB="+db)
	if code != 0 {
		t.Fatalf("exit %d; stderr %q", code, stderr)
	}
	want := "Card: meet/result [result]\n" +
		"What result must the step \"Meet\" reach?\n" +
		"Answer: we ask why they came and what they want\n" +
		"  100%, passes (suggests easy)\n" +
		"  hit:    why they came  <- why came\n" +
		"  hit:    what they want  <- what want\n" +
		"Answer: they want a demo, we are cheaper\n" +
		"  0%, fails (suggests again)\n" +
		"  missed: why they came\n" +
		"  missed: what they want\n"
	if out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("try touched the progress database: %v", err)
	}
}

func TestTryFlagsNeverSay(t *testing.T) {
	dir := writePlaybook(t, map[string]string{"pb.md": selfCheckPlaybook})
	out, _, code := run(t, "honestly we are cheaper\n", []string{"--playbook", filepath.Join(dir, "pb.md"), "try", "meet/what-do-you-say-about-price"})
	if code != 0 || !strings.Contains(out, "  75%, fails (suggests hard)\n") || !strings.Contains(out, "  never say: cheaper\n") {
		t.Errorf("exit %d, output %q", code, out)
	}
}

func TestTryRefusesUnknownAndUntypedCards(t *testing.T) {
	for _, c := range []struct{ id, want string }{
		{"nope", `no step or card "nope"`},
		{"sales/order", `card "sales/order" is a order card: try grades typed answers only`},
	} {
		_, stderr, code := run(t, "x\n", []string{"try", c.id})
		if c.id == "sales/order" {
			dir := writePlaybook(t, map[string]string{"pb.md": selfCheckPlaybook})
			_, stderr, code = run(t, "x\n", []string{"--playbook", filepath.Join(dir, "pb.md"), "try", c.id})
		}
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("try %s: exit %d, stderr %q, want 2 and %q", c.id, code, stderr, c.want)
		}
	}
}

// TestModelAnswerMessagesAreDocumented keeps the lint messages about
// model answers listed in docs/playbook-format.md.
func TestModelAnswerMessagesAreDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/playbook-format.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"error: " + msgModelFails, "error: " + msgModelNeverSay, "warning: " + msgModelMisses, "error: " + msgGlossaryClash} {
		if !strings.Contains(string(doc), m) {
			t.Errorf("docs/playbook-format.md lacks %q", m)
		}
	}
}

func TestLintGlossaryClash(t *testing.T) {
	pb := "---\nglossary:\n  EB: economic buyer\n  worth: price | value\n---\n" + strings.Replace(cleanPlaybook[strings.Index(cleanPlaybook, "# Sales"):],
		"A: Their reason.", "A: The price and the value.\nMust mention: price; value", 1)
	dir := writePlaybook(t, map[string]string{"pb.md": pb})
	out, _, code := run(t, "", []string{"lint", filepath.Join(dir, "pb.md")})
	want := filepath.Join(dir, "pb.md") + `:4:3: error: glossary entry "worth" makes "price" and "value" of card meet/what-first mean the same, so the grade cannot tell them apart: remove the entry or reword the card`
	if code != 1 || strings.TrimSpace(out) != want {
		t.Errorf("exit %d, output:\n%s\nwant:\n%s", code, out, want)
	}
}

func TestTryUsesTheGlossary(t *testing.T) {
	pb := "---\nglossary:\n  EB: economic buyer\n---\n" + strings.Replace(cleanPlaybook[strings.Index(cleanPlaybook, "# Sales"):],
		"A: Their reason.", "A: The economic buyer.\nMust mention: economic buyer", 1)
	dir := writePlaybook(t, map[string]string{"pb.md": pb})
	out, _, code := run(t, "we met the EB\n", []string{"--playbook", filepath.Join(dir, "pb.md"), "try", "meet/what-first"})
	if code != 0 || !strings.Contains(out, "  100%, passes") || !strings.Contains(out, "hit:    economic buyer  <- EB") {
		t.Errorf("exit %d, output %q", code, out)
	}
}

// Cloze and objection cards are graded like typed answers, so an author can
// try them; an id that is no card lists the step's cards to try.
func TestTryClozeAndObjectionCards(t *testing.T) {
	pb := strings.Replace(cleanPlaybook, "### Drill\n", "### Drill\n\n"+
		"Cloze: Sales takes only **sales-ready leads** from marketing.\n\n"+
		"### Objections\n\n"+
		"#### \"We already use a spreadsheet.\"\n\n"+
		"Agree it works today, then ask what a missed follow-up costs them.\n\n"+
		"Must mention: agree | it works; what a missed follow-up costs\n"+
		"Never say: spreadsheets are bad\n\n"+
		"### Drill\n", 1)
	dir := writePlaybook(t, map[string]string{"pb.md": pb})
	book := filepath.Join(dir, "pb.md")
	if out, _, code := run(t, "", []string{"lint", book}); code != 0 {
		t.Fatalf("the playbook does not lint: exit %d\n%s", code, out)
	}
	for _, c := range []struct{ id, answers, want string }{
		{"meet/cloze-sales-ready-leads", "sales-ready leads\nmarketing leads\n",
			"Card: meet/cloze-sales-ready-leads [cloze]\n" +
				"Sales takes only _____ from marketing.\n" +
				"Answer: sales-ready leads\n" +
				"  100%, passes (suggests easy)\n" +
				"  hit:    sales-ready leads  <- sales ready leads\n" +
				"Answer: marketing leads\n" +
				"  0%, fails (suggests again)\n" +
				"  missed: sales-ready leads\n"},
		{"meet/obj-we-already-use-a-spreadsheet", "I agree it works, but what does a missed follow-up cost you?\nspreadsheets are bad\n",
			"Card: meet/obj-we-already-use-a-spreadsheet [objection]\n" +
				"We already use a spreadsheet.\n" +
				"Answer: I agree it works, but what does a missed follow-up cost you?\n" +
				"  100%, passes (suggests easy)\n"},
	} {
		out, stderr, code := run(t, c.answers, []string{"--playbook", book, "try", c.id})
		if code != 0 || !strings.HasPrefix(out, c.want) {
			t.Errorf("try %s: exit %d, stderr %q, output:\n%s\nwant it to start:\n%s", c.id, code, stderr, out, c.want)
		}
	}
	out, _, _ := run(t, "spreadsheets are bad\n", []string{"--playbook", book, "try", "meet/obj-we-already-use-a-spreadsheet"})
	if !strings.Contains(out, "  never say: spreadsheets are bad\n") {
		t.Errorf("the objection's never-say is not flagged:\n%s", out)
	}
	_, stderr, code := run(t, "x\n", []string{"--playbook", book, "try", "meet/obj-spreadsheet"})
	want := `no step or card "meet/obj-spreadsheet": the typed cards of step meet are meet/result, meet/cloze-sales-ready-leads, meet/obj-we-already-use-a-spreadsheet, meet/what-first`
	if code != exitUsage || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, stderr %q, want %q", code, stderr, want)
	}
}
