package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// diffBook is a playbook with a question, a rules table and a
// differentiator, for edits a test makes by replacing text.
const diffBook = `---
playbook: Diff Test
version: "1"
competitors: [Company X]
---

# Marketing process {#marketing}

## Work the list {#list}

Result: The list is worked into inquiries.
Must mention: inquiries

### Drill

Q: Is a list bought from a broker a set of leads?
A: No. It is a list.
Must mention: list

### Rules of engagement

| Situation | Category | Why |
| --- | --- | --- |
| 5,000 names bought from a broker | list | nobody has responded yet |
| Downloaded a white paper, no project | inquiry | interest, no buying intent |
| Asked for a proposal, budget approved | sales-ready | intent and budget |
| Signed up for the newsletter | inquiry | a response, no project |

## Qualify inquiries {#qualify}

Result: The inquiry meets the rules of engagement for a sales-ready lead.
Must mention: rules of engagement; sales-ready

### Differentiators

#### How are you different from Company X?

We onboard in days and name a support engineer.

Must mention: onboarding in days; named support engineer
`

func writeText(t *testing.T, path, text string) string {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func replaceAll(t *testing.T, s string, pairs ...string) string {
	t.Helper()
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("no %q", pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}

// The case: reword a question and a table row. diff lists both as
// renamed, with the rep they touch, and after the edit the rep's step is
// changed, never locked, and the next step stays open.
func TestDiffAndRewording(t *testing.T) {
	dir := t.TempDir()
	old := writeText(t, filepath.Join(dir, "old.md"), diffBook)
	db := "PLAYDRILL_DB=" + filepath.Join(dir, "progress.db")
	if testing.Short() {
		t.Skip("builds the binary")
	}
	answers := map[string]string{
		"list/result": "inquiries", "list/is-a-list-bought-from-a": "list",
		"list/roe-5-000-names-bought-from-a-broker": "list", "list/roe-downloaded-a-white-paper-no-project": "inquiry",
		"list/roe-asked-for-a-proposal-budget-approved": "sales-ready", "list/roe-signed-up-for-the-newsletter": "inquiry",
	}
	if out := plainRepWith(t, answers, []string{db, "PLAYDRILL_REP=dana", "PLAYDRILL_PLAYBOOK=" + old}, "--step", "list"); !strings.Contains(out, "Step done: Work the list") {
		t.Fatalf("drill:\n%s", out)
	}
	edited := replaceAll(t, diffBook,
		"Q: Is a list bought from a broker a set of leads?", "Q: Does a list bought from a broker count as leads?",
		"| 5,000 names bought from a broker |", "| 5,000 names bought from a list broker |",
		"We onboard in days and name a support engineer.", "We onboard in days and name a suport engineer.",
		"Result: The inquiry meets the rules of engagement for a sales-ready lead.", "Result: The inquiry meets our rules of engagement for a sales-ready lead.",
		"### Differentiators", "### Drill\n\nQ: Who accepts a sales-ready lead?\nA: Sales.\nMust mention: sales\n\n### Differentiators",
		"| Signed up for the newsletter | inquiry | a response, no project |\n", "",
	)
	nw := writeText(t, filepath.Join(dir, "new.md"), edited)

	out, stderr, code := run(t, "", []string{"diff", old, nw, "--format", "json"}, db)
	if code != 0 {
		t.Fatalf("diff: exit %d %s", code, stderr)
	}
	var d struct {
		Reps    int
		Summary map[string]int
		Cards   []struct {
			Change, Card, From, Why string
			Reps                    int
			Redrill                 bool
		}
	}
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	got := map[string]string{}
	reps := map[string]int{}
	for _, c := range d.Cards {
		got[c.Card] = c.Change
		reps[c.Card] = c.Reps
		if c.From != "" {
			got[c.Card] += " from " + c.From
		}
	}
	want := map[string]string{
		"list/result":                                       "unchanged",
		"list/does-a-list-bought-from-a":                    "renamed from list/is-a-list-bought-from-a",
		"list/roe-5-000-names-bought-from-a-list-broker":    "renamed from list/roe-5-000-names-bought-from-a-broker",
		"list/roe-signed-up-for-the-newsletter":             "removed",
		"qualify/result":                                    "changed",
		"qualify/who-accepts-a-sales-ready-lead":            "added",
		"qualify/diff-how-are-you-different-from-company-x": "minor",
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s: %q, want %q", id, got[id], w)
		}
	}
	if d.Reps != 1 || reps["list/does-a-list-bought-from-a"] != 1 || reps["list/roe-signed-up-for-the-newsletter"] != 1 || reps["qualify/result"] != 0 {
		t.Errorf("rep counts: %d reps, %v", d.Reps, reps)
	}
	if d.Summary["renamed"] != 2 || d.Summary["removed"] != 1 || d.Summary["added"] != 1 {
		t.Errorf("summary %v", d.Summary)
	}

	text, _, code := run(t, "", []string{"diff", old, nw}, db)
	docMatches(t, docBlock(t, "old.md -> new.md"), strings.ReplaceAll(text, dir+string(filepath.Separator), ""))
	for _, w := range []string{
		"10 cards, 2 renamed, 1 changed, 1 minor, 1 added, 1 removed. 1 rep in the progress database.",
		"  list/is-a-list-bought-from-a -> list/does-a-list-bought-from-a [recall]",
		"question reworded (shows as changed); touches 1 rep",
		"row reworded (shows as changed); touches 1 rep",
		"qualify/diff-how-are-you-different-from-company-x [differentiator]: model answer spelling; touches 0 reps",
		"Unchanged: 4 cards.",
	} {
		if code != 0 || !strings.Contains(text, w) {
			t.Errorf("text lacks %q:\n%s", w, text)
		}
	}

	// After the edit the rep's first step shows changed, not locked, and
	// the second is open.
	out, _, code = run(t, "", []string{"report", "--format", "json", "--playbook", nw, "--rep", "dana"}, db)
	if code != 0 || !strings.Contains(out, `"id": "list"`) {
		t.Fatalf("report: exit %d\n%s", code, out)
	}
	var r struct {
		Reps []struct{ Steps []struct{ ID, Status string } }
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil || len(r.Reps) != 1 {
		t.Fatalf("%v\n%s", err, out)
	}
	status := map[string]string{}
	for _, s := range r.Reps[0].Steps {
		status[s.ID] = s.Status
	}
	if status["list"] != "changed" || status["qualify"] != "new" {
		t.Errorf("after rewording: %v", status)
	}
}

func TestDiffBadInput(t *testing.T) {
	dir := t.TempDir()
	old := writeText(t, filepath.Join(dir, "old.md"), diffBook)
	broken := writeText(t, filepath.Join(dir, "broken.md"), strings.Replace(diffBook, "Result: The list is worked into inquiries.\n", "", 1))
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"diff", old}, exitUsage, "accepts 2 arg(s)"},
		{[]string{"diff", old, filepath.Join(dir, "missing.md")}, exitFailure, "missing.md"},
		{[]string{"diff", old, broken}, exitFailure, "broken.md:9:1: error:"},
		{[]string{"diff", old, old, "--format", "xml"}, exitUsage, `--format "xml"`},
	} {
		_, stderr, code := run(t, "", tc.args)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, code, stderr, tc.code, tc.want)
		}
	}
	out, _, code := run(t, "", []string{"diff", old, old})
	if code != 0 || !strings.Contains(out, "no card changed. No progress database: rep counts left out.") {
		t.Errorf("same file: exit %d\n%s", code, out)
	}
}

