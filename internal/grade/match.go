package grade

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"
)

// phrase is one way of making a key point: its words in order, and whether
// the point itself is a denial ("not leads").
type phrase struct {
	words   []word
	negated bool
	// pivot is the index in words of a word that orders the point
	// ("instead", "before"), or -1. Such a point may also be made with the
	// pivot's clause put first: "instead of asking, he talks features".
	pivot int
	// pron[j] is true when the point has a pronoun between words j-1 and
	// j, which an answer may replace by a noun of up to two words.
	pron []bool
	// prep is true for a point of two words with a preposition between
	// ("rules of engagement"), which may also be said the other way round
	// ("engagement rules").
	prep bool
	// passive, when above 0, is the index of a word that must follow a
	// form of "be" ("the lead was qualified").
	passive int
	// starts holds the first bytes of the answer words a place making the
	// phrase can start with; find skips the others without comparing.
	starts *[256]bool
}

// firstByte is s's first byte, or 0 for "".
func firstByte(s string) byte {
	if s == "" {
		return 0
	}
	return s[0]
}

// startsOf notes the first bytes of the words that can start a match of
// p: its first word, the second of a pair said the other way round, and
// the pivot of a point said with its pivot's clause first.
func startsOf(p phrase) *[256]bool {
	var b [256]bool
	note := func(w word) {
		b[firstByte(w.norm)] = true
		b[firstByte(w.stem)] = true
		for _, s := range w.syn {
			b[firstByte(s)] = true
		}
	}
	if len(p.words) == 0 {
		return &b
	}
	note(p.words[0])
	if len(p.words) == 2 {
		note(p.words[1])
	}
	if p.pivot > 0 && p.pivot < len(p.words) {
		note(p.words[p.pivot])
	}
	return &b
}

// beForms are the words of a passive or a predicate: "the lead was
// qualified", "onboarding is fast".
var beForms = setOf("is", "are", "was", "were", "be", "been", "being", "gets", "got", "get", "isnt", "arent", "wasnt", "werent")

// orderWords are the words that give a point a direction: what comes before
// them and what comes after cannot swap places.
var orderWords = setOf("instead", "rather", "before", "after", "until", "unless")

// linkPreps are the prepositions that join the two words of a point said
// either way round: "route planning" is "planning of routes", "phone
// support" is "support by phone", "sales-ready" is "ready for sales".
var linkPreps = setOf("of", "for", "by", "about", "over", "from", "via", "through")

// swapPreps join the two words of a point that may be said the other way
// round without them: "rules of engagement" is "engagement rules".
var swapPreps = setOf("of", "for")

// maxPhraseWords caps the words of one alternate that are looked for: a
// point is a few words, and a longer one is graded on its first words.
const maxPhraseWords = 16

// maxGapFillers is how many small words an answer may put between two
// words of a point ("rules of the engagement", "results that they want").
const maxGapFillers = 3

// compilePoint turns every alternate of a key point into phrases: the
// alternate's words (fillers dropped), its hyphenated words written as one
// ("follow-up" as "followup"), its initials ("marketing qualified lead" as
// "mql") and its rewordings through the vocabulary ("reach out" for
// "contact"). st stems the words.
func compilePoint(alternates []string, st *stemmer, v *vocabulary) []phrase {
	var out []phrase
	add := func(ws []word) {
		p := contentPhrase(ws)
		for i := range p.words {
			p.words[i].syn = v.synonyms(p.words[i].stem)
		}
		p.starts = startsOf(p)
		out = append(out, p)
		for _, q := range swaps(p) {
			q.starts = startsOf(q)
			out = append(out, q)
		}
	}
	for _, alt := range alternates {
		ws, _ := splitAnswer(alt, 0, st)
		if len(ws) == 0 {
			continue
		}
		add(ws)
		if one := unhyphen.Replace(alt); one != alt {
			if js, _ := splitAnswer(one, 0, st); len(js) > 0 {
				add(js)
			}
		}
		for _, q := range initials(ws) {
			q.starts = startsOf(q)
			out = append(out, q)
		}
		for _, r := range v.rewordings(ws) {
			add(r)
		}
	}
	return out
}

