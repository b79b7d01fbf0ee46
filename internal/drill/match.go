package drill

import (
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/agnivade/levenshtein"

	"github.com/playdrill/playdrill/internal/playbook"
)

// How an edited playbook's cards are matched to the cards they were. The
// rules are described for authors in docs/drilling.md ("Edits and
// progress"); the thresholds are here.
const (
	// RenameSameStep is the similarity at or above which a card that
	// appeared is taken for a card of the same step that disappeared.
	RenameSameStep = 0.5
	// RenameOtherStep is the similarity needed across steps (a card moved
	// to another step, perhaps reworded on the way).
	RenameOtherStep = 0.75
)

// Similarity of two cards' content, 0..1: 0 for cards of different kinds,
// else the mean, over the fields either card has, of how alike each field
// is (a rules-table row's situation counting twice). Texts compare by their words (a Dice coefficient, ignoring case,
// punctuation and word order); lists of options, items or key points as
// sets, so reordering them costs nothing. The fields are the question,
// the model answer and the key points of a typed card; the question,
// the options and the right options of a choice; the situation, its
// category and the reason of a rules-table row; the items of an ordering.
func Similarity(a, b *playbook.Card) float64 {
	if a == nil || b == nil || a.Kind != b.Kind {
		return 0
	}
	sum, n := 0.0, 0.0
	add := func(x, y []string) { sum, n = weigh(sum, n, 1, x, y) }
	// What an attempt's facts keep of a card lacks its model answer, key
	// points and reason: such fields count only when both cards have them.
	both := func(x, y []string) {
		if len(x) > 0 && len(y) > 0 {
			add(x, y)
		}
	}
	switch a.Kind {
	case playbook.KindOrder:
		add(normAll(a.Items), normAll(b.Items))
	case playbook.KindChoice:
		add(contentWords(a.Prompt), contentWords(b.Prompt))
		add(normAll(a.Options), normAll(b.Options))
		add(normAll(correctOptions(a)), normAll(correctOptions(b)))
	case playbook.KindClassify:
		// Rows of one table share their categories, and often their
		// reasons' words: the situation counts double.
		sum, n = weigh(sum, n, 2, contentWords(a.Prompt), contentWords(b.Prompt))
		add(normAll(correctOptions(a)), normAll(correctOptions(b)))
		both(contentWords(a.Why), contentWords(b.Why))
	default:
		add(contentWords(a.Prompt), contentWords(b.Prompt))
		both(contentWords(a.Answer), contentWords(b.Answer))
		both(alternates(a), alternates(b))
	}
	if n == 0 {
		return 1
	}
	return sum / n
}

// weigh adds the similarity of two fields (when either has it) with weight
// w to a running weighted sum.
func weigh(sum, n, w float64, x, y []string) (float64, float64) {
	if len(x) == 0 && len(y) == 0 {
		return sum, n
	}
	return sum + w*dice(x, y), n + w
}

