package markdown

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/safe"
)

func load(t *testing.T, files map[string]string, root string) (*playbook.Playbook, []Diagnostic) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, body := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(body)}
	}
	book, diags, err := Load(fsys, root)
	if err != nil {
		t.Fatal(err)
	}
	return book, diags
}

func TestContractExample(t *testing.T) {
	book, diags, err := Load(os.DirFS("testdata"), "contract.md")
	if err != nil {
		t.Fatal(err)
	}
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	if book.Title != "Northwind Sales Playbook" || book.Version != "2026.11" || !reflect.DeepEqual(book.Competitors, []string{"Company X", "Company Y"}) {
		t.Errorf("front matter: %q %q %q", book.Title, book.Version, book.Competitors)
	}
	if len(book.Processes) != 1 {
		t.Fatalf("processes: %d", len(book.Processes))
	}
	p := book.Processes[0]
	if p.ID != "marketing" || p.Title != "Marketing process" || p.Intro != "Marketing turns lists into leads." || p.Pos != (playbook.Pos{File: "contract.md", Line: 7, Col: 1}) {
		t.Errorf("process: %+v", p)
	}
	s := p.Steps[0]
	if s.ID != "qualify" || s.Process != "marketing" || s.Title != "Work inquiries into sales-ready leads" {
		t.Errorf("step: %q %q %q", s.ID, s.Process, s.Title)
	}
	if s.Result != "The inquiry meets the rules of engagement for a sales-ready lead." {
		t.Errorf("result: %q", s.Result)
	}
	if got := keyPointStrings(s.MustMention); !reflect.DeepEqual(got, []string{"rules of engagement", "sales-ready"}) {
		t.Errorf("step must mention: %q", got)
	}
	if !reflect.DeepEqual(s.DoneWhen, []string{"the lead's category is recorded", "sales has accepted the lead"}) {
		t.Errorf("done when: %q", s.DoneWhen)
	}
	if !strings.HasPrefix(s.Body, "## Work inquiries into sales-ready leads\n") || !strings.Contains(s.Body, "Any prose: shown when learning") || !strings.HasSuffix(s.Body, "Never say: cheaper") {
		t.Errorf("body: %q", s.Body)
	}
	want := []struct {
		id   string
		kind playbook.Kind
		line int
	}{
		{"qualify/result", playbook.KindResult, 13},
		{"qualify/is-a-list-bought-from-a", playbook.KindRecall, 24},
		{"qualify/which-of-these-is-sales-ready", playbook.KindChoice, 29},
		{"qualify/roe-5-000-names-bought-from-a-broker", playbook.KindClassify, 37},
		{"qualify/roe-downloaded-a-white-paper-no-project", playbook.KindClassify, 38},
		{"qualify/diff-how-are-you-different-from-company-x", playbook.KindDifferentiator, 42},
	}
	if len(s.Cards) != len(want) {
		t.Fatalf("cards: %d, want %d", len(s.Cards), len(want))
	}
	for i, w := range want {
		c := s.Cards[i]
		if c.ID != w.id || c.Kind != w.kind || c.Pos.Line != w.line || c.Step != "qualify" || c.Process != "marketing" || len(c.Hash) != 16 {
			t.Errorf("card %d: %s %s line %d step %s hash %q; want %s %s line %d", i, c.ID, c.Kind, c.Pos.Line, c.Step, c.Hash, w.id, w.kind, w.line)
		}
	}
	recall := s.Cards[1]
	if recall.Prompt != "Is a list bought from a broker a set of leads?" || recall.Answer != "No. It is a list; marketing works it to produce inquiries." ||
		!reflect.DeepEqual(keyPointStrings(recall.MustMention), []string{"list | not leads", "inquiries"}) || !reflect.DeepEqual(recall.NeverSay, []string{"hot leads"}) {
		t.Errorf("recall: %+v", recall)
	}
	choice := s.Cards[2]
	if !reflect.DeepEqual(choice.Options, []string{"Downloaded a white paper", "Asked for a proposal with budget approved this quarter"}) || !reflect.DeepEqual(choice.Correct, []int{1}) {
		t.Errorf("choice: %q %v", choice.Options, choice.Correct)
	}
	cl := s.Cards[4]
	if cl.Prompt != "Downloaded a white paper, no project" || !reflect.DeepEqual(cl.Options, []string{"list", "inquiry"}) || !reflect.DeepEqual(cl.Correct, []int{1}) || cl.Why != "interest, no buying intent" {
		t.Errorf("classify: %+v", cl)
	}
	diff := s.Cards[5]
	if diff.Prompt != "How are you different from Company X?" || diff.Answer != "Model answer in prose." || diff.Competitor != "Company X" ||
		!reflect.DeepEqual(keyPointStrings(diff.MustMention), []string{"onboarding in days | fast onboarding", "named support engineer"}) || !reflect.DeepEqual(diff.NeverSay, []string{"cheaper"}) {
		t.Errorf("differentiator: %+v", diff)
	}
	if p.Order != nil {
		t.Errorf("a process of one step has an ordering card: %+v", p.Order)
	}
}

