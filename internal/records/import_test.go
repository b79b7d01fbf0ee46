package records

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/records/recordstest"
)

// repStore is a store with n attempts of rep, alternating two cards.
func repStore(rep string, n int, start time.Time) *recordstest.Store {
	st := recordstest.NewStore()
	for i := 0; i < n; i++ {
		card := "qualify/result"
		if i%2 == 1 {
			card = "qualify/bought-list"
		}
		st.AttemptList = append(st.AttemptList, playbook.Attempt{ID: fmt.Sprintf("%s-%03d", rep, i), Rep: rep, Card: card, Hash: "h-" + card,
			Step: "qualify", Process: "marketing", Kind: playbook.KindRecall, At: start.Add(time.Duration(i) * time.Hour),
			Response: "answer", Score: 0.9, Suggested: playbook.Good, Rating: playbook.Good})
	}
	return st
}

func exportOf(t *testing.T, st *recordstest.Store) string {
	t.Helper()
	var b bytes.Buffer
	if _, err := ExportJSONL(&b, st); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// recordingRebuild is a stand-in for drill.Rebuild that keeps what it was
// given and returns one state per card seen.
type recordingRebuild struct{ calls map[string][]playbook.Attempt }

func (r *recordingRebuild) rebuild(book *playbook.Playbook, rep string, attempts []playbook.Attempt, passMark float64) ([]playbook.CardState, []playbook.Completion) {
	if r.calls == nil {
		r.calls = map[string][]playbook.Attempt{}
	}
	r.calls[rep] = append([]playbook.Attempt(nil), attempts...)
	cards := map[string]*playbook.CardState{}
	var order []string
	for _, a := range attempts {
		s, ok := cards[a.Card]
		if !ok {
			s = &playbook.CardState{Card: a.Card}
			cards[a.Card] = s
			order = append(order, a.Card)
		}
		s.Attempts++
		s.LastAt = a.At
	}
	var states []playbook.CardState
	for _, c := range order {
		states = append(states, *cards[c])
	}
	return states, []playbook.Completion{{Rep: rep, Step: "qualify", At: attempts[len(attempts)-1].At}}
}

func importText(t *testing.T, im *Importer, name, text string) (ImportResult, error) {
	t.Helper()
	f, err := ParseExport(name, strings.NewReader(text))
	if err != nil {
		return ImportResult{}, err
	}
	return im.Import(f)
}

func TestImportMergesRepsIdempotently(t *testing.T) {
	day := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	alice := exportOf(t, repStore("alice", 7, day))
	bob := exportOf(t, repStore("bob", 5, day.Add(30*time.Minute)))
	dst := recordstest.NewStore()
	rb := &recordingRebuild{}
	im := &Importer{Book: recordstest.Book(), Store: dst, Rebuild: rb.rebuild}

	for _, c := range []struct {
		name, text string
		want       int
	}{{"alice.jsonl", alice, 7}, {"bob.jsonl", bob, 5}} {
		res, err := importText(t, im, c.name, c.text)
		if err != nil {
			t.Fatal(err)
		}
		if res.New != c.want || res.Attempts != c.want {
			t.Errorf("%s: %+v, want %d new", c.name, res, c.want)
		}
	}
	if len(dst.AttemptList) != 12 {
		t.Fatalf("merged store has %d attempts, want 7+5", len(dst.AttemptList))
	}
	if got := dst.StateMap["alice"]["qualify/result"].Attempts; got != 4 {
		t.Errorf("alice's rebuilt state counts %d attempts on qualify/result, want 4", got)
	}
	if len(dst.CompletionMap["bob"]) != 1 {
		t.Errorf("bob's completions were not rebuilt: %v", dst.CompletionMap["bob"])
	}
	imports := dst.Imports

	res, err := importText(t, im, "alice.jsonl", alice)
	if err != nil {
		t.Fatal(err)
	}
	if res.New != 0 || len(dst.AttemptList) != 12 || dst.Imports != imports {
		t.Errorf("second import: %+v, %d attempts, %d store imports; want nothing changed", res, len(dst.AttemptList), dst.Imports-imports)
	}
}

func TestImportRebuildsFromAllAttemptsInTimeOrder(t *testing.T) {
	day := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	dst := repStore("alice", 3, day) // 9:00, 10:00, 11:00 already here
	// Another machine's attempts, interleaved in time and partly overlapping.
	other := repStore("alice", 0, day)
	other.AttemptList = append(other.AttemptList,
		playbook.Attempt{ID: "alice-001", Rep: "alice", Card: "qualify/bought-list", Step: "qualify", Kind: playbook.KindRecall, At: day.Add(time.Hour), Score: 0.9, Rating: 3},
		playbook.Attempt{ID: "laptop-1", Rep: "alice", Card: "qualify/result", Step: "qualify", Kind: playbook.KindRecall, At: day.Add(90 * time.Minute), Score: 0.5, Rating: 2},
		playbook.Attempt{ID: "laptop-0", Rep: "alice", Card: "qualify/result", Step: "qualify", Kind: playbook.KindRecall, At: day.Add(-time.Hour), Score: 0.5, Rating: 2},
	)
	rb := &recordingRebuild{}
	im := &Importer{Book: recordstest.Book(), Store: dst, Rebuild: rb.rebuild}
	res, err := importText(t, im, "laptop.jsonl", exportOf(t, other))
	if err != nil {
		t.Fatal(err)
	}
	if res.New != 2 {
		t.Errorf("%d new, want 2 (alice-001 is already here)", res.New)
	}
	var ids []string
	for _, a := range rb.calls["alice"] {
		ids = append(ids, a.ID)
	}
	if got := strings.Join(ids, " "); got != "laptop-0 alice-000 alice-001 laptop-1 alice-002" {
		t.Errorf("rebuild got %s, want every attempt in time order", got)
	}
}

func TestImportBadLineImportsNothing(t *testing.T) {
	day := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	lines := strings.Split(strings.TrimSpace(exportOf(t, repStore("alice", 4, day))), "\n")
	lines[2] = `{"type":"attempt","id":"x","rep":"alice","card":"c","step":"s","kind":"recall","at":"yesterday","score":0.5,"rating":3}`
	lines = append(lines, "not json", `{"id":"y","rep":"alice","card":"c","step":"s","kind":"recall","at":"2026-03-01T09:00:00Z","score":1.5,"rating":9}`)
	_, err := ParseExport("alice.jsonl", strings.NewReader(strings.Join(lines, "\n")))
	if err == nil {
		t.Fatal("a file with bad lines parsed")
	}
	msg := err.Error()
	for _, want := range []string{"alice.jsonl:3:", "RFC 3339", "alice.jsonl:5:", "not a JSON object", "alice.jsonl:6:", "score 1.5"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q lacks %q", msg, want)
		}
	}
	if strings.Contains(msg, "alice.jsonl:1:") {
		t.Errorf("good line reported: %q", msg)
	}
}

