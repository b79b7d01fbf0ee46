package grade

import (
	"slices"
	"strings"
	"sync"

	"github.com/playdrill/playdrill/internal/playbook"
)

// Defaults for Options.
const (
	// DefaultPassMark is the score at or above which an answer passes.
	DefaultPassMark = 0.8
	// DefaultMaxWords is how many words of a typed answer are graded.
	DefaultMaxWords = 1000
	// NeverSayPenalty is taken off the score for each never-say phrase said.
	NeverSayPenalty = 0.25
	// AgainBelow is the score under which the suggested rating is Again.
	AgainBelow = 0.5
	// ModelShare is the share of the model answer's words that earns full
	// marks on a card without key points.
	ModelShare = 0.75
)

// Answer is what the rep gave.
type Answer struct {
	// Text is a typed answer (result, recall, differentiator cards).
	Text string
	// Picks are option indexes for choice and classify cards, or, for an
	// order card, the indexes into Card.Items in the order the rep put them.
	Picks []int
}

// PointResult says whether one key point was hit and by which words.
type PointResult struct {
	Point playbook.KeyPoint
	Hit   bool
	// Words are the words of the answer that hit the point, as typed, in
	// the order they appear in the answer.
	Words []string
	// Named is how many items of an "any N of" point the answer named
	// (Point.Need of them hit the point).
	Named int
}

// OptionResult is one option of a choice or classify card after grading.
type OptionResult struct {
	Option  string
	Picked  bool
	Correct bool
}

// ItemResult is one item of an order card, in the order the rep put it.
type ItemResult struct {
	Item string
	// Correct is true when the item is in its right place.
	Correct bool
}

// Result is a graded answer.
type Result struct {
	Score     float64 // 0..1
	Points    []PointResult
	NeverSaid []string // never-say phrases found in the answer
	Suggested playbook.Rating

	// Passed is Score at or above the pass mark.
	Passed bool
	// FromModel is true when the card has no key points and Points are the
	// content words of the model answer instead.
	FromModel bool
	// Truncated is true when the answer was longer than MaxWords and only
	// its beginning was graded.
	Truncated bool
	// Options are a choice or classify card's options, in card order.
	Options []OptionResult
	// Items are an order card's items, in the order the rep gave them.
	Items []ItemResult
}

// Options tune grading; the zero value means the defaults.
type Options struct {
	// PassMark is the score an answer needs to pass (0 < PassMark <= 1).
	PassMark float64
	// MaxWords is how many words of a typed answer are graded.
	MaxWords int
}

func (o Options) withDefaults() Options {
	if !(o.PassMark > 0 && o.PassMark <= 1) {
		o.PassMark = DefaultPassMark
	}
	if o.MaxWords <= 0 {
		o.MaxWords = DefaultMaxWords
	}
	return o
}

// Grade grades a against card c with the default options.
func Grade(c *playbook.Card, a Answer) Result {
	return GradeWith(c, a, Options{})
}

// GradeWith grades a against card c. It never fails: a nil card or an
// unknown kind grades as a miss. A caller grading many answers to the
// same card can Prepare it once instead.
func GradeWith(c *playbook.Card, a Answer, o Options) Result {
	return Prepare(c).Grade(a, o)
}

// Key is a card made ready for grading: its key points and never-say
// phrases split, folded and stemmed once. A Key is never modified after
// Prepare, so one may grade answers from several goroutines.
type Key struct {
	card    *playbook.Card
	points  []playbook.KeyPoint
	phrases [][]phrase // per point, every way of making it
	// items holds, for an "any N of" point, every way of making each of
	// its items (nil for an ordinary point).
	items     [][][]phrase
	never     [][][]word // per never-say phrase, its wordings
	fromModel bool
	first     [256]bool // first bytes of every word of the card's phrases
	// rank orders the points as the model answer makes them: points said
	// in that order are the model's sentence, not a salad.
	rank  []int
	stems map[string]string // stems of the card's words, reused for answers
}

// Prepare readies card c for grading. c must not change while the Key is
// in use; prepare it again after an edit.
func Prepare(c *playbook.Card) *Key { return prepare(c, newStemmer(nil, nil)) }

