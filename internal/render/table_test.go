package render

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

const rulesTable = `### Rules of engagement

| Situation | Category | Why |
| --- | --- | --- |
| 5,000 contractor names bought from a list broker | list | nobody on it has responded to us |
| Owner asked for a demo before the summer rush, 35 technicians on a whiteboard | **sales-ready lead** | decision-maker, a problem we solve and a deadline |
| Office manager asked for a demo, owner not involved, no date | inquiry | no decision-maker and no reason to act soon |

After the table.
`

// rowsOf returns the table lines of out: those with a column rule.
func rowsOf(out string) []string {
	var rows []string
	for line := range strings.SplitSeq(ansi.Strip(out), "\n") {
		if strings.Contains(line, "│") {
			rows = append(rows, line)
		}
	}
	return rows
}

// A rules table keeps its short answer column whole and wraps the long
// text columns, at every width a rep may read it in.
func TestTableKeepsTheAnswerColumnWhole(t *testing.T) {
	r := New()
	for _, width := range []int{120, 80, 60} {
		for _, style := range []Style{Plain, Dark} {
			out, err := r.Markdown(rulesTable, width, style)
			if err != nil {
				t.Fatal(err)
			}
			plain := ansi.Strip(out)
			for line := range strings.SplitSeq(plain, "\n") {
				if w := ansi.StringWidth(line); w > width {
					t.Errorf("width %d %s: line of %d columns: %q", width, style, w, line)
				}
			}
			rows := rowsOf(out)
			if len(rows) < 4 {
				t.Fatalf("width %d %s: no table in\n%s", width, style, plain)
			}
			// The answer column holds each answer on one line.
			var answers []string
			for _, row := range rows {
				cols := strings.Split(row, "│")
				answers = append(answers, strings.TrimSpace(cols[1]))
			}
			for _, want := range []string{"Category", "list", "sales-ready lead", "inquiry"} {
				if !slices.Contains(answers, want) {
					t.Errorf("width %d %s: answer column %q lacks %q whole", width, style, answers, want)
				}
			}
			// Every word of the long columns is whole on some line.
			words := map[string]bool{}
			for _, w := range strings.Fields(strings.ReplaceAll(plain, "│", " ")) {
				words[w] = true
			}
			for _, w := range strings.Fields("5,000 contractor names bought from a list broker technicians whiteboard decision-maker, deadline") {
				if !words[w] {
					t.Errorf("width %d %s: word %q split", width, style, w)
				}
			}
			if !strings.Contains(plain, "After the table.") || !strings.Contains(plain, "Rules of engagement") {
				t.Errorf("width %d %s: text around the table lost:\n%s", width, style, plain)
			}
		}
	}
}

// Too narrow for its columns, a table is read a row at a time, each cell
// on a line of its own led by its header.
func TestTableTooNarrowIsStacked(t *testing.T) {
	for _, style := range []Style{Plain, Dark} {
		out, err := New().Markdown(rulesTable, 40, style)
		if err != nil {
			t.Fatal(err)
		}
		plain := ansi.Strip(out)
		for _, want := range []string{"Category: sales-ready lead", "Category: inquiry", "Situation: 5,000 contractor names", "Why: no decision-maker"} {
			if !strings.Contains(plain, want) {
				t.Errorf("%s: lacks %q:\n%s", style, want, plain)
			}
		}
		for line := range strings.SplitSeq(plain, "\n") {
			if w := ansi.StringWidth(line); w > 40 {
				t.Errorf("%s: line of %d columns: %q", style, w, line)
			}
		}
	}
}

// Wide enough, a table is laid out at its natural width: nothing wraps.
func TestTableNaturalWidth(t *testing.T) {
	out, err := New().Markdown(rulesTable, 200, Plain)
	if err != nil {
		t.Fatal(err)
	}
	rows := rowsOf(out)
	if len(rows) != 4 {
		t.Errorf("want a header and three rows on one line each, got %d lines:\n%s", len(rows), out)
	}
}

func TestSplitTables(t *testing.T) {
	src := "Intro\n\n```\n| a | b |\n| - | - |\n| 1 | 2 |\n```\n\n| x \\| y | z |\n|:--|--:|\n| [link](http://e.com) | `code` | extra |\n| short |\n\nEnd"
	segs := splitTables(src)
	var tables [][][]string
	for _, s := range segs {
		if s.table != nil {
			tables = append(tables, s.table)
		}
	}
	if len(tables) != 1 {
		t.Fatalf("want one table (the fenced one is code), got %d: %#v", len(tables), segs)
	}
	want := [][]string{{"x | y", "z"}, {"link", "code"}, {"short", ""}}
	for i := range want {
		if !slices.Equal(tables[0][i], want[i]) {
			t.Errorf("row %d: %q, want %q", i, tables[0][i], want[i])
		}
	}
	if !strings.Contains(segs[0].text, "| a | b |") || !strings.Contains(segs[len(segs)-1].text, "End") {
		t.Errorf("text around the tables lost: %#v", segs)
	}
}
