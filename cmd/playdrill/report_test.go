package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/playdrill/playdrill/internal/boltdb"
	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/grade"
	"github.com/playdrill/playdrill/internal/markdown"
	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/playbooks"
)

func TestReportUsageErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"report", "--format", "xml"}, `--format "xml"`},
		{[]string{"report", "--rep", "alice", "--all"}, "--rep and --all"},
		{[]string{"report", "extra"}, "unknown command"},
	} {
		_, stderr, code := run(t, "", c.args)
		if code != exitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 mentioning %q", c.args, code, stderr, c.want)
		}
	}
}

// seedRep drills rep through up to n cards of today's queue in the
// database at db, answering with the model answers, on a clock that moves a
// minute per card from start. It returns the number of attempts recorded.
func seedRep(t *testing.T, db, rep string, n int, start time.Time) int {
	t.Helper()
	book, _, err := markdown.Load(playbooks.FS, playbooks.Root)
	if err != nil {
		t.Fatal(err)
	}
	return seedRepOn(t, book, db, rep, n, start)
}

// seedRepOn is seedRep on book.
func seedRepOn(t *testing.T, book *playbook.Playbook, db, rep string, n int, start time.Time) int {
	t.Helper()
	store := openForSeeding(t, db)
	defer store.Close()
	now := start
	eng := drill.New(book, store, drill.Options{Rep: rep, Now: func() time.Time { return now }})
	done := 0
	for done < n {
		queue, err := eng.Queue(drill.Selection{})
		if err != nil {
			t.Fatal(err)
		}
		if len(queue) == 0 {
			break
		}
		for _, c := range queue {
			if done == n {
				break
			}
			ans := grade.Answer{Text: c.Answer, Picks: c.Correct}
			if c.Kind == playbook.KindOrder {
				ans.Picks = nil
				for i := range c.Items {
					ans.Picks = append(ans.Picks, i)
				}
			}
			r := eng.Grade(c, ans)
			rating := r.Suggested
			if !rating.Valid() {
				rating = playbook.Good
			}
			if _, err := eng.Record(c, ans, r, rating, false, 5*time.Second); err != nil {
				t.Fatal(err)
			}
			done++
			now = now.Add(time.Minute)
		}
		now = now.Add(24 * time.Hour)
	}
	return done
}

