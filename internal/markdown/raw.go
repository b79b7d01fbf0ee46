package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// rawParagraph is a paragraph whose inline content goldmark does not parse:
// the format reads paragraphs line by line from the source, so the inline
// nodes of all but list items' paragraphs (whose checkboxes and text are
// read) would be built for nothing, and they are most of goldmark's
// allocations in a large playbook.
type rawParagraph struct {
	ast.Paragraph
}

// IsRaw tells goldmark to leave the paragraph's lines unparsed.
func (*rawParagraph) IsRaw() bool { return true }

// rawParagraphs is a paragraph transformer, run after the table one, that
// turns paragraphs outside list items into rawParagraphs as they close.
type rawParagraphs struct{}

func (rawParagraphs) Transform(p *ast.Paragraph, reader text.Reader, pc parser.Context) {
	parent := p.Parent()
	if parent == nil || parent.Kind() == ast.KindListItem {
		return
	}
	// goldmark transforms a paragraph in two places: as it closes, while
	// it is still an open block and before its parser's Close; and when a
	// setext underline turns it into a heading, after Close, when it has
	// left the open blocks and must stay a paragraph for the heading to
	// take its lines. Only the first is replaced, and it is closed here
	// as goldmark would have closed it (trimmed, or dropped if empty).
	blocks := pc.OpenedBlocks()
	i := len(blocks) - 1
	for i >= 0 && blocks[i].Node != ast.Node(p) {
		i--
	}
	if i < 0 {
		return
	}
	r := &rawParagraph{}
	r.SetLines(p.Lines())
	r.SetBlankPreviousLines(p.HasBlankPreviousLines())
	parent.ReplaceChild(parent, p, r)
	blocks[i].Parser.Close(r, reader, pc)
}
