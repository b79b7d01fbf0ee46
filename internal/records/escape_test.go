package records

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/records/recordstest"
)

// Ids, versions and hashes come from playbooks and imported files as much
// as answers do: no CSV cell starts a formula or holds a control, and the
// JSON lines carry no raw C1 or bidi control.
func TestExportsCarryNoFormulaOrControl(t *testing.T) {
	st := recordstest.NewStore()
	st.AttemptList = append(st.AttemptList, playbook.Attempt{ID: "=1+1", Rep: "@rep", Card: "+card", Step: "-step",
		Process: "=HYPERLINK(\"http://x\")", Kind: playbook.KindRecall, Hash: "@hash", PlaybookVersion: "\x1b]52;c;eA==\x07=2026",
		At: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Response: "ok \u009b31m \u202e", Score: 1, Rating: playbook.Good})
	var c bytes.Buffer
	if _, err := ExportCSV(&c, st); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&c).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		for _, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("cell %q starts a formula", cell)
			}
			if strings.ContainsAny(cell, "\x1b\x07\u009b\u202e") {
				t.Errorf("cell %q holds a control", cell)
			}
		}
	}
	var j bytes.Buffer
	if _, err := ExportJSONL(&j, st); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(j.String(), "\x1b\x07\u009b\u202e") || !strings.Contains(j.String(), `\u009b`) {
		t.Errorf("JSON lines: %q", j.String())
	}
}
