package markdown

import "strings"

// editDistance is the Levenshtein distance between two short strings,
// counted in bytes: it is only asked about labels and keys.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// letters is s lower-cased with everything but ASCII letters left out:
// "Must-Mention" and "must mention" both become "mustmention".
func letters(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c >= 'a' && c <= 'z' {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// closeTo reports whether got is a likely misspelling of want (both as
// letters returns them): one edit for a short word, two for a long one.
func closeTo(got, want string) bool {
	if got == want {
		return true
	}
	d := editDistance(got, want)
	switch {
	case len(want) >= 9:
		return d <= 2
	case len(want) >= 5:
		return d <= 1
	}
	return false
}

// nearSection is the `###` section a prose heading's title most likely
// misspells ("Drills", "Rules of engagment", "Differentiator"), or "".
func nearSection(title string) string {
	got := letters(title)
	for _, want := range []string{"Drill", "Rules of engagement", "Differentiators"} {
		if closeTo(got, letters(want)) {
			return want
		}
	}
	return ""
}
