package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/records/recordstest"
)

// Feedback JSON carries a rep's comment as written, with the controls a
// terminal obeys escaped; the CSV defuses the ids from an imported file.
func TestFeedbackOutputsEscapeControls(t *testing.T) {
	list := []playbook.Feedback{{ID: "f", Rep: "rep\u202e", Card: "=card", Hash: "h", Step: "+step",
		At: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC), Text: "fine \u009b31m \u202eevil"}}
	r := BuildFeedback(recordstest.Book(), list)
	var j bytes.Buffer
	if err := WriteFeedbackJSON(&j, r); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(j.String(), "\u009b\u202e") || !strings.Contains(j.String(), `fine \u009b31m \u202eevil`) {
		t.Errorf("feedback JSON: %s", j.String())
	}
	var c bytes.Buffer
	if err := WriteFeedbackCSV(&c, r); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(c.String(), ",=card") || strings.Contains(c.String(), ",+step") || strings.ContainsAny(c.String(), "\u009b\u202e") {
		t.Errorf("feedback CSV: %q", c.String())
	}
}
