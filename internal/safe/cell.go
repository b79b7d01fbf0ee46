package safe

import "strings"

// Cell makes free text safe for a spreadsheet cell: no control characters,
// and no leading character a spreadsheet would take as the start of a
// formula (such a cell gets a leading apostrophe).
func Cell(s string) string {
	s = Text(s)
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// Row is Cell applied to every cell of a CSV row: ids, titles and versions
// come from playbooks and imported files as much as answers do.
func Row(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = Cell(c)
	}
	return out
}
