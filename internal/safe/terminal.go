package safe

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Terminal filters rendered output so that only SGR styling sequences
// remain: nothing else can move the cursor, retitle the window or write to
// the clipboard.
//
// Only 7-bit SGR (ESC [ params m) survives. OSC 8 hyperlinks are dropped on
// purpose: glamour prints a link's address as text next to it anyway, and a
// playbook should not be able to hide where a click goes. Every other escape
// sequence (OSC, DCS, APC, PM, SOS, non-SGR CSI, 8-bit CSI 0x9B), every C0
// control but tab and newline, DEL, C1 controls (raw or as U+0080-U+009F),
// bidi embeddings, overrides and isolates, and invalid UTF-8 are removed.
func Terminal(s string) string { return filterTerminal(s, true) }

// StripTerminal is Terminal without the styling: only text, tabs and
// newlines remain.
func StripTerminal(s string) string { return filterTerminal(s, false) }

// filterTerminal walks s with the ansi decoder, one escape sequence or grapheme at a
// time, keeping SGR sequences only when keepSGR is set.
func filterTerminal(s string, keepSGR bool) string {
	var b strings.Builder
	b.Grow(len(s))
	var state byte
	for len(s) > 0 {
		if s[0] >= 0x80 && s[0] <= 0x9f {
			// A raw C1 byte is not valid UTF-8: drop the byte alone rather
			// than let the decoder swallow the text after it as a
			// string sequence that never ends.
			s = s[1:]
			continue
		}
		// A nil parser: the decoder's parameter buffer is fixed-size and a
		// sequence with more parameters than it holds would index past it.
		seq, _, n, newState := ansi.DecodeSequence(s, state, nil)
		if n <= 0 {
			// The decoder made no progress (invalid UTF-8 at the start):
			// drop one byte and go on.
			n, seq = 1, ""
		}
		state = newState
		s = s[n:]
		switch {
		case seq == "":
		case startsSequence(seq[0]):
			if keepSGR && isSGRSequence(seq) {
				b.WriteString(seq)
			}
		default:
			writeTerminalText(&b, seq)
		}
	}
	return b.String()
}

// startsSequence reports whether c starts an escape sequence rather than text.
func startsSequence(c byte) bool { return c == ansi.ESC }

// isSGRSequence reports whether seq is exactly ESC [ followed by digits, ';' or
// ':' and ending in 'm': select graphic rendition, nothing else.
func isSGRSequence(seq string) bool {
	if len(seq) < 3 || seq[0] != ansi.ESC || seq[1] != '[' || seq[len(seq)-1] != 'm' {
		return false
	}
	for i := 2; i < len(seq)-1; i++ {
		c := seq[i]
		if (c < '0' || c > '9') && c != ';' && c != ':' {
			return false
		}
	}
	return true
}

// writeTerminalText writes the printable runes of a text cluster, dropping control
// characters, bidi controls and invalid bytes hidden inside it.
func writeTerminalText(b *strings.Builder, text string) {
	for len(text) > 0 {
		r, size := utf8.DecodeRuneInString(text)
		if !(r == utf8.RuneError && size <= 1) && !forbiddenOnTerminal(r) {
			b.WriteString(text[:size])
		}
		text = text[size:]
	}
}

// forbiddenOnTerminal reports whether r must never reach a terminal: C0 controls
// but tab and newline, DEL, C1 controls, and the bidi embedding, override
// and isolate characters that can make text read differently from what it is.
func forbiddenOnTerminal(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return false
	case r < 0x20 || r == 0x7f:
		return true
	case r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e: // LRE, RLE, PDF, LRO, RLO
		return true
	case r >= 0x2066 && r <= 0x2069: // LRI, RLI, FSI, PDI
		return true
	}
	return false
}
