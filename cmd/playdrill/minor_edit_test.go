package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

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

// minorEditScene drills alice's two steps done on the first version,
// then applies the author's minor edits; it returns the playbook folder
// and alice's database.
func minorEditScene(t *testing.T) (book, alice string) {
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
	edited := minorEdits.Replace(minorEditV1)
	if edited == lrsPlaybookV1 || strings.Contains(edited, "carier") || !strings.Contains(edited, "list | bought list") || !strings.Contains(edited, "Find out why") {
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
	for _, via := range []string{"jsonl", "lrs"} {
		t.Run(via, func(t *testing.T) {
			book, alice := minorEditScene(t)
			repEnv := []string{"PLAYDRILL_DB=" + alice, "PLAYDRILL_PLAYBOOK=" + book}
			manager := filepath.Join(filepath.Dir(alice), "manager.db")
			mgrEnv := []string{"PLAYDRILL_DB=" + manager, "PLAYDRILL_PLAYBOOK=" + book}
			switch via {
			case "jsonl":
				file := exportTo(t, alice, "alice.jsonl")
				if out, stderr, code := run(t, "", []string{"import", file}, mgrEnv...); code != exitOK {
					t.Fatalf("import: exit %d: %s %s", code, out, stderr)
				}
			case "lrs":
				_, ts := newFakeLRS(t)
				creds := []string{"PLAYDRILL_LRS_USER=u", "PLAYDRILL_LRS_KEY=k"}
				if _, stderr, code := run(t, "", []string{"export", "--lrs", ts.URL + "/xapi"}, append(creds, repEnv...)...); code != exitOK {
					t.Fatalf("push: %s", stderr)
				}
				if out, stderr, code := run(t, "", []string{"import", "--lrs", ts.URL + "/xapi"}, append(creds, mgrEnv...)...); code != exitOK {
					t.Fatalf("import --lrs: exit %d: %s %s", code, out, stderr)
				}
			}
			want, got := reportJSONWith(t, repEnv), reportJSONWith(t, mgrEnv)
			for _, step := range []string{"qualify", "first-call"} {
				if s := stepStatus(want, step); s != "done" {
					t.Fatalf("on the rep's machine step %s is %q after a minor edit, want done:\n%s", step, s, want)
				}
			}
			if got != want {
				t.Errorf("the manager's report:\n%s\nwant (the rep's machine):\n%s", got, want)
			}
		})
	}
}
