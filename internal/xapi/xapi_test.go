package xapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/playdrill/playdrill/internal/playbook"
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
	// 4 attempts give answered + passed/failed each, the cram one only
	// answered; 1 completion.
	if len(list) != 10 {
		t.Fatalf("%d statements, want 10", len(list))
	}
	verbs := map[string]int{}
	ids := map[string]bool{}
	for _, st := range list {
		verbs[st["verb"].(map[string]any)["id"].(string)]++
		ids[st["id"].(string)] = true
		if _, ok := st["version"]; ok {
			t.Errorf("statement %v sets a version; the LRS sets it", st["id"])
		}
		if ts := st["timestamp"].(string); !strings.HasSuffix(ts, "Z") || !strings.Contains(ts, ".") || len(ts) != len("2026-03-10T15:04:05.123Z") {
			t.Errorf("timestamp %q is not UTC with milliseconds", ts)
		}
	}
	if len(ids) != len(list) {
		t.Errorf("statement ids repeat: %d unique of %d", len(ids), len(list))
	}
	want := map[string]int{VerbAnswered: 5, VerbPassed: 2, VerbFailed: 2, VerbCompleted: 1}
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
	c := recordstest.Card(recordstest.Book(), "qualify/sales-ready")
	if got := xapiResponse(&playbook.Facts{Options: c.Options}, "choice", "Not an option"); got != "Not an option" {
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
	if want := StatementID("0b7e6c1e-0000-4000-8000-000000000001", VerbAnswered, "https://lms.example.com"); st["id"] != want {
		t.Errorf("id %v, want %v (uuid v5 of the attempt, verb and home page)", st["id"], want)
	}
	if StatementID("x", VerbAnswered, "https://a.example") == StatementID("x", VerbAnswered, "https://b.example") {
		t.Error("the same record under two home pages gets one statement id")
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

// statementsOf returns the statements of the store's records as JSON.
func statementsOf(t *testing.T, st playbook.Store, opt XAPIOptions) []map[string]any {
	t.Helper()
	var b bytes.Buffer
	if _, err := ExportXAPI(&b, st, opt); err != nil {
		t.Fatal(err)
	}
	var list []map[string]any
	if err := json.Unmarshal(b.Bytes(), &list); err != nil {
		t.Fatal(err)
	}
	return list
}

// passed, failed and success follow playdrill's rule: a score at the
// pass mark rated Hard or Again passes nothing, and cram is only answered.
func TestXAPIPassFollowsPlaydrillsRule(t *testing.T) {
	st := recordstest.NewStore()
	at := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	for i, c := range []struct {
		rating playbook.Rating
		cram   bool
	}{{playbook.Hard, false}, {playbook.Again, false}, {playbook.Good, true}, {playbook.Easy, false}} {
		st.AttemptList = append(st.AttemptList, playbook.Attempt{ID: fmt.Sprintf("0b7e6c1e-0000-4000-8000-00000000010%d", i), Rep: "alice",
			Card: "qualify/result", Step: "qualify", Process: "marketing", Kind: playbook.KindResult, At: at.Add(time.Duration(i) * time.Minute),
			Response: "x", Score: 0.95, Suggested: playbook.Good, Rating: c.rating, Cram: c.cram})
	}
	var got []string
	for _, s := range statementsOf(t, st, XAPIOptions{Book: recordstest.Book()}) {
		v := s["verb"].(map[string]any)["id"].(string)
		success, has := s["result"].(map[string]any)["success"]
		got = append(got, fmt.Sprintf("%s:%v:%v", v[strings.LastIndex(v, "/")+1:], has, success))
	}
	want := []string{
		"answered:true:false", "failed:true:false", // Hard
		"answered:true:false", "failed:true:false", // Again
		"answered:false:<nil>",                   // cram
		"answered:true:true", "passed:true:true", // Easy
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("statements\n got %v\nwant %v", got, want)
	}
}

// An attempt's statements are fixed by the facts kept with it: rewording
// the card, its options or the step's title afterwards changes nothing.
func TestXAPIStatementsDoNotChangeWhenThePlaybookIsEdited(t *testing.T) {
	book := recordstest.Book()
	card := recordstest.Card(book, "qualify/sales-ready")
	a := playbook.Attempt{ID: "0b7e6c1e-0000-4000-8000-000000000201", Rep: "alice", Card: card.ID, Step: card.Step, Process: card.Process,
		Kind: card.Kind, At: time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC), Response: card.Options[1], Score: 1, Suggested: playbook.Good,
		Rating: playbook.Good, Facts: &playbook.Facts{Prompt: card.Prompt, Options: append([]string(nil), card.Options...), Correct: []int{1}, Passed: true}}
	st := recordstest.NewStore()
	st.AttemptList = []playbook.Attempt{a}
	before, _ := json.Marshal(statementsOf(t, st, XAPIOptions{Book: book}))

	card.Prompt = "Which of these leads is ready for sales?"
	card.Options = []string{"Asked for a proposal", "Read a white paper", "Came to a webinar"}
	card.Correct = []int{0}
	book.Processes[0].Steps[0].Title = "Qualify inquiries"
	book.Processes[0].Title = "Marketing"
	after, _ := json.Marshal(statementsOf(t, st, XAPIOptions{Book: book}))
	if !bytes.Equal(before, after) {
		t.Errorf("an edit of the playbook changed a recorded attempt's statements:\n%s\n%s", before, after)
	}
	if !strings.Contains(string(before), `"response":"2"`) || !strings.Contains(string(before), "Which of these is sales-ready?") {
		t.Errorf("statements do not come from the facts: %s", before)
	}
}

func TestXAPIFeedbackIsACommentOnTheCard(t *testing.T) {
	st := recordstest.NewStore()
	st.FeedbackList = []playbook.Feedback{{ID: "0b7e6c1e-0000-4000-8000-000000000301", Rep: "bob", Card: "qualify/result", Hash: "h1",
		Step: "qualify", At: time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC), Text: "Prospects laugh at this\x1b[2J"}}
	list := statementsOf(t, st, XAPIOptions{})
	if len(list) != 1 {
		t.Fatalf("%d statements", len(list))
	}
	s := list[0]
	if problems := validateStatement(s); len(problems) > 0 {
		t.Errorf("not valid xAPI: %v", problems)
	}
	if s["verb"].(map[string]any)["id"] != VerbCommented || s["result"].(map[string]any)["response"] != "Prospects laugh at this" {
		t.Errorf("statement %v", s)
	}
	if n, _ := CountStatements(st); n != 1 {
		t.Errorf("CountStatements = %d", n)
	}
}

