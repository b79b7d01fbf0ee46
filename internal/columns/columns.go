// Package columns shares a width among the columns of a table of text, so
// the long text columns wrap and the short ones (an answer, a status, a
// date, a count) stay whole. The show command, the learn screen and the
// progress report lay out their tables with it.
package columns

import (
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Widths returns the width of each column of rows (every row as long as the
// first) for a total of at most avail columns of text. A column keeps its
// natural width (its widest cell) when everything fits; otherwise the
// widest columns are narrowed first, down to a common cap, never below
// their longest word, and never at all where keep says so. It returns nil
// when that cannot fit, or would leave a narrowed column under minWidth:
// the table is then better read another way.
func Widths(rows [][]string, avail int, keep func(col int) bool, minWidth int) []int {
	if len(rows) == 0 {
		return nil
	}
	n := len(rows[0])
	natural := make([]int, n)
	longestWord := make([]int, n)
	for _, row := range rows {
		for c, cell := range row {
			for _, line := range strings.Split(cell, "\n") {
				natural[c] = max(natural[c], ansi.StringWidth(line))
			}
			for _, w := range strings.Fields(cell) {
				longestWord[c] = max(longestWord[c], ansi.StringWidth(w))
			}
		}
	}
	floor := make([]int, n)
	for c := range natural {
		natural[c] = max(natural[c], 1)
		floor[c] = longestWord[c]
		if keep != nil && keep(c) {
			floor[c] = natural[c]
		}
	}
	total := func(limit int) (sum int, widths []int) {
		widths = make([]int, n)
		for c := range natural {
			widths[c] = min(natural[c], max(limit, floor[c]))
			sum += widths[c]
		}
		return sum, widths
	}
	top := slices.Max(natural)
	if sum, widths := total(top); sum <= avail {
		return widths
	}
	// The largest cap that fits.
	best := 0
	for lo, hi := 1, top; lo <= hi; {
		mid := (lo + hi) / 2
		if sum, _ := total(mid); sum <= avail {
			best, lo = mid, mid+1
		} else {
			hi = mid - 1
		}
	}
	if best < minWidth {
		return nil
	}
	sum, widths := total(best)
	// Hand what the cap leaves over to the columns it narrowed.
	for c := range widths {
		if sum >= avail {
			break
		}
		if widths[c] < natural[c] {
			grow := min(natural[c]-widths[c], avail-sum)
			widths[c] += grow
			sum += grow
		}
	}
	return widths
}

// Wrap breaks cell into lines of at most width columns at spaces, never
// inside a word (a word longer than width is cut). Leading spaces, an
// indent, are kept on every line.
func Wrap(cell string, width int) string {
	indent := cell[:len(cell)-len(strings.TrimLeft(cell, " "))]
	if ansi.StringWidth(cell) <= width {
		return cell
	}
	inner := max(width-len(indent), 1)
	var lines []string
	line := ""
	for _, word := range strings.Fields(cell) {
		for ansi.StringWidth(word) > inner {
			if line != "" {
				lines = append(lines, line)
				line = ""
			}
			lines = append(lines, ansi.Truncate(word, inner, ""))
			word = ansi.TruncateLeft(word, inner, "")
		}
		switch {
		case line == "":
			line = word
		case ansi.StringWidth(line)+1+ansi.StringWidth(word) <= inner:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	for i := range lines {
		lines[i] = indent + lines[i]
	}
	return strings.Join(lines, "\n")
}