// Minor reports whether the edit from a to b is too small to make reps
// drill the card again, and says what it was. Minor edits: spelling fixed
// (at most three words, each within two letters of what it was, none of
// them shorter than four letters), punctuation, capitals or spacing in the
// question, model answer or reason; options put in another order with the
// same right ones; alternates added to key points (as `playdrill review`
// does); a new step or process title, which only changes the question a
// result or ordering card asks with, or an ordering card's item in place. Anything else (a word added or removed, a key point or never-say
// phrase changed, an option or item changed, items reordered) is a real
// edit.
func Minor(a, b *playbook.Card) (bool, string) {
	if a == nil || b == nil || a.Kind != b.Kind {
		return false, ""
	}
	var what []string
	note := func(ok bool, changed bool, w string) bool {
		if ok && changed {
			what = append(what, w)
		}
		return ok
	}
	// A result's and an ordering's question is made from the step's or
	// the process's title: a new title asks for the same result. An
	// ordering's answer is made from its items, checked on their own.
	titled := a.Kind == playbook.KindResult || a.Kind == playbook.KindOrder
	ok := (titled && note(true, a.Prompt != b.Prompt, "title changed") ||
		!titled && note(typoOnly(a.Prompt, b.Prompt), a.Prompt != b.Prompt, "question spelling")) &&
		(a.Kind == playbook.KindOrder || note(typoOnly(a.Answer, b.Answer), a.Answer != b.Answer, "model answer spelling")) &&
		note(typoOnly(a.Why, b.Why), a.Why != b.Why, "reason spelling") &&
		note(pointsGrown(a.MustMention, b.MustMention), !slices.EqualFunc(a.MustMention, b.MustMention, func(x, y playbook.KeyPoint) bool {
			return slices.Equal(x.Alternates, y.Alternates)
		}), "alternates added") &&
		slices.Equal(normAll(a.NeverSay), normAll(b.NeverSay)) &&
		note(renamedInPlace(normAll(a.Items), normAll(b.Items)), !slices.Equal(normAll(a.Items), normAll(b.Items)), "items renamed") &&
		note(sameSet(normAll(a.Options), normAll(b.Options)) && sameSet(normAll(correctOptions(a)), normAll(correctOptions(b))),
			!slices.Equal(a.Options, b.Options), "options reordered")
	if !ok {
		return false, ""
	}
	if len(what) == 0 {
		what = append(what, "layout only")
	}
	return true, strings.Join(what, ", ")
}

// typoOnly reports whether b is a with at most spelling, punctuation,
// capitals or spacing changed.
func typoOnly(a, b string) bool {
	x, y := tokens(a), tokens(b)
	if len(x) != len(y) {
		return false
	}
	diff := 0
	for i := range x {
		if x[i] == y[i] {
			continue
		}
		diff++
		if diff > 3 || !typo(x[i], y[i]) {
			return false
		}
	}
	return true
}

// typo reports whether two different words are one word misspelt: both
// four letters or more and within two edits (one for words under six).
func typo(a, b string) bool {
	la, lb := len([]rune(a)), len([]rune(b))
	if la < 4 || lb < 4 {
		return false
	}
	allow := 2
	if la < 6 || lb < 6 {
		allow = 1
	}
	if unicode.IsDigit([]rune(a)[0]) || unicode.IsDigit([]rune(b)[0]) {
		return false // 30 days is not 60 days
	}
	return levenshtein.ComputeDistance(a, b) <= allow
}

// renamedInPlace reports whether b is a with some items renamed where they
// stand (a step's new title in an ordering card): no item moved, none
// added or removed.
func renamedInPlace(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] && (slices.Contains(b, a[i]) || slices.Contains(a, b[i])) {
			return false
		}
	}
	return true
}

// pointsGrown reports whether b's key points are a's, in order, each with
// the same alternates and perhaps more.
func pointsGrown(a, b []playbook.KeyPoint) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		have := map[string]bool{}
		for _, alt := range b[i].Alternates {
			have[norm(alt)] = true
		}
		for _, alt := range a[i].Alternates {
			if !have[norm(alt)] {
				return false
			}
		}
	}
	return true
}

func correctOptions(c *playbook.Card) []string {
	var out []string
	for _, i := range c.Correct {
		if i >= 0 && i < len(c.Options) {
			out = append(out, c.Options[i])
		}
	}
	return out
}

// alternates lists every alternate of every key point, normalised.
func alternates(c *playbook.Card) []string {
	var out []string
	for _, k := range c.MustMention {
		out = append(out, normAll(k.Alternates)...)
	}
	return out
}

// tokens are the words of s, lower case, without punctuation.
func tokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// contentWords are the words of s that carry its content: tokens without
// the small words every sentence has, which would make any two texts look
// alike.
func contentWords(s string) []string {
	all := tokens(s)
	out := all[:0:0]
	for _, w := range all {
		if !smallWords[w] {
			out = append(out, w)
		}
	}
	return out
}

var smallWords = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "to": true, "for": true, "and": true, "or": true,
	"in": true, "on": true, "at": true, "by": true, "with": true, "from": true, "is": true, "are": true,
	"was": true, "be": true, "it": true, "its": true, "this": true, "that": true, "they": true,
	"them": true, "their": true, "we": true, "our": true, "you": true, "your": true, "as": true,
}