var seedStart = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func TestReportAfterDrilling(t *testing.T) {
	db := filepath.Join(t.TempDir(), "progress.db")
	na := seedRep(t, db, "alice", 6, seedStart)
	nb := seedRep(t, db, "bob", 3, seedStart)
	env := []string{"PLAYDRILL_DB=" + db}

	out, stderr, code := run(t, "", []string{"report", "--format", "json", "--all"}, env...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct {
		Reps []struct {
			Rep      string `json:"rep"`
			Attempts int    `json:"attempts"`
			Steps    []struct {
				ID, Process, Status string
				Readiness           float64
			} `json:"steps"`
		} `json:"reps"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(doc.Reps) != 2 || doc.Reps[0].Rep != "alice" || doc.Reps[0].Attempts != na || doc.Reps[1].Attempts != nb {
		t.Fatalf("reps = %+v, want alice %d and bob %d attempts", doc.Reps, na, nb)
	}
	statuses := map[string]bool{"locked": true, "new": true, "in-progress": true, "done": true, "changed": true}
	for _, r := range doc.Reps {
		if len(r.Steps) == 0 {
			t.Fatalf("%s has no steps", r.Rep)
		}
		for _, s := range r.Steps {
			if !statuses[s.Status] || s.Readiness < 0 || s.Readiness > 1 || s.ID == "" || s.Process == "" {
				t.Errorf("%s: step %+v", r.Rep, s)
			}
		}
	}

	out, _, code = run(t, "", []string{"report", "--format", "json"}, append(env, "PLAYDRILL_REP=bob")...)
	if code != 0 || !strings.Contains(out, `"rep": "bob"`) || strings.Contains(out, `"rep": "alice"`) {
		t.Errorf("current rep report: exit %d\n%s", code, out)
	}

	out, _, code = run(t, "", []string{"report", "--format", "csv", "--all"}, env...)
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || err != nil || len(rows) != 1+len(doc.Reps[0].Steps)*2 || rows[0][0] != "rep" {
		t.Errorf("csv: exit %d, err %v, %d rows", code, err, len(rows))
	}

	out, _, code = run(t, "", []string{"report", "--rep", "alice"}, env...)
	// One table per request: the rep asked for, and no team table.
	if code != 0 || strings.Contains(out, "\x1b") || !strings.Contains(out, "alice: ") || strings.Contains(out, "Team") || strings.Contains(out, "bob") {
		t.Errorf("table: exit %d\n%s", code, out)
	}
	for _, line := range strings.Split(out, "\n") {
		if ansi.StringWidth(line) > 80 {
			t.Errorf("line wider than 80 columns off a terminal: %q", line)
		}
	}

	// The rep running playdrill has not drilled: one sentence, exit 0.
	out, stderr, code = run(t, "", []string{"report"}, append(env, "PLAYDRILL_REP=")...)
	if code != 0 || stderr != "" || strings.Count(out, "\n") != 1 || !strings.Contains(out, "reps with records: alice, bob") {
		t.Errorf("report by a rep with no records: exit %d, stdout %q, stderr %q", code, out, stderr)
	}

	_, stderr, code = run(t, "", []string{"report", "--rep", "carol"}, env...)
	if code != exitFailure || !strings.Contains(stderr, `"carol"`) || !strings.Contains(stderr, "alice, bob") {
		t.Errorf("unknown rep: exit %d, stderr %q", code, stderr)
	}
}

// openForSeeding opens a database to seed it for a test.
func openForSeeding(t *testing.T, db string) *boltdb.DB {
	t.Helper()
	store, err := boltdb.Open(db, boltdb.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return store
}

// Commands that only read the database read a missing one as empty, say
// so once, exit 0, and leave no new file where --db pointed.
func TestReadingCommandsDoNotCreateTheDatabase(t *testing.T) {
	cases := []struct {
		args   []string
		stdout string
		stderr string
	}{
		{[]string{"report", "--all", "--format", "json"}, `"reps": []`, "No progress to report: nothing has been drilled or imported in "},
		{[]string{"report", "--rep", "ana"}, "No progress to report: nothing has been drilled or imported in ", ""},
		{[]string{"report"}, "No progress to report: nothing has been drilled or imported in ", ""},
		{[]string{"feedback"}, "No feedback yet.", "no progress database at "},
		{[]string{"export", "--format", "jsonl"}, "", "no progress database at "},
	}
	for _, c := range cases {
		db := filepath.Join(t.TempDir(), "typo", "progres.db")
		stdout, stderr, code := run(t, "", c.args, "PLAYDRILL_DB="+db)
		if code != exitOK || !strings.Contains(stdout, c.stdout) || (c.stderr == "") != (stderr == "") || !strings.Contains(stderr, c.stderr) ||
			!strings.Contains(stdout+stderr, db) || strings.Count(stdout+stderr, db) != 1 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", c.args, code, stdout, stderr)
		}
		if c.stdout == "" && stdout != "" {
			t.Errorf("%v wrote %q for no progress", c.args, stdout)
		}
		if _, err := os.Stat(filepath.Dir(db)); !os.IsNotExist(err) {
			t.Errorf("%v created %s (stat: %v)", c.args, filepath.Dir(db), err)
		}
	}
}

// The reading commands open the database read-only: they run beside a
// backup (which holds it read-only too) instead of waiting for it and
// failing as if another drill had it.
func TestReadingCommandsRunBesideAReadOnlyHolder(t *testing.T) {
	db := filepath.Join(t.TempDir(), "progress.db")
	if _, stderr, code := run(t, "x\n3\n:q\n", []string{"drill", "--plain"}, "PLAYDRILL_DB="+db, "PLAYDRILL_REP=ana"); code != exitOK {
		t.Fatalf("drill: exit %d, %s", code, stderr)
	}
	holder, err := boltdb.Open(db, boltdb.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	for _, args := range [][]string{
		{"report", "--rep", "ana"},
		{"export", "--format", "jsonl"},
		{"feedback"},
	} {
		stdout, stderr, code := run(t, "", args, "PLAYDRILL_DB="+db)
		if code != exitOK || stdout == "" {
			t.Errorf("%v beside a read-only holder: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
		}
	}
}
