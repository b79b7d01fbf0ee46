package draft

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/playdrill/playdrill/internal/grade"
)

// unwrap is a model answer as lint grades it: its paragraphs, each on one
// line.
func unwrap(lines []string) string {
	var b strings.Builder
	para := false
	for _, l := range lines {
		if l == "" {
			if para {
				b.WriteByte('\n')
			}
			para = false
			continue
		}
		if para {
			b.WriteByte(' ')
		}
		b.WriteString(collapse(l))
		para = true
	}
	return b.String()
}

// maxPoints is how many key points a draft proposes for one answer: enough
// to test the gist, few enough that a rep can make them all.
const maxPoints = 3

// propose proposes key points for every card with a model answer: its most
// distinctive content words and two-word phrases, distinctive meaning used
// often in this answer and rarely in the page's other answers.
func (d *doc) propose() {
	var cards []*card
	for _, pr := range d.procs {
		for _, st := range pr.steps {
			for _, c := range st.cards {
				if c.kind != kindClassify && c.kind != kindCloze && !c.fixed && len(c.answer) > 0 {
					cards = append(cards, c)
				}
			}
		}
	}
	// The words of every answer in one arena, each answer a span of it.
	size := 0
	for _, c := range cards {
		for _, l := range c.answer {
			size += len(l) + 1
		}
	}
	// A word takes six bytes or so: one allocation holds them all.
	arena := make([]token, 0, min(size, maxAnswerBytes*len(cards))/5+16)
	spans := make([][2]int, len(cards))
	df := map[string]int{}
	seen := map[string]bool{}
	intern := map[string]string{}
	for i, c := range cards {
		start := len(arena)
		arena = tokens(arena, withoutLinks(joinLines(c.answer)), intern)
		spans[i] = [2]int{start, len(arena)}
		clear(seen)
		for _, t := range arena[start:] {
			if !t.stop && !seen[t.key] {
				seen[t.key] = true
				df[t.key]++
			}
		}
	}
	n := float64(len(cards))
	idf := make(map[string]float64, len(df))
	for k, v := range df {
		idf[k] = math.Log(1 + n/float64(v))
	}
	pk := &picker{idf: idf, counts: map[string]int{}, seen: seen}
	checker := d.grader()
	for i, c := range cards {
		pk.asked = tokens(pk.asked[:0], c.question, intern)
		ts := arena[spans[i][0]:spans[i][1]]
		made := func(points []string) []bool { return checker.Makes(unwrap(c.answer), points) }
		if !slices.ContainsFunc(c.answer, func(l string) bool { return !plainProse(l) || deniesAnything(l) }) {
			// In plain prose that denies nothing, the grader makes every
			// word the answer writes, unless the word is one it never
			// counts on its own: that is asked once per word, as asking
			// about every answer would cost more than the rest of the draft.
			made = func(points []string) []bool {
				hits := make([]bool, len(points))
				for i, p := range points {
					hits[i] = d.makesAlone(p)
				}
				return hits
			}
		}
		c.points = pk.pick(ts, made)
	}
}

// grader is the page's grade.Checker, made when first needed.
func (d *doc) grader() *grade.Checker {
	if d.checker == nil {
		d.checker = grade.NewChecker()
		d.alone = map[string]bool{}
	}
	return d.checker
}

// makesAlone reports whether the grader finds point in the point itself:
// it does not for words it never counts on its own, or reads otherwise
// than the draft splits them. Asked once per point.
func (d *doc) makesAlone(point string) bool {
	ch := d.grader()
	ok, asked := d.alone[point]
	if !asked {
		ok = ch.Makes(point, []string{point})[0]
		d.alone[point] = ok
	}
	return ok
}

// plainProse reports whether text is words, spaces and sentence
// punctuation only, where the grader and the draft split words alike.
func plainProse(text string) bool {
	for _, r := range text {
		switch {
		case unicode.IsLetter(r), unicode.IsDigit(r), r == ' ', r == '\n':
		case strings.ContainsRune(".,;:!?'\"()-’“”", r):
		default:
			return false
		}
	}
	return true
}

// picker proposes key points, keeping its buffers from one answer to the
// next.
type picker struct {
	idf    map[string]float64
	asked  []token // the words of the card's question
	counts map[string]int
	seen   map[string]bool
	scores []float64
	cands  []cand
}

// cand is a candidate key point: a word or two adjacent words.
type cand struct {
	a, b  string // the keys of its words (b empty for one word)
	score float64
	at    int
}

// seenBefore reports whether key is among ts: answers are short, so a scan
// beats a map.
func seenBefore(ts []token, key string) bool {
	for _, t := range ts {
		if t.key == key {
			return true
		}
	}
	return false
}

