package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/playdrill/playdrill/internal/markdown"
	"github.com/playdrill/playdrill/internal/playbook"
)

const samplePage = "# Field sales\n\n## 1. First call\n\n> Ask what made them reach out today.\n\n## 2. Close\n\nGet the order form signed.\n"

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestDraftOnePagePrintsTheDraft(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "sales.md")
	writeFile(t, page, samplePage)
	out, errOut, code := run(t, "", []string{"draft", page})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "## First call") || !strings.Contains(out, "Result: TODO") {
		t.Errorf("draft on stdout:\n%s", out)
	}
	if !strings.Contains(errOut, "2 steps") || !strings.Contains(errOut, "TODOs to fill in: 2 results, 2 done-when lists, 1 key point check") {
		t.Errorf("summary on stderr: %q", errOut)
	}
	// The draft lints with warnings only, one for each TODO.
	draft := filepath.Join(dir, "draft.md")
	writeFile(t, draft, out)
	lint, lintErr, code := run(t, "", []string{"lint", draft})
	if code != 0 || strings.Contains(lint, ": error:") {
		t.Fatalf("lint of the draft: exit %d\n%s%s", code, lint, lintErr)
	}
	todos := 0
	for i, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "TODO") {
			todos++
			if !strings.Contains(lint, fmt.Sprintf("draft.md:%d:", i+1)) {
				t.Errorf("line %d has a TODO that lint does not report: %q", i+1, l)
			}
		}
	}
	if got := strings.Count(lint, "TODO left to fill in"); got != todos {
		t.Errorf("lint reports %d TODOs, the draft has %d:\n%s", got, todos, lint)
	}
	// show prints the unwritten result as it is: a TODO.
	shown, _, code := run(t, "", []string{"show", "first-call", "--playbook", draft})
	if code != 0 || !strings.Contains(shown, "TODO: write the result") {
		t.Errorf("show: exit %d\n%s", code, shown)
	}
	// A draft is a playbook: drafting it again is refused.
	_, errOut, code = run(t, "", []string{"draft", draft})
	if code != exitFailure || !strings.Contains(errOut, "draft.md is already a playbook") {
		t.Errorf("drafting a playbook: exit %d, %q", code, errOut)
	}
}

func TestDraftWritesIntoAFolderAndNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.md"), filepath.Join(dir, "b.md")
	writeFile(t, a, samplePage)
	writeFile(t, b, "# FAQ\n\n## Is it fast?\n\n> Yes.\n")
	outDir := filepath.Join(dir, "playbook")

	// Several pages need -o.
	if _, errOut, code := run(t, "", []string{"draft", a, b}); code != exitUsage || !strings.Contains(errOut, "-o DIR") {
		t.Errorf("two pages without -o: exit %d, %q", code, errOut)
	}
	if _, errOut, code := run(t, "", []string{"draft", a, b, "-o", outDir}); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, n := range []string{"a.md", "b.md"} {
		if _, err := os.Stat(filepath.Join(outDir, n)); err != nil {
			t.Errorf("draft %s: %v", n, err)
		}
	}
	if _, errOut, code := run(t, "", []string{"lint", outDir}); code != 0 {
		t.Errorf("lint of the drafts: exit %d: %s", code, errOut)
	}

	// An existing draft is refused, and nothing is written.
	writeFile(t, filepath.Join(outDir, "a.md"), "mine\n")
	os.Remove(filepath.Join(outDir, "b.md"))
	_, errOut, code := run(t, "", []string{"draft", a, b, "-o", outDir})
	if code != exitFailure || !strings.Contains(errOut, "a.md already exists") || !strings.Contains(errOut, "--force") {
		t.Errorf("existing output: exit %d, %q", code, errOut)
	}
	if got, _ := os.ReadFile(filepath.Join(outDir, "a.md")); string(got) != "mine\n" {
		t.Errorf("an existing file was replaced without --force: %q", got)
	}
	if _, err := os.Stat(filepath.Join(outDir, "b.md")); err == nil {
		t.Errorf("b.md was written although a.md was refused")
	}
	// --force replaces it.
	if _, errOut, code := run(t, "", []string{"draft", a, b, "-o", outDir, "--force"}); code != 0 {
		t.Fatalf("--force: exit %d: %s", code, errOut)
	}
	if got, _ := os.ReadFile(filepath.Join(outDir, "a.md")); !bytes.Contains(got, []byte("First call")) {
		t.Errorf("--force did not write the draft: %q", got)
	}
	// A page is never replaced by its own draft.
	_, errOut, code = run(t, "", []string{"draft", a, "-o", dir, "--force"})
	if code != exitFailure || !strings.Contains(errOut, "replace the page itself") {
		t.Errorf("draft onto its page: exit %d, %q", code, errOut)
	}
	if got, _ := os.ReadFile(a); string(got) != samplePage {
		t.Errorf("the page was replaced: %q", got)
	}
}