// Cloze and objection cards reach a learning system as what they are: a
// cloze is a fill-in named as a sentence with a blank, an objection a long
// answer named as the prospect's objection.
func TestXAPINewKinds(t *testing.T) {
	st := recordstest.NewStore()
	at := time.Date(2026, 3, 10, 15, 4, 5, 0, time.UTC)
	for i, a := range []struct {
		card   string
		kind   playbook.Kind
		prompt string
	}{
		{"first-call/cloze-sales-ready-leads", playbook.KindCloze, "Sales works only _____."},
		{"first-call/obj-no-budget", playbook.KindObjection, "We have no budget this year."},
	} {
		st.AttemptList = append(st.AttemptList, playbook.Attempt{ID: fmt.Sprintf("0b7e6c1e-0000-4000-8000-00000000010%d", i), Rep: "ana",
			Card: a.card, Step: "first-call", Process: "sales", Kind: a.kind, At: at, Response: "sales-ready leads", Score: 1,
			Suggested: playbook.Good, Rating: playbook.Good, Facts: &playbook.Facts{Prompt: a.prompt, Passed: true}})
	}
	var b bytes.Buffer
	if _, err := ExportXAPI(&b, st, XAPIOptions{}); err != nil {
		t.Fatal(err)
	}
	var list []map[string]any
	if err := json.Unmarshal(b.Bytes(), &list); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, s := range list {
		if problems := validateStatement(s); len(problems) > 0 {
			t.Errorf("not valid xAPI: %v", problems)
		}
		if s["verb"].(map[string]any)["id"] != VerbAnswered {
			continue
		}
		def := s["object"].(map[string]any)["definition"].(map[string]any)
		kind := s["result"].(map[string]any)["extensions"].(map[string]any)[ExtKind].(string)
		got[kind] = def["interactionType"].(string) + " " + def["name"].(map[string]any)["en"].(string)
	}
	want := map[string]string{
		"cloze":     "fill-in Fill in the blank: Sales works only _____.",
		"objection": "long-fill-in Objection: We have no budget this year.",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %q, want %q", k, got[k], w)
		}
	}
}