// token is a word of an answer.
type token struct {
	text string // as written
	key  string // lower case, for comparing
	stop bool   // a filler word, never a point on its own
	neg  bool   // a negation: the words after it are not points
	// brk is true when a clause ends after this word: a phrase does not
	// run across it.
	brk bool
}

// maxPointWord is the longest word (in bytes) a key point may be: longer
// ones are strings of junk, not words a rep would say.
const maxPointWord = 40

// maxAnswerBytes is how much of an answer key points are proposed from:
// the gist of an answer is at its start.
const maxAnswerBytes = 2000

// tokens splits text into words, noting where clauses end.
func tokens(out []token, text string, intern map[string]string) []token {
	if len(text) > maxAnswerBytes {
		// Cut at a space, so that no word is cut short into another.
		cut := strings.LastIndexAny(text[:maxAnswerBytes], " \n")
		text = text[:max(cut, 0)]
	}
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := text[start:end]
		start = -1
		if c := w[len(w)-1]; c == '\'' || c == '-' || c >= 0x80 {
			w = strings.TrimRight(w, "'’-")
		}
		if w == "" {
			return
		}
		k := w
		if !isLowerASCII(k) {
			k = lower(w, intern)
		}
		out = append(out, token{text: w, key: k, stop: stopWords[k] || utf8.RuneCountInString(k) < 3 && !isDigits(k) || len(k) > maxPointWord, neg: negation(k)})
	}
	for i := 0; i < len(text); {
		c := text[i]
		r, n := rune(c), 1
		if c >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(text[i:])
		}
		word := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			c >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))
		// A number keeps its point or comma ("1.5", "20,000"), as the
		// grader reads it.
		number := start >= 0 && (c == '.' || c == ',') && i > 0 && isDigitByte(text[i-1]) && i+1 < len(text) && isDigitByte(text[i+1])
		if word || number || start >= 0 && (c == '\'' || c == '-' || r == '’') {
			if start < 0 {
				start = i
			}
			i += n
			continue
		}
		flush(i)
		if c != ' ' && len(out) > 0 {
			out[len(out)-1].brk = true
		}
		i += n
	}
	flush(len(text))
	return out
}

// lower is w in lower case, curly apostrophes made straight. Short ASCII
// words are interned in seen: a page says the same capitalised words again
// and again.
func lower(w string, seen map[string]string) string {
	if len(w) <= 32 {
		var buf [32]byte
		b := buf[:0]
		ascii := true
		for i := 0; i < len(w); i++ {
			c := w[i]
			if c >= utf8.RuneSelf {
				ascii = false
				break
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
		}
		if ascii {
			if k, ok := seen[string(b)]; ok {
				return k
			}
			k := string(b)
			seen[k] = k
			return k
		}
	}
	return strings.ToLower(strings.ReplaceAll(w, "’", "'"))
}

func isLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}

func isDigitByte(c byte) bool { return '0' <= c && c <= '9' }

func isDigits(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return s != ""
}

// pick chooses up to maxPoints points from an answer's words: candidates
// are content words and pairs of adjacent content words in one clause,
// scored by how often they come in the answer and how rare they are in the
// page (idf); none shares a word with a better one, and none follows a
// negation closely, and the grader finds each in the model answer (made
// reports it), so the model answer itself makes every point.
func (pk *picker) pick(ts []token, made func(points []string) []bool) []string {
	asked, idf := pk.asked, pk.idf
	negated := func(i int) bool {
		for j := max(0, i-3); j < i; j++ {
			if ts[j].neg {
				return true
			}
		}
		return false
	}
	// A score of 0 marks a word that cannot be a point: filler, a
	// negation, or a word of the question.
	scores := slices.Grow(pk.scores[:0], len(ts))[:len(ts)]
	clear(scores)
	pk.scores = scores
	usable := func(i int) bool { return scores[i] > 0 }
	counts := pk.counts
	clear(counts)
	for _, t := range ts {
		counts[t.key]++
	}
	for i, t := range ts {
		if t.stop || t.neg || seenBefore(asked, t.key) {
			continue
		}
		s := idf[t.key]*(1+math.Log(float64(counts[t.key]))) + 1e-9
		if r, _ := utf8.DecodeRuneInString(t.text); unicode.IsUpper(r) || unicode.IsDigit(r) {
			s *= 1.3 // names and figures are what a rep must not miss
		}
		scores[i] = s
	}
	cands := pk.cands[:0]
	defer func() { pk.cands = cands[:0] }()
	seen := pk.seen
	clear(seen)
	for i, t := range ts {
		if !usable(i) || negated(i) {
			continue
		}
		first := !seen[t.key]
		seen[t.key] = true
		if first {
			cands = append(cands, cand{a: t.key, score: scores[i], at: i})
		}
		if i+1 < len(ts) && !t.brk && usable(i+1) {
			u := ts[i+1]
			// A phrase must beat its better word by a margin to be worth
			// the longer point.
			cands = append(cands, cand{a: t.key, b: u.key, score: (scores[i] + scores[i+1]) * 0.75, at: i})
		}
	}
	// The best candidates, each sharing no word with a better one: a few
	// passes over the list, which is short. The grader then checks them
	// together, as lint will; a point it does not find in the answer is
	// dropped and the choice made again without it, a few times at most.
	var chosen []cand
	for range 4 {
		chosen = best(cands)
		texts := make([]string, len(chosen))
		for i, c := range chosen {
			texts[i] = candText(ts, c.at, c.b != "")
		}
		hits := made(texts)
		missed := false
		for i, hit := range hits {
			if !hit {
				missed = true
				cands = slices.DeleteFunc(cands, func(c cand) bool { return c == chosen[i] })
			}
		}
		if !missed {
			break
		}
		kept := chosen[:0]
		for i, c := range chosen {
			if hits[i] {
				kept = append(kept, c)
			}
		}
		chosen = kept
	}
	slices.SortFunc(chosen, func(a, b cand) int { return a.at - b.at })
	out := make([]string, len(chosen))
	for i, c := range chosen {
		out[i] = candText(ts, c.at, c.b != "")
	}
	return out
}