func keyPointStrings(kps []playbook.KeyPoint) []string {
	var out []string
	for _, k := range kps {
		out = append(out, k.String())
	}
	return out
}

const twoSteps = `# Sales {#sales}

Intro text.

## First meeting

Result: We know why they responded.

Done when:
- the reason is noted

### Drill

Q: What do you find out first? {#first-thing}
A: Why the prospect responded.

More of the answer, in a second paragraph.

Must mention: why they responded | the reason
Never say: our features

- and a list that is part of the answer

Q: Second question here
A: yes

## Proposal

Result: A proposal the buyer can sign.

Done when:
- sent

Setext steps and prose
----------------------

Result: Signed.

Done when:
- signed
`

func TestCardsAndOrder(t *testing.T) {
	book, diags := load(t, map[string]string{"x.md": twoSteps}, "x.md")
	for _, d := range diags {
		t.Errorf("diagnostic: %v", d)
	}
	first, _ := book.Step("first-meeting")
	c, ok := book.Card("first-meeting/first-thing")
	if !ok {
		t.Fatalf("no card with the explicit id; cards: %v", ids(book))
	}
	if c.Prompt != "What do you find out first?" {
		t.Errorf("prompt %q", c.Prompt)
	}
	if c.Answer != "Why the prospect responded.\n\nMore of the answer, in a second paragraph.\n\n- and a list that is part of the answer" {
		t.Errorf("answer %q", c.Answer)
	}
	if !reflect.DeepEqual(keyPointStrings(c.MustMention), []string{"why they responded | the reason"}) || !reflect.DeepEqual(c.NeverSay, []string{"our features"}) {
		t.Errorf("key points %q never %q", keyPointStrings(c.MustMention), c.NeverSay)
	}
	if first.Cards[0].Kind != playbook.KindResult {
		t.Errorf("first card is %s", first.Cards[0].Kind)
	}
	proc, _ := book.Process("sales")
	if proc.Intro != "Intro text." {
		t.Errorf("intro %q", proc.Intro)
	}
	// The setext heading inside the step is a level 2 heading: a step.
	if len(proc.Steps) != 3 {
		t.Fatalf("steps: %v", ids(book))
	}
	last := proc.Steps[len(proc.Steps)-1]
	order := last.Cards[len(last.Cards)-1]
	if order.Kind != playbook.KindOrder || order.ID != "sales/order" || proc.Order != order ||
		!reflect.DeepEqual(order.Items, []string{"First meeting", "Proposal", "Setext steps and prose"}) {
		t.Errorf("order card %+v", order)
	}
}

func ids(book *playbook.Playbook) []string {
	var out []string
	for _, c := range book.Cards() {
		out = append(out, c.ID)
	}
	return out
}

func TestHashChangesWithContentAndIDDoesNot(t *testing.T) {
	base, _ := load(t, map[string]string{"x.md": twoSteps}, "x.md")
	edits := []struct{ from, to string }{
		{"A: Why the prospect responded.", "A: Why the prospect really responded."},
		{"Must mention: why they responded | the reason", "Must mention: why they responded | their reason"},
		{"Never say: our features", "Never say: our features; price"},
		{"Result: We know why they responded.", "Result: We know why they wrote."},
	}
	for _, e := range edits {
		edited, _ := load(t, map[string]string{"x.md": strings.Replace(twoSteps, e.from, e.to, 1)}, "x.md")
		if !reflect.DeepEqual(ids(base), ids(edited)) {
			t.Errorf("%q: ids changed: %v -> %v", e.to, ids(base), ids(edited))
		}
		changed := 0
		for i, c := range base.Cards() {
			if edited.Cards()[i].Hash != c.Hash {
				changed++
			}
		}
		if changed != 1 {
			t.Errorf("%q changed %d hashes, want 1", e.to, changed)
		}
	}
}

