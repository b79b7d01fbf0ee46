package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/records/recordstest"
)

var fixedNow = time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)

// teamFixture is a store with two reps and engines reporting fixed progress.
func teamFixture(t *testing.T) (*playbook.Playbook, *recordstest.Store, Options) {
	t.Helper()
	book := recordstest.Book()
	st := recordstest.NewStore()
	day := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)
	for i := 0; i < 7; i++ {
		st.AttemptList = append(st.AttemptList, playbook.Attempt{ID: "a" + string(rune('0'+i)), Rep: "alice", At: day.Add(time.Duration(i) * time.Hour)})
	}
	for i := 0; i < 2; i++ {
		st.AttemptList = append(st.AttemptList, playbook.Attempt{ID: "b" + string(rune('0'+i)), Rep: "bob", At: day.Add(-48 * time.Hour)})
	}
	engines := map[string]fakeEngine{
		"alice": {
			prog: progressFor(book, "alice",
				map[string]drill.Status{"qualify": drill.StatusDone, "first-call": drill.StatusInProgress, "close": drill.StatusLocked},
				map[string]float64{"qualify": 0.92, "first-call": 0.4}, day.Add(6*time.Hour)),
			weak: []drill.CardReport{
				{Card: recordstest.Card(book, "first-call/company-x"), State: playbook.CardState{Card: "first-call/company-x", Attempts: 2, LastScore: 0.5}, Retrievability: 0.31},
				{Card: recordstest.Card(book, "qualify/bought-list"), State: playbook.CardState{Card: "qualify/bought-list", Attempts: 3, LastScore: 0.8}, Retrievability: 0.77},
			},
		},
		"bob": {
			prog: progressFor(book, "bob",
				map[string]drill.Status{"qualify": drill.StatusChanged, "first-call": drill.StatusLocked, "close": drill.StatusLocked},
				map[string]float64{"qualify": 0.6}, day.Add(-48*time.Hour)),
		},
	}
	opt := Options{Now: func() time.Time { return fixedNow }, Engine: func(rep string) Progressor { return engines[rep] }}
	return book, st, opt
}

func buildAll(t *testing.T) *Report {
	t.Helper()
	book, st, opt := teamFixture(t)
	r, err := Build(book, st, nil, opt)
	if err != nil {
		t.Fatal(err)
	}
	if st.AttemptsCalls != 0 {
		t.Fatalf("Build scanned attempts %d time(s); a report must read states and totals only", st.AttemptsCalls)
	}
	return r
}

func TestBuildTeamTotals(t *testing.T) {
	r := buildAll(t)
	if len(r.Reps) != 2 || r.Reps[0].Name != "alice" || r.Reps[1].Name != "bob" {
		t.Fatalf("reps = %+v", r.Reps)
	}
	if r.Reps[0].Attempts != 7 || r.Reps[1].Attempts != 2 {
		t.Errorf("attempts = %d, %d; want 7, 2 from the store's totals", r.Reps[0].Attempts, r.Reps[1].Attempts)
	}
	want := map[string]float64{"qualify": 0.5, "first-call": 0, "close": 0}
	for _, s := range r.Team.Steps {
		if s.Share != want[s.ID] {
			t.Errorf("team share of %s = %v, want %v", s.ID, s.Share, want[s.ID])
		}
	}
	if got := r.Team.Processes[0].DoneShare; got != 0.5 {
		t.Errorf("marketing done share = %v, want 0.5", got)
	}
}

func TestBuildUnknownRep(t *testing.T) {
	book, st, opt := teamFixture(t)
	_, err := Build(book, st, []string{"carol"}, opt)
	if playbook.ErrorCode(err) != playbook.ENotFound {
		t.Fatalf("err = %v, want a not-found error", err)
	}
	for _, want := range []string{`"carol"`, "alice", "bob"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %s", err, want)
		}
	}
}

