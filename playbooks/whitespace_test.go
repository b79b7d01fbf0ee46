package playbooks_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/playdrill/playdrill/internal/grade"
	"github.com/playdrill/playdrill/internal/markdown"
	"github.com/playdrill/playdrill/playbooks"
)

// shippedKeys prepares every typed card of the shipped playbook.
func shippedKeys(t *testing.T) map[string]*grade.Key {
	t.Helper()
	book, diags, err := markdown.Load(playbooks.FS, playbooks.Root)
	if err != nil || markdown.HasErrors(diags) {
		t.Fatalf("shipped playbook: %v %v", err, diags)
	}
	keys := map[string]*grade.Key{}
	for _, c := range book.Cards() {
		if c.Kind.Typed() {
			keys[c.ID] = grade.Prepare(c)
		}
	}
	return keys
}

// TestLineBreakInsideAPoint types a right answer with a line break (as
// alt+enter in the app, or a model answer's soft wrap) inside a key
// point's phrase: the grade is the one the answer gets on one line.
func TestLineBreakInsideAPoint(t *testing.T) {
	keys := shippedKeys(t)
	k := keys["discovery/why-name-every-decision-maker-during-discovery"]
	if k == nil {
		t.Fatal("no card discovery/why-name-every-decision-maker-during-discovery")
	}
	const one = "a board or partner found after the proposal sends the deal back to the start"
	want := k.Grade(grade.Answer{Text: one}, grade.Options{})
	if want.Score != 1 {
		t.Fatalf("on one line: score %v, want 1", want.Score)
	}
	for _, a := range []string{
		strings.Replace(one, " the start", "\nthe start", 1),
		strings.Replace(one, " to the start", "\nto the start", 1),
		strings.Replace(one, " to the start", "\r\nto the start", 1),
		strings.Replace(one, " the start", "\n\nthe start", 1),
		strings.Replace(one, " the start", "\t the start", 1),
		strings.Replace(one, " the start", "   the start", 1),
		strings.Replace(one, " the start", "\u00a0the start", 1),
		strings.Replace(one, " the start", "\u2028the start", 1),
	} {
		if got := k.Grade(grade.Answer{Text: a}, grade.Options{}); got.Score != want.Score {
			t.Errorf("%q: score %.2f, on one line %.2f", a, got.Score, want.Score)
		}
	}
}

// TestSpacesToLineBreaksKeepTheGrade takes answers of the labelled set and
// replaces random spaces by line breaks (or tabs, or several spaces): the
// score and every point's hit stay the same.
func TestSpacesToLineBreaksKeepTheGrade(t *testing.T) {
	keys := shippedKeys(t)
	set := readLabelled(t, "testdata/labelled.tsv")
	r := rand.New(rand.NewPCG(10, 11))
	spaces := []string{"\n", "\n", "\r\n", "\t", "  ", "\u00a0", " \n "}
	for range 600 {
		a := set[r.IntN(len(set))]
		k := keys[a.card]
		if k == nil {
			t.Fatalf("labelled.tsv:%d: no typed card %q", a.line, a.card)
		}
		want := k.Grade(grade.Answer{Text: a.answer}, grade.Options{})
		parts := strings.Split(a.answer, " ")
		var b strings.Builder
		for i, p := range parts {
			if i > 0 {
				if r.IntN(3) == 0 {
					b.WriteString(spaces[r.IntN(len(spaces))])
				} else {
					b.WriteString(" ")
				}
			}
			b.WriteString(p)
		}
		got := k.Grade(grade.Answer{Text: b.String()}, grade.Options{})
		if got.Score != want.Score || len(got.NeverSaid) != len(want.NeverSaid) {
			t.Fatalf("labelled.tsv:%d: %q scores %.2f (never-say %q), with its spaces changed %q scores %.2f (never-say %q)",
				a.line, a.answer, want.Score, want.NeverSaid, b.String(), got.Score, got.NeverSaid)
		}
		for i := range want.Points {
			if got.Points[i].Hit != want.Points[i].Hit {
				t.Fatalf("labelled.tsv:%d: %q with its spaces changed to %q: point %q hit %v, was %v",
					a.line, a.answer, b.String(), want.Points[i].Point, got.Points[i].Hit, want.Points[i].Hit)
			}
		}
	}
}
