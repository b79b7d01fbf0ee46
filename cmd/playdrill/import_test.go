package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestImportNeedsFiles(t *testing.T) {
	_, stderr, code := run(t, "", []string{"import"})
	if code != exitUsage || !strings.Contains(stderr, "import needs one or more FILEs written by 'playdrill export --format jsonl'") ||
		!strings.Contains(stderr, "Run 'playdrill import --help' for usage.") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// exportTo exports db as JSON lines to a file and returns its path.
func exportTo(t *testing.T, db, name string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	_, stderr, code := run(t, "", []string{"export", "--format", "jsonl", "-o", path}, "PLAYDRILL_DB="+db)
	if code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("export file mode %v, want 0600", info.Mode().Perm())
	}
	return path
}

// attemptsIn counts the attempts per rep in db through report --all.
func attemptsIn(t *testing.T, db string) map[string]int {
	t.Helper()
	out, stderr, code := run(t, "", []string{"report", "--all", "--format", "json"}, "PLAYDRILL_DB="+db)
	if code != 0 {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
	var doc struct {
		Reps []struct {
			Rep      string `json:"rep"`
			Attempts int    `json:"attempts"`
		} `json:"reps"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, r := range doc.Reps {
		counts[r.Rep] = r.Attempts
	}
	return counts
}

func TestImportMergesExports(t *testing.T) {
	dir := t.TempDir()
	dbA, dbB, dbC := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db"), filepath.Join(dir, "c.db")
	na := seedRep(t, dbA, "alice", 8, seedStart)
	nb := seedRep(t, dbB, "bob", 5, seedStart.Add(time.Hour))
	fileA, fileB := exportTo(t, dbA, "alice.jsonl"), exportTo(t, dbB, "bob.jsonl")

	out, stderr, code := run(t, "", []string{"import", fileA, fileB}, "PLAYDRILL_DB="+dbC)
	if code != 0 {
		t.Fatalf("import: exit %d: %s", code, stderr)
	}
	for _, want := range []string{fmt.Sprintf("alice.jsonl: %d attempts, %d new", na, na), fmt.Sprintf("bob.jsonl: %d attempts, %d new", nb, nb)} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	if got := attemptsIn(t, dbC); got["alice"] != na || got["bob"] != nb {
		t.Errorf("merged database has %v, want alice %d and bob %d", got, na, nb)
	}
	// The rebuilt state gives the same report as where the attempts were made.
	ra, _, _ := run(t, "", []string{"report", "--rep", "alice", "--format", "csv"}, "PLAYDRILL_DB="+dbA)
	rc, _, _ := run(t, "", []string{"report", "--rep", "alice", "--format", "csv"}, "PLAYDRILL_DB="+dbC)
	if statusColumns(t, ra) != statusColumns(t, rc) {
		t.Errorf("alice's progress differs after import:\nsource:\n%s\nmerged:\n%s", ra, rc)
	}

	out, _, code = run(t, "", []string{"import", fileA}, "PLAYDRILL_DB="+dbC)
	if code != 0 || !strings.Contains(out, "0 new") {
		t.Errorf("second import: exit %d, %s", code, out)
	}
	if got := attemptsIn(t, dbC); got["alice"] != na || got["bob"] != nb {
		t.Errorf("second import changed the database: %v", got)
	}
}

func TestImportBadLineImportsNothing(t *testing.T) {
	dir := t.TempDir()
	dbA, dbC := filepath.Join(dir, "a.db"), filepath.Join(dir, "c.db")
	seedRep(t, dbA, "alice", 4, seedStart)
	data, err := os.ReadFile(exportTo(t, dbA, "alice.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	lines[1] = strings.Replace(lines[1], `"rating":`, `"rating":7,"x":`, 1)
	bad := filepath.Join(dir, "bad.jsonl")
	if err := os.WriteFile(bad, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	seedRep(t, dbC, "carol", 2, seedStart)
	out, stderr, code := run(t, "", []string{"import", bad}, "PLAYDRILL_DB="+dbC)
	if code != exitFailure {
		t.Fatalf("exit %d, want 1; stdout %q stderr %q", code, out, stderr)
	}
	if !strings.Contains(stderr, bad+":2: ") || !strings.Contains(stderr, "rating 7") || !strings.Contains(stderr, "nothing imported") {
		t.Errorf("stderr %q does not name the bad line", stderr)
	}
	if got := attemptsIn(t, dbC); got["alice"] != 0 || got["carol"] != 2 {
		t.Errorf("a bad file changed the database: %v", got)
	}
	_, stderr, code = run(t, "", []string{"import", filepath.Join(dir, "missing.jsonl")}, "PLAYDRILL_DB="+dbC)
	if code != exitFailure || !strings.Contains(stderr, "missing.jsonl") {
		t.Errorf("missing file: exit %d, stderr %q", code, stderr)
	}
}

// statusColumns keeps rep, step, status and attempts of a CSV report: what
// must survive a rebuild exactly (readiness moves with the clock).
func statusColumns(t *testing.T, report string) string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(report)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintln(&b, r[0], r[2], r[4], r[6])
	}
	return b.String()
}

// Rep names in an import file are untrusted: the summary prints them
// without their escape sequences.
func TestImportSummarySanitisesRepNames(t *testing.T) {
	dir := t.TempDir()
	evil := "eve\x1b]0;owned\x07"
	seedRep(t, filepath.Join(dir, "a.db"), evil, 1, seedStart)
	file := exportTo(t, filepath.Join(dir, "a.db"), "eve.jsonl")
	out, stderr, code := run(t, "", []string{"import", file}, "PLAYDRILL_DB="+filepath.Join(dir, "c.db"))
	if code != 0 {
		t.Fatalf("import: exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "1 attempt, 1 new") || !strings.Contains(out, "eve") {
		t.Errorf("summary %q", out)
	}
	if strings.ContainsAny(out, "\x1b\x07") {
		t.Errorf("summary carries escapes: %q", out)
	}
}

// Feedback a rep gives on one machine appears in 'playdrill feedback' on
// another after export and import, once however often it is imported.
func TestFeedbackTravelsByExportAndImport(t *testing.T) {
	dir := t.TempDir()
	laptop, office := filepath.Join(dir, "laptop.db"), filepath.Join(dir, "office.db")
	if _, stderr, code := run(t, ":flag Prospects ask about price first\n:q\n", []string{"drill", "--plain"}, "PLAYDRILL_DB="+laptop, "PLAYDRILL_REP=alice"); code != exitOK {
		t.Fatalf("drill: exit %d: %s", code, stderr)
	}
	file := filepath.Join(dir, "alice.jsonl")
	if _, stderr, code := run(t, "", []string{"export", "-o", file}, "PLAYDRILL_DB="+laptop); code != exitOK || !strings.Contains(stderr, "1 feedback note") {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	for round := 0; round < 2; round++ {
		out, stderr, code := run(t, "", []string{"import", file}, "PLAYDRILL_DB="+office)
		if want := fmt.Sprintf("1 feedback note, %d new", 1-round); code != exitOK || !strings.Contains(out, want) {
			t.Fatalf("import %d: exit %d, out %q, stderr %q; want %q", round, code, out, stderr, want)
		}
	}
	out, stderr, code := run(t, "", []string{"feedback", "--format", "json"}, "PLAYDRILL_DB="+office)
	if code != exitOK || strings.Count(out, "Prospects ask about price first") != 1 || !strings.Contains(out, "alice") {
		t.Errorf("feedback on the office machine: exit %d, %q %q", code, out, stderr)
	}
}

// The team read back from the LRS: two reps push from their machines
// (one with feedback), and import --lrs into an empty database gives the
// same report as the pushing machines; importing again adds nothing.
func TestImportFromLRSReproducesTheReport(t *testing.T) {
	lrs, ts := newFakeLRS(t)
	dir := t.TempDir()
	alice, bob, manager := filepath.Join(dir, "alice.db"), filepath.Join(dir, "bob.db"), filepath.Join(dir, "manager.db")
	seedRep(t, alice, "alice", 12, seedStart)
	seedRep(t, bob, "bob", 5, seedStart.Add(time.Hour))
	if _, stderr, code := run(t, ":flag Prospects ask about price first\n:q\n", []string{"drill", "--plain"}, "PLAYDRILL_DB="+bob, "PLAYDRILL_REP=bob"); code != exitOK {
		t.Fatalf("drill: %s", stderr)
	}
	creds := []string{"PLAYDRILL_LRS_USER=u", "PLAYDRILL_LRS_KEY=k"}
	for _, db := range []string{alice, bob} {
		if _, stderr, code := run(t, "", []string{"export", "--lrs", ts.URL + "/xapi"}, append(creds, "PLAYDRILL_DB="+db)...); code != exitOK {
			t.Fatalf("push: %s", stderr)
		}
	}
	stored, conflicts := lrs.count()
	if conflicts != 0 || stored < 30 {
		t.Fatalf("the LRS holds %d statements, %d conflicts", stored, conflicts)
	}
	for round := 0; round < 2; round++ {
		out, stderr, code := run(t, "", []string{"import", "--lrs", ts.URL + "/xapi"}, append(creds, "PLAYDRILL_DB="+manager)...)
		if code != exitOK {
			t.Fatalf("import --lrs: exit %d: %s", code, stderr)
		}
		if want := fmt.Sprintf("%d statements read", stored); !strings.Contains(out, want) || !strings.Contains(out, "reps: alice, bob") {
			t.Errorf("round %d: %q, want %q", round, out, want)
		}
		if round == 1 && !strings.Contains(out, " 0 new") {
			t.Errorf("importing again added records: %q", out)
		}
	}
	want := reportJSON(t, alice, bob)
	got := reportJSON(t, manager)
	if got != want {
		t.Errorf("report after import --lrs:\n%s\nwant (the pushing machines):\n%s", got, want)
	}
	out, _, _ := run(t, "", []string{"feedback", "--format", "json"}, "PLAYDRILL_DB="+manager)
	if !strings.Contains(out, "Prospects ask about price first") {
		t.Errorf("feedback did not come back: %s", out)
	}
}

// reportJSON is report --all --format json over the databases' reps, each
// rep's object taken from the machine it drilled on.
func reportJSON(t *testing.T, dbs ...string) string {
	t.Helper()
	envs := make([][]string, len(dbs))
	for i, db := range dbs {
		envs[i] = []string{"PLAYDRILL_DB=" + db}
	}
	return reportJSONWith(t, envs...)
}

// reportJSONWith is reportJSON with each machine's environment.
func reportJSONWith(t *testing.T, envs ...[]string) string {
	t.Helper()
	var reps []json.RawMessage
	for _, env := range envs {
		out, stderr, code := run(t, "", []string{"report", "--all", "--format", "json"}, env...)
		if code != exitOK {
			t.Fatalf("report: %s", stderr)
		}
		var r struct {
			Reps []json.RawMessage `json:"reps"`
		}
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatalf("report JSON: %v", err)
		}
		reps = append(reps, r.Reps...)
	}
	data, _ := json.MarshalIndent(reps, "", " ")
	return string(data)
}

// An LRS that breaks down part way (garbage, or no answer within
// --timeout) ends the import with exit 1, saying how much was merged;
// what was merged is consistent, and importing again completes it.
func TestImportFromLRSThatBreaksPartWay(t *testing.T) {
	for _, hang := range []bool{false, true} {
		lrs, ts := newFakeLRS(t)
		dir := t.TempDir()
		alice, manager := filepath.Join(dir, "alice.db"), filepath.Join(dir, "manager.db")
		seedRep(t, alice, "alice", 10, seedStart)
		creds := []string{"PLAYDRILL_LRS_USER=u", "PLAYDRILL_LRS_KEY=k"}
		if _, stderr, code := run(t, "", []string{"export", "--lrs", ts.URL + "/xapi"}, append(creds, "PLAYDRILL_DB="+alice)...); code != exitOK {
			t.Fatalf("push: %s", stderr)
		}
		lrs.mu.Lock()
		lrs.brokenFrom, lrs.hang = 7, hang
		lrs.mu.Unlock()
		start := time.Now()
		out, stderr, code := run(t, "", []string{"import", "--lrs", ts.URL + "/xapi", "--timeout", "1s"}, append(creds, "PLAYDRILL_DB="+manager)...)
		want := "not a page of xAPI statements"
		if hang {
			want = "did not answer in time"
		}
		if code != exitFailure || !strings.Contains(stderr, want) || !strings.Contains(stderr, "the read stopped part way") ||
			!strings.Contains(out, "7 statements read") {
			t.Errorf("hang %v: exit %d, out %q, stderr %q", hang, code, out, stderr)
		}
		// --timeout 1s against a default of 5 minutes: a loose bound tells
		// them apart, and a loaded machine cannot fail it.
		if took := time.Since(start); took > time.Minute {
			t.Errorf("hang %v: gave up after %v", hang, took)
		}
		lrs.mu.Lock()
		lrs.brokenFrom = 0
		lrs.mu.Unlock()
		if _, stderr, code := run(t, "", []string{"import", "--lrs", ts.URL + "/xapi"}, append(creds, "PLAYDRILL_DB="+manager)...); code != exitOK {
			t.Fatalf("import again: %s", stderr)
		}
		if got, want := reportJSON(t, manager), reportJSON(t, alice); got != want {
			t.Errorf("hang %v: after importing again the report differs:\n%s\nwant\n%s", hang, got, want)
		}
	}
}