func TestDraftRefusesWhatIsNotAPage(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "logo.png.md")
	os.WriteFile(bin, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00"), 0o644)
	empty := filepath.Join(dir, "images")
	os.Mkdir(empty, 0o755)
	writeFile(t, filepath.Join(empty, "notes.txt"), "not markdown")
	latin := filepath.Join(dir, "latin.md")
	os.WriteFile(latin, []byte("# Caf\xe9\n"), 0o644)
	file := filepath.Join(dir, "out-file")
	writeFile(t, file, "x")
	page := filepath.Join(dir, "page.md")
	writeFile(t, page, samplePage)
	// A page larger than any handbook page, made sparse so it costs nothing.
	huge := filepath.Join(dir, "huge.md")
	if f, err := os.Create(huge); err != nil || f.Truncate(maxPage+1) != nil || f.Close() != nil {
		t.Fatal("making a large file")
	}
	other := filepath.Join(dir, "other")
	os.Mkdir(other, 0o755)
	writeFile(t, filepath.Join(other, "page.md"), samplePage)
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"draft", bin}, exitFailure, "logo.png.md: not a text file"},
		{[]string{"draft", empty}, exitFailure, "images: a folder with no markdown pages"},
		{[]string{"draft", latin}, exitFailure, "latin.md:1: not UTF-8 text"},
		{[]string{"draft", filepath.Join(dir, "missing.md")}, exitFailure, "missing.md: no such file or folder"},
		{[]string{"draft", page, "-o", file}, exitUsage, "out-file: not a folder"},
		{[]string{"draft"}, exitUsage, "requires at least 1 arg"},
		{[]string{"draft", huge}, exitFailure, "huge.md: too large for a page (at most 32 MB)"},
		{[]string{"draft", os.DevNull}, exitFailure, os.DevNull + ": not a regular file"},
		{[]string{"draft", page, filepath.Join(other, "page.md"), "-o", filepath.Join(dir, "out")}, exitUsage, "would both be drafted to"},
	} {
		out, errOut, code := run(t, "", c.args)
		if code != c.code || !strings.Contains(errOut, c.want) || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit %d and %q", c.args, code, out, errOut, c.code, c.want)
		}
	}
}

// realPages are the public handbook pages playdrill is tried on, with the
// stages or sections each has (each must become at least one step) and
// the card kinds its draft must have.
var realPages = []struct {
	file  string
	steps int
	kinds []playbook.Kind
}{
	{"posthog-new-sales.md", 8, []playbook.Kind{playbook.KindResult, playbook.KindRecall, playbook.KindObjection, playbook.KindCloze, playbook.KindOrder}},
	// A customer FAQ: a reference of topics, no results to reach.
	{"sourcegraph-common-customer-questions.md", 13, []playbook.Kind{playbook.KindRecall, playbook.KindDifferentiator}},
	{"condensed-sales-playbook.md", 11, []playbook.Kind{playbook.KindResult, playbook.KindRecall, playbook.KindObjection, playbook.KindCloze, playbook.KindOrder}},
}

