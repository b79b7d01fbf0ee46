package render

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"charm.land/glamour/v2"
)

const sample = `## Qualify inquiries {#qualify}

Result: The inquiry meets the rules of engagement.
Must mention: rules of engagement; sales-ready

- first point
- second point, with a [link](https://example.com/guide)

| Situation | Category |
| --- | --- |
| bought list | list |
`

func TestMarkdownStyles(t *testing.T) {
	r := New()
	for _, style := range []Style{Dark, Light, Plain} {
		out, err := r.Markdown(sample, 80, style)
		if err != nil {
			t.Fatalf("%s: %v", style, err)
		}
		for _, want := range []string{"Qualify inquiries", "rules of engagement", "second point", "bought list"} {
			if !strings.Contains(stripSGR(out), want) {
				t.Errorf("%s: output lacks %q:\n%s", style, want, out)
			}
		}
		hasEsc := strings.Contains(out, "\x1b")
		if style == Plain && hasEsc {
			t.Errorf("plain output carries escapes: %q", out)
		}
		if style != Plain && !hasEsc {
			t.Errorf("%s output has no styling", style)
		}
		assertOnlySGR(t, string(style), out)
	}
}

func TestMarkdownWraps(t *testing.T) {
	r := New()
	long := strings.Repeat("wrap these words please ", 20)
	for _, width := range []int{30, 60} {
		out, err := r.Markdown(long, width, Plain)
		if err != nil {
			t.Fatal(err)
		}
		for line := range strings.SplitSeq(out, "\n") {
			if n := len([]rune(strings.TrimRight(line, " "))); n > width {
				t.Errorf("width %d: line of %d runes: %q", width, n, line)
			}
		}
	}
}

func TestMarkdownUnknownStyle(t *testing.T) {
	if _, err := New().Markdown("x", 80, Style("neon")); err == nil || !strings.Contains(err.Error(), "neon") {
		t.Fatalf("unknown style: err = %v", err)
	}
}

func TestMarkdownCachesPerWidthAndStyle(t *testing.T) {
	r := New()
	for range 3 {
		for _, w := range []int{40, 80} {
			if _, err := r.Markdown(sample, w, Dark); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Widths are clamped, so absurd ones share the extreme renderers.
	for _, w := range []int{-5, 0, 1 << 30} {
		if _, err := r.Markdown(sample, w, Dark); err != nil {
			t.Fatal(err)
		}
	}
	if len(r.cache) != 4 {
		t.Fatalf("cache holds %d renderers, want 4 (40, 80, min, max)", len(r.cache))
	}
}

// TestMarkdownConcurrent runs under -race: one Renderer shared by many
// goroutines must give each the same output as a lone render.
func TestMarkdownConcurrent(t *testing.T) {
	r := New()
	want, err := r.Markdown(sample, 70, Dark)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := range 16 {
		wg.Go(func() {
			style := []Style{Dark, Light}[i%2]
			got, err := r.Markdown(sample, 70, style)
			if err == nil && style == Dark && got != want {
				err = fmt.Errorf("concurrent render differs")
			}
			if err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestMarkdownEscapes feeds glamour the sequences a hostile playbook could
// carry, raw and as character references (which goldmark decodes into live
// characters), and checks that none reaches the output.
func TestMarkdownEscapes(t *testing.T) {
	payloads := map[string]string{
		"osc52":     "\x1b]52;c;ZXZpbA==\x07",
		"osc0":      "\x1b]0;owned\x07",
		"dcs":       "\x1bP1$qm\x1b\\",
		"apc":       "\x1b_Gf=100;QUFB\x1b\\",
		"cursor":    "\x1b[2A\x1b[2J",
		"bel":       "\x07",
		"csi8":      "\x9b2J",
		"u009b":     "\u009b2J",
		"bidi":      "\u202eevil\u202c",
		"osc52ent":  "&#x1b;]52;c;ZXZpbA==&#7;",
		"osc0ent":   "&#27;]0;owned&#x07;",
		"dcsent":    "&#x1B;P1$qm&#x1b;\\",
		"apcent":    "&#x1b;_Gf=100;QUFB&#x1b;\\",
		"cursorent": "&#x1b;[2A&#x1b;[2J",
		"belent":    "&#7;",
		"csi8ent":   "&#155;2J",
		"u9bent":    "&#x9b;2J",
		"bidient":   "&#x202E;evil&#8236;",
	}
	r := New()
	for name, p := range payloads {
		src := "# Title " + p + "\n\nText " + p + " more\n\n- item " + p + "\n\n`code " + p + "`\n\n```\n" + p + "\n```\n"
		for _, style := range []Style{Dark, Light, Plain} {
			out, err := r.Markdown(src, 80, style)
			if err != nil {
				t.Fatalf("%s/%s: %v", name, style, err)
			}
			assertOnlySGR(t, name+"/"+string(style), out)
			if style == Plain && strings.Contains(out, "\x1b") {
				t.Errorf("%s/plain: escape in output %q", name, out)
			}
		}
	}
}

// assertOnlySGR fails unless every escape in out is an SGR sequence and no
// other control, C1 or bidi character is present.
func assertOnlySGR(t *testing.T, name, out string) {
	t.Helper()
	text := stripSGR(out)
	for i, r := range text {
		bad := r == 0x1b || r == 0x7f || (r < 0x20 && r != '\n' && r != '\t') ||
			(r >= 0x80 && r <= 0x9f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
		if bad {
			t.Errorf("%s: forbidden %U at %d in %q", name, r, i, out)
			return
		}
	}
}

// stripSGR removes well-formed SGR sequences and leaves anything else.
func stripSGR(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "\x1b[")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		j := i + 2
		for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';' || s[j] == ':') {
			j++
		}
		if j < len(s) && s[j] == 'm' {
			s = s[j+1:]
			continue
		}
		// Not SGR: keep the ESC so the caller sees it.
		b.WriteString(s[i : i+1])
		s = s[i+1:]
	}
}

// step3KB is a playbook step of about 3 KB, the size the render target is
// set for.
func step3KB() string {
	var b strings.Builder
	b.WriteString("## Uncover the problem in discovery {#discovery}\n\nResult: The rep and the prospect agree on the problem, its cost, who decides and by when.\nMust mention: the problem; what it costs; who decides; by when\n\nDone when:\n- the prospect confirmed a written summary\n- every decision-maker is named\n\n")
	for b.Len() < 2600 {
		b.WriteString("Discovery turns **vague pain** into numbers the prospect believes: missed appointments, overtime hours, a dispatcher stuck on the phone. Ask how work gets from a call to a van, and where it breaks.\n\n")
	}
	b.WriteString("### Drill\n\nQ: What four things does discovery establish?\nA: The problem, its cost, who decides and the deadline.\nMust mention: problem; cost; decision-maker; timeline\n")
	return b.String()
}

// BenchmarkMarkdownStep measures Markdown on a 3 KB step against glamour's
// bare render of the same text in the same loop, and reports the ratio
// (target: at most 1.5).
func BenchmarkMarkdownStep(b *testing.B) {
	src := step3KB()
	bare, err := glamour.NewTermRenderer(glamour.WithStandardStyle("dark"), glamour.WithWordWrap(80))
	if err != nil {
		b.Fatal(err)
	}
	r := New()
	var bareTime, ours time.Duration
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		t0 := time.Now()
		if _, err := bare.Render(src); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if _, err := r.Markdown(src, 80, Dark); err != nil {
			b.Fatal(err)
		}
		bareTime += t1.Sub(t0)
		ours += time.Since(t1)
	}
	b.ReportMetric(float64(ours)/float64(bareTime), "x-glamour")
}
