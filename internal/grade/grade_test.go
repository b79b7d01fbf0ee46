package grade

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/playdrill/playdrill/internal/playbook"
)

// typed builds a typed card from points written as in a playbook: one
// string per point, alternates separated by "|".
func typed(kind playbook.Kind, points []string, never ...string) *playbook.Card {
	c := &playbook.Card{ID: "c", Kind: kind, NeverSay: never}
	for _, p := range points {
		var kp playbook.KeyPoint
		for _, a := range strings.Split(p, "|") {
			kp.Alternates = append(kp.Alternates, strings.TrimSpace(a))
		}
		c.MustMention = append(c.MustMention, kp)
	}
	return c
}

func hits(r Result) []bool {
	out := make([]bool, len(r.Points))
	for i, p := range r.Points {
		out[i] = p.Hit
	}
	return out
}

// TestTypedPoints covers each forgiveness rule and each trap with answers
// written the way reps type them.
func TestTypedPoints(t *testing.T) {
	tests := []struct {
		name   string
		points []string
		answer string
		want   []bool
	}{
		// forgiveness
		{"case and punctuation", []string{"rules of engagement"}, "RULES OF ENGAGEMENT!!!", []bool{true}},
		{"hyphen typed as space", []string{"sales-ready"}, "its sales ready", []bool{true}},
		{"space typed as hyphen", []string{"sales ready"}, "a sales-ready lead", []bool{true}},
		{"hyphenated point typed as one word", []string{"follow-up"}, "send a followup email", []bool{true}},
		{"unicode hyphen and curly quotes", []string{"sales-ready", "isn't a lead"}, "it\u2019s sales\u2011ready, so it isn\u2019t a lead anymore", []bool{true, true}},
		{"accents and full-width letters", []string{"cafe", "demo"}, "Café ｄｅｍｏ", []bool{true, true}},
		{"word endings", []string{"qualify the lead", "pricing"}, "leads were qualified before we talked price", []bool{true, true}},
		{"one typo in a mid-length word", []string{"budget"}, "they have budgte approved", []bool{true}},
		{"two typos in a long word", []string{"engagement"}, "per the engagemnet rulez", []bool{true}},
		{"typo in a word and its ending", []string{"qualified"}, "we qualifed it", []bool{true}},
		{"alternates", []string{"onboarding in days | fast onboarding"}, "onboarding is really fast with us", []bool{true}},
		{"second alternate", []string{"named support engineer | dedicated engineer"}, "u get a dedicated engineer", []bool{true}},
		{"point words in order with small words between", []string{"named support engineer"}, "a named support engineer for your account", []bool{true}},
		{"pronoun of the point said as a noun", []string{"why they responded"}, "why the owner first responded", []bool{true}},
		{"participle before the noun", []string{"results agreed"}, "the agreed results", []bool{true}},
		{"point said in the passive", []string{"qualify the lead"}, "the lead was qualified", []bool{true}},
		{"adjective said after the noun", []string{"fast onboarding"}, "onboarding is fast", []bool{true}},
		{"fillers of the point left out", []string{"rules of engagement"}, "followed the engagement rules", []bool{true}},
		{"initials", []string{"ideal customer profile", "marketing qualified lead"}, "fits our icp so it's an MQL", []bool{true, true}},
		{"plural initials", []string{"marketing qualified lead"}, "we had 40 mqls last wk", []bool{true}},
		{"rambling answer", []string{"budget", "authority", "timeline"},
			"ok so basically u want to know if they've got the budget, like actually approved, and whether the person ur talking to has authority to sign or at least knows who does, and then a timeline, like when do they need it live",
			[]bool{true, true, true}},
		{"not only is emphasis", []string{"sales-ready"}, "not only sales-ready but hot", []bool{true}},
		{"no doubt is emphasis", []string{"sales-ready"}, "no doubt its sales ready", []bool{true}},
		{"denial in an earlier clause", []string{"list"}, "No. It is a list", []bool{true}},
		{"denial ends where a new statement starts", []string{"list"}, "we don't call until it is off the list", []bool{true}},
		{"order kept around instead", []string{"talks features instead of asking"}, "he talks about features instead of asking why", []bool{true}},
		{"instead clause put first", []string{"talks features instead of asking"}, "instead of asking anything, he talks features", []bool{true}},
		{"before clause put first", []string{"qualify before the demo"}, "Before any demo, we qualify them", []bool{true}},
		{"order words keep the rest free", []string{"budget approved before demo"}, "approved budget before the demo", []bool{true}},

		// traps
		{"key word inside a longer word", []string{"list"}, "ask the specialist", []bool{false}},
		{"key word as prefix of a longer word", []string{"lead"}, "shows leadership", []bool{false}},
		{"short word typo is another word", []string{"lead"}, "read the brief", []bool{false}},
		{"first letter typo not forgiven", []string{"budget"}, "fudget", []bool{false}},
		{"three letter word exact", []string{"roi"}, "rio", []bool{false}},
		{"numbers exact", []string{"48 hours"}, "within 24 hours", []bool{false}},
		{"negated point", []string{"sales-ready"}, "it's not sales-ready yet", []bool{false}},
		{"negated by contraction", []string{"sales-ready"}, "it isnt really sales ready", []bool{false}},
		{"negated by never", []string{"discount"}, "we never discount", []bool{false}},
		{"negated by no", []string{"budget approved"}, "there's no budget approved", []bool{false}},
		{"negated by don't with curly quote", []string{"qualify"}, "we don\u2019t qualify them", []bool{false}},
		{"negated second word", []string{"sales-ready"}, "sales but not ready", []bool{false}},
		{"denial point hit by denial", []string{"not leads"}, "they aren't leads", []bool{true}},
		{"denial point missed without denial", []string{"not leads"}, "these are leads", []bool{false}},
		{"denial point missed when denial follows", []string{"not leads"}, "leads, not lists", []bool{false}},
		{"sides of instead swapped", []string{"talks features instead of asking"}, "a rep who asks questions instead of talking features", []bool{false}},
		{"sides of before swapped", []string{"qualify before the demo"}, "we demo before we qualify", []bool{false}},
		{"fronted clause with the sides swapped", []string{"qualify before the demo"}, "before we qualify, we demo", []bool{false}},
		{"scattered words", []string{"named support engineer"},
			"you get named on the contract, the price is great, onboarding takes days, and we have lots of happy customers who love our support and our engineer team", []bool{false}},
		{"answer word counted once", []string{"prize price"}, "the price", []bool{false}},
		{"two answer words for two point words", []string{"prize price"}, "price and prize", []bool{true}},
		{"repeated point word needed once", []string{"lead to lead"}, "a lead", []bool{true}},
		{"empty answer", []string{"list"}, "", []bool{false}},
		{"blank answer", []string{"list"}, "  \n\t ...", []bool{false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Grade(typed(playbook.KindRecall, tt.points), Answer{Text: tt.answer})
			if got := hits(r); !slices.Equal(got, tt.want) {
				t.Errorf("answer %q against %q: hits %v, want %v (%+v)", tt.answer, tt.points, got, tt.want, r.Points)
			}
		})
	}
}

