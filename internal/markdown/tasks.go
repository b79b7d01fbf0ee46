package markdown

import (
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// taskBoxes reads the `[ ]` or `[x]` that starts a list item's first line
// as a checkbox, as goldmark's task list extension does, without the
// regular expression it runs on every list item: choices are most of a
// playbook's list items.
type taskBoxes struct{}

func (taskBoxes) Trigger() []byte { return []byte{'['} }

func (taskBoxes) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	// Only at the very start of a list item's first block.
	item := parent.Parent()
	if item == nil || item.FirstChild() != parent || parent.HasChildren() {
		return nil
	}
	if _, ok := item.(*ast.ListItem); !ok {
		return nil
	}
	line, _ := block.PeekLine()
	if len(line) < 3 || line[0] != '[' || line[2] != ']' {
		return nil
	}
	mark := line[1]
	if mark != 'x' && mark != 'X' && !boxSpace(mark) {
		return nil
	}
	n := 3
	for n < len(line) && boxSpace(line[n]) {
		n++
	}
	block.Advance(n)
	return extast.NewTaskCheckBox(mark == 'x' || mark == 'X')
}

// boxSpace is the white space a checkbox may hold and be followed by:
// what `\s` matches in a Go regular expression.
func boxSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}
