package draft

import (
	"fmt"
	"runtime"

	"slices"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// handbook is a handbook page of about size bytes: numbered stages with
// prose, links, emphasis, checklists, talk tracks, objections, tables and
// FAQ questions, as real pages mix them: a card every 150 bytes or so,
// denser than the real pages drafted in the tests (one every 270 to 850
// bytes), so that the figure errs on the slow side.
func handbook(size int) []byte {
	var b strings.Builder
	b.WriteString("---\ntitle: Generated handbook\nsidebar: Handbook\n---\n\nHow we sell, stage by stage.\n\n")
	for i := 0; b.Len() < size; i++ {
		if i%50 == 0 {
			fmt.Fprintf(&b, "## Part %d\n\nAn overview of this part of the [process](/handbook/part-%d).\n\n", i/50, i)
		}
		fmt.Fprintf(&b, "### %d. Stage number %d\n\nIn this stage the rep **qualifies** the lead and _books_ a call; see [the guide](https://example.com/guide/%d).\n\n", i%50+1, i, i)
		fmt.Fprintf(&b, "Most leads reach us through the website form; some write to sales directly. Read what they wrote before you reply, and look up the company: its size, its market, whether it has raised money, and who filled in the form. A reply that shows you did this gets answered.\n\n")
		fmt.Fprintf(&b, "Keep the first message short: thank them, say what you understood of their problem in one sentence, and offer two times for a call this week. Do not attach a deck; bring it to the call if they ask for one.\n\n")
		fmt.Fprintf(&b, "#### Exit criteria\n\nBefore moving on, we should know:\n\n- the pain, in their words\n- who signs the order form for %d\n\n", i)
		fmt.Fprintf(&b, "#### Talk track\n\nWhen they ask about price:\n\n\"Most teams like yours start small and expand within %d days once results show.\"\n\n", i%90+10)
		fmt.Fprintf(&b, "> Start with their biggest problem and stay there until they are happy, then move on.\n\n")
		fmt.Fprintf(&b, "These are the objections you will hear:\n\n- Too expensive - ask what the problem costs them each month.\n- No time - offer a two-week start with engineer %d.\n\n", i)
		fmt.Fprintf(&b, "| Signal | Stage | Why |\n| --- | --- | --- |\n| Asked for a trial %d | evaluation | they test fit |\n| Sent the order form %d | closing | nothing left |\n\n", i, i)
		fmt.Fprintf(&b, "#### How is it different from Rival%d?\n\n> Rival%d needs months to roll out; we go live in weeks with a named engineer.\n\n", i%7, i%7)
	}
	return []byte(b.String())
}

// BenchmarkDraft drafts a 2 MB handbook page and reports the median time
// as a ratio to the median of goldmark's own parse of the same bytes
// (CommonMark with tables and task lists), the two timed alternately in
// the same loop. A page's time includes everything but reading the file:
// cleaning, parsing, finding steps and cards, proposing key points and
// writing the draft. x-linear compares the time per byte of the 2 MB page
// with that of a page a tenth of its size: about 1 when drafting is
// linear, and x-linear-goldmark the same for goldmark's parse (a large
// page leaves the processor's caches behind, so neither is quite 1).
func BenchmarkDraft(b *testing.B) {
	src := handbook(2 << 20)
	small := handbook(len(src) / 10)
	gm := goldmark.New(goldmark.WithExtensions(extension.Table, extension.TaskList))
	floor := func() { gm.Parser().Parse(text.NewReader(src)) }
	smallFloor := func() { gm.Parser().Parse(text.NewReader(small)) }
	run := func(page []byte) func() {
		return func() {
			if _, sum, err := Page("page.md", page); err != nil || sum.Steps == 0 {
				b.Fatalf("draft: %v, %+v", err, sum)
			}
		}
	}
	big, little := run(src), run(small)
	b.SetBytes(int64(len(src)))
	var drafts, floors, smalls, smallFloors []time.Duration
	for b.Loop() {
		// Three rounds a loop, so that even a slow machine gives the
		// medians a few samples.
		for range 3 {
			floors = append(floors, timed(floor))
			drafts = append(drafts, timed(big))
			smalls = append(smalls, timed(little))
			smallFloors = append(smallFloors, timed(smallFloor))
		}
	}
	b.ReportMetric(float64(median(drafts))/float64(median(floors)), "x-goldmark")
	perByte := func(d time.Duration, n int) float64 { return float64(d) / float64(n) }
	b.ReportMetric(perByte(median(drafts), len(src))/perByte(median(smalls), len(small)), "x-linear")
	b.ReportMetric(perByte(median(floors), len(src))/perByte(median(smallFloors), len(small)), "x-linear-goldmark")
	b.ReportMetric(float64(len(src))/(1<<20), "MB-input")
}

// timed collects garbage, then times fn: the CPU time the process spends
// on it (the collector's share included) where the system tells it, so
// that the machine's other load does not count; else the time on the
// clock.
func timed(fn func()) time.Duration {
	runtime.GC()
	start, _ := cpuTime()
	fn()
	end, _ := cpuTime()
	return time.Duration(end - start)
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}
