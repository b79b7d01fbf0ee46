package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// blockParsers are goldmark's CommonMark block parsers, with the heading
// parsers reading `{#id}` attributes.
func blockParsers() []util.PrioritizedValue {
	ps := parser.DefaultBlockParsers()
	for i, p := range ps {
		switch string(p.Value.(parser.BlockParser).Trigger()) {
		case "#":
			ps[i].Value = atxHeadings{
				plain: parser.NewATXHeadingParser(),
				attrs: parser.NewATXHeadingParser(parser.WithHeadingAttribute()),
			}
		case "-=":
			ps[i].Value = parser.NewSetextHeadingParser(parser.WithHeadingAttribute())
		}
	}
	return ps
}

// atxHeadings is goldmark's ATX heading parser, which looks for attributes
// only on a line that has a '{': the search makes a reader and walks the
// line for every heading, and most headings have none. A line with no '{'
// parses the same either way.
type atxHeadings struct {
	plain, attrs parser.BlockParser
}

func (h atxHeadings) Trigger() []byte { return h.plain.Trigger() }

func (h atxHeadings) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if line, _ := reader.PeekLine(); bytes.IndexByte(line, '{') >= 0 {
		return h.attrs.Open(parent, reader, pc)
	}
	return h.plain.Open(parent, reader, pc)
}

// Continue and Close do the same in both parsers: an ATX heading is one
// line, and automatic heading ids are off.

func (h atxHeadings) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	return h.attrs.Continue(node, reader, pc)
}

func (h atxHeadings) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	h.attrs.Close(node, reader, pc)
}

func (h atxHeadings) CanInterruptParagraph() bool { return h.attrs.CanInterruptParagraph() }

func (h atxHeadings) CanAcceptIndentedLine() bool { return h.attrs.CanAcceptIndentedLine() }