func TestFolderOrder(t *testing.T) {
	step := "\n## S%s\nResult: r\n\nDone when:\n- d\n"
	book, diags := load(t, map[string]string{
		"pb/a.md":       "---\norder: 2\n---\n# Sales" + strings.ReplaceAll(step, "%s", "1"),
		"pb/b.md":       "---\norder: 1\nplaybook: Book\ncompetitors: [Acme]\n---\n# Marketing" + strings.ReplaceAll(step, "%s", "2"),
		"pb/c.md":       "---\norder: 1\n---\n# After marketing" + strings.ReplaceAll(step, "%s", "3"),
		"pb/notes.txt":  "ignored",
		"pb/.hidden.md": "# ignored",
	}, "pb")
	for _, d := range diags {
		t.Errorf("diagnostic: %v", d)
	}
	var titles []string
	for _, p := range book.Processes {
		titles = append(titles, p.Title)
	}
	if !reflect.DeepEqual(titles, []string{"Marketing", "After marketing", "Sales"}) || !reflect.DeepEqual(book.Files, []string{"b.md", "c.md", "a.md"}) {
		t.Errorf("order %q files %q", titles, book.Files)
	}
	if book.Title != "Book" || !reflect.DeepEqual(book.Competitors, []string{"Acme"}) {
		t.Errorf("front matter from the second file: %q %q", book.Title, book.Competitors)
	}
}

func TestTextIsSanitised(t *testing.T) {
	src := "# P\x1b[2J\n\n## S\n\nResult: r&#x1b;]0;t&#7; \x07done\n\nDone when:\n- d\x1b]52;c;eA==\x07\n\n### Drill\n\nQ: q\u202e?\nA: &#x1b;]52;c;eA==&#7;answer\n"
	book, diags := load(t, map[string]string{"x.md": src}, "x.md")
	for _, d := range diags {
		if d.Severity == SevError {
			t.Errorf("error: %v", d)
		}
	}
	s := book.Steps()[0]
	c := s.Cards[1]
	for _, v := range []string{book.Processes[0].Title, s.Result, s.DoneWhen[0], c.Prompt, c.Answer, s.Body, s.Cards[0].Answer} {
		if strings.ContainsAny(v, "\x1b\x07\u202e") || strings.Contains(v, "&#x1b;") || strings.Contains(v, "&#7;") {
			t.Errorf("unsafe text survived: %q", v)
		}
	}
	if c.Answer != "answer" || s.DoneWhen[0] != "d" {
		t.Errorf("answer %q done %q", c.Answer, s.DoneWhen[0])
	}
}

func TestRealWorldPageSaysWhatToAdd(t *testing.T) {
	book, diags, err := Load(os.DirFS("testdata"), "realworld.md")
	if err != nil {
		t.Fatal(err)
	}
	if book == nil || !HasErrors(diags) {
		t.Fatalf("want errors, got %v", diags)
	}
	got := strings.Join(diagStrings(diags), "\n")
	for _, w := range []string{
		"realworld.md:3:1: error: step \"why-discovery-matters\" has no `Result:` line: add `Result: ...` under the heading",
		"realworld.md:3:1: error: " + "step \"why-discovery-matters\" is outside a process: add a `# Process` heading above it",
		"realworld.md:1:1: error: " + msgNoProcess,
	} {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q in\n%s", w, got)
		}
	}
}

// scanClean names the first forbidden thing left in s, or "".
func scanClean(s string) string {
	if f := safe.Scan(s); len(f) > 0 {
		return f[0].What
	}
	return ""
}

