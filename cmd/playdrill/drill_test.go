package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// testPlaybook is a small playbook for drill tests: two marketing steps,
// the first with typed cards only, and a differentiator. recall is the
// model answer of the first step's question, so a test can edit it.
func testPlaybook(recall string) string {
	return `---
playbook: Drill Test
version: "1"
competitors: [Company X, Company Y]
---

# Marketing process {#marketing}

## Work the list {#list}

Result: The list is worked into inquiries.
Must mention: inquiries

### Drill

Q: Is a list bought from a broker a set of leads?
A: ` + recall + `
Must mention: list

## Qualify inquiries {#qualify}

Result: The inquiry meets the rules of engagement for a sales-ready lead.
Must mention: rules of engagement; sales-ready

### Differentiators

#### How are you different from Company X?

We onboard in days and name a support engineer.

Must mention: onboarding in days; named support engineer
Never say: cheaper
`
}

// goodAnswer hits every key point of the test playbook.
const goodAnswer = "The list is worked into inquiries; a list is not leads; rules of engagement for a sales-ready lead; onboarding in days with a named support engineer"

// writeTestPlaybook writes the test playbook into dir and returns its path.
func writeTestPlaybook(t *testing.T, dir, recall string) string {
	t.Helper()
	path := filepath.Join(dir, "playbook.md")
	if err := os.WriteFile(path, []byte(testPlaybook(recall)), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

var cardLine = regexp.MustCompile(`(?m)^Card (\d+): (\S+) \[(\w+)\]$`)

// cardsShown returns "id [kind]" for each card line in out.
func cardsShown(out string) []string {
	var cards []string
	for _, m := range cardLine.FindAllStringSubmatch(out, -1) {
		cards = append(cards, m[2]+" ["+m[3]+"]")
	}
	return cards
}

func TestDrillFlagErrors(t *testing.T) {
	dir := t.TempDir()
	book := writeTestPlaybook(t, dir, "No. It is a list.")
	db := "PLAYDRILL_DB=" + filepath.Join(dir, "progress.db")
	for _, tc := range []struct {
		args []string
		code int
		want []string
	}{
		{[]string{"drill", "--plain", "--step", "nope"}, exitUsage, []string{"--step", `no step "nope"`, "list, qualify"}},
		{[]string{"drill", "--plain", "--competitor", "Company Z"}, exitUsage, []string{"--competitor", "Company X, Company Y"}},
		{[]string{"drill", "--plain", "--step", "qualify"}, exitFailure, []string{`"qualify" is locked`, `"list"`, "--free"}},
		{[]string{"drill", "--plain", "extra"}, exitUsage, []string{"unknown command"}},
		{[]string{"drill", "--plain", "--objections"}, exitUsage, []string{"--objections", "the playbook has no objection cards", "### Objections"}},
		{[]string{"drill", "--plain", "--objections", "--competitor", "Company X"}, exitUsage, []string{"--objections and --competitor"}},
	} {
		out, stderr, code := run(t, "", append(tc.args, "--playbook", book), db)
		if code != tc.code {
			t.Errorf("%v: exit %d, want %d (stderr %q)", tc.args, code, tc.code, stderr)
		}
		for _, w := range tc.want {
			if !strings.Contains(stderr, w) {
				t.Errorf("%v: stderr %q lacks %q", tc.args, stderr, w)
			}
		}
		if strings.Contains(out, "Card ") {
			t.Errorf("%v: drilled anyway:\n%s", tc.args, out)
		}
	}
}

func TestDrillNewMustNotBeNegative(t *testing.T) {
	_, stderr, code := run(t, "", []string{"drill", "--plain", "--new", "-1"})
	if code != exitUsage || !strings.Contains(stderr, "--new -1") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestDrillWithoutTerminalFallsBackToPlain(t *testing.T) {
	dir := t.TempDir()
	book := writeTestPlaybook(t, dir, "No. It is a list.")
	out, stderr, code := run(t, ":q\n", []string{"drill", "--playbook", book})
	if code != 0 || !strings.Contains(out, "Card 1: ") || !strings.Contains(out, "\nSummary\n") {
		t.Fatalf("exit %d, stderr %q, output:\n%s", code, stderr, out)
	}
}

func TestDrillFreeCompetitorCram(t *testing.T) {
	dir := t.TempDir()
	book := writeTestPlaybook(t, dir, "No. It is a list.")
	db := "PLAYDRILL_DB=" + filepath.Join(dir, "progress.db")
	out, stderr, code := run(t, goodAnswer+"\n\n", []string{"drill", "--plain", "--competitor", "company x", "--cram", "--playbook", book}, db)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	cards := cardsShown(out)
	if len(cards) != 1 || !strings.HasSuffix(cards[0], "[differentiator]") || !strings.Contains(out, "Recorded (cram: schedule unchanged).") {
		t.Fatalf("cram session showed %v:\n%s", cards, out)
	}
	// Cram left the schedule alone: today's queue still starts with the
	// first step's new cards, and the differentiator's step is still locked.
	out, _, _ = run(t, ":q\n", []string{"drill", "--plain", "--playbook", book}, db)
	if !strings.HasPrefix(out, "Drill: 2 cards") {
		t.Errorf("after cram, today's queue:\n%s", out)
	}
	// --free opens every step, so today's queue holds every card.
	out, _, _ = run(t, ":q\n", []string{"drill", "--plain", "--free", "--playbook", book}, db)
	if !strings.HasPrefix(out, "Drill: 5 cards") {
		t.Errorf("--free queue:\n%s", out)
	}
	out, _, _ = run(t, ":q\n", []string{"drill", "--plain", "--free", "--new", "1", "--playbook", book}, db)
	if !strings.HasPrefix(out, "Drill: 1 card from") {
		t.Errorf("--new 1 queue:\n%s", out)
	}
	out, _, _ = run(t, "", []string{"drill", "--plain", "--new", "0", "--playbook", book}, db)
	if !strings.HasPrefix(out, "Nothing to drill now.") {
		t.Errorf("--new 0 queue:\n%s", out)
	}
}
