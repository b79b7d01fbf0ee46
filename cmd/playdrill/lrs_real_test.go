package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/markdown"
	"github.com/playdrill/playdrill/internal/xapi"
)

// realLRS returns the address and credentials of the real LRS .ci/run
// starts (.ci/lrs/start). Without it the test cannot run: in CI that is
// a failure, elsewhere a skip that says how to run it.
func realLRS(t *testing.T) (endpoint, user, key string) {
	endpoint, user, key = os.Getenv("PLAYDRILL_TEST_LRS"), os.Getenv("PLAYDRILL_TEST_LRS_USER"), os.Getenv("PLAYDRILL_TEST_LRS_KEY")
	if endpoint == "" || user == "" || key == "" {
		const how = "PLAYDRILL_TEST_LRS (and _USER, _KEY) is not set: start the LRS with `eval \"$(.ci/lrs/start)\"`"
		if os.Getenv("CI") == "true" {
			t.Fatal(how)
		}
		t.Skip(how)
	}
	return endpoint, user, key
}

const lrsPlaybookV1 = `---
playbook: Harbour Freight Sales Playbook
version: 2026.1
---

# Marketing {#marketing}

## Qualify the inquiry {#qualify}

Result: The inquiry meets the rules for a sales-ready lead.
Must mention: sales-ready

Done when:
- the lead's category is recorded

### Drill

Q: Which of these inquiries is sales-ready?
- [ ] Read a blog post about cold storage
- [x] Asked for a quote on ten containers a month

Q: Is a list of port contacts bought from a broker a set of leads?
A: No. It is a list; marketing works it into inquiries first.
Must mention: list; inquiries

# Sales {#sales}

## Learn why they called {#first-call}

Result: The rep knows why the prospect got in touch and what result they want.
Must mention: why; result

Done when:
- the reason is written in the account notes

### Drill

Q: What do you ask first on a call with a new inquiry?
A: Why they got in touch, and what result they want from a carrier.
Must mention: why; result
`

// The edit a team makes between two pushes: a step renamed, a question
// and an option reworded.
var lrsPlaybookEdits = strings.NewReplacer(
	"## Qualify the inquiry {#qualify}", "## Qualify every inquiry {#qualify}",
	"Asked for a quote on ten containers a month", "Asked for a quote on ten reefer containers a month",
	"Which of these inquiries is sales-ready?", "Which inquiry is ready for sales?",
	"version: 2026.1", "version: 2026.2",
)

// Against the real LRS: push, edit the playbook, drill more, push again:
// no conflict, every statement held exactly once; then the team read back
// into an empty database reports as the pushing machines do.
func TestRealLRSPushEditPushAndReadBack(t *testing.T) {
	endpoint, user, key := realLRS(t)
	dir := t.TempDir()
	book := filepath.Join(dir, "playbook")
	if err := os.MkdirAll(book, 0o700); err != nil {
		t.Fatal(err)
	}
	write := func(text string) {
		if err := os.WriteFile(filepath.Join(book, "sales.md"), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(lrsPlaybookV1)
	home := "https://ci-" + strings.ReplaceAll(t.Name(), "/", "-") + "-" + time.Now().Format("150405.000000000") + ".example.com"
	alice, bob, manager := filepath.Join(dir, "alice.db"), filepath.Join(dir, "bob.db"), filepath.Join(dir, "manager.db")
	seed := func(db, rep string, n int, at time.Time) {
		t.Helper()
		b, diags, err := markdown.Load(os.DirFS(book), ".")
		if err != nil || b == nil {
			t.Fatalf("test playbook: %v %v", err, diags)
		}
		seedRepOn(t, b, db, rep, n, at)
	}
	env := func(db string) []string {
		return []string{"PLAYDRILL_DB=" + db, "PLAYDRILL_PLAYBOOK=" + book, "PLAYDRILL_LRS_USER=" + user, "PLAYDRILL_LRS_KEY=" + key}
	}
	push := func(db string) {
		t.Helper()
		_, stderr, code := run(t, "", []string{"export", "--lrs", endpoint, "--home-page", home}, env(db)...)
		if code != exitOK {
			t.Fatalf("push from %s: exit %d: %s", filepath.Base(db), code, stderr)
		}
	}
	seed(alice, "alice", 4, seedStart)
	seed(bob, "bob", 2, seedStart.Add(time.Hour))
	if _, stderr, code := run(t, ":flag Shippers ask about reefer plugs first\n:q\n", []string{"drill", "--plain"}, append(env(bob), "PLAYDRILL_REP=bob")...); code != exitOK {
		t.Fatalf("drill: %s", stderr)
	}
	push(alice)
	push(bob)

	write(lrsPlaybookEdits.Replace(lrsPlaybookV1))
	seed(alice, "alice", 3, seedStart.Add(72*time.Hour))
	seed(bob, "bob", 2, seedStart.Add(73*time.Hour))
	push(alice)
	push(bob)
	push(alice) // nothing new: still fine

	// Every statement the machines make is in the LRS, once.
	want := map[string]bool{}
	for _, db := range []string{alice, bob} {
		out, stderr, code := run(t, "", []string{"export", "--format", "xapi", "--home-page", home}, env(db)...)
		if code != exitOK {
			t.Fatalf("export: %s", stderr)
		}
		for _, id := range statementIDs(t, out) {
			want[id] = true
		}
	}
	lrs := &xapi.LRS{Endpoint: endpoint, User: user, Key: key}
	held := map[string]int{}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := lrs.ReadStatements(ctx, time.Time{}, func(s xapi.Statement) error {
		if strings.HasPrefix(s.Actor.Account.HomePage, home) {
			held[s.ID]++
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for id := range want {
		if held[id] != 1 {
			t.Errorf("statement %s is held %d times", id, held[id])
		}
	}
	for id := range held {
		if !want[id] {
			t.Errorf("the LRS holds %s, which no machine made", id)
		}
	}
	if len(want) < 20 {
		t.Errorf("only %d statements made", len(want))
	}

	// The manager reads the team back.
	out, stderr, code := run(t, "", []string{"import", "--lrs", endpoint, "--home-page", home}, env(manager)...)
	if code != exitOK || !strings.Contains(out, "reps: alice, bob") {
		t.Fatalf("import --lrs: exit %d, %q, %s", code, out, stderr)
	}
	got, wantReport := reportJSONWith(t, env(manager)), reportJSONWith(t, env(alice), env(bob))
	if got != wantReport {
		t.Errorf("report after import --lrs:\n%s\nwant:\n%s", got, wantReport)
	}
	fb, _, _ := run(t, "", []string{"feedback", "--format", "json"}, env(manager)...)
	if !strings.Contains(fb, "Shippers ask about reefer plugs first") {
		t.Errorf("feedback did not come back through the LRS: %s", fb)
	}
}

// statementIDs are the ids of a JSON array of statements.
func statementIDs(t *testing.T, out string) []string {
	t.Helper()
	var list []struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("not a statement array: %v", err)
	}
	ids := make([]string, len(list))
	for i, s := range list {
		ids[i] = s.ID
	}
	return ids
}
