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