// prepare is Prepare with the stemmer to use, whose memo may be shared.
func prepare(c *playbook.Card, st *stemmer) *Key {
	k := &Key{card: c}
	if c == nil || !c.Kind.Typed() {
		return k
	}
	k.points = c.MustMention
	if len(k.points) == 0 && !c.Unwritten() {
		// An answer still to write (a TODO) has no words to grade
		// against: it is graded as a card with no model answer.
		k.points = modelPoints(c.Answer)
		k.fromModel = true
	}
	v := vocabularyOf(c)
	k.phrases = make([][]phrase, len(k.points))
	for i, kp := range k.points {
		if kp.Need > 0 {
			if k.items == nil {
				k.items = make([][][]phrase, len(k.points))
			}
			for _, it := range kp.Items {
				k.items[i] = append(k.items[i], compilePoint(it.Alternates, st, v))
			}
			continue
		}
		k.phrases[i] = compilePoint(kp.Alternates, st, v)
	}
	k.never = make([][][]word, len(c.NeverSay))
	for i, ph := range c.NeverSay {
		ws, _ := splitAnswer(ph, 0, st)
		if len(ws) == 0 {
			continue
		}
		k.never[i] = append([][]word{ws}, v.rewordings(ws)...)
		for _, p := range k.never[i] {
			for j := range p {
				p[j].syn = v.synonyms(p[j].stem)
				k.see(p[j])
			}
		}
	}
	k.rank = modelOrder(k.phrases, unwrap(c.Answer), st)
	k.stems = st.memo
	for _, ps := range k.phrases {
		for _, p := range ps {
			for _, w := range p.words {
				k.see(w)
			}
		}
	}
	for _, items := range k.items {
		for _, ps := range items {
			for _, p := range ps {
				for _, w := range p.words {
					k.see(w)
				}
			}
		}
	}
	return k
}

// see notes the first letters an answer word must start with to match w:
// answer words starting otherwise are not stemmed.
func (k *Key) see(w word) {
	k.first[firstByte(w.norm)] = true
	for _, s := range w.syn {
		k.first[firstByte(s)] = true
	}
}

// Grade grades a against the prepared card.
func (k *Key) Grade(a Answer, o Options) Result {
	o = o.withDefaults()
	c := k.card
	if c == nil {
		return Result{Suggested: playbook.Again}
	}
	var r Result
	switch c.Kind {
	case playbook.KindChoice:
		r = gradeChoice(c, a.Picks)
	case playbook.KindClassify:
		r = gradeClassify(c, a.Picks)
	case playbook.KindOrder:
		r = gradeOrder(c, a.Picks)
	default:
		if !c.Kind.Typed() {
			return Result{Suggested: playbook.Again}
		}
		r = k.gradeTyped(a.Text, o.MaxWords)
	}
	r.Passed = r.Score >= o.PassMark
	r.Suggested = suggest(r, o.PassMark, c.Kind.Typed())
	return r
}

// suggest turns a result into an FSRS rating: Again under AgainBelow, Hard
// under the pass mark or after a never-say phrase, Easy for a typed answer
// that hit every point cleanly, Good otherwise. Picking the right option
// is Good, not Easy: recognising is easier than recalling.
func suggest(r Result, pass float64, typed bool) playbook.Rating {
	switch {
	case r.Score < AgainBelow:
		return playbook.Again
	case r.Score < pass || len(r.NeverSaid) > 0:
		return playbook.Hard
	case typed && r.Score >= 1 && allHit(r.Points):
		return playbook.Easy
	default:
		return playbook.Good
	}
}

func allHit(ps []PointResult) bool {
	for _, p := range ps {
		if !p.Hit {
			return false
		}
	}
	return true
}