// A manager's machine that never had the old playbook: a rep's export,
// imported after the author reworded a question and a table row, still
// shows the rep's step as changed, not as barely started.
func TestImportAfterRewording(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	old := writeText(t, filepath.Join(dir, "old.md"), diffBook)
	repDB := "PLAYDRILL_DB=" + filepath.Join(dir, "rep.db")
	answers := map[string]string{
		"list/result": "inquiries", "list/is-a-list-bought-from-a": "list",
		"list/roe-5-000-names-bought-from-a-broker": "list", "list/roe-downloaded-a-white-paper-no-project": "inquiry",
		"list/roe-asked-for-a-proposal-budget-approved": "sales-ready", "list/roe-signed-up-for-the-newsletter": "inquiry",
	}
	if out := plainRepWith(t, answers, []string{repDB, "PLAYDRILL_REP=dana", "PLAYDRILL_PLAYBOOK=" + old}, "--step", "list"); !strings.Contains(out, "Step done: Work the list") {
		t.Fatalf("drill:\n%s", out)
	}
	export := filepath.Join(dir, "dana.jsonl")
	if _, stderr, code := run(t, "", []string{"export", "--format", "jsonl", "-o", export, "--playbook", old}, repDB); code != 0 {
		t.Fatalf("export: exit %d %s", code, stderr)
	}
	nw := writeText(t, filepath.Join(dir, "new.md"), replaceAll(t, diffBook,
		"Q: Is a list bought from a broker a set of leads?", "Q: Does a list bought from a broker count as leads?",
		"| 5,000 names bought from a broker |", "| 5,000 names bought from a list broker |"))
	mgrDB := "PLAYDRILL_DB=" + filepath.Join(dir, "manager.db")
	if out, stderr, code := run(t, "", []string{"import", export, "--playbook", nw}, mgrDB); code != 0 {
		t.Fatalf("import: exit %d %s\n%s", code, stderr, out)
	}
	out, _, code := run(t, "", []string{"report", "--format", "json", "--playbook", nw, "--rep", "dana"}, mgrDB)
	var r struct {
		Reps []struct{ Steps []struct{ ID, Status string } }
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil || code != 0 || len(r.Reps) != 1 {
		t.Fatalf("report: exit %d %v\n%s", code, err, out)
	}
	if s := r.Reps[0].Steps[0]; s.ID != "list" || s.Status != "changed" {
		t.Errorf("after importing into a machine that never had the old playbook: %+v", r.Reps[0].Steps)
	}
}
