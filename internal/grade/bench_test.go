package grade

import (
	"slices"
	"testing"
	"time"

	"github.com/playdrill/playdrill/internal/playbook"
)

// benchCard is a 10-point card of the size the shipped playbook uses.
var benchCard = typed(playbook.KindDifferentiator, []string{
	"onboarding in days | fast onboarding",
	"named support engineer | dedicated engineer",
	"rules of engagement",
	"sales-ready",
	"ideal customer profile",
	"budget approved",
	"decision maker | economic buyer",
	"timeline",
	"list | not leads",
	"follow-up within 24 hours",
}, "cheaper", "best in class", "trust me")

// benchAnswer is a rambling ~60 word answer with typos, as reps type.
const benchAnswer = "ok so vs company x we get u onboarded in days not months, and you get a named engineer in support who knows ur account. " +
	"we only pass leads that are sales ready per the rules of engagment, fit the icp, have budget aproved and a real timeline, " +
	"and we talk to the economic buyer. we always follow up within 24 hours of the demo"

// BenchmarkGrade grades one ~60 word answer against a 10-point card.
func BenchmarkGrade(b *testing.B) {
	a := Answer{Text: benchAnswer}
	for b.Loop() {
		Grade(benchCard, a)
	}
}

// BenchmarkGradePrepared grades the same answer against a prepared card,
// as a caller grading many answers to one card does.
func BenchmarkGradePrepared(b *testing.B) {
	k := Prepare(benchCard)
	a := Answer{Text: benchAnswer}
	for b.Loop() {
		k.Grade(a, Options{})
	}
}

// BenchmarkGradeVsFloor times grading one answer with a prepared card and
// the floor (folding and stemming the same answer alone) in turns, and
// reports the median of each and their ratio, and the ratio of their
// allocations: grading must stay under
// 100 µs an answer, a small multiple of the floor, however busy the
// machine.
func BenchmarkGradeVsFloor(b *testing.B) {
	k := Prepare(benchCard)
	a := Answer{Text: benchAnswer}
	if r := k.Grade(a, Options{}); !r.Passed {
		b.Fatalf("the bench answer fails the bench card: %+v", r.Points)
	}
	const rounds = 50 // answers graded per timing, so the clock's grain does not count
	var grades, floors []time.Duration
	for b.Loop() {
		start := time.Now()
		for range rounds {
			splitWords(benchAnswer, DefaultMaxWords)
		}
		floors = append(floors, time.Since(start)/rounds)
		start = time.Now()
		for range rounds {
			k.Grade(a, Options{})
		}
		grades = append(grades, time.Since(start)/rounds)
	}
	g, f := median(grades), median(floors)
	b.ReportMetric(float64(g)/float64(f), "x-floor")
	// allocations of one graded answer over those of the floor (the
	// floor's are mostly the stemmer's)
	ga := testing.AllocsPerRun(10, func() { k.Grade(a, Options{}) })
	fa := testing.AllocsPerRun(10, func() { splitWords(benchAnswer, DefaultMaxWords) })
	b.ReportMetric(ga/fa, "allocs-x-floor")
	b.ReportMetric(float64(g)/float64(time.Microsecond), "µs/answer")
	b.ReportMetric(float64(f)/float64(time.Microsecond), "µs-floor")
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}

// BenchmarkFloor only splits, folds and stems every word of the same
// answer with snowball: the least a stemming grader does. The grading
// benchmarks are reported as ratios to it.
func BenchmarkFloor(b *testing.B) {
	for b.Loop() {
		splitWords(benchAnswer, DefaultMaxWords)
	}
}

// BenchmarkGradeHuge grades a 100 KB answer: bounded by MaxWords.
func BenchmarkGradeHuge(b *testing.B) {
	a := Answer{Text: hugeText()}
	for b.Loop() {
		Grade(benchCard, a)
	}
}

// BenchmarkPrepare readies the 10-point card: the part of BenchmarkGrade a
// caller saves by keeping the Key.
func BenchmarkPrepare(b *testing.B) {
	for b.Loop() {
		Prepare(benchCard)
	}
}
