package render

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"charm.land/glamour/v2"
	"charm.land/glamour/v2/styles"
)

// choiceStep is a step whose choice card has n options.
func choiceStep(n int) string {
	var b strings.Builder
	b.WriteString("## Pick {#pick}\n\nResult: r\n\n### Drill\n\nQ: Which one?\n")
	for i := range n {
		fmt.Fprintf(&b, "- [%s] option number %d\n", map[bool]string{true: "x", false: " "}[i == 0], i)
	}
	return b.String()
}

// A long list is rendered exactly as glamour renders it on its own.
func TestMarkdownLongListLooksTheSame(t *testing.T) {
	src := choiceStep(100) + "\n- plain item\n- another\n" + strings.Repeat("- more\n", 70) + "\n1. first\n2. second\n"
	for _, style := range []Style{Dark, Plain} {
		look := glamour.WithStandardStyle(string(style))
		if style == Dark {
			look = glamour.WithStyles(withoutHashes(styles.DarkStyleConfig))
		}
		bare, err := glamour.NewTermRenderer(look, glamour.WithWordWrap(80))
		if err != nil {
			t.Fatal(err)
		}
		want, err := bare.Render(src)
		if err != nil {
			t.Fatal(err)
		}
		if style == Plain {
			want = trimLines(want)
		}
		got, err := New().Markdown(src, 80, style)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s: output differs from glamour's", style)
		}
	}
}

// Markdown nested far deeper than any playbook may be is an error, not a
// crash of the whole program.
func TestMarkdownRefusesDeepNesting(t *testing.T) {
	for name, src := range map[string]string{
		"emphasis": strings.Repeat("*", 100000) + "x" + strings.Repeat("*", 100000),
		"quotes":   strings.Repeat("> ", 5000) + "x",
		"lists":    strings.Repeat("- ", 5000) + "x",
	} {
		_, err := New().Markdown(src, 80, Plain)
		if !errors.Is(err, ErrTooDeep) {
			t.Errorf("%s: got %v, want ErrTooDeep", name, err)
		}
	}
	// Nesting within the limit still renders.
	if _, err := New().Markdown(strings.Repeat("> ", 16)+"x", 80, Plain); err != nil {
		t.Error(err)
	}
}

// BenchmarkMarkdownLongList renders a step with a 10,000-option choice and
// one with 100 options in the same loop, and reports the time per option
// of the first as a ratio to the second (target: at most 1.3).
func BenchmarkMarkdownLongList(b *testing.B) {
	const small, large = 100, 10000
	smallSrc, largeSrc := choiceStep(small), choiceStep(large)
	r := New()
	var smallTime, largeTime time.Duration
	for b.Loop() {
		t0 := time.Now()
		for range large / small {
			if _, err := r.Markdown(smallSrc, 80, Dark); err != nil {
				b.Fatal(err)
			}
		}
		t1 := time.Now()
		if _, err := r.Markdown(largeSrc, 80, Dark); err != nil {
			b.Fatal(err)
		}
		smallTime += t1.Sub(t0)
		largeTime += time.Since(t1)
	}
	b.ReportMetric(float64(largeTime)/float64(smallTime), "x-per-item")
}

// A long text rendered a section at a time reads exactly as the whole: the
// same lines, only a blank line at each cut is not padded with spaces.
func TestLongTextRendersAsOne(t *testing.T) {
	defer func(n int) { chunkSize = n }(chunkSize)
	chunkSize = 1 << 10
	var b strings.Builder
	b.WriteString("# Process\n\nWhy it matters.\n\n")
	for i := range 150 {
		fmt.Fprintf(&b, "## Step %d\n\nResult: The prospect agrees to step %d.\n\n- a point\n- another\n\n", i, i)
		if i == 70 {
			b.WriteString("```\n## not a heading\n```\n\n")
		}
	}
	src := b.String()
	if len(chunks(src)) < 4 {
		t.Fatal("the text was not cut")
	}
	for _, style := range []Style{Plain, Dark} {
		md, err := New().termRenderer(80, style)
		if err != nil {
			t.Fatal(err)
		}
		whole, err := renderText(md, src)
		if err != nil {
			t.Fatal(err)
		}
		got, err := renderSegments(md, src, 80, style)
		if err != nil {
			t.Fatal(err)
		}
		if visible(got) != visible(whole) {
			t.Errorf("%s: rendering in parts differs from the whole", style)
		}
	}
}

// visible is what a terminal shows of rendered text: no styling, no
// trailing spaces.
func visible(s string) string {
	return trimLines(stripSGR(s))
}