func TestBuildOneRep(t *testing.T) {
	book, st, opt := teamFixture(t)
	r, err := Build(book, st, []string{"bob"}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Reps) != 1 || r.Reps[0].Name != "bob" || r.Team.Reps != 1 {
		t.Fatalf("report of bob = %+v", r)
	}
}

func TestJSONGolden(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, buildAll(t)); err != nil {
		t.Fatal(err)
	}
	golden.RequireEqual(t, b.Bytes())
	checkJSONContract(t, b.Bytes())
}

// checkJSONContract checks the parts of the JSON report the contract fixes.
func checkJSONContract(t *testing.T, data []byte) {
	t.Helper()
	var doc struct {
		Reps []struct {
			Rep      *string `json:"rep"`
			Attempts *int    `json:"attempts"`
			Steps    []struct {
				ID        *string  `json:"id"`
				Process   *string  `json:"process"`
				Status    *string  `json:"status"`
				Readiness *float64 `json:"readiness"`
			} `json:"steps"`
		} `json:"reps"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Reps == nil {
		t.Fatal("no reps array")
	}
	statuses := map[string]bool{"locked": true, "new": true, "in-progress": true, "done": true, "changed": true}
	for _, r := range doc.Reps {
		if r.Rep == nil || r.Attempts == nil || r.Steps == nil {
			t.Fatalf("rep entry lacks rep, attempts or steps")
		}
		for _, s := range r.Steps {
			if s.ID == nil || s.Process == nil || s.Status == nil || s.Readiness == nil {
				t.Fatalf("step of %s lacks a field", *r.Rep)
			}
			if !statuses[*s.Status] || *s.Readiness < 0 || *s.Readiness > 1 {
				t.Errorf("step %s: status %q readiness %v", *s.ID, *s.Status, *s.Readiness)
			}
		}
	}
}

func TestCSVGolden(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCSV(&b, buildAll(t)); err != nil {
		t.Fatal(err)
	}
	golden.RequireEqual(t, b.Bytes())
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != strings.Join(CSVHeader, ",") {
		t.Errorf("header = %v", rows[0])
	}
	if len(rows) != 1+2*3 {
		t.Fatalf("%d rows, want a header and 6 rep-step rows", len(rows))
	}
	if rows[1][0] != "alice" || rows[1][2] != "qualify" || rows[1][4] != "done" || rows[1][5] != "0.92" {
		t.Errorf("first row = %v", rows[1])
	}
}

func TestTableGolden(t *testing.T) {
	r := buildAll(t)
	for _, width := range []int{80, 60} {
		t.Run(map[int]string{80: "w80", 60: "w60"}[width], func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteTable(&b, r, TableOptions{Width: width}); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			if strings.Contains(out, "\x1b") {
				t.Error("colourless table has escape sequences")
			}
			for i, line := range strings.Split(out, "\n") {
				if w := ansi.StringWidth(line); w > width {
					t.Errorf("line %d is %d wide, more than %d: %q", i+1, w, width, line)
				}
				if strings.HasPrefix(line, "┌") && !strings.HasSuffix(line, "┐") {
					t.Errorf("line %d: table cut at the right edge: %q", i+1, line)
				}
			}
			if strings.Contains(out, "…") {
				t.Errorf("a cell is cut at %d columns:\n%s", width, out)
			}
			golden.RequireEqual(t, b.Bytes())
		})
	}
}

// One rep gets their steps in full and the questions they find hardest,
// and nothing else; a team gets a line per rep with a mark per step, so
// twenty reps still fit a screen, then the team's totals.
func TestTableOneRepOrTeam(t *testing.T) {
	book, st, opt := teamFixture(t)
	one, err := Build(book, st, []string{"alice"}, opt)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteTable(&b, one, TableOptions{Width: 100}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.Contains(out, "alice: readiness 44%, 1 of 3 steps done") || !strings.Contains(out, "│ Status") ||
		strings.Contains(out, "One mark per step") || strings.Contains(out, "Team:") || strings.Contains(out, "bob") {
		t.Errorf("one rep's report:\n%s", out)
	}
	// The cards to work on are named by their questions, not their ids.
	for _, id := range []string{"first-call/company-x", "qualify/bought-list"} {
		c := recordstest.Card(book, id)
		if !strings.Contains(out, c.Prompt[:20]) || strings.Contains(out, id) {
			t.Errorf("card %s: want its question %q, not its id:\n%s", id, c.Prompt, out)
		}
	}
	if strings.Contains(out, "Recall") {
		t.Errorf("the report still shows recall beside the score:\n%s", out)
	}
	b.Reset()
	if err := WriteTable(&b, buildAll(t), TableOptions{Width: 100}); err != nil {
		t.Fatal(err)
	}
	out = b.String()
	if strings.Contains(out, "│ Status") || !strings.Contains(out, "One mark per step") || !strings.Contains(out, "Team: 2 reps") {
		t.Errorf("team table:\n%s", out)
	}
	for _, line := range []string{"│ alice │", "│ bob   │"} {
		if strings.Count(out, line) != 1 {
			t.Errorf("want exactly one line starting %q:\n%s", line, out)
		}
	}
}

// No cell of a report is left blank: process rows carry their steps' sums
// and the team's step rows their readiness.
func TestTableNoBlankCells(t *testing.T) {
	book, st, opt := teamFixture(t)
	one, err := Build(book, st, []string{"alice"}, opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []*Report{one, buildAll(t)} {
		var b bytes.Buffer
		// Wide enough that no cell wraps onto a second line.
		if err := WriteTable(&b, r, TableOptions{Width: 300}); err != nil {
			t.Fatal(err)
		}
		for line := range strings.SplitSeq(b.String(), "\n") {
			if !strings.HasPrefix(line, "│") {
				continue
			}
			cells := strings.Split(strings.Trim(line, "│"), "│")
			for i, c := range cells {
				if strings.TrimSpace(c) == "" {
					t.Errorf("blank cell %d in %q", i+1, line)
				}
			}
		}
	}
}

func TestTableColor(t *testing.T) {
	var b bytes.Buffer
	if err := WriteTable(&b, buildAll(t), TableOptions{Width: 100, Color: true}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "\x1b[") {
		t.Fatal("coloured table has no styling")
	}
	var plain bytes.Buffer
	if err := WriteTable(&plain, buildAll(t), TableOptions{Width: 100}); err != nil {
		t.Fatal(err)
	}
	if ansi.Strip(b.String()) != plain.String() {
		t.Error("colour changes the table's text")
	}
}

// Cram answers are counted apart from the answers the steps count, so
// the headline and the step rows agree.
func TestTableCountsCramApart(t *testing.T) {
	r := &Report{Playbook: "P", Reps: []Rep{{Name: "ana", Attempts: 1}}, Team: Team{Reps: 1}}
	var b bytes.Buffer
	if err := WriteTable(&b, r, TableOptions{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "1 answer in drills, the last on") || strings.Contains(b.String(), "cram") {
		t.Errorf("one answer:\n%s", b.String())
	}
	r.Reps[0] = Rep{Name: "ana", Attempts: 5, Cram: 3, LastAt: fixedNow, Steps: []StepRow{{ID: "s", Process: "p", Attempts: 2, Status: drill.StatusInProgress}}, Processes: []ProcessRow{{ID: "p", Title: "Proc"}}}
	b.Reset()
	if err := WriteTable(&b, r, TableOptions{}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.Contains(out, "2 answers in drills and 3 in cram sessions (not counted per step)") || !strings.Contains(out, "│ Proc │ 0/0 done    │ 0%    │ 2       │ never │") {
		t.Errorf("cram apart:\n%s", out)
	}
}

func TestTableEmptyTeam(t *testing.T) {
	book := recordstest.Book()
	r, err := Build(book, recordstest.NewStore(), nil, Options{Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteTable(&b, r, TableOptions{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "No progress to report") || strings.Contains(b.String(), "Team") {
		t.Errorf("empty report:\n%s", b.String())
	}
}
