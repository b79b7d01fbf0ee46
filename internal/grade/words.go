package grade

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"golang.org/x/text/unicode/norm"
)

// word is one word of an answer or of a key point, in the forms matching
// needs.
type word struct {
	typed  string // as the rep typed it, for showing which words hit
	norm   string // folded: lower case, accents and apostrophes removed
	stem   string // snowball stem of norm
	clause int    // index of the clause the word is in (negation does not cross clauses)
	digit  bool   // contains a digit: never typo-forgiven ("2024" is not "2025")
	filler bool   // a function word a key point may leave out
	neg    bool   // a negation cue such as "not" or "isn't"
	// acronym marks a point's initials ("icp"), which match only exactly
	// or as a plural.
	acronym bool
	// glued is true when a hyphen joins the word to the one before it
	// ("sales-ready", "month-to-month").
	glued bool
	// sep is true when a sign other than a hyphen stands between the word
	// and the one before it ("board/partner", "problem + cost"): the two
	// are listed, not linked.
	sep bool
	// syn holds the stems of a point word's one-word synonyms.
	syn []string
}

// isApostrophe reports apostrophe-like runes: typed, curly and prime forms
// all fold to "no character" inside a word, so "don’t" reads as "dont".
func isApostrophe(r rune) bool {
	switch r {
	case '\'', '\u2018', '\u2019', '\u02bc', '\u2032', '`', '\u00b4':
		return true
	}
	return false
}

