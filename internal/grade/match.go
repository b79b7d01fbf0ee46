package grade

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"
)

// negationReach is how many words before a phrase a negation cue still
// denies it: "is not really sales-ready" is denied, "no" three clauses
// back is not.
const negationReach = 3

// phrase is one way of making a key point: the words that must appear close
// together, and whether the point itself is a denial ("not leads").
type phrase struct {
	words   []word
	negated bool
	// pivot is the index in words of a word that orders the point
	// ("instead", "before"), or -1. Such a point says which side of it each
	// word is on: "talks features instead of asking" is not made by
	// "asks instead of talking features".
	pivot int
}

// orderWords are the words that give a point a direction: what comes before
// them and what comes after cannot swap places.
var orderWords = setOf("instead", "rather", "before", "after", "until", "unless")

// maxPhraseWords caps the words of one alternate that are looked for: a
// point is a few words, and a longer one is graded on its first words.
const maxPhraseWords = 16

// maxTries caps how many windows starting at one answer word are checked
// for distinct words and denials, so grading time stays bounded whatever
// the answer.
const maxTries = 4

// span is the widest stretch of answer words a phrase of n words may be
// spread over: the words themselves plus room for the rep's own fillers,
// never the whole answer.
func span(n int) int {
	return n + max(4, n)
}

// compilePoint turns every alternate of a key point into phrases: the
// alternate's words (fillers dropped), its hyphenated words written as one
// ("follow-up" as "followup") and its initials ("marketing qualified lead"
// as "mql"). st stems the words.
func compilePoint(alternates []string, st *stemmer) []phrase {
	var out []phrase
	for _, alt := range alternates {
		ws, _ := splitAnswer(alt, 0, st)
		if len(ws) == 0 {
			continue
		}
		out = append(out, contentPhrase(ws))
		if one := unhyphen.Replace(alt); one != alt {
			if js, _ := splitAnswer(one, 0, st); len(js) > 0 {
				out = append(out, contentPhrase(js))
			}
		}
		out = append(out, initials(ws)...)
	}
	return out
}

// unhyphen joins hyphenated words.
var unhyphen = strings.NewReplacer("-", "", "\u2010", "", "\u2011", "")

// contentPhrase keeps the words an answer must contain. A negation word
// becomes the phrase's polarity instead of a word to find, so "not leads"
// is hit by "they aren't leads" but not by "leads, not lists".
func contentPhrase(ws []word) phrase {
	p := phrase{pivot: -1}
	var content []word
	for _, w := range ws {
		switch {
		case w.neg:
			p.negated = true
		case w.filler || slices.ContainsFunc(content, func(c word) bool { return c.stem == w.stem }):
			// left out: a filler, or a word the point already has
		case len(content) < maxPhraseWords:
			if p.pivot < 0 && orderWords[w.norm] {
				p.pivot = len(content)
			}
			content = append(content, w)
		}
	}
	switch {
	case len(content) > 0:
		p.words = content
	default:
		// A point made only of small words ("no", "to and fro") is matched
		// word for word.
		p = phrase{words: ws, pivot: -1}
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
	if a.stem == p.stem || a.norm == p.norm {
		return true
	}
	if a.digit || p.digit || a.filler || a.neg {
		return false
	}
	if a.norm == "" || p.norm == "" || a.norm[0] != p.norm[0] {
		return false
	}
	return typo(a.stem, p.stem) || typo(a.norm, p.norm)
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

// find looks for phrase p in the answer words ws: every word of p matched
// by a distinct answer word, all within span(len(p.words)) words, with the
// polarity the phrase asks for. It returns the first such place.
func find(p phrase, ws []word) (hit, bool) {
	n := min(len(p.words), maxPhraseWords)
	if n == 0 {
		return nil, false
	}
	masks := make([]uint64, len(ws))
	for i := range ws {
		for j := range p.words[:n] {
			if sameWord(ws[i], p.words[j]) {
				masks[i] |= 1 << j
			}
		}
	}
	full := ^uint64(0) >> (64 - n)
	limit := span(n)
	for s := range ws {
		if masks[s] == 0 {
			continue
		}
		var cov uint64
		tries := 0
		for e := s; e < len(ws) && e < s+limit && tries < maxTries; e++ {
			if masks[e] == 0 {
				continue
			}
			cov |= masks[e]
			if cov != full {
				continue
			}
			tries++
			h, ok := assign(masks[s:e+1], n, s)
			if !ok || !inOrder(p, ws, h) {
				continue
			}
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

// inOrder reports whether the answer words at h keep the point's words on
// their sides of its pivot: "A instead of B" is made by "A instead of B",
// or with the pivot's clause put first, "Instead of B, A"; never by
// "B instead of A".
func inOrder(p phrase, ws []word, h hit) bool {
	if p.pivot < 0 {
		return true
	}
	at := h[p.pivot]
	straight, fronted := true, true
	for j, m := range h {
		switch {
		case j < p.pivot:
			straight = straight && m < at
			fronted = fronted && m > at && ws[m].clause != ws[at].clause
		case j > p.pivot:
			straight = straight && m > at
			fronted = fronted && m > at && ws[m].clause == ws[at].clause
		}
	}
	return straight || fronted
}

// denial finds a negation cue that denies any of the words at positions
// h: up to negationReach words before one of them, in the same clause. It
// returns the cue's position, or -1. "not only" and "not just" are
// emphasis, not denial.
func denial(ws []word, h hit) int {
	for _, m := range h {
		for i := max(0, m-negationReach); i < m; i++ {
			if ws[i].neg && ws[i].clause == ws[m].clause && !notReally[ws[i+1].norm] {
				return i
			}
		}
	}
	return -1
}

// assign matches each of the n phrase words to a distinct answer word of
// the window (masks[k] says which phrase words window word k can make), so
// one answer word never counts twice. It returns the answer positions in
// phrase word order. This is bipartite matching by augmenting paths.
func assign(masks []uint64, n, offset int) (hit, bool) {
	owner := make([]int, n) // phrase word -> window index, -1 if none
	for j := range owner {
		owner[j] = -1
	}
	var seen uint64
	var try func(k int) bool
	try = func(k int) bool {
		for j := 0; j < n; j++ {
			if masks[k]&(1<<j) == 0 || seen&(1<<j) != 0 {
				continue
			}
			seen |= 1 << j
			if owner[j] < 0 || try(owner[j]) {
				owner[j] = k
				return true
			}
		}
		return false
	}
	matched := 0
	for k := range masks {
		seen = 0
		if masks[k] != 0 && try(k) {
			matched++
		}
	}
	if matched < n {
		return nil, false
	}
	h := make(hit, n)
	for j, k := range owner {
		h[j] = k + offset
	}
	return h, true
}

// findExact looks for the words of a never-say phrase side by side in the
// answer, in order, whatever the polarity: saying "we're not cheaper" still
// puts price on the table. Endings are forgiven but typos are not: a false
// alarm ("fret" for "free") costs the rep more than a missed misspelling.
func findExact(p []word, ws []word) bool {
	if len(p) == 0 {
		return false
	}
	for s := 0; s+len(p) <= len(ws); s++ {
		ok := true
		for j := range p {
			if ws[s+j].stem != p[j].stem && ws[s+j].norm != p[j].norm {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