func TestHitWords(t *testing.T) {
	c := typed(playbook.KindResult, []string{"rules of engagement", "sales-ready", "list | not leads", "ideal customer profile"})
	r := Grade(c, Answer{Text: "Meets the Engagment rules & it's Sales-Ready; they aren’t leads. ICP fit"})
	want := [][]string{{"Engagment", "rules"}, {"Sales", "Ready"}, {"aren’t", "leads"}, {"ICP"}}
	for i, p := range r.Points {
		if !p.Hit || !slices.Equal(p.Words, want[i]) {
			t.Errorf("point %q: hit %v words %q, want %q", p.Point, p.Hit, p.Words, want[i])
		}
	}
	missed := Grade(c, Answer{Text: "no idea"})
	for _, p := range missed.Points {
		if p.Hit || len(p.Words) != 0 {
			t.Errorf("point %q: hit %v words %q on a blank answer", p.Point, p.Hit, p.Words)
		}
	}
}

func TestNeverSay(t *testing.T) {
	tests := []struct {
		name   string
		never  []string
		answer string
		want   []string
	}{
		{"said", []string{"cheaper"}, "honestly we're cheaper", []string{"cheaper"}},
		{"said in a denial", []string{"cheaper"}, "we're not cheaper but...", []string{"cheaper"}},
		{"phrase with other ending", []string{"hot leads"}, "that's a HOT LEAD!", []string{"hot leads"}},
		{"typos are not flagged", []string{"hot leads", "free"}, "these are hot laeds, dont fret", nil},
		{"hyphen and case", []string{"best in class"}, "Best-In-Class support", []string{"best in class"}},
		{"words apart are not the phrase", []string{"hot leads"}, "leads that are hot", nil},
		{"inside a longer word", []string{"cheap"}, "cheapskate", nil},
		{"two phrases, each once", []string{"cheaper", "best in class"}, "cheaper, best-in-class, and cheaper again", []string{"cheaper", "best in class"}},
		{"not said", []string{"cheaper"}, "faster onboarding", nil},
		{"empty answer", []string{"cheaper"}, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := typed(playbook.KindDifferentiator, []string{"fast onboarding"}, tt.never...)
			r := Grade(c, Answer{Text: tt.answer})
			if !slices.Equal(r.NeverSaid, tt.want) {
				t.Errorf("answer %q: never said %q, want %q", tt.answer, r.NeverSaid, tt.want)
			}
		})
	}
}

