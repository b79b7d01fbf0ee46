package grade

import (
	_ "embed"
	"maps"
	"slices"
	"strings"
	"sync"
)

// thesaurusText is the built-in thesaurus: one family of terms that mean
// the same in a sales answer a line, terms separated by "|", and lines
// "~ FORM BASE" mapping irregular forms ("bought") to their base ("buy").
// thesaurusgen writes it from WordNet 3.0 and thesaurus.in.
//
//go:embed thesaurus.txt
var thesaurusText string

// maxVariants caps how many rewordings of one alternate a vocabulary
// adds, so a point full of synonyms cannot make preparing a card slow.
const maxVariants = 32

// vocabulary is what grading knows about words beyond their stems: which
// terms mean the same (the thesaurus and a playbook's glossary) and the
// irregular forms of words.
type vocabulary struct {
	// syn maps a one-word term's stem to the stems of its one-word synonyms.
	syn map[string][]string
	// acronyms maps part of a term that has initials in its family ("ideal
	// customer", "customer profile", "profile" of "ideal customer profile",
	// as stems joined by spaces) to the initials ("icp").
	acronyms map[string][][]word
	// terms maps the stem of a term's first word to the terms starting
	// with it; each term knows its family.
	terms    map[string][]vocabTerm
	families [][][]word // per family, its terms' words
}

type vocabTerm struct {
	words  []word
	family int
}

// irregular maps the folded irregular forms of thesaurus words to their
// base form, so "bought" is "buy" and "sent" is "send".
var irregular = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for line := range strings.Lines(thesaurusText) {
		if f := strings.Fields(line); len(f) == 3 && f[0] == "~" {
			m[f[1]] = f[2]
		}
	}
	return m
})

// builtin is the vocabulary of the built-in thesaurus.
var builtin = sync.OnceValue(func() *vocabulary {
	return newVocabulary(thesaurusFamilies())
})

// thesaurusFamilies reads the families of the built-in thesaurus.
func thesaurusFamilies() [][]string {
	var out [][]string
	for line := range strings.Lines(thesaurusText) {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' || line[0] == '~' {
			continue
		}
		out = append(out, strings.Split(line, "|"))
	}
	return out
}

// newVocabulary builds a vocabulary from families of terms.
func newVocabulary(families [][]string) *vocabulary {
	v := &vocabulary{syn: map[string][]string{}, terms: map[string][]vocabTerm{}, acronyms: map[string][][]word{}}
	v.add(families)
	return v
}

// add adds families of terms to v.
func (v *vocabulary) add(families [][]string) {
	for _, fam := range families {
		var terms [][]word
		for _, t := range fam {
			ws, _ := splitAnswer(t, 0, nil)
			if len(ws) > 0 {
				terms = append(terms, ws)
			}
		}
		if len(terms) < 2 {
			continue
		}
		f := len(v.families)
		v.families = append(v.families, terms)
		v.addAcronyms(terms)
		for _, t := range terms {
			v.terms[t[0].stem] = append(v.terms[t[0].stem], vocabTerm{words: t, family: f})
			if len(t) != 1 {
				continue
			}
			for _, o := range terms {
				if len(o) == 1 && o[0].stem != t[0].stem && !slices.Contains(v.syn[t[0].stem], o[0].stem) {
					v.syn[t[0].stem] = append(v.syn[t[0].stem][:len(v.syn[t[0].stem]):len(v.syn[t[0].stem])], o[0].stem)
				}
			}
		}
	}
}

