package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// reviewEnv is a playbook file and a database for review tests, run in
// process.
type reviewEnv struct {
	t    *testing.T
	dir  string
	book string
	env  []string
}

func newReviewEnv(t *testing.T) *reviewEnv {
	dir := t.TempDir()
	r := &reviewEnv{t: t, dir: dir, book: writeTestPlaybook(t, dir, "No. It is a list.")}
	r.env = []string{"PLAYDRILL_DB=" + filepath.Join(dir, "progress.db"), "PLAYDRILL_PLAYBOOK=" + r.book, "NO_COLOR=1"}
	return r
}

func (r *reviewEnv) run(rep, stdin string, args ...string) (string, string, int) {
	r.t.Helper()
	return run(r.t, stdin, args, append([]string{"PLAYDRILL_REP=" + rep}, r.env...)...)
}

// dispute has rep answer the first step's result card in other words and
// rate it good: a dispute.
func (r *reviewEnv) dispute(rep, answer string) {
	r.t.Helper()
	out, stderr, code := r.run(rep, answer+"\n3\n:q\n", "drill", "--plain", "--step", "list")
	if code != 0 || !strings.Contains(out, "Disputed: ") {
		r.t.Fatalf("drill: exit %d, %s\n%s", code, stderr, out)
	}
}

// openIDs lists the ids of the open disputes (review --format json).
func (r *reviewEnv) openIDs() []string {
	r.t.Helper()
	out, stderr, code := r.run("maria", "", "review", "--format", "json")
	if code != 0 {
		r.t.Fatalf("review json: exit %d: %s", code, stderr)
	}
	var l struct {
		Open  int
		Cards []struct {
			Card     string
			Disputes []struct{ ID string }
		}
	}
	if err := json.Unmarshal([]byte(out), &l); err != nil {
		r.t.Fatalf("%v\n%s", err, out)
	}
	var ids []string
	for _, c := range l.Cards {
		for _, d := range c.Disputes {
			ids = append(ids, d.ID)
		}
	}
	if len(ids) != l.Open {
		r.t.Fatalf("open %d, ids %v", l.Open, ids)
	}
	return ids
}

func (r *reviewEnv) read() string {
	r.t.Helper()
	data, err := os.ReadFile(r.book)
	if err != nil {
		r.t.Fatal(err)
	}
	return string(data)
}

func (r *reviewEnv) write(s string) {
	r.t.Helper()
	if err := os.WriteFile(r.book, []byte(s), 0o600); err != nil {
		r.t.Fatal(err)
	}
}