// gradeTyped grades a typed answer against the card's key points, or, when
// it has none, against the content words of its model answer.
func (k *Key) gradeTyped(text string, maxWords int) Result {
	ws, truncated := splitAnswer(text, maxWords, newStemmer(k.stems, &k.first))
	r := Result{Truncated: truncated, FromModel: k.fromModel, Points: make([]PointResult, 0, len(k.points))}
	spans := make([]hit, len(k.points))
	for i, kp := range k.points {
		pr := PointResult{Point: kp}
		switch {
		case len(ws) == 0:
		case kp.Need > 0:
			pr.Named, pr.Words = hitItems(k.items[i], ws)
			pr.Hit = pr.Named >= kp.Need
		default:
			spans[i], pr.Words = hitPoint(k.phrases[i], ws)
			pr.Hit = spans[i] != nil
		}
		r.Points = append(r.Points, pr)
	}
	if !k.fromModel {
		if voided, lo, hi := salad(ws, spans, k.rank); len(voided) > 0 {
			// The salad's words make none of those points; they may
			// still be made elsewhere in the answer.
			rest := slices.Clone(ws)
			for x := lo; x <= hi; x++ {
				rest[x] = word{norm: "\x00", stem: "\x00", clause: ws[x].clause}
			}
			for _, i := range voided {
				spans[i], r.Points[i].Words = hitPoint(k.phrases[i], rest)
				r.Points[i].Hit = spans[i] != nil
			}
		}
	}
	hits := 0
	for _, pr := range r.Points {
		if pr.Hit {
			hits++
		}
	}
	for i, wordings := range k.never {
		ph := k.card.NeverSay[i]
		for _, pw := range wordings {
			if findExact(pw, ws) && !slices.Contains(r.NeverSaid, ph) {
				r.NeverSaid = append(r.NeverSaid, ph)
			}
		}
	}
	n := float64(len(k.points))
	switch {
	case len(ws) == 0:
		r.Score = 0
	case n == 0:
		// Neither key points nor a model answer to compare with: any
		// answer given is the rep's own recall, so it counts.
		r.Score = 1
	case r.FromModel:
		r.Score = min(1, float64(hits)/(ModelShare*n))
	default:
		r.Score = float64(hits) / n
	}
	r.Score = max(0, r.Score-NeverSayPenalty*float64(len(r.NeverSaid)))
	return r
}

// hitPoint finds the first of a point's phrases the answer makes and
// returns the positions and the answer words that made it, in answer
// order; nil when the answer does not make the point.
func hitPoint(phrases []phrase, ws []word) (hit, []string) {
	for _, p := range phrases {
		h, ok := find(p, ws)
		if !ok {
			continue
		}
		slices.Sort(h)
		words := make([]string, len(h))
		for i, k := range h {
			words[i] = ws[k].typed
		}
		return h, words
	}
	return nil, nil
}

// pointSpan is where the answer makes a point: its first and last word.
type pointSpan struct{ point, lo, hi int }

// modelOrder ranks the points by where the model answer makes them (the
// points it does not make after those, in card order).
func modelOrder(phrases [][]phrase, model string, st *stemmer) []int {
	ws, _ := splitAnswer(model, DefaultMaxWords, st)
	at := make([]int, len(phrases))
	for i, ps := range phrases {
		at[i] = len(ws) + i
		if h, _ := hitPoint(ps, ws); h != nil {
			at[i] = h[0]
		}
	}
	rank := make([]int, len(phrases))
	for i := range rank {
		for j := range at {
			if at[j] < at[i] || at[j] == at[i] && j < i {
				rank[i]++
			}
		}
	}
	return rank
}

// hitItems counts the items of an "any N of" point the answer names and
// returns the words that named them, in answer order.
func hitItems(items [][]phrase, ws []word) (int, []string) {
	var at hit
	named := 0
	for _, ps := range items {
		if h, _ := hitPoint(ps, ws); h != nil {
			named++
			at = append(at, h...)
		}
	}
	slices.Sort(at)
	at = slices.Compact(at)
	words := make([]string, len(at))
	for i, k := range at {
		words[i] = ws[k].typed
	}
	return named, words
}

// saladPoints is how many points strung together without a link make a
// salad.
const saladPoints = 3