// swaps returns the forms of p with two neighbouring words swapped that
// mean the same: a participle put before or after its noun ("agreed
// results" for "results agreed", "the board shared" for "shared board"),
// and a pair said in the passive or as a predicate
// ("the lead was qualified" for "qualify the lead", "onboarding is fast"
// for "fast onboarding"), which needs a form of "be" between the two.
func swaps(p phrase) []phrase {
	n := len(p.words)
	if n < 2 || n > 4 {
		return nil
	}
	var out []phrase
	for j := 0; j+1 < n; j++ {
		a, b := p.words[j], p.words[j+1]
		if b.glued || p.pron[j+1] || p.prep || j == p.pivot || j+1 == p.pivot {
			continue
		}
		q := phrase{negated: p.negated, pivot: p.pivot, pron: make([]bool, n)}
		q.words = slices.Clone(p.words)
		q.words[j], q.words[j+1] = b, a
		if strings.HasSuffix(a.norm, "ed") || strings.HasSuffix(b.norm, "ed") {
			out = append(out, q)
			continue
		}
		q.passive = j + 1
		out = append(out, q)
	}
	return out
}

// unhyphen joins hyphenated words.
var unhyphen = strings.NewReplacer("-", "", "\u2010", "", "\u2011", "")

// contentPhrase keeps the words an answer must contain, in order. A
// negation word becomes the phrase's polarity instead of a word to find, so
// "not leads" is hit by "they aren't leads" but not by "leads, not lists".
// Small words are left out, except inside a hyphenated word
// ("month-to-month" needs its "to").
func contentPhrase(ws []word) phrase {
	p := phrase{pivot: -1}
	var content []word
	var pron []bool
	pendingPron, preps := false, 0
	for i, w := range ws {
		inCompound := w.glued || i+1 < len(ws) && ws[i+1].glued
		switch {
		case w.neg:
			p.negated = true
		case w.filler && !inCompound:
			if pronouns[w.norm] {
				pendingPron = true
			}
			if swapPreps[w.norm] && len(content) > 0 {
				preps++
			}
		case !inCompound && slices.ContainsFunc(content, func(c word) bool { return c.stem == w.stem }):
			// a word the point already has ("lead to lead")
		case len(content) < maxPhraseWords:
			if p.pivot < 0 && orderWords[w.norm] {
				p.pivot = len(content)
			}
			if len(content) == 0 {
				w.glued = false
			}
			content = append(content, w)
			pron = append(pron, pendingPron)
			pendingPron = false
		}
	}
	switch {
	case len(content) > 0:
		p.words, p.pron = content, pron
		p.prep = len(content) == 2 && preps == 1 && !content[1].glued && p.pivot < 0
	default:
		// A point made only of small words ("no", "to and fro") is matched
		// word for word.
		p = phrase{words: ws, pivot: -1, pron: make([]bool, len(ws))}
	}
	return p
}

// initials gives acronyms of an alternate of three or more words: "ideal
// customer profile" is hit by "ICP", "return on investment" by "ROI".
func initials(ws []word) []phrase {
	if len(ws) < 3 {
		return nil
	}
	var all, content strings.Builder
	for _, w := range ws {
		if w.neg || w.digit {
			return nil
		}
		r, _ := utf8.DecodeRuneInString(w.norm)
		all.WriteRune(r)
		if !w.filler {
			content.WriteRune(r)
		}
	}
	var out []phrase
	for _, s := range []string{all.String(), content.String()} {
		if utf8.RuneCountInString(s) < 3 || len(out) > 0 && out[0].words[0].norm == s {
			continue
		}
		a := word{typed: s, norm: s, stem: s, acronym: true}
		out = append(out, phrase{words: []word{a}, pivot: -1})
	}
	return out
}

// typoAllowance is how many edits a word of n letters forgives: none for
// short words, where one edit makes another word ("lead", "read").
func typoAllowance(n int) int {
	switch {
	case n <= 3:
		return 0
	case n <= 7:
		return 1
	default:
		return 2
	}
}

// sameWord reports whether answer word a makes point word p: same stem
// ("pricing", "price"), same folded form, or a small typo of it. A typo
// must keep the first letter (people rarely mistype it, and "read" is not
// "lead"); words with digits, short words and the answer's fillers must
// match exactly.
func sameWord(a, p word) bool {
	if p.acronym {
		// typed exactly, or as a plural ("MQLs")
		return a.norm == p.norm || a.norm == p.norm+"s"
	}
	if a.stem == p.stem || a.norm == p.norm || slices.Contains(p.syn, a.stem) {
		return true
	}
	if a.digit || p.digit || a.filler || a.neg {
		return false
	}
	if a.norm == "" || p.norm == "" || a.norm[0] != p.norm[0] {
		return false
	}
	return typo(a.norm, p.norm)
}