// TestE2EDisputeAndReview drives the built binary: a rep finishes a step,
// later answers a card in her own words and rates it good; the drill says
// it is a dispute and the step stays done; the manager lists it, accepts
// it, and the words become an alternate in the playbook file, with a
// backup, a clean lint, and the rep's step still done.
func TestE2EDisputeAndReview(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	r := newReviewEnv(t)
	original := r.read()
	bin := func(rep, stdin string, args ...string) (string, string, int) {
		return runBinary(t, strings.NewReader(stdin), args, append([]string{"PLAYDRILL_REP=" + rep}, r.env...)...)
	}
	if out, stderr, code := bin("dana", strings.Repeat(goodAnswer+"\n\n", 2), "drill", "--plain"); code != 0 || !strings.Contains(out, "Step done: Work the list") {
		t.Fatalf("first drill: exit %d %s\n%s", code, stderr, out)
	}
	out, _, code := bin("dana", "marketing turns it into responses\n3\n:q\n", "drill", "--plain", "--step", "list")
	if code != 0 || strings.Count(out, "Disputed: a manager will review") != 1 {
		t.Fatalf("dispute: exit %d\n%s", code, out)
	}
	env := append([]string{"PLAYDRILL_REP=dana"}, r.env...)
	if st := reportStatuses(t, env); st["list"] != "done" {
		t.Errorf("a done step must stay done after a dispute: %v", st)
	}
	docMatches(t, docBlock(t, "Disputed: "), out)
	out, _, code = bin("maria", "", "review")
	docMatches(t, docBlock(t, "1 open dispute"), out)
	for _, want := range []string{"1 open dispute on 1 card from 1 rep.", "list/result [result] playbook.md:11", "dana, ", "Answer: marketing turns it into responses", "Missed: 1) inquiries"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("review lacks %q (exit %d):\n%s", want, code, out)
		}
	}
	id := r.openIDs()[0][:8]
	out, stderr, code := bin("maria", "", "review", "--accept", id, "--words", "responses")
	if code != 0 || !strings.Contains(out, `"responses" is now an alternate of "inquiries"`) || !strings.Contains(out, "Lint: no errors (2 warnings; run 'playdrill lint').") {
		t.Fatalf("accept: exit %d %s\n%s", code, stderr, out)
	}
	if got := r.read(); got != strings.Replace(original, "Must mention: inquiries\n", "Must mention: inquiries | responses\n", 1) {
		t.Errorf("playbook after accept:\n%s", got)
	}
	if bak, err := os.ReadFile(r.book + ".bak"); err != nil || string(bak) != original {
		t.Errorf("backup: %v\n%s", err, bak)
	}
	if st := reportStatuses(t, env); st["list"] != "done" {
		t.Errorf("an accepted alternate must not mark the step changed: %v", st)
	}
	if out, _, _ := bin("maria", "", "review"); !strings.Contains(out, "No open disputes. (1 dispute decided before.)") {
		t.Errorf("review after accept:\n%s", out)
	}
	// The rep's words now pass.
	out, _, _ = bin("dana", "marketing turns it into responses\n\n:q\n", "drill", "--plain", "--step", "list")
	if !strings.Contains(out, "Score: 100%") {
		t.Errorf("the accepted words do not pass:\n%s", out)
	}
}

// review --apply on a file changed since the dispute refuses, says why
// and changes nothing; --force goes ahead when only other parts of the
// file changed, never when the card itself did.
func TestReviewRefusesAChangedFile(t *testing.T) {
	r := newReviewEnv(t)
	r.dispute("dana", "marketing turns it into responses")
	id := r.openIDs()[0][:8]
	elsewhere := strings.Replace(r.read(), "## Qualify inquiries {#qualify}\n", "## Qualify inquiries {#qualify}\n\nA note for the team.\n", 1)
	r.write(elsewhere)
	_, stderr, code := r.run("maria", "", "review", "--accept", id, "--words", "responses")
	if code != exitFailure || !strings.Contains(stderr, "playbook.md changed since the dispute was made") || !strings.Contains(stderr, "nothing changed") {
		t.Errorf("changed file: exit %d, stderr %q", code, stderr)
	}
	if r.read() != elsewhere {
		t.Error("a refused accept changed the file")
	}
	// The same through the prompts.
	out, _, code := r.run("maria", "a\nresponses\n", "review", "--apply")
	if code != exitFailure || !strings.Contains(out, "Not accepted: ") || !strings.Contains(out, "changed since the dispute was made") || !strings.Contains(out, "refused 1.") {
		t.Errorf("--apply on a changed file: exit %d\n%s", code, out)
	}
	if r.read() != elsewhere {
		t.Error("a refused --apply changed the file")
	}
	if _, err := os.Stat(r.book + ".bak"); err == nil {
		t.Error("a refused accept left a backup")
	}
	if out, stderr, code := r.run("maria", "", "review", "--accept", id, "--words", "responses", "--force"); code != 0 || !strings.Contains(r.read(), "Must mention: inquiries | responses\n") {
		t.Errorf("--force: exit %d %s\n%s", code, stderr, out)
	}

	// The card itself edited: refused even with --force.
	r.dispute("dana", "we get them to reply")
	id = r.openIDs()[0][:8]
	cardEdited := strings.Replace(r.read(), "Result: The list is worked into inquiries.", "Result: The list is worked into inquiries by marketing.", 1)
	r.write(cardEdited)
	_, stderr, code = r.run("maria", "", "review", "--accept", id, "--words", "reply", "--force")
	if code != exitFailure || !strings.Contains(stderr, "the card was edited since the answer") || r.read() != cardEdited {
		t.Errorf("edited card: exit %d, stderr %q", code, stderr)
	}
	// It can still be rejected, and the decision is recorded.
	if out, stderr, code := r.run("maria", "", "review", "--reject", id, "--note", "wrong point"); code != 0 || !strings.Contains(out, "Rejected "+id) {
		t.Errorf("reject: exit %d %s\n%s", code, stderr, out)
	}
	if ids := r.openIDs(); len(ids) != 0 {
		t.Errorf("open after reject: %v", ids)
	}
	// --decided lists both decisions.
	out, _, code = r.run("maria", "", "review", "--decided")
	for _, want := range []string{"No open disputes. (2 disputes decided before.)", "Decided:",
		"on list/result: marketing turns it into responses", `accepted by maria, `, `: "responses" added to "inquiries"`,
		"on list/result: we get them to reply", "rejected by maria, ", ": wrong point"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("--decided lacks %q:\n%s", want, out)
		}
	}
}