// isClauseBreak reports punctuation that ends a clause: a negation before it
// does not reach the words after it ("No, it is a list"). A line break is
// no clause break: a rep types one (or a model answer wraps) anywhere a
// space could be, and a line that ends a sentence ends with its sign.
func isClauseBreak(r rune) bool {
	switch r {
	case '.', ',', ';', ':', '!', '?', '(', ')', '[', ']', '\u2014', '\u2013', '\u2026', '|', '•':
		return true
	}
	return false
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// splitWords breaks s into words, folding and stemming each. Hyphens,
// slashes and every other non-letter split words; apostrophes inside a
// word are dropped. It stops after max words (max <= 0: no limit) and
// reports whether it did.
func splitWords(s string, max int) (words []word, truncated bool) {
	return splitAnswer(s, max, nil)
}

// stemmer stems the words of one answer. Stemming is most of the cost of
// grading, so it remembers the stems it made and skips words that cannot
// match: a stem keeps its word's first letter, and every match needs the
// same first letter, so a word whose first letter starts no word of the
// card is never compared by stem.
type stemmer struct {
	memo  map[string]string
	known map[string]string // stems made earlier, only read (may be nil)
	first *[256]bool        // first bytes of the card's words; nil: stem every word
}

// newStemmer makes a stemmer that first looks stems up in known and only
// stems words starting with a byte in first (nil: all words).
func newStemmer(known map[string]string, first *[256]bool) *stemmer {
	return &stemmer{memo: map[string]string{}, known: known, first: first}
}

// stem stems folded word n, unless nothing on the card starts like it.
func (st *stemmer) stem(n string) string {
	if st.first != nil && !st.first[n[0]] {
		return n
	}
	if s, ok := st.known[n]; ok {
		return s
	}
	s, ok := st.memo[n]
	if !ok {
		s = english.Stem(n, true)
		st.memo[n] = s
	}
	return s
}

// splitAnswer is splitWords with stemming done by st (nil: stem all).
func splitAnswer(s string, max int, st *stemmer) (words []word, truncated bool) {
	words = make([]word, 0, countWords(s, max))
	clause := 0
	start := -1   // byte offset of the current word, -1 between words
	prevEnd := -1 // byte offset where the word before ended
	flush := func(end int) {
		if start < 0 {
			return
		}
		if w := st.word(s[start:end], clause); w.norm != "" {
			// (a lone accent folds to nothing and is no word)
			if prevEnd >= 0 && len(words) > 0 && words[len(words)-1].clause == clause {
				between := s[prevEnd:start]
				w.glued = isHyphen(between)
				w.sep = !w.glued && strings.TrimFunc(between, unicode.IsSpace) != ""
			}
			words = append(words, w)
			prevEnd = end
		}
		start = -1
	}
	for i, r := range s {
		if max > 0 && len(words) >= max {
			return words, true
		}
		switch {
		case isWordRune(r):
			if start < 0 {
				start = i
			}
		case isApostrophe(r) && start >= 0 && nextIsWordRune(s, i+utf8.RuneLen(r)):
			// inside a word: keep going, fold drops it
		default:
			flush(i)
			if isClauseBreak(r) || isSpacedDash(s, i, r) {
				clause++
			}
		}
	}
	flush(len(s))
	if max > 0 && len(words) > max {
		return words[:max], true
	}
	return words, false
}

// countWords counts the runs of word runes in s, up to max+1 (max <= 0: no
// limit): as many words as s holds or a few more (an apostrophe joins two
// runs), so splitting allocates its words once.
func countWords(s string, max int) int {
	n, in := 0, false
	for _, r := range s {
		w := isWordRune(r)
		if w && !in {
			n++
			if max > 0 && n > max {
				break
			}
		}
		in = w
	}
	return n
}

// isHyphen reports whether s is one hyphen, as inside "sales-ready".
func isHyphen(s string) bool {
	switch s {
	case "-", "\u2010", "\u2011":
		return true
	}
	return false
}

// isSpacedDash reports a hyphen or tilde written with white space before
// it, as a dash ("none - it's a list") or a list's bullet at the start of
// a line: it ends a clause like a comma.
func isSpacedDash(s string, i int, r rune) bool {
	if r != '-' && r != '~' && r != '=' || i == 0 {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsSpace(before)
}

func nextIsWordRune(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isWordRune(r)
}

// word makes a word. A nil stemmer stems every word.
func (st *stemmer) word(typed string, clause int) word {
	n := fold(typed)
	w := word{typed: typed, norm: n, clause: clause}
	w.digit = strings.IndexFunc(n, unicode.IsDigit) >= 0
	w.neg = negations[n]
	w.filler = fillers[n]
	base := n
	if b, ok := irregular()[n]; ok {
		base = b
	}
	switch {
	case n == "" || w.neg || w.filler || w.digit || wh[n]:
		// matched by their folded form only
		w.stem = n
	case st == nil:
		w.stem = english.Stem(base, true)
	default:
		w.stem = st.stem(base)
	}
	return w
}

// fold lower-cases w and removes accents, compatibility forms (full-width
// letters, ligatures) and apostrophes, so "Café", "cafe" and "ｃａｆｅ" are
// one word.
func fold(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		if strings.ContainsRune(w, '\'') || strings.ContainsRune(w, '`') {
			w = strings.Map(dropApostrophe, w)
		}
		return strings.ToLower(w)
	}
	var b strings.Builder
	for _, r := range norm.NFKD.String(w) {
		if unicode.Is(unicode.Mn, r) || isApostrophe(r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func dropApostrophe(r rune) rune {
	if isApostrophe(r) {
		return -1
	}
	return r
}

// negations are the words that deny what follows them, after folding
// ("isn't" folds to "isnt").
var negations = setOf(
	"not", "no", "never", "nor", "neither", "none", "nobody", "nothing", "without",
	"cannot", "cant", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent",
	"wont", "wouldnt", "shouldnt", "couldnt", "hasnt", "havent", "hadnt", "aint", "mustnt",
)

// notReally are words that, right after a negation, turn it into emphasis:
// "not only", "not just", "no doubt".
var notReally = setOf("only", "just", "merely", "simply", "doubt", "question", "matter", "wonder")

// fillers are function words a key point may contain without the answer
// having to repeat them: "rules of engagement" is hit by "engagement rules".
// Particles that change meaning ("up", "out", "before") are not fillers.
var fillers = setOf(
	"a", "an", "the", "of", "to", "in", "on", "at", "for", "by", "with", "from", "as",
	"and", "or", "is", "are", "was", "were", "be", "been", "being", "am", "it", "its",
	"this", "that", "these", "those", "their", "our", "your", "my", "we", "you", "they",
	"i", "he", "she", "them", "us", "do", "does", "did", "has", "have", "had", "will",
	"would", "can", "could", "should", "shall", "may", "might", "must", "so", "very",
	"just", "really", "also", "then", "than", "there", "here", "into", "about",
	"if", "s", "t", "all", "any", "some", "each", "every", "actually", "still", "even",
	"already", "only", "ever", "yet", "too", "well", "him", "her", "his", "me", "one",
	"ones", "something", "through",
)

// wh are the question words. A point keeps them ("who decides" is not
// "decides"), but they are never a point of their own.
var wh = setOf("who", "what", "when", "where", "how", "why", "which", "whom", "whose")

// pronouns stand for a noun: where a point has one, an answer may name the
// noun instead ("why they responded", "why the owner responded").
var pronouns = setOf("they", "them", "their", "it", "its", "we", "us", "our", "you", "your", "he", "she", "him", "her", "his", "i", "me", "my", "one", "someone", "something")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
