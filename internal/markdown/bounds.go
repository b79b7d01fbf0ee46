package markdown

import "bytes"

// Counts a playbook may not exceed: past them a card or a step is no longer
// something a rep can drill, and a renderer's work grows with them.
const (
	// maxOptions is the most options a choice card may have.
	maxOptions = 100
	// maxCards is the most cards one step may have.
	maxCards = 200
	// maxListItems is the most items one list may have: a numbered list
	// costs the renderer the square of its length.
	maxListItems = 1000
	// maxEmphasis is the deepest emphasis (`*`, `_`) may nest.
	maxEmphasis = maxNesting
)

// deepestEmphasis estimates how deep emphasis nests in the markdown src,
// from its delimiter runs (`*` and `_`) as CommonMark classifies them.
// Emphasis nests at a point only as deep as there are openers before it
// not yet closed and closers after it, so the estimate at each run is the
// smaller of the two: a run of stars never closed nests nothing. Emphasis
// cannot span a blank line, and code fences hold none. It returns the
// offset of the first run past maxEmphasis (or -1) and the deepest nesting
// found. The estimate errs high, never low.
func deepestEmphasis(src []byte) (at, deepest int) {
	at = -1
	var para []delimRun
	flush := func() {
		if d, off := paragraphEmphasis(para); d > deepest {
			deepest = d
			if d > maxEmphasis && at < 0 {
				at = off
			}
		}
		para = para[:0]
	}
	fence := []byte(nil)
	for start := 0; start < len(src); {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		line := src[start:end]
		trimmed := bytes.TrimLeft(line, " \t>")
		switch {
		case fence != nil:
			if bytes.HasPrefix(trimmed, fence) {
				fence = nil
			}
		case bytes.HasPrefix(trimmed, []byte("```")) || bytes.HasPrefix(trimmed, []byte("~~~")):
			flush()
			fence = trimmed[:3]
		case len(bytes.TrimSpace(trimmed)) == 0:
			flush()
		default:
			para = appendRuns(para, line, start)
		}
		start = end + 1
	}
	flush()
	return at, deepest
}

// delimRun is a run of `*` or `_` and what it can do.
type delimRun struct {
	off               int
	n                 int
	kind              int // 0 for '*', 1 for '_'
	canOpen, canClose bool
}

// appendRuns adds the delimiter runs of line (at offset start) to runs.
func appendRuns(runs []delimRun, line []byte, start int) []delimRun {
	for i := 0; i < len(line); {
		c := line[i]
		if c != '*' && c != '_' {
			i++
			continue
		}
		j := i
		for j < len(line) && line[j] == c {
			j++
		}
		prev, next := byte(' '), byte(' ')
		if i > 0 {
			prev = line[i-1]
		}
		if j < len(line) {
			next = line[j]
		}
		r := delimRun{off: start + i, n: j - i}
		if c == '_' {
			r.kind = 1
		}
		r.canClose = !space(prev) && (!punct(prev) || space(next) || punct(next))
		r.canOpen = !space(next) && (!punct(next) || space(prev) || punct(prev))
		runs = append(runs, r)
		i = j
	}
	return runs
}

// paragraphEmphasis is the deepest the runs of one paragraph can nest
// emphasis, and the offset of the first run where it does.
func paragraphEmphasis(runs []delimRun) (deepest, at int) {
	closersAfter := make([]int, len(runs)+1)
	for i := len(runs) - 1; i >= 0; i-- {
		closersAfter[i] = closersAfter[i+1]
		if runs[i].canClose {
			closersAfter[i] += runs[i].n
		}
	}
	var open [2]int
	for i, r := range runs {
		n := r.n
		if r.canClose {
			taken := min(open[r.kind], n)
			open[r.kind] -= taken
			n -= taken
		}
		if r.canOpen {
			open[r.kind] += n
		}
		if d := min(open[0]+open[1], closersAfter[i+1]); d > deepest {
			deepest, at = d, r.off
		}
	}
	return deepest, at
}

func space(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// punct is ASCII punctuation, as CommonMark's flanking rules use it.
func punct(c byte) bool {
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~')
}
