package records

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/drill/drilltest"
	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/records/recordstest"
)

// notesStore is a store with an attempt (with its facts), feedback, a
// dispute and its review.
func notesStore(t *testing.T) *drilltest.Store {
	t.Helper()
	st := drilltest.NewStore()
	at := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	a := playbook.Attempt{ID: "0b7e6c1e-0000-4000-8000-000000000001", Rep: "alice", Card: "qualify/result", Hash: "h1", Step: "qualify",
		Process: "marketing", Kind: playbook.KindResult, At: at, Response: "a lead", Score: 0.5, Suggested: playbook.Hard, Rating: playbook.Good,
		Facts: &playbook.Facts{Prompt: "What is the result?", Passed: false}}
	d := playbook.Dispute{ID: "0b7e6c1e-0000-4000-8000-0000000000d1", Attempt: a.ID, Rep: "alice", Card: a.Card, Hash: "h1", Step: "qualify",
		At: at, Response: a.Response, Score: 0.5, Suggested: playbook.Hard, Rating: playbook.Good, Missed: []string{"rules of engagement | RoE"}, Asked: true,
		File: "marketing.md", FileSum: "abc"}
	if err := st.Record(playbook.Record{Attempt: a, Dispute: &d}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddDispute(d); err != nil {
		t.Fatal(err)
	}
	if err := st.AddFeedback(playbook.Feedback{ID: "0b7e6c1e-0000-4000-8000-0000000000f1", Rep: "alice", Card: "qualify/result", Hash: "h1",
		Step: "qualify", At: at.Add(time.Minute), Text: "=Prospects never say this"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddReview(playbook.Review{ID: "0b7e6c1e-0000-4000-8000-0000000000e1", Dispute: d.ID, Card: a.Card, Hash: "h1",
		Reviewer: "manager", At: at.Add(time.Hour), Verdict: playbook.ReviewAccepted, Point: "rules of engagement", Words: "RoE",
		NewHash: "h2", File: "marketing.md", FileBefore: "abc", FileAfter: "def", Note: "fair"}); err != nil {
		t.Fatal(err)
	}
	return st
}

// Feedback, disputes and reviews given on one machine travel in the
// export and merge on another, once however often the file is imported;
// the facts kept with an attempt travel with it.
func TestFeedbackDisputesAndReviewsTravel(t *testing.T) {
	src := notesStore(t)
	var b bytes.Buffer
	n, err := ExportJSONL(&b, src)
	if err != nil {
		t.Fatal(err)
	}
	if n != (Counts{Attempts: 1, Feedback: 1, Disputes: 1, Reviews: 1}) {
		t.Fatalf("exported %+v", n)
	}
	f, err := ParseExport("alice.jsonl", strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	dst := drilltest.NewStore()
	im := &Importer{Book: drilltest.Book(), Store: dst}
	for round := 0; round < 2; round++ {
		res, err := im.Import(f)
		if err != nil {
			t.Fatal(err)
		}
		wantNew := 1 - round
		if res.NewFeedback != wantNew || res.NewDisputes != wantNew || res.NewReviews != wantNew || res.Feedback != 1 {
			t.Errorf("round %d: %+v", round, res)
		}
	}
	for _, check := range []struct {
		what      string
		got, want any
	}{
		{"feedback", must(dst.Feedback()), must(src.Feedback())},
		{"disputes", must(dst.Disputes()), must(src.Disputes())},
		{"reviews", must(dst.Reviews()), must(src.Reviews())},
	} {
		if !reflect.DeepEqual(check.got, check.want) {
			t.Errorf("%s after import:\n got %+v\nwant %+v", check.what, check.got, check.want)
		}
	}
	var got []playbook.Attempt
	dst.Attempts("", func(a playbook.Attempt) error { got = append(got, a); return nil })
	if len(got) != 1 || !reflect.DeepEqual(got[0].Facts, &playbook.Facts{Prompt: "What is the result?"}) {
		t.Errorf("imported attempts %+v", got)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// Attempts on cards the playbook does not have are imported, and the
// summary names them with their counts.
func TestImportNamesUnknownCards(t *testing.T) {
	src := recordstest.Fixture() // bob's attempt is on gone/card
	var b bytes.Buffer
	if _, err := ExportJSONL(&b, src); err != nil {
		t.Fatal(err)
	}
	f, err := ParseExport("x.jsonl", &b)
	if err != nil {
		t.Fatal(err)
	}
	dst := recordstest.NewStore()
	res, err := (&Importer{Book: recordstest.Book(), Store: dst}).Import(f)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(res.Unknown, map[string]int{"gone/card": 1}) || res.New != 5 {
		t.Errorf("result %+v, want gone/card named and every attempt imported", res)
	}
}

func TestImportRefusesBadNotes(t *testing.T) {
	for _, c := range []struct{ line, want string }{
		{`{"type":"feedback","id":"x","card":"c","at":"2026-03-10T09:00:00Z"}`, "feedback lacks rep"},
		{`{"type":"feedback","id":"x","rep":"r","card":"c","at":"yesterday"}`, "not an RFC 3339 time"},
		{`{"type":"dispute","id":"x","rep":"r","card":"c","at":"2026-03-10T09:00:00Z","score":7}`, "outside 0..1"},
		{`{"type":"review","id":"x","reviewer":"m","card":"c","dispute":"d","at":"2026-03-10T09:00:00Z","verdict":"maybe"}`, "verdict"},
		{`{"type":"review","id":"x","card":"c","dispute":"d","at":"2026-03-10T09:00:00Z","verdict":"accepted"}`, "lacks reviewer"},
		{`{"type":"attempt","id":"a","rep":"r","card":"c","step":"s","kind":"choice","at":"2026-03-10T09:00:00Z","score":1,"rating":3,"facts":{"prompt":"p","options":["x"],"correct":[4]}}`, "correct option 5 of 1"},
	} {
		_, err := ParseExport("notes.jsonl", strings.NewReader(c.line+"\n"))
		if err == nil || !strings.Contains(err.Error(), "notes.jsonl:1") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want notes.jsonl:1 and %q", c.line, err, c.want)
		}
	}
}

// The CSV export has a row per feedback, dispute and review, free text
// made safe for a spreadsheet.
func TestExportCSVCarriesNotes(t *testing.T) {
	var b bytes.Buffer
	n, err := ExportCSV(&b, notesStore(t))
	if err != nil || n.Feedback != 1 || n.Disputes != 1 || n.Reviews != 1 {
		t.Fatalf("%+v %v", n, err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	types := map[string][]string{}
	for _, r := range rows[1:] {
		if len(r) != len(ExportCSVHeader) {
			t.Fatalf("row %v has %d cells, header %d", r, len(r), len(ExportCSVHeader))
		}
		types[r[0]] = r
	}
	if fb := types["feedback"]; fb == nil || fb[8] != "'=Prospects never say this" {
		t.Errorf("feedback row %q", fb)
	}
	if d := types["dispute"]; d == nil || d[16] != "0b7e6c1e-0000-4000-8000-000000000001" || !strings.Contains(d[17], "rules of engagement") {
		t.Errorf("dispute row %q", d)
	}
	if r := types["review"]; r == nil || !strings.Contains(r[17], "accepted") || !strings.Contains(r[17], "RoE") {
		t.Errorf("review row %q", r)
	}
}