// norm is s as its words joined by single spaces.
func norm(s string) string { return strings.Join(tokens(s), " ") }

func normAll(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = norm(s)
	}
	return out
}

func sameSet(a, b []string) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	sort.Strings(x)
	sort.Strings(y)
	return slices.Equal(x, y)
}

// dice is the Dice coefficient of two multisets of strings: twice the
// shared count over the total count (1 for two empty sets).
func dice(a, b []string) float64 {
	if len(a)+len(b) == 0 {
		return 1
	}
	count := map[string]int{}
	for _, s := range a {
		count[s]++
	}
	shared := 0
	for _, s := range b {
		if count[s] > 0 {
			count[s]--
			shared++
		}
	}
	return 2 * float64(shared) / float64(len(a)+len(b))
}

// Match pairs cards that disappeared (gone, the old versions) with cards
// that appeared (fresh): a pair is the same card under a new id when its
// similarity reaches RenameSameStep within one step, RenameOtherStep
// across steps. Best pairs are taken first (ties: same step first, then
// playbook order), each card used once.
func Match(gone, fresh []*playbook.Card) []Pair {
	var cands []Pair
	for i, o := range gone {
		for j, n := range fresh {
			s := Similarity(o, n)
			need := RenameOtherStep
			if o.Step == n.Step {
				need = RenameSameStep
			}
			if s >= need {
				cands = append(cands, Pair{Old: o, New: n, Similarity: s, oi: i, ni: j})
			}
		}
	}
	sort.SliceStable(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if a.Similarity != b.Similarity {
			return a.Similarity > b.Similarity
		}
		as, bs := a.Old.Step == a.New.Step, b.Old.Step == b.New.Step
		if as != bs {
			return as
		}
		if a.ni != b.ni {
			return a.ni < b.ni
		}
		return a.oi < b.oi
	})
	usedOld, usedNew := map[int]bool{}, map[int]bool{}
	var out []Pair
	for _, p := range cands {
		if usedOld[p.oi] || usedNew[p.ni] {
			continue
		}
		usedOld[p.oi], usedNew[p.ni] = true, true
		out = append(out, p)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ni < out[j].ni })
	return out
}

// Pair is a card that disappeared matched with the card it became.
type Pair struct {
	Old, New   *playbook.Card
	Similarity float64
	oi, ni     int
}

// Why says in words what changed between a and b.
func Why(a, b *playbook.Card) string {
	var what []string
	if a.Step != b.Step {
		what = append(what, "moved from step "+a.Step)
	}
	if a.Hash == b.Hash {
		if len(what) == 0 {
			return "same content"
		}
		return strings.Join(what, ", ")
	}
	if minor, how := Minor(a, b); minor {
		return strings.Join(append(what, how), ", ")
	}
	field := func(changed bool, name string) {
		if changed {
			what = append(what, name)
		}
	}
	field(norm(a.Prompt) != norm(b.Prompt), map[bool]string{true: "row reworded", false: "question reworded"}[a.Kind == playbook.KindClassify])
	field(norm(a.Answer) != norm(b.Answer), map[bool]string{true: "result edited", false: "model answer edited"}[a.Kind == playbook.KindResult])
	field(!slices.Equal(alternates(a), alternates(b)), "key points edited")
	field(!slices.Equal(normAll(a.NeverSay), normAll(b.NeverSay)), "never-say edited")
	field(!sameSet(normAll(a.Options), normAll(b.Options)), "options edited")
	field(sameSet(normAll(a.Options), normAll(b.Options)) && !slices.Equal(a.Options, b.Options), "options reordered")
	field(!sameSet(normAll(correctOptions(a)), normAll(correctOptions(b))), "right answer changed")
	field(norm(a.Why) != norm(b.Why), "reason edited")
	field(!slices.Equal(normAll(a.Items), normAll(b.Items)), "items edited")
	if len(what) == 0 {
		return "layout only"
	}
	return strings.Join(what, ", ")
}
