package main

import (
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/markdown"
	"github.com/playdrill/playdrill/playbooks"
)

func TestFeedbackBadFormat(t *testing.T) {
	_, stderr, code := run(t, "", []string{"feedback", "--format", "pdf"})
	if code != exitUsage || !strings.Contains(stderr, `--format "pdf"`) {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestFeedbackCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "progress.db")
	book, _, err := markdown.Load(playbooks.FS, playbooks.Root)
	if err != nil {
		t.Fatal(err)
	}
	store := openForSeeding(t, db)
	cards := book.Cards()
	last := cards[len(cards)-1]
	eng := drill.New(book, store, drill.Options{Rep: "alice"})
	if err := eng.Feedback(cards[0], "Prospects never ask this \x1b[31mred"); err != nil {
		t.Fatal(err)
	}
	if err := drill.New(book, store, drill.Options{Rep: "bob"}).Feedback(last, "=Works, but *shorter* please"); err != nil {
		t.Fatal(err)
	}
	store.Close()
	env := "PLAYDRILL_DB=" + db

	out, stderr, code := run(t, "", []string{"feedback"}, env)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"**alice**", "Prospects never ask this", "**bob**", `\*shorter\*`, cards[0].ID} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b") {
		t.Errorf("escape sequence reached the output:\n%q", out)
	}
	if strings.Index(out, "**alice**") > strings.Index(out, "**bob**") {
		t.Error("feedback not in playbook order")
	}

	out, _, code = run(t, "", []string{"feedback", "--format", "csv"}, env)
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || err != nil || len(rows) != 3 || rows[2][7] != "'=Works, but *shorter* please" {
		t.Errorf("csv: exit %d, err %v, rows %q", code, err, rows)
	}
	out, _, code = run(t, "", []string{"feedback", "--format", "json"}, env)
	var doc struct {
		Feedback []struct{ Rep, Card, Comment string } `json:"feedback"`
	}
	if err := json.Unmarshal([]byte(out), &doc); code != 0 || err != nil || len(doc.Feedback) != 2 || doc.Feedback[0].Card != cards[0].ID {
		t.Errorf("json: exit %d, err %v, %+v", code, err, doc)
	}
}
