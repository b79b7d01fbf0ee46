package markdown

import (
	"strings"

	"github.com/agnivade/levenshtein"
)

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
	d := levenshtein.ComputeDistance(got, want)
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
	for _, want := range []string{"Drill", "Rules of engagement", "Differentiators", "Objections"} {
		if closeTo(got, letters(want)) {
			return want
		}
	}
	return ""
}
