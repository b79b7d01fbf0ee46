package markdown

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// todoWord marks what an author has still to write: `playdrill draft`
// leaves one wherever it cannot guess, and authors leave their own.
const todoWord = "TODO"

// maxTODOText is how much of a TODO's line its warning quotes.
const maxTODOText = 80

// maxTODOs is how many TODO lines of a file lint lists, far more than a
// draft has; past it, one warning counts the rest.
const maxTODOs = 500

// todos warns about each line with a TODO on it: a draft drills, but a
// playbook is not finished while one is left.
func (f *fileParser) todos() {
	src := f.src
	n, first := 0, 0
	defer func() {
		if n > maxTODOs {
			f.warnf(first, msgTODOMore, n-maxTODOs)
		}
	}()
	for off := 0; off < len(src); {
		i := bytes.Index(src[off:], []byte(todoWord))
		if i < 0 {
			return
		}
		at := off + i
		end := at + len(todoWord)
		before, _ := utf8.DecodeLastRune(src[:at])
		after, _ := utf8.DecodeRune(src[end:])
		if at > 0 && todoWordRune(before) || end < len(src) && todoWordRune(after) {
			off = end
			continue
		}
		eol := f.lineEnd(at)
		if n++; n > maxTODOs {
			if n == maxTODOs+1 {
				first = at
			}
			off = eol
			continue
		}
		what := strings.TrimSpace(strings.TrimLeft(string(src[end:eol]), ":- \t"))
		if what == "" {
			what = "(no note)"
		}
		if len(what) > maxTODOText {
			cut := maxTODOText
			for cut > 0 && !utf8.RuneStart(what[cut]) {
				cut--
			}
			what = what[:cut] + "…"
		}
		f.warnf(at, msgTODO, f.plain(what))
		off = eol
	}
}

func todoWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }
