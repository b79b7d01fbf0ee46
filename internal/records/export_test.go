package records

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/playdrill/playdrill/internal/records/recordstest"
)

func TestExportJSONL(t *testing.T) {
	var b bytes.Buffer
	counts, err := ExportJSONL(&b, recordstest.Fixture())
	if err != nil {
		t.Fatal(err)
	}
	if counts != (Counts{Attempts: 5, Completions: 1}) {
		t.Fatalf("exported %+v; want 5 attempts, 1 completion", counts)
	}
	golden.RequireEqual(t, b.Bytes())
	sc := bufio.NewScanner(&b)
	n := 0
	for sc.Scan() {
		n++
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("line %d: %v", n, err)
		}
		if m["type"] != TypeAttempt {
			continue
		}
		for _, k := range []string{"id", "rep", "card", "step", "kind", "at", "response", "score", "suggested", "rating", "cram", "hash"} {
			if _, ok := m[k]; !ok {
				t.Errorf("line %d lacks %q", n, k)
			}
		}
		if _, err := time.Parse(time.RFC3339, m["at"].(string)); err != nil {
			t.Errorf("line %d: at %v is not RFC 3339", n, m["at"])
		}
		if r := m["rating"].(float64); r < 1 || r > 4 {
			t.Errorf("line %d: rating %v", n, r)
		}
	}
	if n != 6 {
		t.Errorf("%d lines, want 6", n)
	}
}

func TestExportCSVReadBack(t *testing.T) {
	var b bytes.Buffer
	if _, err := ExportCSV(&b, recordstest.Fixture()); err != nil {
		t.Fatal(err)
	}
	golden.RequireEqual(t, b.Bytes())
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 7 || strings.Join(rows[0], ",") != strings.Join(ExportCSVHeader, ",") {
		t.Fatalf("rows = %d, header %v", len(rows), rows[0])
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	if got := rows[1][col["response"]]; !strings.Contains(got, "\"sales-ready\"\nsecond line") {
		t.Errorf("multi-line response read back as %q", got)
	}
	if got := rows[5][col["response"]]; got != "'=SUM(A1)" {
		t.Errorf("formula-like response = %q, want it defused", got)
	}
	if rows[6][col["type"]] != TypeCompletion || rows[6][col["step"]] != "qualify" {
		t.Errorf("completion row = %v", rows[6])
	}
}