func TestTypedScoreAndRating(t *testing.T) {
	four := []string{"budget", "authority", "need", "timeline"}
	tests := []struct {
		name   string
		never  []string
		answer string
		score  float64
		rating playbook.Rating
		passed bool
	}{
		{"every point", nil, "budget, authority, need and timeline", 1, playbook.Easy, true},
		{"three of four", nil, "budget authority need", 0.75, playbook.Hard, false},
		{"half", nil, "budget and authority", 0.5, playbook.Hard, false},
		{"one of four", nil, "budget", 0.25, playbook.Again, false},
		{"nothing", nil, "", 0, playbook.Again, false},
		{"every point but a never-say", []string{"cheaper"}, "budget authority need timeline, and we're cheaper", 0.75, playbook.Hard, false},
		{"two never-says", []string{"cheaper", "trust me"}, "budget authority need timeline; trust me, cheaper", 0.5, playbook.Hard, false},
		{"never-say alone floors at zero", []string{"cheaper", "trust me", "best", "guarantee", "free"}, "cheaper best free guarantee trust me", 0, playbook.Again, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Grade(typed(playbook.KindResult, four, tt.never...), Answer{Text: tt.answer})
			if !near(r.Score, tt.score) || r.Suggested != tt.rating || r.Passed != tt.passed {
				t.Errorf("answer %q: score %v rating %v passed %v, want %v %v %v", tt.answer, r.Score, r.Suggested, r.Passed, tt.score, tt.rating, tt.passed)
			}
		})
	}
}

func TestPassMark(t *testing.T) {
	c := typed(playbook.KindResult, []string{"budget", "authority", "need", "timeline"})
	a := Answer{Text: "budget authority need"}
	if r := GradeWith(c, a, Options{PassMark: 0.7}); !r.Passed || r.Suggested != playbook.Good {
		t.Errorf("0.75 with pass mark 0.7: passed %v rating %v, want pass, Good", r.Passed, r.Suggested)
	}
	if r := GradeWith(c, a, Options{PassMark: 5}); r.Passed || r.Suggested != playbook.Hard {
		t.Errorf("an impossible pass mark must fall back to %v: passed %v rating %v", DefaultPassMark, r.Passed, r.Suggested)
	}
}

func TestModelAnswer(t *testing.T) {
	c := &playbook.Card{Kind: playbook.KindRecall, Answer: "No. It is a **list**; marketing works it to produce inquiries."}
	tests := []struct {
		answer string
		score  float64
	}{
		{"its a list, marketing works it to produce inquiries", 1},
		{"a list - marketing produces inquiries from it", 1}, // 4 of 5 content words
		{"its a list that marketing works", 0.8},             // 3 of 5, over 3/4 of 5
		{"no", 0},                                            // a denial is not a content word
		{"it's not a list", 0},                               // denied
		{"", 0},
	}
	for _, tt := range tests {
		r := Grade(c, Answer{Text: tt.answer})
		if !r.FromModel || !near(r.Score, tt.score) {
			t.Errorf("answer %q: score %v from model %v, want %v from model", tt.answer, r.Score, r.FromModel, tt.score)
		}
	}
	if n := len(Grade(c, Answer{Text: "x"}).Points); n != 5 {
		t.Errorf("model answer gives %d points, want 5 (list, marketing, works, produce, inquiries)", n)
	}
	bare := &playbook.Card{Kind: playbook.KindRecall}
	if r := Grade(bare, Answer{Text: "anything"}); r.Score != 1 {
		t.Errorf("card with nothing to compare: score %v, want 1 for any answer", r.Score)
	}
	if r := Grade(bare, Answer{Text: " "}); r.Score != 0 {
		t.Errorf("card with nothing to compare, blank answer: score %v, want 0", r.Score)
	}
}

