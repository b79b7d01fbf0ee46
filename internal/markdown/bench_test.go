package markdown

import (
	"bytes"
	"fmt"
	"io/fs"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"github.com/playdrill/playdrill/playbooks"
)

// generated is a playbook of n steps in 10 processes, about 400 bytes a step.
func generated(n int) []byte {
	var b strings.Builder
	b.WriteString("---\nplaybook: Generated\nversion: \"1\"\ncompetitors: [Acme]\n---\n")
	for i := range n {
		if i%(n/10) == 0 {
			fmt.Fprintf(&b, "# Process %d\n\nWhy this process matters.\n\n", i)
		}
		fmt.Fprintf(&b, "## Step number %d {#step-%d}\n\nResult: The prospect agrees to step %d.\nMust mention: agrees | agreement; step %d\n\nDone when:\n- it is noted\n- sales accepts\n\nSome **prose** with a [link](https://example.com).\n\n### Drill\n\nQ: What happens at step %d?\nA: The prospect agrees.\nMust mention: agrees\nNever say: cheap\n\nQ: Which is right for %d?\n- [ ] this\n- [x] that\n\n", i, i, i, i, i, i)
	}
	return []byte(b.String())
}

// BenchmarkParse parses and validates a 5,000-step playbook (about 2 MB)
// and reports the median time as a ratio to the median of goldmark's own
// parse of the same bytes (CommonMark plus tables and task lists), the two
// timed alternately in the same loop so that load on the machine hits both
// alike. The collector is off while timing and runs between parses: each
// parse is timed on a clean heap, without the other's garbage to collect.
// MB-allocated/op is what one load allocates, an upper bound on its peak
// heap; x-goldmark-alloc compares it with goldmark's.
func BenchmarkParse(b *testing.B) {
	src := generated(5000)
	fsys := fstest.MapFS{"x.md": {Data: src}}
	gm := goldmark.New(goldmark.WithExtensions(extension.Table, extension.TaskList))
	floor := func() { gm.Parser().Parse(text.NewReader(src)) }
	load := func() {
		book, diags, err := Load(fsys, "x.md")
		if err != nil || HasErrors(diags) || len(book.Steps()) != 5000 {
			b.Fatalf("err %v, %d diagnostics", err, len(diags))
		}
	}
	allocated, floorAllocated := allocatedBy(load), allocatedBy(floor)

	b.SetBytes(int64(len(src)))
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	var loads, floors []time.Duration
	for b.Loop() {
		floors = append(floors, timed(floor))
		loads = append(loads, timed(load))
	}
	b.ReportMetric(float64(median(loads))/float64(median(floors)), "x-goldmark")
	b.ReportMetric(float64(allocated)/(1<<20), "MB-allocated/op")
	b.ReportMetric(float64(allocated)/float64(floorAllocated), "x-goldmark-alloc")
	b.ReportMetric(float64(len(src))/(1<<20), "MB-input")
}

// timed collects garbage, then times fn.
func timed(fn func()) time.Duration {
	runtime.GC()
	start := time.Now()
	fn()
	return time.Since(start)
}

// allocatedBy is the number of bytes fn allocates.
func allocatedBy(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}

// BenchmarkParseGrowth parses the shipped playbook, once and repeated
// eight times in one file (the kind of input the fuzzer grows and spends
// its time minimising), and reports the cost per byte of the long one as a
// ratio to the short one's: parsing must stay linear (target: under 1.5).
func BenchmarkParseGrowth(b *testing.B) {
	seeds, _ := fs.Glob(playbooks.FS, "*.md")
	var one []byte
	for _, name := range seeds {
		data, err := fs.ReadFile(playbooks.FS, name)
		if err != nil {
			b.Fatal(err)
		}
		_, body := SplitFrontMatter(data)
		one = append(one, body...)
	}
	eight := bytes.Repeat(one, 8)
	parse := func(src []byte) func() {
		fsys := fstest.MapFS{"x.md": {Data: src}}
		return func() {
			if _, _, err := Load(fsys, "x.md"); err != nil {
				b.Fatal(err)
			}
		}
	}
	short, long := parse(one), parse(eight)
	var ts, tl []time.Duration
	for b.Loop() {
		ts = append(ts, timed(short))
		tl = append(tl, timed(long))
	}
	perByte := func(d []time.Duration, n int) float64 { return float64(median(d)) / float64(n) }
	b.ReportMetric(perByte(tl, len(eight))/perByte(ts, len(one)), "x-per-byte-8x")
	b.ReportMetric(float64(len(one))/1024, "KB-input")
}