func TestReviewBadInput(t *testing.T) {
	r := newReviewEnv(t)
	r.dispute("dana", "marketing turns it into responses now and then, most weeks of the year")
	id := r.openIDs()[0][:8]
	before := r.read()
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"review", "--format", "xml"}, exitUsage, `--format "xml"`},
		{[]string{"review", "--apply", "--format", "json"}, exitUsage, "does not go with"},
		{[]string{"review", "--accept", id, "--point", "-1"}, exitUsage, "--point -1"},
		{[]string{"review", "--accept", "abc"}, exitFailure, "at least the first 4 characters"},
		{[]string{"review", "--accept", "ffffffff"}, exitFailure, `no open dispute "ffffffff"`},
		{[]string{"review", "--accept", id}, exitFailure, "longer than 8 words"},
		{[]string{"review", "--accept", id, "--words", "a; b"}, exitFailure, "may not hold"},
		{[]string{"review", "--accept", id, "--words", "inquiries"}, exitFailure, "already"},
		{[]string{"review", "--accept", id, "--point", "5", "--words", "x"}, exitFailure, "--point 5: card list/result has 1 key point"},
	} {
		_, stderr, code := r.run("maria", "", tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, code, stderr, tc.code, tc.want)
		}
	}
	if r.read() != before {
		t.Error("bad input changed the playbook")
	}
	// The shipped playbook is built in: there is no file to edit.
	_, stderr, code := run(t, "", []string{"review", "--apply"}, "PLAYDRILL_DB="+filepath.Join(r.dir, "progress.db"))
	if code != exitUsage || !strings.Contains(stderr, "--playbook PATH") {
		t.Errorf("embedded playbook: exit %d, %q", code, stderr)
	}
	// No database yet: nothing to review.
	out, _, code := run(t, "", []string{"review", "--playbook", r.book})
	if code != 0 || !strings.Contains(out, "No open disputes.") {
		t.Errorf("no database: exit %d\n%s", code, out)
	}
}