// typo reports whether a is b with no more edits than b's length forgives.
// Swapping two neighbouring letters ("laeds") counts as one edit.
func typo(a, b string) bool {
	allow := typoAllowance(utf8.RuneCountInString(b))
	if allow == 0 {
		return false
	}
	d := len(a) - len(b)
	if d > allow || -d > allow {
		return false
	}
	if d == 0 && swapped(a, b) {
		return true
	}
	return levenshtein.ComputeDistance(a, b) <= allow
}

// swapped reports whether a is b with two neighbouring bytes swapped.
func swapped(a, b string) bool {
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}

// hit is where a phrase was found: the positions of the answer words.
type hit []int

// find looks for phrase p in the answer words ws, with the polarity the
// phrase asks for, and returns the first place it is made. The point's
// words must come in the point's order, in one clause, with nothing but
// small words between them (or a noun where the point has a pronoun), so
// a salad of the right words does not make the point. Two forms that mean
// the same are also taken: a point of two words joined by a preposition
// said the other way round ("engagement rules" for "rules of
// engagement"), a compound said with a preposition ("ready for sales" for
// "sales-ready"), and a point with a pivot said with the pivot's clause
// first ("instead of asking, he talks features").
func find(p phrase, ws []word) (hit, bool) {
	n := min(len(p.words), maxPhraseWords)
	if n == 0 {
		return nil, false
	}
	pw := p.words[:n]
	starts := p.starts
	if starts == nil {
		starts = startsOf(p)
	}
	for s := range ws {
		if !starts[firstByte(ws[s].norm)] && !starts[firstByte(ws[s].stem)] {
			continue
		}
		for _, h := range candidates(p, pw, ws, s) {
			cue := denial(ws, h)
			if (cue >= 0) != p.negated {
				continue
			}
			if cue >= 0 {
				h = append(h, cue) // show the rep the word that denied it
			}
			return h, true
		}
	}
	return nil, false
}

// candidates returns the places phrase p is made starting at answer word s,
// in every form it may take.
func candidates(p phrase, pw []word, ws []word, s int) []hit {
	var out []hit
	if sameWord(ws[s], pw[0]) {
		if h, ok := ordered(ws, pw, p.pron, s, maxGapFillers); ok && passiveOK(p, ws, h) {
			out = append(out, h)
		}
	}
	if len(pw) == 2 && sameWord(ws[s], pw[1]) {
		rev := []word{pw[1], pw[0]}
		rev[1].glued = false
		if p.prep {
			// "engagement rules" for "rules of engagement"
			if h, ok := ordered(ws, rev, []bool{false, false}, s, 1); ok {
				out = append(out, hit{h[1], h[0]})
			}
		} else if s+2 < len(ws) && linkPreps[ws[s+1].norm] && ws[s+1].clause == ws[s].clause {
			// "ready for sales" for "sales-ready"
			if h, ok := ordered(ws, rev, []bool{false, false}, s, 2); ok {
				out = append(out, hit{h[1], h[0]})
			}
		}
	}
	if p.pivot > 0 && sameWord(ws[s], pw[p.pivot]) {
		// the pivot's clause first: "instead of asking, he talks features"
		right, ok := ordered(ws, pw[p.pivot:], p.pron[p.pivot:], s, maxGapFillers)
		if ok {
			for t := right[len(right)-1] + 1; t < len(ws); t++ {
				if ws[t].clause == ws[s].clause || !sameWord(ws[t], pw[0]) {
					continue
				}
				if left, ok := ordered(ws, pw[:p.pivot], p.pron[:p.pivot], t, maxGapFillers); ok {
					out = append(out, append(left, right...))
					break
				}
			}
		}
	}
	return out
}

// passiveOK reports whether a passive form of a point has its "be".
func passiveOK(p phrase, ws []word, h hit) bool {
	if p.passive <= 0 {
		return true
	}
	j := p.passive
	return slices.ContainsFunc(ws[h[j-1]+1:h[j]], func(w word) bool { return beForms[w.norm] })
}

