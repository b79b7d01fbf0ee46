package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/records/recordstest"
)

func feedbackFixture() []playbook.Feedback {
	day := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	return []playbook.Feedback{
		{ID: "f1", Rep: "bob", Card: "first-call/company-x", Hash: "h-first-call/company-x", Step: "first-call", At: day.Add(48 * time.Hour),
			Text: "Prospects say Company X onboards in days too.\nWe need another angle."},
		{ID: "f2", Rep: "alice", Card: "qualify/bought-list", Hash: "old-hash", Step: "qualify", At: day,
			Text: "Marketing calls these *hot* leads in emails [link](http://x)"},
		{ID: "f3", Rep: "carol", Card: "first-call/company-x", Hash: "h-first-call/company-x", Step: "first-call", At: day,
			Text: "=cmd|' /C calc'!A0"},
		{ID: "f4", Rep: "alice", Card: "retired/card", Hash: "h", Step: "retired", At: day, Text: "Nobody asks this any more"},
		{ID: "f5", Rep: "dave", Card: "qualify/result", Hash: "h-qualify/result", Step: "qualify", At: day, Text: "Clear."},
	}
}

func TestFeedbackGrouping(t *testing.T) {
	r := BuildFeedback(recordstest.Book(), feedbackFixture())
	var cards []string
	for _, c := range r.Cards {
		cards = append(cards, c.Card)
	}
	if got := strings.Join(cards, " "); got != "qualify/result qualify/bought-list first-call/company-x" {
		t.Errorf("cards in order %s, want playbook order", got)
	}
	if n := r.Cards[2].Notes; n[0].Rep != "carol" || n[1].Rep != "bob" {
		t.Errorf("notes not in time order: %+v", n)
	}
	if !r.Cards[1].Notes[0].Changed || r.Cards[0].Notes[0].Changed {
		t.Errorf("changed marks wrong: %+v %+v", r.Cards[1].Notes[0], r.Cards[0].Notes[0])
	}
	if len(r.Orphans) != 1 || r.Orphans[0].Card != "retired/card" || r.Orphans[0].InPlaybook {
		t.Errorf("orphans = %+v", r.Orphans)
	}
}

func TestFeedbackMarkdownGolden(t *testing.T) {
	var b bytes.Buffer
	if err := WriteFeedbackMarkdown(&b, BuildFeedback(recordstest.Book(), feedbackFixture())); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	golden.RequireEqual(t, out)
	if !strings.Contains(out, "(card changed since)") || !strings.Contains(out, "## Cards no longer in the playbook") {
		t.Errorf("markdown lacks the changed mark or the orphan section:\n%s", out)
	}
	if strings.Contains(out, "[link](") || strings.Contains(out, "*hot*") {
		t.Errorf("rep text became markup:\n%s", out)
	}
}

func TestFeedbackMarkdownEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := WriteFeedbackMarkdown(&b, BuildFeedback(recordstest.Book(), nil)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "No feedback yet.") {
		t.Errorf("empty report: %q", b.String())
	}
}

func TestFeedbackCSVAndJSON(t *testing.T) {
	r := BuildFeedback(recordstest.Book(), feedbackFixture())
	var c bytes.Buffer
	if err := WriteFeedbackCSV(&c, r); err != nil {
		t.Fatal(err)
	}
	golden.RequireEqual(t, c.Bytes())
	rows, err := csv.NewReader(&c).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 || rows[0][0] != "process" {
		t.Fatalf("%d rows: %v", len(rows), rows)
	}
	if rows[3][3] != "carol" || rows[3][7] != "'=cmd|' /C calc'!A0" {
		t.Errorf("row 3 = %v (formula must be defused)", rows[3])
	}
	if rows[4][7] != "Prospects say Company X onboards in days too.\nWe need another angle." {
		t.Errorf("multi-line comment read back as %q", rows[4][7])
	}
	var j bytes.Buffer
	if err := WriteFeedbackJSON(&j, r); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Feedback []jsonFeedback `json:"feedback"`
	}
	if err := json.Unmarshal(j.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Feedback) != 5 || doc.Feedback[4].InPlaybook || !doc.Feedback[1].CardChanged {
		t.Errorf("json feedback = %+v", doc.Feedback)
	}
}