func TestHugeAnswer(t *testing.T) {
	c := typed(playbook.KindResult, []string{"rules of engagement", "sales-ready", "named support engineer"})
	// 100 KB of prose about everything but the points, then the points.
	filler := strings.Repeat("we talked about the weather and the roadmap and their team offsite plans. ", 1400)
	r := Grade(c, Answer{Text: filler + " rules of engagement, sales-ready, named support engineer"})
	if !r.Truncated || r.Score != 0 {
		t.Errorf("points after the graded words: truncated %v score %v, want truncated, 0", r.Truncated, r.Score)
	}
	// A wall of the points' words, scattered far apart, hits nothing.
	gap := " and then we went on about many other things for a while "
	var b strings.Builder
	for b.Len() < 100_000 {
		for _, w := range []string{"rules", "engagement", "sales", "ready", "named", "support", "engineer"} {
			b.WriteString(w + gap)
		}
	}
	r = Grade(c, Answer{Text: b.String()})
	if r.Score != 0 {
		t.Errorf("scattered words in 100 KB: hits %v, want none", hits(r))
	}
}

func TestNeverPanicsOnOddCards(t *testing.T) {
	odd := []*playbook.Card{
		nil,
		{Kind: "bogus"},
		{Kind: playbook.KindRecall, MustMention: []playbook.KeyPoint{{}, {Alternates: []string{"", "  ", "--"}}}},
		{Kind: playbook.KindChoice},
		{Kind: playbook.KindOrder},
	}
	for _, c := range odd {
		r := Grade(c, Answer{Text: "something", Picks: []int{-1, 3, 99}})
		if r.Score != 0 || r.Suggested != playbook.Again {
			t.Errorf("card %+v: score %v rating %v, want 0 Again", c, r.Score, r.Suggested)
		}
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

// hugeText is 100 KB of a rep's rambling, key words included.
func hugeText() string {
	var b strings.Builder
	for b.Len() < 100_000 {
		b.WriteString(benchAnswer + " ")
	}
	return b.String()
}

func TestMaxWords(t *testing.T) {
	c := typed(playbook.KindRecall, []string{"budget", "timeline"})
	r := GradeWith(c, Answer{Text: "budget, then much later the timeline"}, Options{MaxWords: 3})
	if !r.Truncated || !slices.Equal(hits(r), []bool{true, false}) {
		t.Errorf("first 3 words graded: truncated %v hits %v, want truncated, [true false]", r.Truncated, hits(r))
	}
	r = GradeWith(c, Answer{Text: "budget timeline"}, Options{MaxWords: 2})
	if r.Truncated || r.Score != 1 {
		t.Errorf("answer of exactly MaxWords: truncated %v score %v, want whole answer graded", r.Truncated, r.Score)
	}
}

// TestPreparedKeyConcurrent grades from several goroutines with one Key;
// run with -race.
func TestPreparedKeyConcurrent(t *testing.T) {
	k := Prepare(typed(playbook.KindResult, []string{"sales-ready", "rules of engagement"}, "cheaper"))
	answers := []string{"sales ready per the rules of engagement", "not sales ready", "cheaper", ""}
	want := []float64{1, 0, 0, 0}
	done := make(chan error, 8)
	for g := range 8 {
		go func() {
			for i := range 50 {
				j := (g + i) % len(answers)
				if r := k.Grade(Answer{Text: answers[j]}, Options{}); r.Score != want[j] {
					done <- fmt.Errorf("answer %q: score %v, want %v", answers[j], r.Score, want[j])
					return
				}
			}
			done <- nil
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

func TestPreparedMatchesGrade(t *testing.T) {
	c := typed(playbook.KindDifferentiator, []string{"fast onboarding | onboarding in days", "named support engineer"}, "cheaper")
	k := Prepare(c)
	for _, a := range []string{"we onboard u in days w/ a named support engineer", "cheaper, fast onboarding", "", "???"} {
		got, want := k.Grade(Answer{Text: a}, Options{}), Grade(c, Answer{Text: a})
		if got.Score != want.Score || got.Suggested != want.Suggested || !slices.Equal(hits(got), hits(want)) {
			t.Errorf("answer %q: prepared %+v, direct %+v", a, got, want)
		}
	}
}

func TestOddText(t *testing.T) {
	c := typed(playbook.KindRecall, []string{"list"})
	for _, a := range []string{"\u0369", "\x00\x1b[31m", "\xff\xfe", strings.Repeat("-", 5000), "l\u0301ist"} {
		r := Grade(c, Answer{Text: a})
		if r.Score != 0 && a != "l\u0301ist" {
			t.Errorf("answer %q: score %v, want 0", a, r.Score)
		}
	}
	if r := Grade(c, Answer{Text: "l\u0301ist"}); r.Score != 1 {
		t.Errorf("accented list: score %v, want 1 (accents are folded)", r.Score)
	}
}