// ordered matches the words pw in order from answer word s (which makes
// pw[0]): each next word in the same clause, after at most fillers small
// words, or up to two words of any kind where the point has a pronoun
// (pron), and right after the one before when the point glues them with a
// hyphen.
func ordered(ws []word, pw []word, pron []bool, s, fillers int) (hit, bool) {
	// Most tries fail: the positions are kept on the stack and only a
	// match is copied out.
	var buf [maxPhraseWords]int
	h := append(buf[:0], s)
	pos := s
	for j := 1; j < len(pw); j++ {
		found := -1
		small, other := 0, 0
		for k := pos + 1; k < len(ws) && ws[k].clause == ws[s].clause; k++ {
			if sameWord(ws[k], pw[j]) {
				found = k
				break
			}
			if pw[j].glued {
				break
			}
			if gapWord(ws[k]) && small < fillers {
				small++
				continue
			}
			if pron[j] && other < 2 {
				other++
				continue
			}
			break
		}
		if found < 0 {
			return nil, false
		}
		h = append(h, found)
		pos = found
	}
	return slices.Clone(h), true
}

// gapWord reports words an answer may put between the words of a point
// without changing what the point says.
func gapWord(w word) bool {
	return w.filler || w.neg || wh[w.norm] || notReally[w.norm] || passiveGet[w.norm] || strings.HasSuffix(w.norm, "ly") || possessive(w.typed)
}

// passiveGet are the forms of "get" that make a passive: "every job gets
// billed" says "every job billed".
var passiveGet = setOf("get", "gets", "got", "gotten", "getting")

// possessive reports a word typed with 's ("the product's features").
func possessive(typed string) bool {
	for _, suffix := range []string{"'s", "\u2019s", "s'", "s\u2019"} {
		if strings.HasSuffix(strings.ToLower(typed), suffix) {
			return true
		}
	}
	return false
}

// scopeEnds are the words a denial does not reach past: "it doesn't go to
// sales until it is sales-ready" does not deny "sales-ready".
var scopeEnds = setOf(
	"but", "until", "till", "unless", "because", "since", "if", "when", "once",
	"whether", "than", "that", "which", "who", "whom", "instead", "rather", "although",
	"though", "while", "whereas", "so", "yet", "before", "after", "except", "then",
)

// subjects start a new statement after "and" or "or": "we don't cold call
// and we log every reply" does not deny "log".
var subjects = setOf("we", "they", "i", "you", "he", "she", "it", "sales", "marketing")

// auxiliaries take a "not" after the words they deny: "overtime is not a
// sign", "the rules do not matter".
var auxiliaries = setOf("is", "are", "was", "were", "do", "does", "did", "has", "have", "had", "will", "would", "can", "could", "should", "must", "may", "might")

// denial finds a negation cue that denies the words at positions h and
// returns its position, or -1. A cue denies what follows it to the end of
// its clause, over a list ("doesn't tell you A or B", "doesn't pin down
// A, B or C"), but not past a word that starts another statement
// ("until", "but", "because", "and we"); a negative verb right after the
// point denies it too ("overtime doesn't matter", "the rules are not
// followed"). "not only" and "not just" are emphasis, not denial.
func denial(ws []word, h hit) int {
	lo, hi := slices.Min(h), slices.Max(h)
	for i := lo + 1; i < hi; i++ {
		if ws[i].neg && !slices.Contains(h, i) && !notReally[ws[i+1].norm] {
			return i
		}
	}
	if c := denialBefore(ws, lo, lo); c >= 0 {
		return c
	}
	for i := hi + 1; i < len(ws) && i <= hi+3 && ws[i].clause == ws[hi].clause; i++ {
		if w := ws[i]; w.neg {
			switch w.norm {
			case "not":
				if i > hi+1 && auxiliaries[ws[i-1].norm] {
					return i
				}
			case "no", "none", "nothing", "nobody", "without", "nor", "neither":
				// "a list, no leads": a denial of what follows
			default:
				return i // "never", "isn't", "doesn't"
			}
			break
		}
		if !ws[i].filler || pronouns[ws[i].norm] {
			break // "why it isn't": another subject's denial
		}
	}
	return listDenial(ws, lo)
}

// denialBefore finds a cue before position at in at's clause that reaches
// it, looking back from before.
func denialBefore(ws []word, at, before int) int {
	for i := before - 1; i >= 0 && ws[i].clause == ws[at].clause; i-- {
		w := ws[i]
		if scopeEnds[w.norm] && !waitFor(ws, i) && !(wh[w.norm] && i == before-1) && !notYet(ws, i) || (w.norm == "and" || w.norm == "or") && i+1 < len(ws) && (subjects[ws[i+1].norm] || auxiliaries[ws[i+1].norm]) {
			return -1
		}
		if w.neg && !notReally[ws[i+1].norm] {
			return i
		}
	}
	return -1
}

