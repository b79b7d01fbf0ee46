package grade_test

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/playdrill/playdrill/internal/grade"
	"github.com/playdrill/playdrill/internal/markdown"
)

// docGlossary returns the front matter of the *Glossary* example in
// docs/playbook-format.md: the glossary the grading examples use.
func docGlossary(t *testing.T) string {
	t.Helper()
	doc, err := os.ReadFile("../../docs/playbook-format.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(doc)
	i := strings.Index(s, "\n## Glossary\n")
	if i < 0 {
		t.Fatal("docs/playbook-format.md has no Glossary section")
	}
	m := regexp.MustCompile("(?s)```yaml\n(---\n.*?---\n)```").FindStringSubmatch(s[i:])
	if m == nil || !strings.Contains(m[1], "glossary:") {
		t.Fatal("the Glossary section has no front matter example")
	}
	return m[1]
}

// TestDrillingDocExamples grades every row of the examples table in
// docs/drilling.md as a playbook with that point (or never-say phrase) and
// the documented glossary, and wants the documented result.
func TestDrillingDocExamples(t *testing.T) {
	doc, err := os.ReadFile("../../docs/drilling.md")
	if err != nil {
		t.Fatal(err)
	}
	front := docGlossary(t)
	row := regexp.MustCompile("^\\| (never say )?`([^`]+)` \\| ([^|]+) \\| (made|missed|flagged|not flagged) \\|$")
	n := 0
	for line := range strings.Lines(string(doc)) {
		m := row.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			continue
		}
		n++
		never, point, answer, want := m[1] != "", m[2], strings.TrimSpace(m[3]), m[4]
		card := "Must mention: " + point
		if never {
			card = "Must mention: anything\nNever say: " + point
		}
		src := front + "# P\n\n## S\n\nResult: r\n\nDone when:\n- d\n\n### Drill\n\nQ: q?\nA: a\n" + card + "\n"
		book, diags, err := markdown.Load(fstest.MapFS{"x.md": {Data: []byte(src)}}, "x.md")
		if err != nil || markdown.HasErrors(diags) {
			t.Fatalf("row %q: %v %v", line, err, diags)
		}
		c, _ := book.Card("s/q")
		r := grade.Grade(c, grade.Answer{Text: answer})
		var got string
		switch {
		case never && len(r.NeverSaid) > 0:
			got = "flagged"
		case never:
			got = "not flagged"
		case r.Points[0].Hit:
			got = "made"
		default:
			got = "missed"
		}
		if got != want {
			t.Errorf("docs/drilling.md: %q with %q is %s, the doc says %s", answer, point, got, want)
		}
	}
	if n < 20 {
		t.Errorf("found %d example rows in docs/drilling.md, want the whole table", n)
	}
}

// TestAnyOfDocExample grades the answers docs/playbook-format.md gives
// for its "any N of" example card.
func TestAnyOfDocExample(t *testing.T) {
	doc, err := os.ReadFile("../../docs/playbook-format.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(doc)
	i := strings.Index(s, "A point may also ask for a number of items")
	if i < 0 {
		t.Fatal("docs/playbook-format.md does not explain any N of points")
	}
	m := regexp.MustCompile("(?s)```markdown\n(Q: .*?)```").FindStringSubmatch(s[i:])
	if m == nil {
		t.Fatal("no example card after the any N of explanation")
	}
	src := "# P\n\n## S\n\nResult: r\n\nDone when:\n- d\n\n### Drill\n\n" + m[1]
	book, diags, err := markdown.Load(fstest.MapFS{"x.md": {Data: []byte(src)}}, "x.md")
	if err != nil || markdown.HasErrors(diags) {
		t.Fatalf("the example card: %v %v", err, diags)
	}
	var c = book.Cards()[1]
	answers := regexp.MustCompile(`"([^"]+)" (makes the point|does not)`).FindAllStringSubmatch(s[i:i+1500], -1)
	if len(answers) != 2 {
		t.Fatalf("want the two graded answers of the example, found %q", answers)
	}
	for _, a := range answers {
		hit := grade.Grade(c, grade.Answer{Text: a[1]}).Points[0].Hit
		if want := a[2] == "makes the point"; hit != want {
			t.Errorf("%q: made %v, the doc says %q", a[1], hit, a[2])
		}
	}
}
