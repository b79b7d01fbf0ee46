package draft

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/playdrill/playdrill/internal/markdown"
	"github.com/playdrill/playdrill/internal/playbook"
)

// load parses a draft as playdrill reads playbooks and fails on any error.
func load(t testing.TB, md []byte) *playbook.Playbook {
	t.Helper()
	book, diags, err := markdown.Load(fstest.MapFS{"draft.md": {Data: md}}, "draft.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diags {
		if d.Severity == markdown.SevError {
			t.Fatalf("draft has an error: %s\n%s", d, md)
		}
	}
	return book
}

func kinds(book *playbook.Playbook) map[playbook.Kind]int {
	m := map[playbook.Kind]int{}
	for _, c := range book.Cards() {
		m[c.Kind]++
	}
	return m
}

func TestStagesBecomeStepsInOrder(t *testing.T) {
	src, err := os.ReadFile("testdata/stages.md")
	if err != nil {
		t.Fatal(err)
	}
	md, sum, err := Page("stages.md", src)
	if err != nil {
		t.Fatal(err)
	}
	book := load(t, md)
	// Its only warnings are the TODOs left for the author.
	_, diags, _ := markdown.Load(fstest.MapFS{"draft.md": {Data: md}}, "draft.md")
	todos := 0
	for _, d := range diags {
		if !strings.HasPrefix(d.Message, "TODO left to fill in") {
			t.Errorf("a warning that is not a TODO: %s", d)
		}
		todos++
	}
	if todos != sum.TODOs {
		t.Errorf("%d TODO warnings, the summary says %d", todos, sum.TODOs)
	}
	left := 0
	for _, n := range sum.Left {
		left += n
	}
	if left != sum.TODOs || sum.Left[LeftResult] != 5 || sum.Left[LeftProposedResult] != 1 || sum.Left[LeftAnswer] != 2 {
		t.Errorf("what is left %v does not add up to the %d TODOs", sum.Left, sum.TODOs)
	}
	if book.Title != "Field sales" {
		t.Errorf("title %q, want the front matter's", book.Title)
	}
	// Saved with a byte order mark and Windows line ends, the page drafts
	// the same.
	windows := append([]byte("\ufeff"), bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n"))...)
	if again, _, err := Page("stages.md", windows); err != nil || !bytes.Equal(again, md) {
		t.Errorf("the page with a BOM and CRLF drafts otherwise (%v):\n%s", err, again)
	}
	var titles []string
	for _, s := range book.Steps() {
		titles = append(titles, s.Title)
	}
	want := []string{"First call", "Trial", "Close", "How are we different from Globex?", "Compared with the others", "Needs answer"}
	if !slices.Equal(titles, want) {
		t.Errorf("steps %q, want %q", titles, want)
	}
	if !slices.Equal(book.Competitors, []string{"Globex", "Initech", "Hooli"}) {
		t.Errorf("competitors %q, want [Globex Initech Hooli]", book.Competitors)
	}
	steps := book.Steps()
	if got := steps[0].DoneWhen; !slices.Equal(got, []string{"the pain, in their words", "who signs"}) {
		t.Errorf("first call done when %q: want the exit criteria", got)
	}
	if got := steps[2].Result; got != "TODO: check this result, taken from the page: A signed order form" {
		t.Errorf("close's result %q: want the goal the page gives, to check", got)
	}
	if got := steps[1].DoneWhen; !slices.Equal(got, []string{"trial set up", "success criteria agreed"}) {
		t.Errorf("trial done when %q: want the checklist", got)
	}
	k := kinds(book)
	for kind, n := range map[playbook.Kind]int{
		playbook.KindResult: 6, playbook.KindClassify: 3, playbook.KindDifferentiator: 3,
	} {
		if k[kind] != n {
			t.Errorf("%d %s cards, want %d (all: %v)", k[kind], kind, n, k)
		}
	}
	// A talk track, two unanswered questions and the loss reasons; two
	// objections; a key phrase in bold.
	for kind, n := range map[playbook.Kind]int{playbook.KindRecall: 4, playbook.KindObjection: 2, playbook.KindCloze: 1} {
		if k[kind] != n {
			t.Errorf("%d %s cards, want %d (all: %v)\n%s", k[kind], kind, n, k, md)
		}
	}
	// The loss reasons: name any 2 of the short ones.
	var reasons *playbook.Card
	for _, c := range book.Cards() {
		if c.Prompt == "Close: When a deal is lost, record why; it could be (name any 2)" {
			reasons = c
		}
	}
	if reasons == nil || len(reasons.MustMention) != 1 || reasons.MustMention[0].Need != 2 || len(reasons.MustMention[0].Items) != 4 {
		t.Errorf("loss reasons card: %+v", reasons)
	}
	diffs := map[string]*playbook.Card{}
	for _, c := range book.Cards() {
		if c.Kind == playbook.KindDifferentiator {
			diffs[c.Competitor] = c
		}
	}
	if diff := diffs["Globex"]; diff == nil || !strings.Contains(diff.Answer, "we sell outcomes") {
		t.Errorf("differentiator %+v: want Globex's, answered from the page", diff)
	}
	// From the comparison table: each competitor where it differs.
	if d := diffs["Initech"]; d == nil || !strings.Contains(d.Answer, "Onboarding: we two weeks; Initech three months") || !strings.Contains(d.Answer, "Support") {
		t.Errorf("Initech's differentiator: %+v", d)
	}
	if d := diffs["Hooli"]; d == nil || strings.Contains(d.Answer, "Onboarding") {
		t.Errorf("Hooli's differentiator has only what differs: %+v", d)
	}
	if sum.Steps != 6 || sum.TODOs == 0 || sum.Cards["result"] != 6 {
		t.Errorf("summary %+v", sum)
	}
	// The page's labels stay prose: no second result, no card from them.
	for _, c := range book.Cards() {
		if strings.Contains(c.Prompt, "neither is this a card") {
			t.Errorf("a Q: line of the page's prose made card %s", c.ID)
		}
	}
	if !strings.Contains(steps[1].Prose, "this line is prose on the page") {
		t.Errorf("the page's own text is lost from the trial step:\n%s", steps[1].Prose)
	}
}

func TestAnswersAndKeyPoints(t *testing.T) {
	src := []byte("# FAQ\n\n## Is it fast?\n\nSome context for the rep.\n\n> Yes: it indexes repositories in minutes, not hours, and answers queries instantly.\n\n## Does it scale?\n\n> It scales to thousands of repositories across many code hosts.\n\n## What is it?\n\nSee [the overview](https://example.com/overview).\n")
	md, _, err := Page("faq.md", src)
	if err != nil {
		t.Fatal(err)
	}
	book := load(t, md)
	cards := map[string]*playbook.Card{}
	for _, c := range book.Cards() {
		cards[c.Prompt] = c
	}
	if !book.Processes[0].Reference {
		t.Errorf("a page of questions should be a reference, not an ordered process")
	}
	fast := cards["Is it fast?"]
	if fast == nil || !strings.HasPrefix(fast.Answer, "Yes: it indexes repositories in minutes") {
		t.Fatalf("want the blockquote as the answer, got %+v\n%s", fast, md)
	}
	if len(fast.MustMention) == 0 {
		t.Fatalf("no key points proposed:\n%s", md)
	}
	for _, kp := range fast.MustMention {
		for _, alt := range kp.Alternates {
			if !strings.Contains(strings.ToLower(fast.Answer), strings.ToLower(alt)) {
				t.Errorf("point %q is not in the answer %q", alt, fast.Answer)
			}
			if strings.EqualFold(alt, "hours") {
				t.Errorf("point %q follows a negation", alt)
			}
		}
	}
	if what := cards["What is it?"]; what == nil || !strings.HasPrefix(what.Answer, "TODO") {
		t.Errorf("a page that only points elsewhere should leave a TODO answer: %+v", what)
	}
	if !strings.Contains(string(md), "TODO: check the key points") {
		t.Errorf("proposed key points are not marked as proposals:\n%s", md)
	}
}

func TestPagesThatAreNotText(t *testing.T) {
	_, _, err := Page("logo.png", []byte("\x89PNG\r\n\x1a\n\x00\x00"))
	if err == nil || !strings.Contains(err.Error(), "logo.png") || !strings.Contains(err.Error(), "not a text file") {
		t.Errorf("binary page: %v", err)
	}
	_, _, err = Page("latin1.md", []byte("# Title\n\nCaf\xe9\n"))
	if err == nil || !strings.Contains(err.Error(), "latin1.md:3:") || !strings.Contains(err.Error(), "UTF-8") {
		t.Errorf("latin-1 page: %v", err)
	}
}

func TestHardPagesStillDraftCleanly(t *testing.T) {
	for name, src := range map[string]string{
		"empty":          "",
		"prose only":     "Just a paragraph.\n",
		"unclosed fence": "# A\n\n## B\n\n```go\nfunc main() {\n",
		"unclosed html":  "# A\n\n## B\n\n<!-- a comment that never ends\n",
		"deep quotes":    "# A\n\n## B\n\n" + strings.Repeat(">", 40) + " deep\n",
		"deep break":     "# A\n\n## B\n\n" + strings.Repeat("- ", 40) + "\n",
		"labels":         "# A\n\n## B\n\nResult: not mine\nMust mention: x\nDone when:\n\nA: orphan\n\n### Drill\n\nQ: ?\n",
		"id-like titles": "# A {#x}\n\n## B {.y}\n\n## B {.y}\n\n## ###\n\n## C #\n",
		"same titles":    "## Step\n\nx\n\n## Step\n\ny\n\n### Drill\n\n#### Differentiators\n",
		"one heading":    "# Only\n\nText.\n",
		"setext":         "Title\n=====\n\nPart\n----\n\nText\n\nPart\n----\n",
		"tables":         "## T\n\n| a | b |\n|---|---|\n| x | 1 |\n| x | 2 |\n| y | 1 |\n\n| a |\n|---|\n| z |\n",
		"link ref":       "## T\n\n[foo]: /url\n===\n",
		"deep emphasis":  strings.Repeat("*", 17) + "0\n",
		"long list":      "# A\n\n## B\n\n" + strings.Repeat("- item\n", 1001),
		"many questions": "# A\n\n## Needs answer\n\n" + strings.Repeat("- Why is the sky blue?\n", 1) + func() string {
			var b strings.Builder
			for i := range 300 {
				fmt.Fprintf(&b, "- Question number %d?\n", i)
			}
			return b.String()
		}(),
	} {
		t.Run(name, func(t *testing.T) {
			md, _, err := Page(name+".md", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			if book := load(t, md); len(book.Steps()) == 0 {
				t.Errorf("no step:\n%s", md)
			}
		})
	}
}

func TestPagesMakeOnePlaybookFolder(t *testing.T) {
	page := []byte("# Sales\n\n## Overview\n\nText.\n\n## How is it different from Initech?\n\nInitech is slow; we are fast.\n")
	other := []byte("# Sales\n\n## Overview\n\nMore.\n\n## Compared to Hooli?\n\nHooli is big.\n")
	outs, sums, err := Pages([]Input{{"a.md", page}, {"b.md", other}})
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{"book/a.md": {Data: outs[0]}, "book/b.md": {Data: outs[1]}}
	book, diags, err := markdown.Load(fsys, "book")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diags {
		if d.Severity == markdown.SevError {
			t.Errorf("%s\n--- a.md\n%s\n--- b.md\n%s", d, outs[0], outs[1])
		}
	}
	if !slices.Equal(book.Competitors, []string{"Initech", "Hooli"}) || book.Title != "Sales" {
		t.Errorf("title %q, competitors %q: want the first page's title and every page's competitors", book.Title, book.Competitors)
	}
	if len(book.Processes) != 2 || book.Processes[0].Steps[0].ID == book.Processes[1].Steps[0].ID {
		t.Errorf("the pages' processes and steps must keep their order with ids of their own")
	}
	if sums[0].Steps != 2 || sums[1].Steps != 2 {
		t.Errorf("summaries %+v", sums)
	}
}

func TestBoldTitlesOverListsAreCards(t *testing.T) {
	src := []byte("# Calls\n\n## Discovery call\n\nA call has two parts:\n\n**Minutes 0-5: Rapport**\n- Establish credibility in the first minute\n- Set an agenda the prospect agrees to\n\n**Minutes 5-25: Discovery**\n- Find the business problem behind the request\n\n## Demo\n\nShow what matters to them.\n")
	md, _, err := Page("calls.md", src)
	if err != nil {
		t.Fatal(err)
	}
	book := load(t, md)
	var got []string
	for _, c := range book.Cards() {
		if c.Kind == playbook.KindRecall {
			got = append(got, c.Prompt)
			if !strings.HasPrefix(c.Answer, "- ") {
				t.Errorf("the answer is the list: %q", c.Answer)
			}
		}
	}
	want := []string{"Discovery call: Minutes 0-5: Rapport. What does it cover?", "Discovery call: Minutes 5-25: Discovery. What does it cover?"}
	if !slices.Equal(got, want) {
		t.Errorf("cards %q, want %q\n%s", got, want, md)
	}
}

func TestDeniesAnythingAsTheGraderSplitsWords(t *testing.T) {
	for text, want := range map[string]bool{
		"It isn't slow":     true,
		"a no-code tool":    true,
		"no''0":             true,
		"Nothing else":      true,
		"we don’t":          true,
		"a notable result":  false,
		"the cañon is deep": false,
		"knots and nodes":   false,
		"NOT":               true,
		"shouldnt":          true,
		"shouldntx":         false,
	} {
		if got := deniesAnything(text); got != want {
			t.Errorf("deniesAnything(%q) = %v, want %v", text, got, want)
		}
	}
}
