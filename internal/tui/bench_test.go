package tui

import (
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/drill/drilltest"
	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/render"
)

// countingRenderer counts markdown renderings.
type countingRenderer struct{ n atomic.Int64 }

func (c *countingRenderer) Markdown(src string, width int, style render.Style) (string, error) {
	c.n.Add(1)
	return fakeRenderer{}.Markdown(src, width, style)
}

// keystrokes alternates a letter and a backspace so the answer stays short.
var keystrokes = []tea.KeyPressMsg{{Code: 'a', Text: "a"}, {Code: tea.KeyBackspace}}

// BenchmarkDrillKeystroke measures one keystroke on the drill screen
// (Update and View) at 120x40; the floor is a bare text area doing the
// same, so the ratio shows what the screen adds. Target: under 1 ms, and
// no markdown rendering at all.
func BenchmarkDrillKeystroke(b *testing.B) {
	b.Run("drill", func(b *testing.B) {
		cr := &countingRenderer{}
		hs := newHarness(&testing.T{}, 120, 40, withRenderer(cr))
		hs.key("d")
		hs.typeText("we find out why they inquired")
		m := hs.m
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; b.Loop(); i++ {
			m.Update(keystrokes[i%2])
			_ = m.View()
		}
		b.StopTimer()
		if n := cr.n.Load(); n != 0 {
			b.Fatalf("%d markdown renderings during keystrokes", n)
		}
	})
	b.Run("floor-textarea", func(b *testing.B) {
		ta := textarea.New()
		ta.SetWidth(100)
		ta.SetHeight(5)
		ta.Focus()
		ta.SetValue("we find out why they inquired")
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			ta, _ = ta.Update(keystrokes[i%2])
			_ = ta.View()
		}
	})
}

// bigBook builds a playbook of n steps in 10 processes, each step with a
// result card and a recall card.
func bigBook(n int) *playbook.Playbook {
	book := &playbook.Playbook{Title: "Big", Version: "1"}
	per := n / 10
	for p := range 10 {
		proc := &playbook.Process{ID: "p" + itoa(p), Title: "Process " + itoa(p)}
		for s := range per {
			id := proc.ID + "-s" + itoa(s)
			st := &playbook.Step{ID: id, Title: "Step " + itoa(s) + " of process " + itoa(p), Process: proc.ID,
				Result: "The result of step " + id + " is reached and recorded.", DoneWhen: []string{"it is done"},
				Body: "## Step " + id + "\n\nResult: reached.\n\nSome prose about the step.\n"}
			st.Cards = []*playbook.Card{
				{ID: id + "/result", Kind: playbook.KindResult, Step: id, Process: proc.ID, Prompt: "What is the result of " + id + "?", Answer: "Reached.", Hash: id + "r"},
				{ID: id + "/q1", Kind: playbook.KindRecall, Step: id, Process: proc.ID, Prompt: "Recall " + id, Answer: "Yes.", Hash: id + "q"},
			}
			proc.Steps = append(proc.Steps, st)
		}
		book.Processes = append(book.Processes, proc)
	}
	return book
}

// BenchmarkBigPlaybook opens the TUI on a 5,000-step playbook, loads
// progress, moves through Home, opens Progress and a step, and reports the
// peak heap in use (target: under 150 MB). The floor is the playbook alone.
func BenchmarkBigPlaybook(b *testing.B) {
	var floor, peak uint64
	for b.Loop() {
		runtime.GC()
		base := heapInUse()
		book := bigBook(5000)
		runtime.GC()
		floor = max(floor, heapInUse()-base)

		eng := &fakeEngine{book: book}
		cfg := Config{Book: book, Store: drilltest.NewStore(), Options: drill.Options{Rep: "ana", Now: func() time.Time { return fixedNow }}, RepGiven: true}
		cfg.markdown = fakeRenderer{}
		m := newModel(cfg, func(bk *playbook.Playbook, _ playbook.Store, _ drill.Options) engine { return eng })
		m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		m.Update(progressMsg{gen: m.c.gen, prog: bigProgress(book)})
		for range 200 {
			m.Update(keyMsg("down"))
			_ = m.View()
		}
		m.Update(keyMsg("p"))
		m.Update(progressDataMsg{gen: m.c.gen})
		_ = m.View()
		peak = max(peak, heapInUse()-base)
		runtime.KeepAlive(m)
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
	b.ReportMetric(float64(floor)/(1<<20), "floor-playbook-MB")
	if peak > 150<<20 {
		b.Fatalf("peak heap %d MB, want under 150 MB", peak>>20)
	}
}

func heapInUse() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}

