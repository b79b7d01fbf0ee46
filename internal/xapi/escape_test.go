package xapi

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/records/recordstest"
)

// Statements carry answers, rep names and titles: none of their C1 or bidi
// controls is written raw, and a name reads back unchanged.
func TestStatementsEscapeControls(t *testing.T) {
	st := recordstest.NewStore()
	hostile := "ok \u009b31m \u202ereversed"
	st.AttemptList = append(st.AttemptList, playbook.Attempt{ID: "a1", Rep: "rep\u202e", Card: "qualify/result", Step: "qualify",
		Process: "marketing", Kind: playbook.KindRecall, At: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		Response: hostile, Score: 1, Rating: playbook.Good})
	var b bytes.Buffer
	if _, err := ExportXAPI(&b, st, XAPIOptions{Book: recordstest.Book()}); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(b.String(), "\u009b\u202e") {
		t.Fatalf("raw controls in statements: %q", b.String())
	}
	var list []map[string]any
	if err := json.Unmarshal(b.Bytes(), &list); err != nil {
		t.Fatal(err)
	}
	actor, _ := list[0]["actor"].(map[string]any)
	if len(list) == 0 || actor["name"] != "rep\u202e" {
		t.Errorf("the rep's name does not read back: %v", actor)
	}
}