// TestDraftRealPages drafts each real handbook page (read where it is,
// never copied into the repository), lints the draft (warnings only) and
// drills every one of its cards in --plain.
func TestDraftRealPages(t *testing.T) {
	for _, rp := range realPages {
		t.Run(rp.file, func(t *testing.T) {
			page := filepath.Join("..", "..", "..", "shared", "realworld", rp.file)
			if _, err := os.Stat(page); err != nil {
				t.Fatalf("the real page: %v", err)
			}
			dir := t.TempDir()
			_, errOut, code := run(t, "", []string{"draft", page, "-o", dir})
			if code != 0 {
				t.Fatalf("draft: exit %d: %s", code, errOut)
			}
			draft := filepath.Join(dir, rp.file)
			lint, lintErr, code := run(t, "", []string{"lint", draft})
			if code != 0 || strings.Contains(lint, ": error:") {
				t.Fatalf("lint: exit %d\n%s%s", code, lint, lintErr)
			}
			for _, l := range strings.Split(strings.TrimSpace(lint), "\n") {
				if !strings.Contains(l, ": warning: TODO left to fill in: ") {
					t.Errorf("lint says more than what is left to fill in: %s", l)
				}
			}
			book, _, err := markdown.Load(os.DirFS(dir), rp.file)
			if err != nil {
				t.Fatal(err)
			}
			if n := len(book.Steps()); n < rp.steps {
				t.Errorf("%d steps, want at least %d", n, rp.steps)
			}
			if faq := strings.HasPrefix(rp.file, "sourcegraph"); book.Processes[0].Reference != faq {
				t.Errorf("reference %v: a customer FAQ is a reference, stages are not", book.Processes[0].Reference)
			}
			kinds := map[playbook.Kind]int{}
			for _, c := range book.Cards() {
				kinds[c.Kind]++
			}
			for _, k := range rp.kinds {
				if kinds[k] == 0 {
					t.Errorf("no %s card (have %v)", k, kinds)
				}
			}
			t.Logf("%s: %d steps, cards %v, %d TODO warnings; %s", rp.file, len(book.Steps()), kinds, strings.Count(lint, "TODO left"), strings.TrimSpace(errOut))

			// Every card, end to end.
			out, code := drillAll(t, draft)
			if code != 0 {
				t.Fatalf("drill: exit %d\n%s", code, out)
			}
			shown := regexp.MustCompile(`(?m)^Card \d+: (\S+) \[`).FindAllStringSubmatch(out, -1)
			if len(shown) != len(book.Cards()) {
				t.Errorf("drilled %d cards, the draft has %d", len(shown), len(book.Cards()))
			}
			// A card whose answer is still a TODO says so, and is not
			// graded against the words of the author's note.
			unwritten := 0
			for _, c := range book.Cards() {
				if c.Unwritten() {
					unwritten++
				}
			}
			if unwritten == 0 {
				t.Errorf("no card with a TODO answer: the drafted results should be")
			}
			if got := strings.Count(out, "(Not written yet: the playbook's answer to this card is a TODO"); got != unwritten {
				t.Errorf("%d cards shown as not written yet, want %d", got, unwritten)
			}
			if got := strings.Count(out, "Model answer: not written yet"); got != unwritten {
				t.Errorf("%d model answers shown as not written yet, want %d", got, unwritten)
			}
			if strings.Contains(out, "Missed: write") {
				t.Errorf("a TODO's words were graded as key points")
			}
			if !strings.Contains(out, fmt.Sprintf("Cards: %d answered", len(book.Cards()))) {
				t.Errorf("summary does not count every card answered:\n%s", out[max(0, len(out)-400):])
			}
		})
	}
}

