package markdown

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/playdrill/playdrill/internal/playbook"
)

// anyOfRE matches a point written "any N of: item, item, ...": N in digits
// or in words, the colon optional.
var anyOfRE = regexp.MustCompile(`(?i)^\s*any\s+([0-9]+|one|two|three|four|five|six|seven|eight|nine|ten)\s+of\s*:?\s*(.*)$`)

var numberWords = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}

// anyOf splits an "any N of" point into N and its items' text.
func anyOf(part string) (need int, items string, ok bool) {
	m := anyOfRE.FindStringSubmatch(part)
	if m == nil {
		return 0, "", false
	}
	if len(m[1]) > 6 {
		m[1] = "999999" // more items than any line lists
	}
	need, ok = numberWords[strings.ToLower(m[1])]
	if !ok {
		need, _ = strconv.Atoi(m[1])
	}
	return need, m[2], true
}

// anyPoint parses the items of an "any N of" point: separated by ",",
// alternates within an item by "|". It reports a point asking for no item
// or for more items than it lists; an empty item is an empty key point.
func (f *fileParser) anyPoint(part string, need int, text string, off int) (kp playbook.KeyPoint, ok, empty bool) {
	kp = playbook.KeyPoint{Alternates: []string{f.plain(strings.TrimSpace(part))}, Need: need}
	for item := range strings.SplitSeq(text, ",") {
		var it playbook.KeyPoint
		for alt := range strings.SplitSeq(item, "|") {
			if alt = f.plain(strings.TrimSpace(alt)); alt != "" {
				it.Alternates = append(it.Alternates, alt)
			} else {
				empty = true
			}
		}
		if len(it.Alternates) > 0 {
			kp.Items = append(kp.Items, it)
		}
	}
	switch {
	case empty:
		return kp, false, true
	case need < 1 || need > len(kp.Items):
		f.errorf(off, msgAnyOfCount, kp.Alternates[0], need, len(kp.Items))
		return kp, false, false
	}
	return kp, true, false
}
