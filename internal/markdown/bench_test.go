package markdown

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// generated is a playbook of n steps in 10 processes, about 400 bytes a step.
func generated(n int) []byte {
	var b strings.Builder
	b.WriteString("---\nplaybook: Generated\nversion: \"1\"\ncompetitors: [Acme]\n---\n")
	for i := range n {
		if i%(n/10) == 0 {
			fmt.Fprintf(&b, "# Process %d\n\nWhy this process matters.\n\n", i)
		}
		fmt.Fprintf(&b, "## Step number %d\n\nResult: The prospect agrees to step %d.\nMust mention: agrees | agreement; step %d\n\nDone when:\n- it is noted\n- sales accepts\n\nSome **prose** with a [link](https://example.com).\n\n### Drill\n\nQ: What happens at step %d?\nA: The prospect agrees.\nMust mention: agrees\nNever say: cheap\n\nQ: Which is right for %d?\n- [ ] this\n- [x] that\n\n", i, i, i, i, i)
	}
	return []byte(b.String())
}

// BenchmarkParse parses and validates a 5,000-step playbook (about 2 MB)
// and reports the time as a ratio to goldmark's own parse of the same bytes
// (CommonMark plus tables and task lists), measured in the same run.
func BenchmarkParse(b *testing.B) {
	src := generated(5000)
	fsys := fstest.MapFS{"x.md": {Data: src}}
	gm := goldmark.New(goldmark.WithExtensions(extension.Table, extension.TaskList))
	floor := func() time.Duration {
		start := time.Now()
		for range 3 {
			gm.Parser().Parse(text.NewReader(src))
		}
		return time.Since(start) / 3
	}()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	var peak uint64
	b.ResetTimer()
	for b.Loop() {
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		book, diags, err := Load(fsys, "x.md")
		if err != nil || HasErrors(diags) || len(book.Steps()) != 5000 {
			b.Fatalf("err %v, %d diagnostics, %d steps", err, len(diags), len(book.Steps()))
		}
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		peak = max(peak, after.TotalAlloc-before.TotalAlloc)
	}
	b.StopTimer()
	per := b.Elapsed() / time.Duration(b.N)
	b.ReportMetric(float64(per)/float64(floor), "x-goldmark")
	b.ReportMetric(float64(peak)/(1<<20), "MB-allocated/op")
	b.ReportMetric(float64(len(src))/(1<<20), "MB-input")
}