// --apply asks about each dispute: which point (when several were
// missed), which words (the answer is offered when short), and reads the
// answers line by line, so scripts can drive it.
func TestReviewInteractive(t *testing.T) {
	r := newReviewEnv(t)
	// Two disputes on the step's result, which has two key points.
	for _, ans := range []string{"we are quick", "a person you can call"} {
		out, stderr, code := r.run("dana", ans+"\n4\n:q\n", "drill", "--plain", "--free", "--step", "qualify")
		if code != 0 || !strings.Contains(out, "Disputed") {
			t.Fatalf("drill: exit %d %s\n%s", code, stderr, out)
		}
	}
	// Skip the first, accept the second into point 2 with the offered words.
	out, stderr, code := r.run("maria", "x\ns\na\n2\n\n", "review", "--apply")
	if code != 0 {
		t.Fatalf("apply: exit %d %s\n%s", code, stderr, out)
	}
	for _, want := range []string{
		"Dispute 1 of 2:", "Please answer one of the choices shown.",
		"Add the words to key point [1/2, Enter=1]:",
		`Words to add to "sales-ready" [Enter = "a person you can call"]:`,
		"Accepted 1, rejected 0, skipped 1, refused 0.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("apply lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(r.read(), "Must mention: rules of engagement; sales-ready | a person you can call\n") {
		t.Errorf("playbook:\n%s", r.read())
	}
	if ids := r.openIDs(); len(ids) != 1 {
		t.Errorf("open after apply: %v", ids)
	}
	// The end of input quits without deciding anything.
	out, _, code = r.run("maria", "", "review", "--apply")
	if code != 0 || !strings.Contains(out, "Accepted 0, rejected 0, skipped 0, refused 0.") || len(r.openIDs()) != 1 {
		t.Errorf("empty input: exit %d\n%s", code, out)
	}
}

// docBlock returns the fenced block of docs/drilling.md that starts with
// first, or fails.
func docBlock(t *testing.T, first string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "docs", "drilling.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	i := strings.Index(doc, "```\n"+first)
	if i < 0 {
		t.Fatalf("docs/drilling.md has no example starting %q", first)
	}
	block := doc[i+4:]
	return block[:strings.Index(block, "```")]
}

var idAndDate = regexp.MustCompile(`\[[0-9a-f]{8}\] (\w+), \d{4}-\d\d-\d\d \d\d:\d\d`)

// docMatches reports whether every line of the docs' example is in out,
// dispute ids and dates aside.
func docMatches(t *testing.T, example, out string) {
	t.Helper()
	out = idAndDate.ReplaceAllString(out, "[ID] $1, DATE")
	for _, line := range strings.Split(strings.TrimSpace(example), "\n") {
		line = idAndDate.ReplaceAllString(line, "[ID] $1, DATE")
		if !strings.Contains(out, line+"\n") {
			t.Errorf("the docs' example line %q is not what playdrill prints:\n%s", line, out)
		}
	}
}

// Disputes travel: a rep's export imported on the manager's machine is
// listed there, and accepted from there.
func TestReviewImportedDisputes(t *testing.T) {
	r := newReviewEnv(t)
	if out, stderr, code := r.run("dana", strings.Repeat(goodAnswer+"\n\n", 2), "drill", "--plain"); code != 0 || !strings.Contains(out, "Step done: Work the list") {
		t.Fatalf("first drill: exit %d %s\n%s", code, stderr, out)
	}
	r.dispute("dana", "marketing turns it into responses")
	export := filepath.Join(r.dir, "dana.jsonl")
	if _, stderr, code := r.run("dana", "", "export", "--format", "jsonl", "-o", export); code != 0 {
		t.Fatalf("export: exit %d %s", code, stderr)
	}
	mgr := &reviewEnv{t: t, dir: r.dir, book: r.book, env: []string{"PLAYDRILL_DB=" + filepath.Join(r.dir, "manager.db"), "PLAYDRILL_PLAYBOOK=" + r.book, "NO_COLOR=1"}}
	if out, stderr, code := mgr.run("maria", "", "import", export); code != 0 {
		t.Fatalf("import: exit %d %s\n%s", code, stderr, out)
	}
	out, _, code := mgr.run("maria", "", "review")
	if code != 0 || !strings.Contains(out, "1 open dispute on 1 card from 1 rep.") || !strings.Contains(out, "Answer: marketing turns it into responses") {
		t.Fatalf("review on the manager's machine: exit %d\n%s", code, out)
	}
	id := mgr.openIDs()[0][:8]
	if out, stderr, code := mgr.run("maria", "", "review", "--accept", id, "--words", "responses"); code != 0 || !strings.Contains(mgr.read(), "Must mention: inquiries | responses\n") {
		t.Errorf("accept on the manager's machine: exit %d %s\n%s", code, stderr, out)
	}
	// The rep's done step is still done on the manager's machine.
	if st := reportStatuses(t, append([]string{"PLAYDRILL_REP=dana"}, mgr.env...)); st["list"] != "done" {
		t.Errorf("after accepting on the manager's machine: %v", st)
	}
}