// addAcronyms notes the parts of a family's terms that its initials stand
// for: "ICP" makes a point written "profile | ideal customer" when the
// family has "ideal customer profile" and "ICP". A part is two or more
// neighbouring words of the term, or its last word (what the term is).
func (v *vocabulary) addAcronyms(terms [][]word) {
	for _, a := range terms {
		if len(a) != 1 || len(a[0].norm) < 2 || len(a[0].norm) > 5 || a[0].digit {
			continue
		}
		for _, t := range terms {
			if len(t) < 2 || !initialsOf(t, a[0].norm) {
				continue
			}
			add := func(part []word) {
				k := stemsOf(part)
				if !slices.ContainsFunc(v.acronyms[k], func(x []word) bool { return sameTerm(x, a) }) {
					v.acronyms[k] = append(v.acronyms[k][:len(v.acronyms[k]):len(v.acronyms[k])], a)
				}
			}
			add(t[len(t)-1:])
			for i := range t {
				for j := i + 2; j <= len(t); j++ {
					add(t[i:j])
				}
			}
		}
	}
}

// initialsOf reports whether acronym is the initials of term's words, or
// of its words other than small ones.
func initialsOf(term []word, acronym string) bool {
	var all, content strings.Builder
	for _, w := range term {
		all.WriteByte(w.norm[0])
		if !w.filler {
			content.WriteByte(w.norm[0])
		}
	}
	return all.String() == acronym || content.String() == acronym
}

// stemsOf joins the stems of ws with spaces.
func stemsOf(ws []word) string {
	s := make([]string, len(ws))
	for i, w := range ws {
		s[i] = w.stem
	}
	return strings.Join(s, " ")
}

// merge returns a copy of v with more families; v is not changed.
func (v *vocabulary) merge(more [][]string) *vocabulary {
	if len(more) == 0 {
		return v
	}
	m := &vocabulary{syn: maps.Clone(v.syn), terms: maps.Clone(v.terms), families: slices.Clip(v.families), acronyms: maps.Clone(v.acronyms)}
	for k, ts := range m.terms {
		m.terms[k] = slices.Clip(ts)
	}
	for k, as := range m.acronyms {
		m.acronyms[k] = slices.Clip(as)
	}
	m.add(more)
	return m
}

// rewordings returns ws reworded by swapping one term for another of its
// family ("reach out" for "contact", "EB" for "economic buyer"), at most
// maxVariants of them, each different from ws and from the others.
func (v *vocabulary) rewordings(ws []word) [][]word {
	var out [][]word
	if denials(ws) == 0 {
		for _, a := range v.acronyms[stemsOf(ws)] {
			if !sameTerm(a, ws) {
				out = append(out, a)
			}
		}
	}
	for i := range ws {
		for _, t := range v.terms[ws[i].stem] {
			if !termAt(ws, i, t.words) {
				continue
			}
			for _, o := range v.families[t.family] {
				if len(o) == 1 && len(t.words) == 1 {
					continue // one word for one word: matched as a synonym
				}
				if sameTerm(o, t.words) || denials(ws)-denials(t.words)+denials(o) > 1 {
					// the same term, or two denials in one phrase ("no
					// unbilled" is not "no never billed")
					continue
				}
				r := make([]word, 0, len(ws)-len(t.words)+len(o))
				r = append(r, ws[:i]...)
				r = append(r, o...)
				r = append(r, ws[i+len(t.words):]...)
				if !slices.ContainsFunc(out, func(x []word) bool { return sameTerm(x, r) }) {
					out = append(out, r)
				}
				if len(out) >= maxVariants {
					return out
				}
			}
		}
	}
	return out
}

// termAt reports whether term's words are ws's words from i on.
func termAt(ws []word, i int, term []word) bool {
	if i+len(term) > len(ws) {
		return false
	}
	for j, t := range term {
		if ws[i+j].stem != t.stem {
			return false
		}
	}
	return true
}

func sameTerm(a, b []word) bool {
	return slices.EqualFunc(a, b, func(x, y word) bool { return x.stem == y.stem })
}

// denials counts the negation words of a term.
func denials(ws []word) int {
	n := 0
	for _, w := range ws {
		if w.neg {
			n++
		}
	}
	return n
}

// synonyms returns the stems of the one-word synonyms of stem.
func (v *vocabulary) synonyms(stem string) []string {
	return v.syn[stem]
}
