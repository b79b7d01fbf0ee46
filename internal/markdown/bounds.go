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
// from its delimiter runs (`*` and `_`) as CommonMark classifies them:
// a run that can only open adds its length, one that can close takes back
// what it can. Emphasis cannot span a blank line, and code fences hold none.
// It returns the offset of the first run past maxEmphasis (or -1) and the
// deepest nesting found. The estimate errs high, never low.
func deepestEmphasis(src []byte) (at, deepest int) {
	at = -1
	var open [2]int // '*' runs, '_' runs
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
			fence = trimmed[:3]
			open = [2]int{}
		case len(bytes.TrimSpace(trimmed)) == 0:
			open = [2]int{}
		default:
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
				k := 0
				if c == '_' {
					k = 1
				}
				n := j - i
				if !space(prev) && (!punct(prev) || space(next) || punct(next)) { // can close
					taken := min(open[k], n)
					open[k] -= taken
					n -= taken
				}
				if !space(next) && (!punct(next) || space(prev) || punct(prev)) { // can open
					open[k] += n
				}
				if d := open[0] + open[1]; d > deepest {
					deepest = d
					if d > maxEmphasis && at < 0 {
						at = start + i
					}
				}
				i = j
			}
		}
		start = end + 1
	}
	return at, deepest
}

func space(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// punct is ASCII punctuation, as CommonMark's flanking rules use it.
func punct(c byte) bool {
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~')
}
