package draft

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
)

// labels are the line prefixes the playbook format reads: page text that
// starts with one is escaped so that it stays prose.
var labels = []string{"Result:", "Must mention:", "Never say:", "Q:", "A:", "Done when:", "Cloze:"}

// labelAt is the length of the label s starts with (ignoring case), or 0.
func labelAt[T string | []byte](s T) int {
	for _, l := range labels {
		if len(s) >= len(l) && equalFoldASCII(s[:len(l)], l) {
			return len(l)
		}
	}
	return 0
}

// equalFoldASCII is strings.EqualFold for an ASCII label.
func equalFoldASCII[T string | []byte](s T, label string) bool {
	for i := range len(label) {
		c, l := s[i], label[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if 'A' <= l && l <= 'Z' {
			l += 'a' - 'A'
		}
		if c != l {
			return false
		}
	}
	return true
}

// escLine makes one line of text safe to write at the left margin of a
// playbook: no markdown block syntax (heading, quote, list, fence, table,
// HTML, setext underline) and no format label.
func escLine(s string) string {
	s = strings.TrimLeft(s, " \t")
	if s == "" {
		return s
	}
	if n := labelAt(s); n > 0 {
		return s[:n-1] + "\\:" + s[n:]
	}
	switch s[0] {
	case '#', '>', '-', '+', '*', '=', '_', '~', '`', '|', '<', '[', '\\', '!':
		return "\\" + s
	}
	i := 0
	for i < len(s) && i < 10 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') {
		return s[:i] + "\\" + s[i:]
	}
	return s
}

// oneLine is s as one line of plain text, safe after a label or in a
// heading: whitespace collapsed, braces that would read as `{#id}` or
// attributes turned into parentheses.
func oneLine(s string) string {
	s = collapse(s)
	if strings.ContainsAny(s, "{}") {
		s = strings.NewReplacer("{", "(", "}", ")").Replace(s)
	}
	return s
}

// headingText is a title safe to write after `## `.
func headingText(s string) string {
	s = oneLine(s)
	if strings.HasSuffix(s, "#") {
		// A closing sequence would be cut from the title.
		s = s[:len(s)-1] + "\\#"
	}
	return s
}

// cellText is a title safe in a table cell.
func cellText(s string) string {
	return strings.ReplaceAll(oneLine(s), "|", "\\|")
}

// maxAnswerLines is the most lines a model answer taken from the page has.
const maxAnswerLines = 100

// lines turns blocks into plain-text markdown lines: paragraphs on one
// line each, list items as `- ` items, quotes unwrapped, code kept line by
// line; every line escaped. Blocks are separated by blank lines.
func (p *page) lines(blocks []ast.Node) []string {
	var out []string
	sep := func() {
		if len(out) > 0 && out[len(out)-1] != "" {
			out = append(out, "")
		}
	}
	var block func(n ast.Node, indent string)
	block = func(n ast.Node, indent string) {
		switch n := n.(type) {
		case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
			if t := p.inline(n); t != "" {
				if indent == "" {
					sep()
				}
				out = append(out, indent+escLine(t))
			}
		case *ast.List:
			if indent == "" {
				sep()
			}
			for it := n.FirstChild(); it != nil; it = it.NextSibling() {
				first := true
				for c := it.FirstChild(); c != nil; c = c.NextSibling() {
					if l, ok := c.(*ast.List); ok {
						block(l, indent+"  ")
						continue
					}
					t := p.itemText(c)
					if t == "" {
						continue
					}
					if first {
						out = append(out, indent+"- "+escLine(t))
						first = false
					} else {
						out = append(out, indent+"  "+escLine(t))
					}
				}
			}
		case *ast.Blockquote:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				block(c, indent)
			}
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			sep()
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				if t := strings.TrimSpace(string(seg.Value(p.src))); t != "" {
					out = append(out, indent+escLine(t))
				}
			}
		case *extast.Table:
			sep()
			for r := n.FirstChild(); r != nil; r = r.NextSibling() {
				var cells []string
				for c := r.FirstChild(); c != nil; c = c.NextSibling() {
					cells = append(cells, p.inline(c))
				}
				if t := strings.Join(cells, " — "); strings.TrimSpace(strings.ReplaceAll(t, "—", "")) != "" {
					out = append(out, indent+escLine(t))
				}
			}
		}
	}
	for _, b := range blocks {
		block(b, "")
		if len(out) > maxAnswerLines {
			// A model answer is something to say: the start of a long one.
			out = out[:maxAnswerLines]
			break
		}
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

// itemText is the text of a block inside a list item.
func (p *page) itemText(n ast.Node) string {
	switch n.(type) {
	case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
		return p.inline(n)
	case *ast.Blockquote:
		var parts []string
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if t := p.itemText(c); t != "" {
				parts = append(parts, t)
			}
		}
		return strings.Join(parts, " ")
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		var parts []string
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			parts = append(parts, strings.TrimSpace(string(seg.Value(p.src))))
		}
		return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
	}
	return ""
}

// joinLines is a model answer's lines as one text.
func joinLines(ls []string) string {
	return strings.Join(ls, "\n")
}
