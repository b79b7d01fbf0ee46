// Package safe keeps untrusted playbook text from reaching a terminal raw.
//
// The input side (this file) cleans text as it is read from a playbook:
// Text for plain strings, Markdown for markdown source, and Scan to tell an
// author where the offending characters are. The output side (terminal.go)
// filters what a renderer produces.
package safe

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Text removes C0 controls except tab and newline, DEL, C1 controls, bidi
// overrides and whole escape sequences from s. Bytes that are not valid
// UTF-8 are removed when they are C1 controls in a single-byte encoding
// (0x80-0x9F, 0x9B being CSI) and replaced with U+FFFD otherwise.
func Text(s string) string {
	if plainASCII(s, false) {
		return s
	}
	return clean(s, false)
}

// Markdown is Text for markdown source: it also neutralises character
// references (such as &#x1b; or &#155;) that would decode to such characters.
// A reference that opens an escape sequence takes the whole sequence with it,
// whether the rest is spelled raw or as references.
func Markdown(s string) string {
	if plainASCII(s, true) {
		return s
	}
	return escapeJoinedRefs(clean(s, true))
}

// escapeJoinedRefs escapes the '&' of any reference to a forbidden
// character that removing something brought together, such as "&" and
// "#x1b;" around a removed control: escaping adds no new reference, so
// one pass is enough.
func escapeJoinedRefs(s string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '&' {
			continue
		}
		if r, _, ok := reference(s[i:]); ok && forbidden(r) {
			b.WriteString(s[last:i])
			b.WriteString("&amp;")
			last = i + 1
		}
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// Plain reports whether s is printable ASCII, tab and newline, with no '&':
// then Markdown and Text leave s as it is, and so any string made of pieces
// of s and of such text.
func Plain(s string) bool { return plainASCII(s, true) }

// Finding is a forbidden character or sequence found in text.
type Finding struct {
	Offset int    // byte offset in the scanned text
	What   string // e.g. "escape sequence (OSC 52)" or "bidi override U+202E"
}

// Scan reports every forbidden character or sequence in s, raw or spelled
// as a character reference. A carriage return that ends a line (CRLF) is
// not reported, though Text removes it.
func Scan(s string) []Finding {
	if plainASCII(s, true) {
		return nil
	}
	var out []Finding
	walk(s, true, func(start, end int, what string) {
		if what == "" {
			return
		}
		if what == crlf {
			return
		}
		out = append(out, Finding{Offset: start, What: what})
	}, nil)
	return out
}

// crlf marks a dropped carriage return that only ends a line.
const crlf = "\x00crlf"

// plainASCII reports whether s is printable ASCII plus tab and newline (and,
// when refs is set, has no '&'): the common case, which needs no copy.
func plainASCII(s string, refs bool) bool {
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b >= 0x20 && b < 0x7f {
			if refs && b == '&' {
				return false
			}
			continue
		}
		if b == '\t' || b == '\n' {
			continue
		}
		return false
	}
	return true
}

func clean(s string, refs bool) string {
	var b strings.Builder
	b.Grow(len(s))
	walk(s, refs, func(start, end int, what string) {}, func(start, end int, repl string) {
		if repl != "" {
			b.WriteString(repl)
			return
		}
		b.WriteString(s[start:end])
	})
	return b.String()
}

// token is one character of the input: a rune, an invalid byte, or (with
// references on) a character reference that decodes to a forbidden rune.
type token struct {
	r       rune
	start   int
	end     int
	invalid bool // a byte that is not valid UTF-8; r is the byte value
	ref     bool // spelled as a character reference
}

