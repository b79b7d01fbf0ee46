package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// stepsPlaybook is a playbook of n steps in one process.
func stepsPlaybook(n int) string {
	var b strings.Builder
	b.WriteString("# Sales {#sales}\n\n")
	for i := range n {
		fmt.Fprintf(&b, "## Step %d {#s%d}\n\nResult: The prospect agrees to step %d.\nMust mention: agrees\n\nDone when:\n- it is noted\n\nSome prose about the step.\n\n", i, i, i)
	}
	return b.String()
}

// BenchmarkShowManySteps runs `show` on a 10,000-step playbook and on a
// 100-step one 100 times in the same loop, and reports the median time per
// step of the first as a ratio to the second's (target: at most 1.3). Each
// side starts on a collected heap, so that one side's garbage is not
// charged to the other.
func BenchmarkShowManySteps(b *testing.B) {
	const small, large = 100, 10000
	dir := b.TempDir()
	for _, n := range []int{small, large} {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprint(n, ".md")), []byte(stepsPlaybook(n)), 0o600); err != nil {
			b.Fatal(err)
		}
	}
	show := func(n int) {
		code := Main(context.Background(), []string{"show", "--playbook", filepath.Join(dir, fmt.Sprint(n, ".md"))}, Env{
			Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard,
			Getenv: func(string) string { return "" },
		})
		if code != 0 {
			b.Fatalf("show %d steps: exit %d", n, code)
		}
	}
	var ratios []float64
	for b.Loop() {
		runtime.GC()
		t0 := time.Now()
		for range large / small {
			show(small)
		}
		smallTime := time.Since(t0)
		runtime.GC()
		t1 := time.Now()
		show(large)
		ratios = append(ratios, float64(time.Since(t1))/float64(smallTime))
	}
	slices.Sort(ratios)
	b.ReportMetric(ratios[len(ratios)/2], "x-per-item")
}