func TestParseExportChecks(t *testing.T) {
	good := `{"id":"a","rep":"r","card":"c","step":"s","kind":"recall","at":"2026-03-01T09:00:00Z","score":1,"rating":3}`
	cases := map[string]string{
		`{"id":"a","rep":"r"}`:                                            "lacks card, step, kind, at, score, rating",
		strings.Replace(good, `"recall"`, `"essay"`, 1):                   "unknown card kind",
		strings.Replace(good, `"rating":3`, `"rating":0`, 1):              "rating 0",
		strings.Replace(good, `}`, `,"suggested":7}`, 1):                  "suggested rating 7",
		`{"type":"note"}`:                                                 "unknown line type",
		`{"type":"completion","rep":"r"}`:                                 "completion lacks",
		good + ` {}`:                                                      "more than one JSON value",
		strings.Replace(good, `"at":"2026-03-01T09:00:00Z"`, `"at":5`, 1): "not a JSON object",
	}
	for text, want := range cases {
		_, err := ParseExport("f", strings.NewReader(good+"\n"+text+"\n"))
		if err == nil || !strings.Contains(err.Error(), "f:2: ") || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err %v, want f:2 and %q", text, err, want)
		}
	}
	f, err := ParseExport("f", strings.NewReader("\n"+good+"\n"+good+"\n"+`{"type":"completion","rep":"r","step":"s","at":"2026-03-01T09:00:00Z"}`+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Attempts) != 1 || f.Completions != 1 {
		t.Errorf("parsed %d attempts, %d completions; want 1, 1 (repeats dropped)", len(f.Attempts), f.Completions)
	}
}

func TestParseExportLimitsErrors(t *testing.T) {
	text := strings.Repeat("junk\n", 50)
	_, err := ParseExport("f", strings.NewReader(text))
	if err == nil || !strings.Contains(err.Error(), "and 30 more bad lines") {
		t.Fatalf("err = %v", err)
	}
}

func TestExportImportRoundTrip(t *testing.T) {
	src := recordstest.Fixture()
	f, err := ParseExport("x", strings.NewReader(exportOf(t, src)))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Attempts) != len(src.AttemptList) {
		t.Fatalf("%d attempts back, want %d", len(f.Attempts), len(src.AttemptList))
	}
	for i, a := range f.Attempts {
		want := src.AttemptList[i]
		want.At = want.At.UTC()
		if a != want {
			t.Errorf("attempt %d came back as\n%+v\nwant\n%+v", i, a, want)
		}
	}
}

// A file of another format gets one line naming the format, not an error
// for each of its lines.
func TestParseExportNamesOtherFormats(t *testing.T) {
	cases := map[string]string{
		"type,id,rep,card\nattempt,a,r,c\nattempt,b,r,c\n": "a CSV file",
		"process,step,card,rep,date\nm,s,c,r,2026-03-01\n": "a CSV file",
		"[\n{\"id\":\"x\"},\n{\"id\":\"y\"}\n]\n":          "a JSON array",
		"\x00\x00\x10\x00\xed\xda\x0c\x0a\xff\xfe\n":       "a binary file",
	}
	for text, want := range cases {
		_, err := ParseExport("f", strings.NewReader(text))
		var perr *ParseError
		if !errors.As(err, &perr) || len(perr.Lines) != 1 || perr.More != 0 {
			t.Errorf("%q: err %v, want one bad line", text, err)
			continue
		}
		if msg := err.Error(); !strings.HasPrefix(msg, "f:1: this is "+want) || !strings.Contains(msg, "export --format jsonl") {
			t.Errorf("%q: err %q, want f:1 naming %q", text, msg, want)
		}
	}
}
