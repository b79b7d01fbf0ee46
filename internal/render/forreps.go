package render

import (
	"regexp"
	"strings"
)

// ForReps rewrites a step's markdown for a rep to read: the labels an
// author writes for playdrill (`### Drill`, `Q:`, `A:`, `Must mention:`,
// `Never say:`, `Cloze:`) become words a rep reads without knowing the
// format, and key points become a list. Fenced code is left alone.
func ForReps(src string) string {
	lines := strings.Split(src, "\n")
	out := make([]string, 0, len(lines))
	var code fences
	for _, line := range lines {
		if code.in(line) {
			out = append(out, line)
			continue
		}
		out = append(out, forReps(line)...)
	}
	return strings.Join(out, "\n")
}

var (
	drillHeading = regexp.MustCompile(`(?i)^(#{2,6})\s+drill\s*(\{[^}]*\})?\s*$`)
	label        = regexp.MustCompile(`(?i)^(q|a|must mention|never say|cloze)\s*:\s*(.*)$`)
	anyOf        = regexp.MustCompile(`(?i)^any\s+(\d+|one|two|three|four|five)\s+of\s*:?\s*(.*)$`)
)

// forReps rewrites one line; a line of key points becomes several.
func forReps(line string) []string {
	trimmed := strings.TrimSpace(line)
	if m := drillHeading.FindStringSubmatch(trimmed); m != nil {
		return []string{m[1] + " Practice questions"}
	}
	m := label.FindStringSubmatch(trimmed)
	if m == nil {
		return []string{line}
	}
	text := strings.TrimSpace(m[2])
	switch strings.ToLower(m[1]) {
	case "q":
		return []string{"**" + strings.TrimRight(text, " ") + "**"}
	case "a":
		return []string{text}
	case "cloze":
		return []string{text}
	case "must mention":
		return keyPointList(text)
	default: // never say
		var phrases []string
		for _, p := range strings.Split(text, ";") {
			if p = strings.TrimSpace(p); p != "" {
				phrases = append(phrases, "“"+p+"”")
			}
		}
		return []string{"", "*Never say* " + strings.Join(phrases, ", ")}
	}
}

// keyPointList lays out `a | b; c` as a list: one point a line, its other
// wordings after it ("a (or b)"). "any 2 of: ..." says how many count.
func keyPointList(text string) []string {
	intro := "*Key points:*"
	if m := anyOf.FindStringSubmatch(text); m != nil {
		intro = "*Key points (any " + m[1] + " of these):*"
		text = m[2]
	}
	out := []string{"", intro, ""}
	for _, point := range strings.Split(text, ";") {
		alts := strings.Split(point, "|")
		var words []string
		for _, a := range alts {
			if a = strings.TrimSpace(a); a != "" {
				words = append(words, a)
			}
		}
		if len(words) == 0 {
			continue
		}
		item := "- " + words[0]
		if len(words) > 1 {
			item += " (or " + strings.Join(words[1:], ", ") + ")"
		}
		out = append(out, item)
	}
	return append(out, "")
}
