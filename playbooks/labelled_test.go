package playbooks_test

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/playdrill/playdrill/internal/grade"
)

// Targets for the labelled set: how often the grade must agree with the
// manager's labels, and how many of the answers labelled fail it may pass.
const (
	minAgreement     = 0.90
	maxFalsePassRate = 0.02
)

// categories are the kinds of answer the labelled set holds.
var categories = []string{
	"paraphrase", "synonym", "word order", "terse", "typo", "rambling",
	"partial", "word salad", "negation", "opposite", "never-say", "off-topic",
}

// labelled is one answer of testdata/labelled.tsv.
type labelled struct {
	line     int
	category string
	card     string
	pass     bool
	answer   string
}

// readLabelled reads the labelled answers: category, card id, pass or fail
// and the answer, separated by tabs.
func readLabelled(t *testing.T, path string) []labelled {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []labelled
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 4 || (cols[2] != "pass" && cols[2] != "fail") || cols[3] == "" {
			t.Fatalf("%s:%d: want category<TAB>card<TAB>pass|fail<TAB>answer", path, n)
		}
		out = append(out, labelled{line: n, category: cols[0], card: cols[1], pass: cols[2] == "pass", answer: cols[3]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// tally counts how the grader did on a group of labelled answers.
type tally struct {
	total, agree, falsePass, falseFail, labelledFail int
}

func (t *tally) add(want, got bool) {
	t.total++
	if !want {
		t.labelledFail++
	}
	switch {
	case want == got:
		t.agree++
	case got:
		t.falsePass++
	default:
		t.falseFail++
	}
}

func (t tally) agreement() float64 { return float64(t.agree) / float64(max(1, t.total)) }

// falsePassRate is the share of answers labelled fail that the grader passed.
func (t tally) falsePassRate() float64 {
	return float64(t.falsePass) / float64(max(1, t.labelledFail))
}

// TestLabelledAnswers grades answers a sales manager labelled pass or fail
// against the shipped playbook and reports, per category, how often the
// grade agrees with the label. It fails under 90% agreement overall or
// when more than 2% of the answers labelled fail are passed.
func TestLabelledAnswers(t *testing.T) {
	keys := shippedKeys(t)
	set := readLabelled(t, "testdata/labelled.tsv")
	if len(set) < 150 {
		t.Fatalf("labelled set has %d answers, want at least 150", len(set))
	}
	var all tally
	byCat := map[string]*tally{}
	var order []string
	for _, a := range set {
		k, ok := keys[a.card]
		if !ok {
			t.Errorf("labelled.tsv:%d: no typed card %q in the shipped playbook", a.line, a.card)
			continue
		}
		r := k.Grade(grade.Answer{Text: a.answer}, grade.Options{})
		if byCat[a.category] == nil {
			byCat[a.category] = &tally{}
			order = append(order, a.category)
		}
		byCat[a.category].add(a.pass, r.Passed)
		all.add(a.pass, r.Passed)
		if r.Passed != a.pass {
			t.Logf("labelled.tsv:%d: %s %s, graded %.0f%% (missed %s; never-say %q): %q",
				a.line, a.category, label(a.pass), r.Score*100, missed(r), r.NeverSaid, a.answer)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-12s %7s %9s %11s %11s\n", "category", "answers", "agreement", "false pass", "false fail")
	for _, c := range order {
		s := byCat[c]
		fmt.Fprintf(&b, "%-12s %7d %8.0f%% %11d %11d\n", c, s.total, s.agreement()*100, s.falsePass, s.falseFail)
	}
	fmt.Fprintf(&b, "%-12s %7d %8.1f%% %11d %11d\n", "all", all.total, all.agreement()*100, all.falsePass, all.falseFail)
	fmt.Fprintf(&b, "false passes: %d of %d answers labelled fail (%.1f%%)", all.falsePass, all.labelledFail, all.falsePassRate()*100)
	t.Log("\n" + b.String())
	for _, c := range categories {
		if byCat[c] == nil {
			t.Errorf("labelled set has no answer in category %q", c)
		}
	}
	if all.agreement() < minAgreement {
		t.Errorf("agreement %.1f%%, want at least %.0f%%", all.agreement()*100, minAgreement*100)
	}
	if all.falsePassRate() > maxFalsePassRate {
		t.Errorf("false passes %.1f%% of answers labelled fail, want at most %.0f%%", all.falsePassRate()*100, maxFalsePassRate*100)
	}
}

func label(pass bool) string {
	if pass {
		return "labelled pass"
	}
	return "labelled fail"
}

func missed(r grade.Result) string {
	var out []string
	for _, p := range r.Points {
		if !p.Hit {
			out = append(out, p.Point.String())
		}
	}
	if len(out) == 0 {
		return "none"
	}
	return strings.Join(out, "; ")
}
