package drill

import (
	"slices"
	"strings"

	"github.com/agnivade/levenshtein"
)

// This is the one place that decides which ids a mistyped one could have
// meant ("did you mean …?"), for the engine and the command line alike.

// Near returns up to limit candidates within a small edit distance
// of id (or containing it, or contained in it), closest first.
func Near(id string, candidates []string, limit int) []string {
	type match struct {
		id   string
		dist int
	}
	var matches []match
	lid := strings.ToLower(id)
	for _, c := range candidates {
		lc := strings.ToLower(c)
		d := levenshtein.ComputeDistance(lid, lc)
		if d <= max(2, len(lid)/3) || (len(lid) >= 3 && (strings.Contains(lc, lid) || strings.Contains(lid, lc))) {
			matches = append(matches, match{c, d})
		}
	}
	slices.SortStableFunc(matches, func(x, y match) int { return x.dist - y.dist })
	var out []string
	for _, m := range matches {
		if len(out) == limit {
			break
		}
		if !slices.Contains(out, m.id) {
			out = append(out, m.id)
		}
	}
	return out
}
