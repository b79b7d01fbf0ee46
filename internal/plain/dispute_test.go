package plain

import (
	"strings"
	"testing"

	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/playbook"
)

func disputes(t *testing.T, e *env) []playbook.Dispute {
	t.Helper()
	ds, err := e.store.Disputes()
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// A failing typed answer rated above the suggestion is a dispute, said in
// one line, recorded with the missed points.
func TestRatingAboveSuggestionDisputes(t *testing.T) {
	e := newEnv(false)
	out, _, err := e.run(t, drill.Selection{Step: "list"}, "we follow the rules of engagement\n3\n:q\n")
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out, disputeLine+"\n"); n != 1 || !strings.Contains(out, "Disputed: 1 answer, for a manager to review\n") {
		t.Fatalf("dispute line %d times, or no summary line:\n%s", n, out)
	}
	ds := disputes(t, e)
	if len(ds) != 1 {
		t.Fatalf("disputes = %+v", ds)
	}
	d := ds[0]
	if d.Card != "list-result" || d.Rep != "ana" || d.Asked || d.Rating != playbook.Good || d.Suggested != playbook.Again ||
		d.Response != "we follow the rules of engagement" || len(d.Missed) != 1 || d.Missed[0] != "sales-ready | qualified" {
		t.Errorf("dispute = %+v", d)
	}
}

// Accepting the suggestion, or rating a passing answer higher, is no dispute.
func TestNoDisputeWithoutOverride(t *testing.T) {
	e := newEnv(false)
	out, _, err := e.run(t, drill.Selection{Step: "list"}, "rules of engagement\n\nrules of engagement, sales-ready\n4\n:q\n")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "Disputed") || len(disputes(t, e)) != 0 {
		t.Errorf("unexpected dispute:\n%s", out)
	}
}

// :dispute at the rating prompt disputes the answer being rated, even when
// the rep then accepts the suggested rating; at the next card's prompt it
// disputes the answer recorded last; a second :dispute is refused.
func TestDisputeCommand(t *testing.T) {
	e := newEnv(false)
	input := "rules of engagement\n:dispute\n\n" + // card 1: asked, rated as suggested
		":dispute\n" + // card 2's prompt: card 1 is disputed already
		"nothing right\n\n" + // card 2 answered
		":q\n"
	out, _, err := e.run(t, drill.Selection{Step: "list"}, input)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Rating [1-4, Enter=1]:\nDispute noted: it is recorded with your rating.\nRating [1-4, Enter=1]:\nRecorded.\n" + disputeLine + "\n",
		"Answer:\nNot disputed: this answer is disputed already.\nAnswer:\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	ds := disputes(t, e)
	if len(ds) != 1 || !ds[0].Asked || ds[0].Card != "list-result" || ds[0].Rating != playbook.Again {
		t.Errorf("disputes = %+v", ds)
	}
}

// :dispute after a card is recorded disputes it from the next prompt.
func TestDisputeLastAnswer(t *testing.T) {
	e := newEnv(false)
	out, _, err := e.run(t, drill.Selection{Step: "list"}, "sales-ready\n\n:dispute\n:q\n")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Answer:\n"+disputeLine+"\nAnswer:\n") {
		t.Errorf("output:\n%s", out)
	}
	ds := disputes(t, e)
	var att []playbook.Attempt
	e.store.Attempts("ana", func(a playbook.Attempt) error { att = append(att, a); return nil })
	if len(ds) != 1 || len(att) != 1 || ds[0].Attempt != att[0].ID || !ds[0].Asked || ds[0].Missed[0] != "rules of engagement" {
		t.Errorf("disputes = %+v, attempts = %+v", ds, att)
	}
}

// What cannot be disputed says why and records nothing.
func TestDisputeRefused(t *testing.T) {
	cases := map[string]struct {
		sel   drill.Selection
		input string
		want  string
	}{
		"nothing answered yet": {drill.Selection{Step: "list"}, ":dispute\n:q\n", "Not disputed: nothing to dispute yet: answer a card first."},
		"every point hit":      {drill.Selection{Step: "list"}, "rules of engagement sales-ready\n:dispute\n:q\n", "Not disputed: nothing to dispute: the answer hit every key point."},
		"a choice card":        {drill.Selection{Step: "qualify"}, ":skip\n1\n:dispute\n:q\n", "Not disputed: only typed answers can be disputed"},
		"a skipped card":       {drill.Selection{Step: "list"}, ":skip\n:dispute\n:q\n", "Not disputed: nothing to dispute yet"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			e := newEnv(true)
			out, _, err := e.run(t, tc.sel, tc.input)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out, tc.want) {
				t.Errorf("output lacks %q:\n%s", tc.want, out)
			}
			if ds := disputes(t, e); len(ds) != 0 {
				t.Errorf("disputes = %+v", ds)
			}
		})
	}
}

// A wrong pick rated above the suggestion is no dispute: the grade stands,
// in one line; in cram nothing is scheduled, so nothing is said.
func TestOverruledPick(t *testing.T) {
	e := newEnv(true)
	out, _, err := e.run(t, drill.Selection{Step: "qualify"}, ":skip\n1\n4\n:q\n")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Recorded.\nThe grade stands: scheduled as again. If the card itself is wrong, say so with :flag TEXT.\n") || len(disputes(t, e)) != 0 {
		t.Errorf("output:\n%s", out)
	}
	e = newEnv(true)
	out, _, _ = e.run(t, drill.Selection{Step: "qualify", Cram: true}, ":skip\n1\n4\n:q\n")
	if strings.Contains(out, "The grade stands") {
		t.Errorf("cram:\n%s", out)
	}
}
