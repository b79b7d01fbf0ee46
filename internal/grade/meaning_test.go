package grade

import (
	"slices"
	"strings"
	"testing"

	"github.com/playdrill/playdrill/internal/playbook"
)

// TestMeaningPreserved covers the rules that keep a point's meaning: word
// order and roles, denials across a clause and a list, compounds, salads.
func TestMeaningPreserved(t *testing.T) {
	tests := []struct {
		name   string
		points []string
		answer string
		want   []bool
	}{
		// order and roles
		{"point words reversed", []string{"problem we solve"}, "it solves a problem", []bool{false}},
		{"same words, other roles", []string{"why they responded"}, "they responded why", []bool{false}},
		{"of-form said the other way", []string{"rules of engagement"}, "under the engagement rules", []bool{true}},
		{"of-form with another noun between", []string{"rules of engagement"}, "the rules of sales engage", []bool{false}},
		{"compound said with a preposition", []string{"route planning"}, "planning of routes", []bool{true}},
		{"hyphenated compound said with for", []string{"sales-ready"}, "a lead that is ready for sales", []bool{true}},
		{"other preposition is no compound", []string{"earlier step"}, "a step on the earlier", []bool{false}},
		{"participle after its noun", []string{"shared board"}, "the board shared on all screens", []bool{true}},
		{"noun between without a pronoun in the point", []string{"talks features"}, "talks the prospect features", []bool{false}},
		{"pivot reversed through of", []string{"instead of asking"}, "asking instead", []bool{false}},
		// compounds
		{"month-to-month not hit by months", []string{"month-to-month"}, "a contract of twelve months", []bool{false}},
		{"month-to-month said with spaces", []string{"month-to-month"}, "we bill month to month", []bool{true}},
		{"compound words apart", []string{"sales-ready"}, "sales are nearly ready", []bool{false}},
		// denials
		{"denial reaches across the clause", []string{"rules of engagement"}, "we don't ever bother checking the rules of engagement", []bool{false}},
		{"denial covers an or-list", []string{"how they buy", "what went wrong"}, "it doesn't say how they buy or what went wrong", []bool{false, false}},
		{"denial covers a comma list", []string{"problem", "cost", "who decides", "timeline"}, "discovery doesn't pin down the problem, the cost, who decides or the timeline", []bool{false, false, false, false}},
		{"a list needs its or", []string{"leads", "list"}, "not leads, a list", []bool{false, true}},
		{"comma and starts a statement", []string{"jobs never billed", "against the price"}, "the overtime and the jobs that never get billed, and weigh it against the price", []bool{true, true}},
		{"comma and ends a list of three", []string{"problem", "cost", "timeline"}, "it doesn't cover the problem, the cost, and the timeline", []bool{false, false, false}},
		{"comma or ends a list of two", []string{"how they buy", "what went wrong"}, "it doesn't say how they buy, or what went wrong", []bool{false, false}},
		{"denial after the point", []string{"overtime"}, "overtime doesn't matter to them", []bool{false}},
		{"is not after the point", []string{"rules of engagement"}, "the rules of engagement are not followed", []bool{false}},
		{"denial of another subject after", []string{"why"}, "explain why it isn't ready", []bool{true}},
		{"until ends a denial", []string{"sales-ready"}, "it doesn't go to sales until it is sales-ready", []bool{true}},
		{"wait until carries it", []string{"sales-ready"}, "sales doesn't wait until it is sales-ready", []bool{false}},
		{"and we starts a new statement", []string{"log the reply"}, "we don't cold call and we log the reply", []bool{true}},
		{"spaced dash ends a clause", []string{"a list"}, "none - it's a list", []bool{true}},
		{"not yet: yet is the denial's adverb", []string{"not leads | not yet leads"}, "kept as a list, not yet leads", []bool{true}},
		{"not yet in a sentence", []string{"not leads | not yet leads"}, "they are not yet leads", []bool{true}},
		{"yet still ends a denial", []string{"sales-ready"}, "it is not a list yet it is sales-ready", []bool{true}},
		{"a denial point needs its denial", []string{"not leads | not yet leads"}, "they are leads already", []bool{false}},
		// salads
		{"salad of three points", []string{"decision-maker", "problem", "timeline"}, "The timeline solves the decision-maker's problem.", []bool{false, false, true}},
		{"list of three points", []string{"decision-maker", "problem", "timeline"}, "decision-maker, problem and timeline", []bool{true, true, true}},
		{"bare key words", []string{"decision-maker", "problem", "timeline"}, "decision-maker problem timeline", []bool{true, true, true}},
		{"points linked by with", []string{"decision-maker", "problem", "timeline"}, "a decision-maker with a problem and a timeline", []bool{true, true, true}},
		{"salad point made again elsewhere", []string{"decision-maker", "problem", "timeline"}, "The timeline solves the decision-maker's problem. The owner is the decision-maker and he knows the problem.", []bool{true, true, true}},
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

// TestModelSentenceIsNoSalad strings three points into one clause as the
// model answer does: that is the card's own sentence, not a salad; the
// same points in another order are.
func TestModelSentenceIsNoSalad(t *testing.T) {
	c := typed(playbook.KindRecall, []string{"pricing conversation", "professional sellers", "initiate"})
	c.Answer = "Professional sellers initiate the pricing conversation."
	if r := Grade(c, Answer{Text: "professional sellers always initiate the pricing conversation"}); !slices.Equal(hits(r), []bool{true, true, true}) {
		t.Errorf("the model's sentence: hits %v", hits(r))
	}
	if r := Grade(c, Answer{Text: "the pricing conversation will initiate professional sellers"}); r.Passed {
		t.Errorf("a salad of the same points passed: hits %v", hits(r))
	}
}

// TestThesaurusFamilies checks one pair of each family of the built-in
// thesaurus the grading relies on, and that a synonym never makes a point
// the answer denies or turns around.
func TestThesaurusFamilies(t *testing.T) {
	tests := []struct {
		family string
		point  string
		answer string
		want   bool
	}{
		{"results (WordNet)", "results they want", "the outcomes they want", true},
		{"customers (WordNet)", "customer", "every client", true},
		{"buying (WordNet)", "how they buy", "how they purchase", true},
		{"irregular forms", "buy a list", "we bought a list", true},
		{"answering (WordNet)", "respond", "they replied", true},
		{"solving (curated)", "problem we solve", "a problem we fix", true},
		{"contact (curated)", "why they reached out", "why they got in touch", true},
		{"contact, one word for a phrase", "contact us", "reach out to us", true},
		{"two weeks (curated)", "live in two weeks", "live in 14 days", true},
		{"deadline (curated)", "deadline", "the go-live date", true},
		{"purchasing (curated)", "purchasing", "procurement", true},
		{"decision-maker (curated)", "decision-maker", "who signs off", true},
		{"ideal customer profile", "ideal customer profile", "fits the ICP", true},
		{"sales-ready (curated)", "sales-ready", "a sales qualified lead", true},
		{"rules of engagement (curated)", "rules of engagement", "engagement rules", true},
		{"month-to-month (curated)", "month-to-month", "no long-term contract", true},
		{"onboarding (curated)", "fast onboarding", "a fast rollout", true},
		{"offline (curated)", "works offline", "it works with no signal", true},
		{"start over (curated)", "start over", "back to square one", true},
		{"log (curated)", "log the campaign", "record the campaign", true},
		{"tell marketing (curated)", "tell marketing", "let marketing know", true},
		{"timeframe (curated)", "timeline", "a timeframe to act in", true},
		{"restart (curated)", "start over", "it restarts the whole deal", true},
		{"final say (curated)", "who decides", "who has the final say", true},
		{"options (curated)", "alternatives", "the other options they weigh", true},
		{"versus (curated)", "against the price", "versus the price", true},
		{"integrate (curated)", "connects to your accounting", "integrates with your accounting", true},
		{"specialise (curated)", "focused on scheduling", "we specialise in scheduling", true},
		{"recite (curated)", "lists features", "recites features", true},
		{"arrange (curated)", "book the next meeting", "arrange the next meeting", true},
		{"set up, a phrase for a word", "book the next meeting", "set up the next meeting", true},
		{"passive with get", "every job billed", "every job gets invoiced", true},
		{"passive with get, denied", "every job billed", "no job ever gets invoiced", false},
		{"synonym denied", "results they want", "not the outcomes they want", false},
		{"synonym reversed", "problem we solve", "we fix nothing, the problem stays", false},
		{"no typo on a synonym", "customer", "every cliant", false},
		{"excluded WordNet sense", "result", "an issue", false},
		{"excluded WordNet sense", "problem", "a job", false},
	}
	for _, tt := range tests {
		t.Run(tt.family, func(t *testing.T) {
			r := Grade(typed(playbook.KindRecall, []string{tt.point}), Answer{Text: tt.answer})
			if r.Points[0].Hit != tt.want {
				t.Errorf("%q against point %q: hit %v, want %v", tt.answer, tt.point, r.Points[0].Hit, tt.want)
			}
		})
	}
}

// TestNeverSayParaphrased flags never-say phrases said in other words.
func TestNeverSayParaphrased(t *testing.T) {
	tests := []struct {
		never, answer string
		want          bool
	}{
		{"overpriced", "they are way too expensive", true},
		{"cheaper", "our price is lower", true},
		{"cheaper", "we are less expensive", true},
		{"terrible", "their app is awful", true},
		{"messy", "your whiteboard is chaotic", true},
		{"right away", "call them immediately", true},
		{"overpriced", "their price fits your budget", false},
		{"overpriced", "they charge way too much", true},
		{"hot leads", "these are really hot leads", true},
		{"hot leads", "hot new leads", false},
		{"terrible", "a terrific fit", false},
	}
	for _, tt := range tests {
		c := typed(playbook.KindDifferentiator, []string{"offline"}, tt.never)
		r := Grade(c, Answer{Text: tt.answer})
		if got := len(r.NeverSaid) > 0; got != tt.want {
			t.Errorf("never-say %q in %q: flagged %v, want %v", tt.never, tt.answer, got, tt.want)
		}
	}
}

// TestGlossary grades with a playbook's glossary: abbreviations and the
// team's words make points and never-say phrases, both ways.
func TestGlossary(t *testing.T) {
	glossary := []playbook.GlossaryEntry{
		{Term: "EB", Means: []string{"economic buyer"}},
		{Term: "capabilities", Means: []string{"what Crewline can do"}},
		{Term: "yrs", Means: []string{"years"}},
		{Term: "bash", Means: []string{"run down"}},
	}
	tests := []struct {
		points []string
		never  string
		answer string
		want   []bool
		flag   bool
	}{
		{[]string{"economic buyer"}, "", "we met the EB", []bool{true}, false},
		{[]string{"EB"}, "", "we met the economic buyer", []bool{true}, false},
		{[]string{"economic buyer"}, "", "we met the EBs", []bool{true}, false},
		{[]string{"economic buyer"}, "", "we never met the EB", []bool{false}, false},
		{[]string{"capabilities"}, "", "what Crewline can do now", []bool{true}, false},
		{[]string{"five years | 5 years"}, "", "5 yrs in business", []bool{true}, false},
		{[]string{"their results"}, "run down", "tie it to their results, never bash them", []bool{true}, true},
		{[]string{"decision maker"}, "", "the DM", []bool{false}, false},
	}
	for _, tt := range tests {
		var never []string
		if tt.never != "" {
			never = []string{tt.never}
		}
		c := typed(playbook.KindRecall, tt.points, never...)
		c.Glossary = glossary
		r := Grade(c, Answer{Text: tt.answer})
		if got := hits(r); !slices.Equal(got, tt.want) || (len(r.NeverSaid) > 0) != tt.flag {
			t.Errorf("%q against %q (never %q): hits %v never %q, want %v %v", tt.answer, tt.points, tt.never, got, r.NeverSaid, tt.want, tt.flag)
		}
	}
}

func TestCheckGlossary(t *testing.T) {
	c := typed(playbook.KindRecall, []string{"price", "value"}, "cheap")
	c.Glossary = []playbook.GlossaryEntry{
		{Term: "EB", Means: []string{"economic buyer"}},
		{Term: "worth", Means: []string{"price", "value"}},
		{Term: "inexpensive", Means: []string{"cheap", "low price"}},
	}
	c2 := typed(playbook.KindRecall, []string{"value"}, "cheap")
	c2.Glossary = c.Glossary
	got := CheckGlossary([]*playbook.Card{c, c2})
	if len(got) != 1 || got[0].Entry.Term != "worth" || got[0].A != "price" || got[0].B != "value" || got[0].Card != c {
		t.Fatalf("clashes %+v, want worth making price and value the same", got)
	}
	c.MustMention = append(c.MustMention, playbook.KeyPoint{Alternates: []string{"low prices"}})
	got = CheckGlossary([]*playbook.Card{c})
	if len(got) != 2 || got[1].Entry.Term != "inexpensive" || !strings.Contains(got[1].A+got[1].B, "cheap") {
		t.Errorf("clashes %+v, want inexpensive making a point and a never-say phrase the same", got)
	}
}

// TestAnyOfPoint grades a point made by naming N of its items.
func TestAnyOfPoint(t *testing.T) {
	c := &playbook.Card{ID: "c", Kind: playbook.KindRecall, MustMention: []playbook.KeyPoint{
		{Alternates: []string{"any 3 of: decision-maker | who decides, problem we solve, reason to act | timeline, budget"}, Need: 3, Items: []playbook.KeyPoint{
			{Alternates: []string{"decision-maker", "who decides"}}, {Alternates: []string{"problem we solve"}},
			{Alternates: []string{"reason to act", "timeline"}}, {Alternates: []string{"budget"}},
		}},
		{Alternates: []string{"rules of engagement"}},
	}}
	tests := []struct {
		answer string
		hit    bool
		named  int
		score  float64
	}{
		{"they have budget and a problem we solve, under the rules of engagement", false, 2, 0.5},
		{"the owner decides, they have budget and a problem we solve, under the rules of engagement", true, 3, 1},
		{"who decides, budget and a problem we solve, under the rules of engagement", true, 3, 1},
		{"a decision-maker, a timeline, budget and a problem we solve", true, 4, 0.5},
		{"budget and a timeline", false, 2, 0},
		{"no budget, no timeline, no decision-maker", false, 0, 0},
		{"budget, budget and budget", false, 1, 0},
	}
	for _, tt := range tests {
		r := Grade(c, Answer{Text: tt.answer})
		p := r.Points[0]
		if p.Hit != tt.hit || p.Named != tt.named || r.Score != tt.score {
			t.Errorf("%q: hit %v named %d score %v, want %v %d %v (words %q)", tt.answer, p.Hit, p.Named, r.Score, tt.hit, tt.named, tt.score, p.Words)
		}
	}
	if r := Grade(c, Answer{Text: "who decides, budget and a problem we solve"}); !slices.Equal(r.Points[0].Words, []string{"decides", "budget", "problem", "solve"}) {
		t.Errorf("words %q", r.Points[0].Words)
	}
}

// TestInitialsOfPartOfATerm: initials a family defines for a term hit a
// point written as part of that term.
func TestInitialsOfPartOfATerm(t *testing.T) {
	for _, tt := range []struct {
		point, answer string
		want          bool
	}{
		{"profile | ideal customer", "they fit our ICP", true},
		{"customer profile", "fits the icp", true},
		{"ideal", "fits the icp", false},
		{"profile", "no ICP fit at all", false},
	} {
		r := Grade(typed(playbook.KindRecall, []string{tt.point}), Answer{Text: tt.answer})
		if r.Points[0].Hit != tt.want {
			t.Errorf("%q against %q: hit %v, want %v", tt.answer, tt.point, r.Points[0].Hit, tt.want)
		}
	}
}

// TestEveryThesaurusFamily grades, for every family of the built-in
// thesaurus, each of its terms as an answer to a point written as the
// family's first term: every term must make it, and denying the term must
// not.
func TestEveryThesaurusFamily(t *testing.T) {
	fams := thesaurusFamilies()
	if len(fams) < 100 {
		t.Fatalf("the thesaurus has %d families", len(fams))
	}
	for _, fam := range fams {
		c := typed(playbook.KindRecall, []string{fam[0]})
		k := Prepare(c)
		for _, term := range fam[1:] {
			r := k.Grade(Answer{Text: "they said " + term + " today"}, Options{})
			if !r.Points[0].Hit {
				t.Errorf("family %q: %q does not make %q", strings.Join(fam, "|"), term, fam[0])
			}
			if ws, _ := splitWords(term, 0); denials(ws) > 0 {
				continue // a term that is itself a denial cannot be denied again
			}
			if r := k.Grade(Answer{Text: "they never said " + term + " today"}, Options{}); r.Points[0].Hit {
				t.Errorf("family %q: a denied %q makes %q", strings.Join(fam, "|"), term, fam[0])
			}
		}
	}
}