// drillAll runs `drill --plain --free` on a playbook with an answer for
// whatever each prompt asks, and returns the output.
func drillAll(t *testing.T, book string) (string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	vars := map[string]string{"PLAYDRILL_DB": filepath.Join(t.TempDir(), "progress.db"), "PLAYDRILL_REP": "tester", "PLAYDRILL_PLAYBOOK": book}
	code := Main(context.Background(), []string{"drill", "--plain", "--free", "--new", "100000"}, Env{
		Stdin:  &responder{out: &out},
		Stdout: &out,
		Stderr: &errOut,
		Getenv: func(k string) string { return vars[k] },
	})
	if errOut.Len() > 0 {
		t.Logf("stderr: %s", errOut.String())
	}
	return out.String(), code
}

// responder answers the last prompt drill printed: text for a typed card,
// the first option for a pick, every number for an order, Enter for a
// rating.
type responder struct {
	out *bytes.Buffer
}

var orderPrompt = regexp.MustCompile(`Order \[the numbers 1-(\d+)`)

func (r *responder) Read(p []byte) (int, error) {
	text := strings.TrimRight(r.out.String(), "\n")
	last := text[strings.LastIndexByte(text, '\n')+1:]
	var answer string
	switch {
	case strings.HasPrefix(last, "Rating ["):
		answer = ""
	case strings.HasPrefix(last, "Answer ["):
		answer = "1"
	case orderPrompt.MatchString(last):
		var n int
		fmt.Sscan(orderPrompt.FindStringSubmatch(last)[1], &n)
		nums := make([]string, n)
		for i := range nums {
			nums[i] = fmt.Sprint(i + 1)
		}
		answer = strings.Join(nums, " ")
	case strings.HasPrefix(last, "Answer:"):
		answer = "the customer and the next step"
	default:
		return 0, fmt.Errorf("no prompt to answer: %q", last)
	}
	return copy(p, answer+"\n"), nil
}

func TestLintSaysWhenAFileIsNotYetAPlaybook(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "sales page.md")
	writeFile(t, page, samplePage)
	broken := filepath.Join(dir, "broken.md")
	writeFile(t, broken, "# P\n\n## A\n\nResult: done.\n\n## B\n\nNo result here.\n")
	_, errOut, code := run(t, "", []string{"lint", page, broken})
	if code != exitFailure {
		t.Fatalf("exit %d", code)
	}
	want := "sales page.md is not yet a playbook: `playdrill draft '" + page + "' -o DIR` turns it into a draft to finish"
	if !strings.Contains(errOut, want) || strings.Count(errOut, "not yet a playbook") != 1 {
		t.Errorf("stderr %q: want one line %q (a playbook with an error is still a playbook)", errOut, want)
	}
	out, _, _ := run(t, "", []string{"lint", "--format", "json", page})
	if !strings.Contains(out, `"not_yet_playbooks": [`) {
		t.Errorf("json: %s", out)
	}
	// Its draft is a playbook.
	md, _, _ := run(t, "", []string{"draft", page})
	draft := filepath.Join(dir, "draft.md")
	writeFile(t, draft, md)
	if _, errOut, code := run(t, "", []string{"lint", draft}); code != 0 || strings.Contains(errOut, "not yet") {
		t.Errorf("the draft: exit %d, %q", code, errOut)
	}
}

func TestDraftReadsAPageOnStandardInput(t *testing.T) {
	out, errOut, code := run(t, samplePage, []string{"draft", "-"})
	if code != 0 || !strings.Contains(out, "## First call") || !strings.Contains(errOut, "standard input: 1 process, 2 steps") {
		t.Fatalf("exit %d\nstdout %s\nstderr %s", code, out, errOut)
	}
	for _, args := range [][]string{{"draft", "-", "-o", t.TempDir()}, {"draft", "-", "other.md"}} {
		if _, errOut, code := run(t, samplePage, args); code != exitUsage || !strings.Contains(errOut, "drafted alone") {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
	}
}
