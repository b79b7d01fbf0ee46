package render

import (
	"regexp"
	"strings"

	"charm.land/lipgloss/v2"
	"charm.land/lipgloss/v2/table"
	"github.com/charmbracelet/x/ansi"

	"github.com/playdrill/playdrill/internal/columns"
)

// Tables are laid out here rather than by glamour: glamour shrinks the
// column with the shortest cells first, which squeezes a rules table's
// Category column (the answer a rep is drilled on) to "Cate…" and breaks
// "sales-ready lead" over four lines. Here the long text columns wrap and
// the short ones keep their width.

// segment is a run of markdown: a table, or anything else.
type segment struct {
	text  string
	table [][]string // header row first; nil for other markdown
}

var (
	delimiterRow = regexp.MustCompile(`^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$`)
	fence        = regexp.MustCompile("^\\s{0,3}(```|~~~)")
	linkText     = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
)

// splitTables cuts src into tables and the markdown between them. Fenced
// code is never taken for a table.
func splitTables(src string) []segment {
	lines := strings.Split(src, "\n")
	var segs []segment
	var text []string
	flush := func() {
		if len(text) > 0 {
			segs = append(segs, segment{text: strings.Join(text, "\n")})
			text = nil
		}
	}
	var code fences
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if !code.in(line) && strings.Contains(line, "|") && i+1 < len(lines) &&
			delimiterRow.MatchString(lines[i+1]) && strings.Contains(lines[i+1], "-") {
			header := cells(line)
			if len(header) == len(cells(lines[i+1])) {
				rows := [][]string{header}
				j := i + 2
				for ; j < len(lines) && strings.Contains(lines[j], "|") && strings.TrimSpace(lines[j]) != ""; j++ {
					rows = append(rows, fit(cells(lines[j]), len(header)))
				}
				flush()
				segs = append(segs, segment{table: rows})
				i = j - 1
				continue
			}
		}
		text = append(text, line)
	}
	flush()
	return segs
}

// fences follows fenced code blocks line by line.
type fences struct{ open string }

// in reports whether line is fenced code, its fences included.
func (f *fences) in(line string) bool {
	m := fence.FindStringSubmatch(line)
	switch {
	case m != nil && f.open == "":
		f.open = m[1]
		return true
	case m != nil && m[1] == f.open:
		f.open = ""
		return true
	}
	return f.open != ""
}

// cells splits a table row into its cells' text, inline markdown removed.
func cells(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(line, "|")
	if strings.HasSuffix(line, "|") && !strings.HasSuffix(line, `\|`) {
		line = line[:len(line)-1]
	}
	var out []string
	var cur strings.Builder
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '\\' && i+1 < len(line) && line[i+1] == '|':
			cur.WriteByte('|')
			i++
		case line[i] == '|':
			out = append(out, inlineText(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(line[i])
		}
	}
	return append(out, inlineText(cur.String()))
}

// inlineText is a cell's words without markdown's emphasis, code and link
// markup.
func inlineText(s string) string {
	s = linkText.ReplaceAllString(s, "$1")
	s = strings.NewReplacer("**", "", "__", "", "`", "").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// fit pads or cuts row to n cells, as GFM does.
func fit(row []string, n int) []string {
	for len(row) < n {
		row = append(row, "")
	}
	return row[:n]
}

// cellPadding is the space either side of a cell's text; columns are
// separated by a one-column rule.
const cellPadding = 1

// minColumn is the narrowest a wrapped text column may be before the table
// is better read as one block per row.
const minColumn = 10

// stacked lays rows out for a width too narrow for the table: a block per
// row, a line per cell led by its column's header, wrapped at word
// boundaries under the header's end.
func stacked(rows [][]string, width, margin int, plain bool) string {
	pad := strings.Repeat(" ", margin)
	var blocks []string
	for _, row := range rows[1:] {
		var lines []string
		for c, cell := range row {
			label := rows[0][c] + ":"
			indent := min(ansi.StringWidth(label)+1, 12)
			body := columns.Wrap(cell, max(width-margin-indent, 10))
			body = strings.ReplaceAll(body, "\n", "\n"+pad+strings.Repeat(" ", indent))
			if !plain {
				label = lipgloss.NewStyle().Bold(true).Render(label)
			}
			lines = append(lines, pad+label+" "+body)
		}
		blocks = append(blocks, strings.Join(lines, "\n"))
	}
	return strings.Join(blocks, "\n\n")
}

// renderTable draws rows (header first) in width columns, indented by
// margin; bold headers unless plain. ok is false when the table does not
// fit: see stacked.
func renderTable(rows [][]string, width, margin int, plain bool) (out string, ok bool) {
	n := len(rows[0])
	widths := columns.Widths(rows, width-margin-n*2*cellPadding-(n-1), nil, minColumn)
	if widths == nil {
		return "", false
	}
	wrapped := make([][]string, len(rows))
	for r, row := range rows {
		wrapped[r] = make([]string, len(row))
		for c, cell := range row {
			wrapped[r][c] = columns.Wrap(cell, widths[c])
		}
	}
	t := table.New().
		Border(lipgloss.NormalBorder()).
		BorderTop(false).BorderBottom(false).BorderLeft(false).BorderRight(false).
		Headers(wrapped[0]...).
		Rows(wrapped[1:]...).
		StyleFunc(func(row, col int) lipgloss.Style {
			st := lipgloss.NewStyle().Padding(0, cellPadding).Width(widths[col] + 2*cellPadding)
			if row == table.HeaderRow && !plain {
				st = st.Bold(true)
			}
			return st
		})
	pad := strings.Repeat(" ", margin)
	lines := strings.Split(t.String(), "\n")
	for i, l := range lines {
		lines[i] = pad + l
	}
	return strings.Join(lines, "\n"), true
}