func TestBodiesLeaveOutHeadingIDs(t *testing.T) {
	src := "# Sales {#sales}\n\nIntro.\n\n## First meeting {#first}\n\nResult: Learn why they came.\n\n### Notes {#notes}\n\nKeep `{#this}` in code.\n\n## Discovery\n\nResult: Agree on the problem.\n"
	book, diags, err := Load(fstest.MapFS{"p.md": {Data: []byte(src)}}, "p.md")
	if err != nil {
		t.Fatal(err)
	}
	if HasErrors(diags) {
		t.Fatalf("diagnostics: %v", diags)
	}
	first := book.Processes[0].Steps[0]
	if first.ID != "first" {
		t.Fatalf("step id %q, want first", first.ID)
	}
	want := "## First meeting\n\nResult: Learn why they came.\n\n### Notes\n\nKeep `{#this}` in code."
	if first.Body != want {
		t.Errorf("body:\n%q\nwant\n%q", first.Body, want)
	}
	if second := book.Processes[0].Steps[1]; !strings.HasPrefix(second.Body, "## Discovery\n") {
		t.Errorf("body of a heading without id: %q", second.Body)
	}
}

// A question's `{#id}` is for playdrill too: `show` and the learn screen
// read the step's body without it, and the card keeps it as its id.
func TestBodiesLeaveOutQuestionIDs(t *testing.T) {
	src := "# Sales\n\n## First {#first}\n\nResult: r\n\n### Drill\n\nQ: Which fits best? {#fit}\n- [ ] a\n- [x] b\n\nQ: Why do we ask\nwhy they came?   {#why}\nA: To learn.\n"
	book, diags, err := Load(fstest.MapFS{"p.md": {Data: []byte(src)}}, "p.md")
	if err != nil {
		t.Fatal(err)
	}
	if HasErrors(diags) {
		t.Fatalf("diagnostics: %v", diags)
	}
	s := book.Processes[0].Steps[0]
	want := "## First\n\nResult: r\n\n### Drill\n\nQ: Which fits best?\n- [ ] a\n- [x] b\n\nQ: Why do we ask\nwhy they came?\nA: To learn."
	if s.Body != want {
		t.Errorf("body:\n%q\nwant\n%q", s.Body, want)
	}
	if s.Cards[1].ID != "first/fit" || s.Cards[2].ID != "first/why" {
		t.Errorf("card ids %q %q", s.Cards[1].ID, s.Cards[2].ID)
	}
}

func TestProseLeavesOutWhatReadersSeeApart(t *testing.T) {
	src := "# Sales\n\n## First meeting {#first}\n\nResult: Learn why they came\nand what they want.\nMust mention: why they came; results\nNever say: our features\n\nDone when:\n- the reason is written down\n- the results are\n  written down\n\nStart from the brief.\n\n### Drill\n\nQ: What first?\nA: Why they came.\nMust mention: why\n"
	book, diags, err := Load(fstest.MapFS{"p.md": {Data: []byte(src)}}, "p.md")
	if err != nil || HasErrors(diags) {
		t.Fatalf("load: %v %v", err, diags)
	}
	s := book.Processes[0].Steps[0]
	want := "Start from the brief.\n\n### Drill\n\nQ: What first?\nA: Why they came.\nMust mention: why"
	if s.Prose != want {
		t.Errorf("prose:\n%q\nwant\n%q", s.Prose, want)
	}
	if s.Result != "Learn why they came and what they want." || len(s.DoneWhen) != 2 || len(s.MustMention) != 2 {
		t.Errorf("the cut parts must still be parsed: result %q, done when %q, points %v", s.Result, s.DoneWhen, s.MustMention)
	}
}

// go-yaml panics on some malformed tags; the front matter is reported with
// its line instead.
func TestFrontMatterThatCrashesYAMLIsReported(t *testing.T) {
	src := "---\ncompetitors: !00000\n---\n# P\n\n## S\n\nResult: r\n"
	_, diags, err := Load(fstest.MapFS{"p.md": {Data: []byte(src)}}, "p.md")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, d := range diags {
		if d.Severity == SevError && strings.HasPrefix(d.Message, "front matter: ") && d.Pos.Line == 2 {
			found = true
		}
	}
	if !found {
		t.Fatalf("no front matter error at line 2: %v", diags)
	}
}