// best chooses up to maxPoints candidates by score, none sharing a word
// with a better one.
func best(cands []cand) []cand {
	taken := make([]string, 0, 2*maxPoints)
	chosen := make([]cand, 0, maxPoints)
	for len(chosen) < maxPoints {
		top := -1
		for i, c := range cands {
			if slices.Contains(taken, c.a) || c.b != "" && slices.Contains(taken, c.b) {
				continue
			}
			if top < 0 || c.score > cands[top].score {
				top = i
			}
		}
		if top < 0 {
			break
		}
		c := cands[top]
		taken = append(taken, c.a)
		if c.b != "" {
			taken = append(taken, c.b)
		}
		chosen = append(chosen, c)
	}
	return chosen
}

// candText is a candidate point as the answer writes it: the word at i,
// and with pair the word after it.
func candText(ts []token, i int, pair bool) string {
	if pair {
		return ts[i].text + " " + ts[i+1].text
	}
	return ts[i].text
}

// deniesAnything reports whether text has a negation however the grader
// splits its words: at every character that is not a letter ("no-code",
// "no”0"), or with apostrophes left out ("isn't").
func deniesAnything(text string) bool {
	// Two words at once, in lower case: split at every non-letter, and
	// with apostrophes left out. A negation is short and ASCII, so a word
	// is kept only up to nine letters.
	var plain, folded [9]byte
	pn, fn := 0, 0
	denies := func(w [9]byte, n int) bool { return n >= 2 && n <= len(w)-1 && negations[string(w[:n])] }
	for _, r := range text {
		switch {
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'):
			c := byte(r) | 0x20
			if pn < len(plain) {
				plain[pn] = c
			}
			if fn < len(folded) {
				folded[fn] = c
			}
			pn, fn = pn+1, fn+1
		case unicode.IsLetter(r):
			// A letter outside ASCII: no negation has one.
			pn, fn = len(plain)+1, len(folded)+1
		case r == '\'' || r == '’':
			if denies(plain, pn) {
				return true
			}
			pn = 0
		default:
			if denies(plain, pn) || denies(folded, fn) {
				return true
			}
			pn, fn = 0, 0
		}
	}
	return denies(plain, pn) || denies(folded, fn)
}

// negation reports whether a word denies what follows it; the grader reads
// each part of a hyphenated word ("no-code") as a word of its own.
func negation(k string) bool {
	if negations[k] || strings.HasSuffix(k, "n't") {
		return true
	}
	if strings.Contains(k, "-") {
		for part := range strings.SplitSeq(k, "-") {
			if negations[part] {
				return true
			}
		}
	}
	return false
}

// negations are the words that deny what follows them.
var negations = set(`not no never nor neither none nobody nothing nowhere without cannot cant dont
doesnt didnt isnt arent wasnt werent wont wouldnt shouldnt couldnt hasnt havent hadnt aint mustnt`)

// stopWords are English filler words: never a key point.
var stopWords = set(`a about above after again against all also am an and any are aren't as at be because been
before being below between both but by can could did do does doing don't down during each even ever every
few for from further get gets got had has have having he her here hers herself him himself his how i if in
into is isn't it it's its itself just let like lot lots make makes may me might more most much must my myself
now of off often on once one only or other our ours ourselves out over own per quite rather really same say
says she should so some something such than that that's the their theirs them themselves then there these they
this those through thus to too under until up upon us use used using usually very via was way we well were
what when where which while who whom whose why will with would yes yet you your yours yourself yourselves
i'm i've i'll i'd you're you've you'll you'd we're we've we'll they're they've let's it'll that'll what's
here's there's who's etc e.g i.e ok okay sure thing things want wants need needs going know think
`)

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}
