package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/markdown"
)

// The shared test playbook with a typo in a model answer, which the
// rep drills before the author fixes it.
var minorEditV1 = strings.Replace(lrsPlaybookV1, "from a carrier.", "from a carier.", 1)

// The author's edit, each too small to drill a step again: a typo fixed
// in a model answer, a step retitled, an alternate added to a key point
// (as review --apply does); the version bumped.
var minorEdits = strings.NewReplacer(
	"from a carier.", "from a carrier.",
	"## Learn why they called {#first-call}", "## Find out why they called {#first-call}",
	"Must mention: list; inquiries", "Must mention: list | bought list; inquiries",
	"version: 2026.1", "version: 2026.2",
)

// realEdit is not minor: a model answer says more than it did.
var realEdit = strings.NewReplacer("from a carier.", "from a carrier, and by when.", "version: 2026.1", "version: 2026.2")

// minorEditScene drills alice's two steps done on the first version,
// then applies the author's edits; it returns the playbook folder and
// alice's database.
func minorEditScene(t *testing.T, edits *strings.Replacer) (book, alice string) {
	t.Helper()
	dir := t.TempDir()
	book = filepath.Join(dir, "playbook")
	if err := os.MkdirAll(book, 0o700); err != nil {
		t.Fatal(err)
	}
	write := func(text string) {
		if err := os.WriteFile(filepath.Join(book, "sales.md"), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(minorEditV1)
	alice = filepath.Join(dir, "alice.db")
	b, diags, err := markdown.Load(os.DirFS(book), ".")
	if err != nil || b == nil {
		t.Fatalf("test playbook: %v %v", err, diags)
	}
	seedRepOn(t, b, alice, "alice", 12, seedStart)
	env := []string{"PLAYDRILL_DB=" + alice, "PLAYDRILL_PLAYBOOK=" + book}
	before := reportJSONWith(t, env)
	for _, step := range []string{"qualify", "first-call"} {
		if s := stepStatus(before, step); s != "done" {
			t.Fatalf("step %s is %q before the edit, want done:\n%s", step, s, before)
		}
	}
	edited := edits.Replace(minorEditV1)
	if edited == lrsPlaybookV1 || strings.Contains(edited, "carier") || !strings.Contains(edited, "version: 2026.2") {
		t.Fatal("the edit did not apply")
	}
	write(edited)
	return book, alice
}

// stepStatus is the status a report JSON gives a step, "" if none.
func stepStatus(report, step string) string {
	i := strings.Index(report, `"id": "`+step+`"`)
	if i < 0 {
		return ""
	}
	rest := report[i:]
	j := strings.Index(rest, `"status": "`)
	if j < 0 {
		return ""
	}
	rest = rest[j+len(`"status": "`):]
	return rest[:strings.IndexByte(rest, '"')]
}

// A minor edit a manager's machine first sees after it was made: the
// manager reads the team back (a JSONL export, or the LRS) into an empty
// database with the edited playbook, and the report is the one the rep's
// own machine gives, the step still done.
func TestMinorEditSurvivesTheTripToTheManager(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edits *strings.Replacer
		want  string // first-call's status after the edit
	}{
		{"jsonl", minorEdits, "done"},
		{"lrs", minorEdits, "done"},
		// A real edit shows changed on both machines.
		{"jsonl", realEdit, "changed"},
		{"lrs", realEdit, "changed"},
	} {
		t.Run(tc.name+"/"+tc.want, func(t *testing.T) {
			book, alice := minorEditScene(t, tc.edits)
			repEnv := []string{"PLAYDRILL_DB=" + alice, "PLAYDRILL_PLAYBOOK=" + book}
			manager := filepath.Join(filepath.Dir(alice), "manager.db")
			mgrEnv := []string{"PLAYDRILL_DB=" + manager, "PLAYDRILL_PLAYBOOK=" + book}
			switch tc.name {
			case "jsonl":
				file := exportTo(t, alice, "alice.jsonl")
				if out, stderr, code := run(t, "", []string{"import", file}, mgrEnv...); code != exitOK {
					t.Fatalf("import: exit %d: %s %s", code, out, stderr)
				}
			case "lrs":
				_, ts := newFakeLRS(t)
				creds := []string{"PLAYDRILL_LRS_USER=u", "PLAYDRILL_LRS_KEY=k"}
				lrsRoundTrip(t, ts.URL+"/xapi", append(creds, repEnv...), append(creds, mgrEnv...))
			}
			sameAfterEdit(t, repEnv, mgrEnv, tc.want)
		})
	}
}

// Through the real LRS: the rep pushes, the author edits, the manager
// reads the team back with the edited playbook.
func TestRealLRSMinorEditSurvivesTheTripToTheManager(t *testing.T) {
	endpoint, user, key := realLRS(t)
	book, alice := minorEditScene(t, minorEdits)
	home := "https://ci-minor-" + time.Now().Format("150405.000000000") + ".example.com"
	env := func(db string) []string {
		return []string{"PLAYDRILL_DB=" + db, "PLAYDRILL_PLAYBOOK=" + book, "PLAYDRILL_LRS_USER=" + user, "PLAYDRILL_LRS_KEY=" + key, "PLAYDRILL_HOME_PAGE=" + home}
	}
	manager := filepath.Join(filepath.Dir(alice), "manager.db")
	lrsRoundTrip(t, endpoint, env(alice), env(manager))
	sameAfterEdit(t, env(alice), env(manager), "done")
}

// lrsRoundTrip pushes the rep's records to the LRS at endpoint and reads
// the team back on the manager's machine.
func lrsRoundTrip(t *testing.T, endpoint string, repEnv, mgrEnv []string) {
	t.Helper()
	if _, stderr, code := run(t, "", []string{"export", "--lrs", endpoint}, repEnv...); code != exitOK {
		t.Fatalf("push: exit %d: %s", code, stderr)
	}
	if out, stderr, code := run(t, "", []string{"import", "--lrs", endpoint}, mgrEnv...); code != exitOK || !strings.Contains(out, "reps: alice") {
		t.Fatalf("import --lrs: exit %d: %s %s", code, out, stderr)
	}
}

// sameAfterEdit checks that the rep's machine gives first-call the status
// status after the edit (qualify stays done), and the manager's machine
// reports the same.
func sameAfterEdit(t *testing.T, repEnv, mgrEnv []string, status string) {
	t.Helper()
	want, got := reportJSONWith(t, repEnv), reportJSONWith(t, mgrEnv)
	for step, w := range map[string]string{"qualify": "done", "first-call": status} {
		if s := stepStatus(want, step); s != w {
			t.Fatalf("on the rep's machine step %s is %q after the edit, want %s:\n%s", step, s, w, want)
		}
	}
	if got != want {
		t.Errorf("the manager's report:\n%s\nwant (the rep's machine):\n%s", got, want)
	}
}
