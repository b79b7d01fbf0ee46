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
	line, _ := reader.PeekLine()
	if bytes.IndexByte(line, '{') < 0 {
		return h.plain.Open(parent, reader, pc)
	}
	id, ok := plainIDAttr(line)
	if !ok {
		return h.attrs.Open(parent, reader, pc)
	}
	// The line is a title and one `{#id}`, as a playbook's step headings
	// are: what the attribute search would find is known, and the title
	// is cut where it does.
	node, state := h.plain.Open(parent, reader, pc)
	hd, isHeading := node.(*ast.Heading)
	if !isHeading || hd.Lines().Len() != 1 {
		return node, state
	}
	src := reader.Source()
	seg := hd.Lines().At(0)
	title := seg.Value(src)
	if !bytes.HasSuffix(title, id) {
		return node, state
	}
	seg.Stop -= len(id)
	hd.Lines().Set(0, seg.TrimRightSpace(src))
	hd.SetAttribute([]byte("id"), id[2:len(id)-1])
	return node, state
}

// plainIDAttr finds the `{#id}` that ends an ATX heading line with nothing
// goldmark's attribute search would treat apart: one '{', no backslash, no
// tab, an id of letters, digits and `_-:.`, then only blanks; and before
// it a title that does not end in '#', which would be a closing sequence.
// It returns the attribute as written.
func plainIDAttr(line []byte) ([]byte, bool) {
	if bytes.Count(line, []byte("{")) != 1 || bytes.IndexByte(line, '\\') >= 0 || bytes.IndexByte(line, '\t') >= 0 {
		return nil, false
	}
	start := bytes.IndexByte(line, '{')
	end := bytes.IndexByte(line, '}')
	if end < start+3 || line[start+1] != '#' || len(bytes.TrimRight(line[end+1:], " \n")) > 0 {
		return nil, false
	}
	for _, c := range line[start+2 : end] {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-' || c == ':' || c == '.') {
			return nil, false
		}
	}
	title := bytes.TrimRight(line[:start], " ")
	if len(title) == 0 || title[len(title)-1] == '#' {
		return nil, false
	}
	return line[start : end+1], true
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
