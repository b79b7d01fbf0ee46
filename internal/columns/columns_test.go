package columns

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestWidthsKeepShortColumns(t *testing.T) {
	rows := [][]string{
		{"Situation", "Category", "Why"},
		{strings.Repeat("long words ", 8), "sales-ready lead", strings.Repeat("more text ", 5)},
	}
	w := Widths(rows, 52, nil, 5)
	if w[1] != len("sales-ready lead") {
		t.Errorf("answer column %d wide, want %d", w[1], len("sales-ready lead"))
	}
	if w[0]+w[1]+w[2] > 52 {
		t.Errorf("widths %v overflow 52", w)
	}
	if w[0] < len("words") || w[2] < len("more") {
		t.Errorf("a column went below its longest word: %v", w)
	}
	// Everything fits: natural widths.
	if w := Widths(rows, 500, nil, 5); w[0] != len(rows[1][0]) || w[2] != len(rows[1][2]) {
		t.Errorf("natural widths: %v", w)
	}
}

func TestWidthsKeep(t *testing.T) {
	rows := [][]string{{"Step", "Status"}, {"Qualify inquiries into sales-ready leads", "in-progress"}}
	// Status is kept whole even though it is the widest once Step shrinks.
	w := Widths(rows, 25, func(c int) bool { return c == 1 }, 5)
	if w == nil || w[1] != len("in-progress") || w[0] > 14 {
		t.Errorf("widths %v", w)
	}
	if w := Widths(rows, 14, func(c int) bool { return c == 1 }, 5); w != nil {
		t.Errorf("no room left for Step, still got %v", w)
	}
}

func TestWrap(t *testing.T) {
	got := Wrap("  Qualify inquiries into sales-ready leads", 20)
	want := "  Qualify inquiries\n  into sales-ready\n  leads"
	if got != want {
		t.Errorf("Wrap = %q, want %q", got, want)
	}
	for line := range strings.SplitSeq(Wrap("a verylongwordthatcannotfit here", 8), "\n") {
		if ansi.StringWidth(line) > 8 {
			t.Errorf("line %q over 8", line)
		}
	}
	if Wrap("short", 20) != "short" {
		t.Error("a short cell changed")
	}
}
