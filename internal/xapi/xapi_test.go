package xapi

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/playdrill/playdrill/internal/records/recordstest"
)

func exportStatements(t *testing.T, opt XAPIOptions) ([]map[string]any, []byte) {
	t.Helper()
	var b bytes.Buffer
	n, err := ExportXAPI(&b, recordstest.Fixture(), opt)
	if err != nil {
		t.Fatal(err)
	}
	var list []map[string]any
	if err := json.Unmarshal(b.Bytes(), &list); err != nil {
		t.Fatalf("not a JSON array: %v\n%s", err, b.String())
	}
	if len(list) != n {
		t.Fatalf("wrote %d statements, said %d", len(list), n)
	}
	for i, st := range list {
		if problems := validateStatement(st); len(problems) > 0 {
			t.Errorf("statement %d is not valid xAPI:\n  %s", i, strings.Join(problems, "\n  "))
		}
	}
	return list, b.Bytes()
}

func TestXAPIStatements(t *testing.T) {
	list, data := exportStatements(t, XAPIOptions{Book: recordstest.Book()})
	// 5 attempts give answered + passed/failed each; 1 completion.
	if len(list) != 11 {
		t.Fatalf("%d statements, want 11", len(list))
	}
	verbs := map[string]int{}
	ids := map[string]bool{}
	for _, st := range list {
		verbs[st["verb"].(map[string]any)["id"].(string)]++
		ids[st["id"].(string)] = true
		if ts := st["timestamp"].(string); !strings.HasSuffix(ts, "Z") || !strings.Contains(ts, ".") || len(ts) != len("2026-03-10T15:04:05.123Z") {
			t.Errorf("timestamp %q is not UTC with milliseconds", ts)
		}
	}
	if len(ids) != len(list) {
		t.Errorf("statement ids repeat: %d unique of %d", len(ids), len(list))
	}
	want := map[string]int{VerbAnswered: 5, VerbPassed: 3, VerbFailed: 2, VerbCompleted: 1}
	for v, n := range want {
		if verbs[v] != n {
			t.Errorf("%d %s statements, want %d", verbs[v], v, n)
		}
	}
	_, again := exportStatements(t, XAPIOptions{Book: recordstest.Book()})
	if !bytes.Equal(data, again) {
		t.Error("exporting twice gives different statements; ids must be deterministic")
	}
	golden.RequireEqual(t, data)
}

func TestXAPIInteractionTypes(t *testing.T) {
	list, _ := exportStatements(t, XAPIOptions{Book: recordstest.Book()})
	byCard := map[string]map[string]any{}
	for _, st := range list {
		if st["verb"].(map[string]any)["id"] == VerbAnswered {
			obj := st["object"].(map[string]any)
			byCard[obj["id"].(string)] = st
		}
	}
	cases := []struct{ card, itype, response string }{
		{"qualify%2Fresult", "long-fill-in", "The inquiry meets the rules of engagement, \"sales-ready\"\nsecond line"},
		{"qualify%2Fsales-ready", "choice", "2"},
		{"sales%2Forder", "sequencing", "2[,]1"},
		{"qualify%2Frules-1", "choice", "1"},
		{"gone%2Fcard", "long-fill-in", "=SUM(A1)"},
	}
	if got := xapiResponse(recordstest.Card(recordstest.Book(), "qualify/sales-ready"), "choice", "Not an option"); got != "Not an option" {
		t.Errorf("unknown pick became %q, want the text kept", got)
	}
	for _, c := range cases {
		st := byCard[DefaultHomePage+"/playdrill/cards/"+c.card]
		if st == nil {
			t.Errorf("no answered statement for %s", c.card)
			continue
		}
		def := st["object"].(map[string]any)["definition"].(map[string]any)
		if def["interactionType"] != c.itype || def["type"] != ActivityInteraction {
			t.Errorf("%s: definition %v", c.card, def)
		}
		if got := st["result"].(map[string]any)["response"]; got != c.response {
			t.Errorf("%s: response %q, want %q", c.card, got, c.response)
		}
	}
	choice := byCard[DefaultHomePage+"/playdrill/cards/qualify%2Fsales-ready"]["object"].(map[string]any)["definition"].(map[string]any)
	if crp := choice["correctResponsesPattern"].([]any); len(crp) != 1 || crp[0] != "2" {
		t.Errorf("choice correct pattern %v, want [2]", crp)
	}
}

func TestXAPIHomePageAndIDs(t *testing.T) {
	list, _ := exportStatements(t, XAPIOptions{HomePage: "https://lms.example.com/", Book: recordstest.Book()})
	st := list[0]
	acct := st["actor"].(map[string]any)["account"].(map[string]any)
	if acct["homePage"] != "https://lms.example.com" || acct["name"] != "alice" {
		t.Errorf("actor account %v", acct)
	}
	if want := StatementID("0b7e6c1e-0000-4000-8000-000000000001", VerbAnswered); st["id"] != want {
		t.Errorf("id %v, want %v (uuid v5 of the attempt and verb)", st["id"], want)
	}
	if !strings.HasPrefix(st["id"].(string)[14:], "5") {
		t.Errorf("id %v is not a version 5 UUID", st["id"])
	}
	if err := ValidateHomePage("ftp://x"); err == nil {
		t.Error("ftp home page accepted")
	}
	if err := ValidateHomePage("https://lms.example.com"); err != nil {
		t.Error(err)
	}
}

func TestValidatorCatchesBadStatements(t *testing.T) {
	bad := map[string]any{
		"id":        "not-a-uuid",
		"actor":     map[string]any{"objectType": "Agent", "mbox": "mailto:a@b", "account": map[string]any{"homePage": "x", "name": "a"}},
		"verb":      map[string]any{"id": "answered"},
		"object":    map[string]any{"id": "card 1", "definition": map[string]any{"interactionType": "essay", "choices": []any{}}},
		"result":    map[string]any{"score": map[string]any{"scaled": 1.5}, "duration": "12 seconds"},
		"timestamp": "yesterday",
		"version":   "2.0.0",
		"colour":    "red",
	}
	got := strings.Join(validateStatement(bad), "\n")
	for _, want := range []string{"not a UUID", "2 inverse functional", "homePage", "verb.id", "object.id", "interactionType", "scaled 1.5", "duration", "timestamp", "version", `"colour"`} {
		if !strings.Contains(got, want) {
			t.Errorf("validator missed %q; it said:\n%s", want, got)
		}
	}
}

func TestISODuration(t *testing.T) {
	for d, want := range map[time.Duration]string{0: "PT0.00S", 12345 * time.Millisecond: "PT12.34S", 90 * time.Minute: "PT5400.00S", -time.Second: "PT0.00S"} {
		if got := isoDuration(d); got != want {
			t.Errorf("isoDuration(%v) = %q, want %q", d, got, want)
		}
	}
}

// CountStatements knows the count EachStatement will make from the totals
// alone, so a progress bar can show it before the first attempt is read.
func TestCountStatementsMatchesEachStatement(t *testing.T) {
	n, err := CountStatements(recordstest.Fixture())
	if err != nil {
		t.Fatal(err)
	}
	if want := len(collect(t)); n != want {
		t.Errorf("CountStatements = %d, EachStatement made %d", n, want)
	}
}