// notYet reports "yet" right after a denial at i ("not yet leads", "no
// deal yet"): there "yet" is the denial's adverb, not a "yet" that starts
// another statement.
func notYet(ws []word, i int) bool {
	return ws[i].norm == "yet" && i > 0 && ws[i-1].neg
}

// waitFor reports "wait until" or "wait for" at i: "sales doesn't wait
// until it is sales-ready" denies what follows "until".
func waitFor(ws []word, i int) bool {
	return (ws[i].norm == "until" || ws[i].norm == "till") && i > 0 && strings.HasPrefix(ws[i-1].norm, "wait")
}

// listDenial finds the cue of a list the word at lo is an item of: "it
// doesn't find the problem, the cost, who decides or the timeline" denies
// each item. An item is a short clause (six words at most) that does not
// start a statement of its own, the list ends in "or", "nor" or "and", and
// its first item is denied by a cue in the clause before the list.
func listDenial(ws []word, lo int) int {
	start, end := clauseBounds(ws, lo)
	if !listItem(ws, start, end) {
		return -1
	}
	closed := false
	for s, e := start, end; e <= len(ws); {
		if slices.ContainsFunc(ws[s:e], func(w word) bool { return w.norm == "or" || w.norm == "nor" || w.norm == "and" }) {
			closed = true
			break
		}
		if e == len(ws) {
			break
		}
		s, e = clauseBounds(ws, e)
		if !listItem(ws, s, e) {
			break
		}
	}
	if !closed {
		return -1
	}
	for k := start - 1; k >= 0; {
		s, e := clauseBounds(ws, k)
		if c := denialBefore(ws, k, e); c >= 0 && c < e-1 {
			if e == start && ws[start].norm == "and" {
				// "the jobs that never get billed, and weigh it
				// against the price": a comma and "and" right after
				// the denied clause start a statement, not a list's
				// second item (a list of three has one between).
				return -1
			}
			return c
		}
		if !listItem(ws, s, e) {
			return -1
		}
		k = s - 1
	}
	return -1
}

// clauseBounds returns the first and one past the last position of the
// clause of the word at i.
func clauseBounds(ws []word, i int) (int, int) {
	s, e := i, i+1
	for s > 0 && ws[s-1].clause == ws[i].clause {
		s--
	}
	for e < len(ws) && ws[e].clause == ws[i].clause {
		e++
	}
	return s, e
}

// listItem reports whether words s..e are a list item (or the last two
// items, joined by "or"): short, with no cue of their own, not starting a
// statement.
func listItem(ws []word, s, e int) bool {
	if e-s > 6 || subjects[ws[s].norm] || scopeEnds[ws[s].norm] && !wh[ws[s].norm] {
		return false
	}
	return !slices.ContainsFunc(ws[s:e], func(w word) bool { return w.neg })
}

// findExact looks for the words of a never-say phrase side by side in the
// answer, in order, whatever the polarity: saying "we're not cheaper" still
// puts price on the table. Endings and the vocabulary's synonyms are
// forgiven but typos are not: a false alarm ("fret" for "free") costs the
// rep more than a missed misspelling.
func findExact(p []word, ws []word) bool {
	if len(p) == 0 {
		return false
	}
	for s := range ws {
		if neverWord(ws[s], p[0]) && restOf(p[1:], ws, s+1) {
			return true
		}
	}
	return false
}

// restOf reports whether the never-say words p follow from answer word
// at on, each next word right after the one before or after at most two
// intensifiers ("charges way too much" says "charges too much").
func restOf(p []word, ws []word, at int) bool {
	for _, pw := range p {
		skipped := 0
		for at < len(ws) && !neverWord(ws[at], pw) && intensifiers[ws[at].norm] && skipped < 2 {
			at++
			skipped++
		}
		if at >= len(ws) || !neverWord(ws[at], pw) {
			return false
		}
		at++
	}
	return true
}

// neverWord reports whether answer word a is never-say word p: the same
// word, ending aside, or one of its synonyms; typos are not forgiven.
func neverWord(a, p word) bool {
	return a.stem == p.stem || a.norm == p.norm || slices.Contains(p.syn, a.stem)
}

// intensifiers are the words that may stand inside a never-say phrase
// without changing what it says.
var intensifiers = setOf("way", "far", "much", "so", "really", "very", "quite", "pretty", "just", "totally", "completely", "honestly", "simply", "a", "bit", "lot")