func bigProgress(b *playbook.Playbook) drill.Progress {
	var p drill.Progress
	for _, proc := range b.Processes {
		pp := drill.ProcessProgress{Process: proc}
		for i, s := range proc.Steps {
			pp.Steps = append(pp.Steps, drill.StepProgress{Step: s, Status: drill.StatusNew, Readiness: float64(i%10) / 10, New: 2})
		}
		p.Processes = append(p.Processes, pp)
	}
	return p
}

// learnProse is a long step's text: paragraphs, a rules table and
// practice questions, about 4 KB.
func learnProse() string {
	var b strings.Builder
	for i := range 12 {
		b.WriteString("Discovery turns vague pain into numbers the prospect believes: missed appointments, overtime hours, a dispatcher stuck on the phone. Ask how work gets from a call to a van (" + itoa(i) + ").\n\n")
	}
	b.WriteString("### Rules of engagement\n\n| Situation | Category | Why |\n| --- | --- | --- |\n")
	for i := range 8 {
		b.WriteString("| Owner asked for a demo before the summer rush, case " + itoa(i) + " | sales-ready lead | decision-maker, a problem we solve and a deadline |\n")
	}
	b.WriteString("\n### Drill\n\nQ: What four things does discovery establish?\nA: The problem, its cost, who decides and the deadline.\nMust mention: problem; cost; decision-maker | who decides; timeline\n")
	return b.String()
}

// BenchmarkLearnKeystroke measures one scrolling keystroke (Update and
// View of the whole app) on the learn screen of a 5,000-step playbook at
// 80x24, against a bare viewport scrolling the same page in the same loop:
// x-viewport is the ratio, us/key the time a key takes (target: under
// 1 ms, 1000 us). No markdown is rendered during the keystrokes.
func BenchmarkLearnKeystroke(b *testing.B) {
	book := bigBook(5000)
	step := book.Processes[5].Steps[250]
	step.Prose = learnProse()
	cr := &countingRenderer{}
	eng := &fakeEngine{book: book}
	cfg := Config{Book: book, Store: drilltest.NewStore(), Options: drill.Options{Rep: "ana", Now: func() time.Time { return fixedNow }}, RepGiven: true,
		markdown: realRenderer{cr, render.New()}}
	hs := &harness{t: &testing.T{}, eng: eng, config: cfg}
	hs.m = newModel(cfg, func(*playbook.Playbook, playbook.Store, drill.Options) engine { return eng })
	hs.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	hs.send(progressMsg{gen: hs.m.c.gen, prog: bigProgress(book)})
	hs.send(openStepMsg{id: step.ID})
	m := hs.m
	learn := m.screens[screenLearn].(*learnScreen)
	if learn.vp.TotalLineCount() < 60 {
		b.Fatalf("the page has %d lines; want a long one", learn.vp.TotalLineCount())
	}
	bare := viewport.New()
	bare.SetWidth(80)
	bare.SetHeight(learn.vp.Height())
	bare.SetContent(learn.vp.GetContent())
	rendered := cr.n.Load()

	// Down to the end and back, so every key scrolls.
	keys := make([]tea.KeyPressMsg, 0, 2*learn.vp.TotalLineCount())
	for range learn.vp.TotalLineCount() - learn.vp.Height() {
		keys = append(keys, keyMsg("j"))
	}
	for range learn.vp.TotalLineCount() - learn.vp.Height() {
		keys = append(keys, keyMsg("k"))
	}
	b.ReportAllocs()
	n := 0
	t0 := time.Now()
	for b.Loop() {
		m.Update(keys[n%len(keys)])
		_ = m.View()
		n++
	}
	ours := time.Since(t0)
	b.StopTimer()
	if r := cr.n.Load() - rendered; r != 0 {
		b.Fatalf("%d markdown renderings during keystrokes", r)
	}
	// The floor: the same keys on a bare viewport, timed apart so that
	// neither pays for the other's garbage.
	runtime.GC()
	t1 := time.Now()
	for i := range n {
		if keys[i%len(keys)].Code == 'j' {
			bare.ScrollDown(1)
		} else {
			bare.ScrollUp(1)
		}
		_ = bare.View()
	}
	floor := time.Since(t1)
	b.ReportMetric(float64(ours)/float64(floor), "x-viewport")
	b.ReportMetric(float64(ours.Microseconds())/float64(n), "us/key")
}

// realRenderer renders with r, counting renderings in n.
type realRenderer struct {
	n *countingRenderer
	r *render.Renderer
}

func (rr realRenderer) Markdown(src string, width int, style render.Style) (string, error) {
	rr.n.n.Add(1)
	return rr.r.Markdown(src, width, style)
}
