package markdown

import "strings"

// unlink is a title with its markdown links written as their text: a
// heading that links to a page is named by its words, not its address.
// `[text](url)`, `[text][ref]` and `![alt](src)` become text and alt.
func unlink(s string) string {
	if !strings.Contains(s, "](") && !strings.Contains(s, "][") {
		return s
	}
	var b strings.Builder
	for {
		open := strings.IndexByte(s, '[')
		if open < 0 {
			break
		}
		end := closing(s, open, '[', ']')
		if end < 0 || end+1 >= len(s) || s[end+1] != '(' && s[end+1] != '[' {
			b.WriteString(s[:open+1])
			s = s[open+1:]
			continue
		}
		closeCh := byte(')')
		if s[end+1] == '[' {
			closeCh = ']'
		}
		tail := closing(s, end+1, s[end+1], closeCh)
		if tail < 0 {
			b.WriteString(s[:open+1])
			s = s[open+1:]
			continue
		}
		b.WriteString(strings.TrimSuffix(s[:open], "!"))
		b.WriteString(unlink(s[open+1 : end]))
		s = s[tail+1:]
	}
	b.WriteString(s)
	return strings.TrimSpace(b.String())
}

// closing is the index of the bracket that closes the one at s[at], or -1.
func closing(s string, at int, open, close byte) int {
	depth := 0
	for i := at; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case open:
			depth++
		case close:
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// unquote takes the quotes off a prospect's words: `"We have no budget."`
// is asked as We have no budget.
func unquote(s string) string {
	pairs := [][2]string{{`"`, `"`}, {"“", "”"}, {"'", "'"}, {"‘", "’"}, {"«", "»"}}
	for _, p := range pairs {
		if len(s) > len(p[0])+len(p[1]) && strings.HasPrefix(s, p[0]) && strings.HasSuffix(s, p[1]) {
			inner := strings.TrimSpace(s[len(p[0]) : len(s)-len(p[1])])
			if !strings.Contains(inner, p[0]) {
				return inner
			}
		}
	}
	return s
}

// rivalPhrases introduce a competitor in a differentiator's question.
var rivalPhrases = []string{"different from ", "differ from ", "differs from ", "compared to ", "compared with ", "compare to ", "compare with ", "versus ", "vs. ", "vs ", "instead of ", "better than ", "switch from ", "over "}

// rivalIn is the name a differentiator question sets itself against
// ("How are you different from Acme?" names Acme), or "" when it names
// none: only a capitalised name of a few words counts, so "different from
// other tools?" names nobody.
func rivalIn(q string) string {
	lower := strings.ToLower(q)
	for _, p := range rivalPhrases {
		i := strings.Index(lower, p)
		if i < 0 || i > 0 && lower[i-1] != ' ' {
			continue
		}
		name := q[i+len(p):]
		if j := strings.IndexAny(name, "?!,;:()"); j >= 0 {
			name = name[:j]
		}
		for _, cut := range []string{"'s ", "’s ", " and ", " or ", " for ", " when ", " in ", " on "} {
			if j := strings.Index(name, cut); j >= 0 {
				name = name[:j]
			}
		}
		name = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(name), "'s"), "’s")
		name = strings.TrimRight(name, ". ")
		if name == "" || len(strings.Fields(name)) > 4 {
			continue
		}
		if c := name[0]; c < 'A' || c > 'Z' {
			continue
		}
		return name
	}
	return ""
}