// next reads the token at s[i].
func next(s string, i int, refs bool) token {
	c := s[i]
	if c < utf8.RuneSelf {
		if refs && c == '&' {
			if r, n, ok := reference(s[i:]); ok && forbidden(r) {
				return token{r: r, start: i, end: i + n, ref: true}
			}
		}
		return token{r: rune(c), start: i, end: i + 1}
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError && n == 1 {
		return token{r: rune(c), start: i, end: i + 1, invalid: true}
	}
	return token{r: r, start: i, end: i + n}
}

// reference decodes a numeric character reference at the start of s the way
// CommonMark does: &#DIGITS; (1-7 digits) or &#xHEX; (1-6 digits).
func reference(s string) (rune, int, bool) {
	if len(s) < 4 || s[0] != '&' || s[1] != '#' {
		return 0, 0, false
	}
	i, base, max := 2, 10, 7
	if s[2] == 'x' || s[2] == 'X' {
		i, base, max = 3, 16, 6
	}
	start := i
	v := 0
	for i < len(s) && i-start < max {
		d := digit(s[i], base)
		if d < 0 {
			break
		}
		v = v*base + d
		i++
	}
	if i == start || i >= len(s) || s[i] != ';' {
		return 0, 0, false
	}
	if v > utf8.MaxRune {
		v = utf8.RuneError
	}
	return rune(v), i + 1, true
}

func digit(c byte, base int) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case base == 16 && c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case base == 16 && c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// forbidden reports whether r may not reach a terminal.
func forbidden(r rune) bool {
	switch {
	case r < 0x20:
		return r != '\t' && r != '\n'
	case r == 0x7f:
		return true
	case r >= 0x80 && r <= 0x9f:
		return true
	}
	return bidi(r)
}

// bidi reports the embedding, override and isolate controls, which can make
// text read differently from what it is (U+202A-U+202E, U+2066-U+2069). The
// marks U+200E and U+200F change no order of their own and are kept: right
// to left text needs them.
func bidi(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// walk splits s into kept runs and dropped characters or sequences. drop is
// called with each dropped span and a description; keep (if not nil) with
// each kept span, or with a replacement string for an invalid byte.
func walk(s string, refs bool, drop func(start, end int, what string), keep func(start, end int, repl string)) {
	i, run := 0, 0
	flush := func(to int) {
		if keep != nil && to > run {
			keep(run, to, "")
		}
	}
	for i < len(s) {
		t := next(s, i, refs)
		if !forbidden(t.r) && !(t.invalid && t.r > 0x9f) {
			i = t.end
			continue
		}
		flush(i)
		if t.invalid && t.r > 0x9f {
			drop(t.start, t.end, "")
			if keep != nil {
				keep(0, 0, string(utf8.RuneError))
			}
			i = t.end
			run = i
			continue
		}
		end, what := sequence(s, t, refs)
		drop(t.start, end, what)
		i, run = end, end
	}
	flush(len(s))
}

// sequence reads the control or escape sequence that starts with t and
// returns where it ends and what it is.
func sequence(s string, t token, refs bool) (int, string) {
	intro := t.r
	body := t.end
	if intro == 0x1b {
		if body >= len(s) {
			return body, describe(t, "escape character (ESC)")
		}
		n := next(s, body, refs)
		switch {
		case n.r == '[':
			intro, body = 0x9b, n.end
		case n.r == ']':
			intro, body = 0x9d, n.end
		case n.r == 'P':
			intro, body = 0x90, n.end
		case n.r == '_':
			intro, body = 0x9f, n.end
		case n.r == '^':
			intro, body = 0x9e, n.end
		case n.r == 'X':
			intro, body = 0x98, n.end
		case n.r >= 0x20 && n.r <= 0x2f:
			// nF: intermediates, then one final byte.
			j := n.end
			for j < len(s) {
				m := next(s, j, refs)
				if m.r >= 0x20 && m.r <= 0x2f {
					j = m.end
					continue
				}
				if m.r >= 0x30 && m.r <= 0x7e {
					j = m.end
				}
				break
			}
			return j, describe(t, "escape sequence")
		case n.r >= 0x30 && n.r <= 0x7e:
			return n.end, describe(t, fmt.Sprintf("escape sequence (ESC %c)", n.r))
		default:
			return body, describe(t, "escape character (ESC)")
		}
	}
	switch intro {
	case 0x9b:
		return csi(s, body, refs), describe(t, "escape sequence (CSI)")
	case 0x9d:
		end := stringEnd(s, body, refs)
		return end, describe(t, "escape sequence ("+oscName(s, body)+")")
	case 0x90, 0x9f, 0x9e, 0x98:
		names := map[rune]string{0x90: "DCS", 0x9f: "APC", 0x9e: "PM", 0x98: "SOS"}
		return stringEnd(s, body, refs), describe(t, "escape sequence ("+names[intro]+")")
	}
	if t.r == '\r' && !t.ref && t.end < len(s) && s[t.end] == '\n' {
		return t.end, crlf
	}
	return t.end, describe(t, character(t))
}

// csi skips a control sequence's parameter and intermediate bytes and its
// final byte.
func csi(s string, i int, refs bool) int {
	for i < len(s) {
		n := next(s, i, refs)
		if n.r >= 0x20 && n.r <= 0x3f {
			i = n.end
			continue
		}
		if n.r >= 0x40 && n.r <= 0x7e {
			return n.end
		}
		break
	}
	return i
}

// stringEnd finds the end of an OSC, DCS, APC, PM or SOS string: BEL, ST
// (ESC \ or U+009C) or any other ESC, which starts a new sequence. A string
// with no end runs to the end of s, as a terminal would swallow it.
func stringEnd(s string, i int, refs bool) int {
	for i < len(s) {
		n := next(s, i, refs)
		switch {
		case n.r == 0x07 || n.r == 0x9c:
			return n.end
		case n.r == 0x1b:
			if n.end < len(s) {
				if m := next(s, n.end, refs); m.r == '\\' {
					return m.end
				}
			}
			return i
		}
		i = n.end
	}
	return len(s)
}

// oscName names an OSC by its leading number, such as "OSC 52".
func oscName(s string, i int) string {
	j := i
	for j < len(s) && j-i < 4 && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j == i {
		return "OSC"
	}
	return "OSC " + s[i:j]
}

// character describes a single forbidden character.
func character(t token) string {
	r := t.r
	switch {
	case t.invalid:
		return fmt.Sprintf("invalid byte 0x%02X (a C1 control)", r)
	case r == '\r':
		return "carriage return (U+000D)"
	case r < 0x20:
		names := map[rune]string{0: "NUL", 7: "BEL", 8: "BS", 0x0b: "VT", 0x0c: "FF", 0x0e: "SO", 0x0f: "SI", 0x18: "CAN", 0x1a: "SUB"}
		if n, ok := names[r]; ok {
			return fmt.Sprintf("control character %U (%s)", r, n)
		}
		return fmt.Sprintf("control character %U", r)
	case r == 0x7f:
		return "control character U+007F (DEL)"
	case r >= 0x80 && r <= 0x9f:
		return fmt.Sprintf("C1 control character %U", r)
	}
	return fmt.Sprintf("bidi control %U", r)
}

// describe adds how the sequence was spelled.
func describe(t token, what string) string {
	if t.ref {
		return what + " spelled as a character reference"
	}
	return what
}
