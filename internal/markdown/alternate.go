package markdown

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/playdrill/playdrill/internal/playbook"
)

// MaxAlternate is the longest alternate AddAlternate adds, in characters.
const MaxAlternate = 120

// AddAlternate returns src (the file card c was read from) with words added
// as the last alternate of the card's key point number point (0-based), as
// `playdrill review` does when a manager accepts a rep's words. Only the
// `Must mention:` line is touched: " | words" goes after the point's last
// alternate. It fails, naming the file and line, when the card's key
// points cannot be found as written (they go on over several lines, or
// the text no longer matches the card), or when words cannot be an
// alternate (empty, several lines, or holding ';' or '|').
func AddAlternate(src []byte, c *playbook.Card, point int, words string) ([]byte, error) {
	words = strings.TrimSpace(words)
	switch {
	case words == "":
		return nil, fmt.Errorf("the words to add are empty")
	case strings.ContainsAny(words, ";|\r\n"):
		return nil, fmt.Errorf("the words to add may not hold ';', '|' or a line break (they separate key points and alternates)")
	case strings.IndexFunc(words, unicode.IsControl) >= 0:
		return nil, fmt.Errorf("the words to add may not hold control characters")
	case utf8.RuneCountInString(words) > MaxAlternate:
		return nil, fmt.Errorf("the words to add are %d characters long; an alternate is a phrase of at most %d", utf8.RuneCountInString(words), MaxAlternate)
	case point < 0 || point >= len(c.MustMention):
		return nil, fmt.Errorf("card %s has no key point %d", c.ID, point+1)
	}
	lines := strings.SplitAfter(string(src), "\n")
	start := c.Pos.Line - 1
	if start < 0 || start >= len(lines) {
		return nil, fmt.Errorf("%s:%d: card %s is not at this line any more", c.Pos.File, c.Pos.Line, c.ID)
	}
	for _, alt := range c.MustMention[point].Alternates {
		if strings.EqualFold(alt, words) {
			return nil, fmt.Errorf("%q is an alternate of that key point already", words)
		}
	}
	if c.Kind == playbook.KindCloze {
		return addClozeAlternate(lines, start, c, words)
	}
	seen := 0 // key points found so far on the card's Must mention lines
	for i := start; i < len(lines); i++ {
		line := strings.TrimRight(lines[i], "\r\n")
		text := strings.TrimLeft(line, " ")
		if i > start && (strings.HasPrefix(text, "#") || hasMarker(text, mQ)) {
			break
		}
		if !hasMarker(text, mMust) {
			continue
		}
		if i+1 < len(lines) && continues(lines[i+1]) {
			return nil, fmt.Errorf("%s:%d: the key points go on over several lines; add the alternate by hand", c.Pos.File, i+1)
		}
		indent := len(line) - len(text)
		label := len("Must mention:")
		parts := strings.Split(text[label:], ";")
		if point >= seen+len(parts) {
			seen += len(parts)
			continue
		}
		part := parts[point-seen]
		if !sameAlternates(part, c.MustMention[point].Alternates) {
			return nil, fmt.Errorf("%s:%d: key point %d reads %q, not %q as the card has it; the file changed", c.Pos.File, i+1, point+1, strings.TrimSpace(part), c.MustMention[point].String())
		}
		trimmed := strings.TrimRight(part, " \t")
		parts[point-seen] = trimmed + " | " + words + part[len(trimmed):]
		end := lines[i][len(line):]
		lines[i] = line[:indent] + text[:label] + strings.Join(parts, ";") + end
		return []byte(strings.Join(lines, "")), nil
	}
	return nil, fmt.Errorf("%s:%d: no `Must mention:` line with key point %d found for card %s; add the alternate by hand", c.Pos.File, c.Pos.Line, point+1, c.ID)
}

// hasMarker reports whether a line starts with marker m (ignoring case).
func hasMarker(line string, m marker) bool {
	got, _, _ := markerOf(line)
	return got == m
}

// continues reports whether a line carries on the paragraph before it:
// not blank, not a heading, list item or marker of its own.
func continues(line string) bool {
	t := strings.TrimSpace(line)
	if t == "" || strings.HasPrefix(t, "#") || strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") || strings.HasPrefix(t, "|") {
		return false
	}
	m, _, _ := markerOf(t)
	return m == mNone
}

// sameAlternates reports whether a raw `Must mention:` part holds the
// alternates the parser made of it (which drops markdown emphasis).
func sameAlternates(part string, alts []string) bool {
	raw := strings.Split(part, "|")
	if len(raw) != len(alts) {
		return false
	}
	for i, r := range raw {
		r = strings.TrimSpace(strings.NewReplacer("**", "", "__", "", "`", "", "*", "", "_", "").Replace(r))
		a := strings.NewReplacer("*", "", "_", "", "`", "").Replace(alts[i])
		if !strings.EqualFold(r, a) {
			return false
		}
	}
	return true
}

// addClozeAlternate adds words inside the bold span of the `Cloze:`
// paragraph at lines[start] that is the card's key point: `**a | b**`
// becomes `**a | b | words**`.
func addClozeAlternate(lines []string, start int, c *playbook.Card, words string) ([]byte, error) {
	if strings.Contains(words, "*") {
		return nil, fmt.Errorf("the words to add to a cloze may not hold '*' (it marks the span)")
	}
	end := start
	for end < len(lines) && strings.TrimSpace(lines[end]) != "" {
		end++
	}
	para := strings.Join(lines[start:end], "")
	parts := strings.Split(para, "**")
	for i := 1; i < len(parts); i += 2 {
		if !sameAlternates(parts[i], c.MustMention[0].Alternates) {
			continue
		}
		trimmed := strings.TrimRight(parts[i], " \t")
		parts[i] = trimmed + " | " + words + parts[i][len(trimmed):]
		out := strings.Join(lines[:start], "") + strings.Join(parts, "**") + strings.Join(lines[end:], "")
		return []byte(out), nil
	}
	return nil, fmt.Errorf("%s:%d: no bold span %q in the cloze; the file changed", c.Pos.File, c.Pos.Line, c.MustMention[0].String())
}