// salad finds key points strung together into one statement that links
// them wrongly ("the timeline solves the decision-maker's problem"):
// three or more points hit in one clause with words between them but
// none that lists or links them ("and", "or", "with", "because", a comma,
// a "+" or "/"), in another order than the model answer says them (the
// model's own sentence is no salad). It returns the points to count as missed there, all of
// such runs but their first, and the span of answer words they cover.
// Listing the points ("pain, cost, who decides and when", "budget
// authority timeline") or linking them ("a decision-maker with a problem
// we solve") is no salad.
func salad(ws []word, spans []hit, rank []int) (voided []int, lo, hi int) {
	var hs []pointSpan
	for i, h := range spans {
		if h != nil {
			hs = append(hs, pointSpan{i, slices.Min(h), slices.Max(h)})
		}
	}
	slices.SortFunc(hs, func(a, b pointSpan) int { return a.lo - b.lo })
	lo, hi = len(ws), -1
	for i := 0; i < len(hs); {
		j, spaced := i+1, false
		for j < len(hs) && strung(ws, hs[j-1].hi, hs[j].lo) {
			spaced = spaced || hs[j].lo > hs[j-1].hi+1
			j++
		}
		if j-i >= saladPoints && spaced && !inModelOrder(hs[i:j], rank) {
			for _, h := range hs[i+1 : j] {
				voided = append(voided, h.point)
			}
			lo, hi = min(lo, hs[i].lo), max(hi, hs[j-1].hi)
		}
		i = j
	}
	return voided, lo, hi
}

// inModelOrder reports whether a run of points comes in the order the
// model answer says them.
func inModelOrder(run []pointSpan, rank []int) bool {
	for x := 1; x < len(run); x++ {
		if rank[run[x].point] < rank[run[x-1].point] {
			return false
		}
	}
	return true
}

// strung reports whether the answer words at a and b (a before b) are in
// one clause with nothing between them that lists or links them.
func strung(ws []word, a, b int) bool {
	if b <= a || ws[a].clause != ws[b].clause || ws[b].sep {
		return false
	}
	for x := a + 1; x < b; x++ {
		if links[ws[x].norm] || ws[x].sep {
			return false
		}
	}
	return true
}

// links are the words that list or link what an answer says.
var links = setOf(
	"and", "or", "nor", "but", "plus", "with", "also", "as", "then", "why", "because",
	"so", "that", "which", "who", "when", "where", "whether", "if", "than", "while",
	"before", "after", "until", "unless", "since", "once", "instead", "rather",
	"both", "either", "whereas", "though", "although", "how", "what", "versus", "vs",
	"whose", "by", "for", "to",
)

// modelPoints makes one point per distinct content word of the model
// answer (fillers and negations left out), in order of appearance.
func modelPoints(answer string) []playbook.KeyPoint {
	ws, _ := splitWords(answer, DefaultMaxWords)
	seen := map[string]bool{}
	var out []playbook.KeyPoint
	for _, w := range ws {
		if w.filler || w.neg || wh[w.norm] || seen[w.stem] || strings.TrimSpace(w.norm) == "" {
			continue
		}
		seen[w.stem] = true
		out = append(out, playbook.KeyPoint{Alternates: []string{w.typed}})
	}
	return out
}

// vocabularyOf is the vocabulary card c is graded with: the built-in
// thesaurus and the playbook's glossary.
func vocabularyOf(c *playbook.Card) *vocabulary {
	if len(c.Glossary) == 0 {
		return builtin()
	}
	key := &c.Glossary[0]
	lastGlossary.Lock()
	defer lastGlossary.Unlock()
	if lastGlossary.key != key {
		lastGlossary.key, lastGlossary.v = key, builtin().merge(glossaryFamilies(c.Glossary))
	}
	return lastGlossary.v
}

// lastGlossary keeps the vocabulary of the last glossary graded with, by
// its first entry: every card of a playbook shares the glossary's
// entries, and a run grades one playbook.
var lastGlossary struct {
	sync.Mutex
	key *playbook.GlossaryEntry
	v   *vocabulary
}

// glossaryFamilies turns glossary entries into families of terms.
func glossaryFamilies(entries []playbook.GlossaryEntry) [][]string {
	out := make([][]string, 0, len(entries))
	for _, e := range entries {
		out = append(out, append([]string{e.Term}, e.Means...))
	}
	return out
}
