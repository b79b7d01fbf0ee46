// Package words writes counts the way people read them: "1 card",
// "3 cards", "2 processes", never "card(s)", which screen readers spell
// out and which reads like a form.
package words

import (
	"strconv"
	"strings"
)

// Count says n of a noun, in the plural unless n is 1. The plural adds
// "es" after s, x, z, ch and sh, else "s"; the nouns playdrill counts
// have no irregular plurals.
func Count(n int, noun string) string {
	if n == 1 || n == -1 {
		return strconv.Itoa(n) + " " + noun
	}
	return strconv.Itoa(n) + " " + Plural(noun)
}

// Plural is the plural of a regular English noun.
func Plural(noun string) string {
	for _, end := range []string{"s", "x", "z", "ch", "sh"} {
		if strings.HasSuffix(noun, end) {
			return noun + "es"
		}
	}
	return noun + "s"
}
