package records

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/playbook"
)

// line is an attempt line with the given fields changed.
func line(id string, change map[string]string) string {
	fields := map[string]string{"type": `"attempt"`, "id": `"` + id + `"`, "rep": `"ana"`, "card": `"qualify/result"`,
		"step": `"qualify"`, "kind": `"recall"`, "at": `"2026-01-02T03:04:05Z"`, "score": "0.5", "rating": "3", "response": `"an answer"`}
	for k, v := range change {
		fields[k] = v
	}
	var parts []string
	for _, k := range []string{"type", "id", "rep", "card", "step", "kind", "at", "score", "rating", "response", "duration_ms"} {
		if v, ok := fields[k]; ok {
			parts = append(parts, fmt.Sprintf("%q:%s", k, v))
		}
	}
	return "{" + strings.Join(parts, ",") + "}"
}

// What playdrill cannot record is refused at its FILE:LINE, whole file
// untouched, instead of being stored changed or refused without a line.
func TestImportRefusesWhatPlaydrillCannotRecordAtItsLine(t *testing.T) {
	cases := map[string]struct {
		bad  string
		want string
	}{
		"year 2300":      {line("b", map[string]string{"at": `"2300-06-01T00:00:00Z"`}), "outside the years 1900 to 2199"},
		"year 9999":      {line("b", map[string]string{"at": `"9999-12-31T23:59:59Z"`}), "outside the years 1900 to 2199"},
		"year 1":         {line("b", map[string]string{"at": `"0001-01-01T00:00:00Z"`}), "outside the years 1900 to 2199"},
		"endless answer": {line("b", map[string]string{"duration_ms": "9223372036854775807"}), "duration_ms 9223372036854775807 is more than"},
		"blank rep":      {line("b", map[string]string{"rep": `" "`}), `rep " ": a rep's name cannot be blank`},
		"huge answer":    {line("b", map[string]string{"response": `"` + strings.Repeat("x", playbook.MaxResponse+1) + `"`}), "more than the 2048 KB"},
		"changed repeat": {line("a", map[string]string{"score": "0.9"}), "attempt a appears again with other content (first at line 1)"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			src := line("a", nil) + "\n" + c.bad + "\n"
			_, err := ParseExport("team.jsonl", strings.NewReader(src))
			var perr *ParseError
			if !errors.As(err, &perr) || len(perr.Lines) != 1 || perr.Lines[0].Line != 2 || !strings.Contains(perr.Lines[0].Error(), "team.jsonl:2: ") || !strings.Contains(perr.Lines[0].Msg, c.want) {
				t.Errorf("got %v, want team.jsonl:2: ...%s", err, c.want)
			}
		})
	}
	// The same line twice is one attempt, not an error.
	f, err := ParseExport("team.jsonl", strings.NewReader(line("a", nil)+"\n"+line("a", nil)+"\n"))
	if err != nil || len(f.Attempts) != 1 {
		t.Errorf("a repeated identical line: %v", err)
	}
}

// Whatever the store accepts exports and imports back unchanged: the
// limits on answers, durations and times are the same on both sides.
func TestEveryStorableAttemptReimports(t *testing.T) {
	st := repStore("ana", 0, time.Time{})
	at := playbook.LatestTime.Add(-time.Second)
	a := playbook.Attempt{ID: "edge", Rep: "ana", Card: "qualify/result", Step: "qualify", Kind: playbook.KindRecall,
		At: at, Response: strings.Repeat("é", playbook.MaxResponse/2), Score: 1, Rating: playbook.Good, Duration: playbook.MaxDuration}
	if err := playbook.CheckAttempt(a); err != nil {
		t.Fatal(err)
	}
	st.AttemptList = append(st.AttemptList, a)
	f, err := ParseExport("x.jsonl", strings.NewReader(exportOf(t, st)))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Attempts) != 1 || !SameAttempt(f.Attempts[0], a) {
		t.Errorf("the attempt came back changed")
	}
}

// An attempt already stored under the same id with other content is
// reported, and the stored one kept.
func TestImportReportsIDStoredWithOtherContent(t *testing.T) {
	st := repStore("ana", 2, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	changed := st.AttemptList[0]
	changed.Response = "someone edited this"
	im := &Importer{Store: st, Rebuild: (&recordingRebuild{}).rebuild}
	res, err := im.Import(&ExportFile{Name: "x.jsonl", Attempts: []playbook.Attempt{changed, st.AttemptList[1]}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Conflicts) != 1 || res.Conflicts[0] != changed.ID || res.New != 0 {
		t.Errorf("conflicts %v, new %d", res.Conflicts, res.New)
	}
}
