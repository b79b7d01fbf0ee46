// Package draft turns a handbook page written for people (a sales page,
// an FAQ, a playbook in someone else's layout) into a playdrill playbook
// draft: the page's stages become steps, its questions, talk tracks,
// objections, comparisons and tables become cards, and every guess it
// cannot make is a TODO for the author. It walks goldmark's AST; the page's
// prose is kept as written so nothing the author wrote is lost.
package draft

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/goccy/go-yaml"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/playdrill/playdrill/internal/markdown"
	"github.com/playdrill/playdrill/internal/safe"
)

// Error is a page that cannot be drafted: not text, or not UTF-8.
type Error struct {
	File string
	Line int // 0 when the problem is the whole file
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Summary counts what a draft holds.
type Summary struct {
	Processes int
	Steps     int
	// Cards counts the cards the draft writes by kind (result cards
	// included, ordering cards not: the parser adds those).
	Cards map[string]int
	// TODOs is how many TODOs the author has to fill in.
	TODOs int
	// Left says what the TODOs are: results, done-when criteria, answers
	// to write and sections of proposed key points to check.
	Left map[string]int
}

// TODO is the word every gap in a draft starts with; lint reports each line
// that has it.
const TODO = "TODO"

// mdParser is goldmark's CommonMark parser with GitHub tables and task
// lists, as the playbook parser reads them. Link reference definitions are
// left as paragraphs, as the playbook parser leaves them, so both see the
// same blocks.
var mdParser = parser.NewParser(
	parser.WithBlockParsers(parser.DefaultBlockParsers()...),
	parser.WithInlineParsers(append(parser.DefaultInlineParsers(), util.Prioritized(extension.NewTaskCheckBoxParser(), 0))...),
	parser.WithParagraphTransformers(util.Prioritized(extension.NewTableParagraphTransformer(), 200)),
	parser.WithASTTransformers(util.Prioritized(extension.NewTableASTTransformer(), 0)),
)

// maxFrontMatter caps the YAML read for a page's title.
const maxFrontMatter = 4 << 10

// Page drafts the page src; name is the page's file name, used in errors
// and as the title when the page has none.
func Page(name string, src []byte) ([]byte, Summary, error) {
	out, sums, err := Pages([]Input{{Name: name, Src: src}})
	if err != nil {
		return nil, Summary{}, err
	}
	return out[0], sums[0], nil
}

// Input is a page to draft: its file name and its bytes.
type Input struct {
	Name string
	Src  []byte
}

// Pages drafts several pages as the files of one playbook folder: their
// ids are unique across the files, the first file sets the playbook's
// title, version and competitors (those of every page), and each file's
// `order` keeps the pages in the order given.
func Pages(pages []Input) ([][]byte, []Summary, error) {
	docs := make([]*doc, len(pages))
	for i, in := range pages {
		p, err := parse(in.Name, in.Src)
		if err != nil {
			return nil, nil, err
		}
		docs[i] = p.plan()
	}
	var competitors []string
	for _, d := range docs {
		for _, c := range d.competitors {
			if !slices.ContainsFunc(competitors, func(x string) bool { return strings.EqualFold(x, c) }) {
				competitors = append(competitors, c)
			}
		}
	}
	set := &writeSet{ids: map[string]bool{}, cards: map[string]bool{}, competitors: competitors, files: len(docs)}
	outs := make([][]byte, len(docs))
	sums := make([]Summary, len(docs))
	for i, d := range docs {
		outs[i], sums[i] = d.write(set, i)
	}
	return outs, sums, nil
}

// parse reads a page into its sections.
func parse(name string, src []byte) (*page, error) {
	if i := bytes.IndexByte(src, 0); i >= 0 {
		return nil, &Error{File: name, Msg: "not a text file (it contains NUL bytes): draft reads markdown pages"}
	}
	if !utf8.Valid(src) {
		line := 1
		for i := 0; i < len(src); {
			r, n := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			if r == '\n' {
				line++
			}
			i += n
		}
		return nil, &Error{File: name, Line: line, Msg: "not UTF-8 text: save the page as UTF-8"}
	}
	// The page is read, never written: it is seen as a string and back
	// without copies (cleaning copies it only when there is something to
	// clean).
	clean := safe.Markdown(unsafe.String(unsafe.SliceData(src), len(src)))
	if strings.Contains(clean, "\r") {
		clean = strings.ReplaceAll(clean, "\r\n", "\n")
	}
	// A byte order mark is not text: front matter may follow it.
	clean = strings.TrimPrefix(clean, "\ufeff")
	src = unsafe.Slice(unsafe.StringData(clean), len(clean))
	title, body := frontMatter(src)
	p := &page{name: name, src: src[body:], lineBase: bytes.Count(src[:body], []byte("\n"))}
	p.doc = mdParser.Parse(text.NewReader(p.src))
	p.build()
	if title == "" {
		title = p.titleHeading()
	}
	if title == "" {
		title = strings.TrimSuffix(path.Base(strings.ReplaceAll(name, "\\", "/")), path.Ext(name))
	}
	p.title = oneLine(title)
	return p, nil
}

// frontMatter finds the YAML block at the top of src and returns its
// `title` and where the markdown starts.
func frontMatter(src []byte) (string, int) {
	yaml, body, ok := markdown.FrontMatterYAML(src)
	if !ok {
		return "", 0 // none, or not closed: not front matter
	}
	return titleOf(yaml), len(src) - len(body)
}

// titleOf reads the `title` of a front matter block, if it has a plain one.
func titleOf(fm []byte) (title string) {
	if len(fm) > maxFrontMatter {
		return ""
	}
	defer func() {
		if recover() != nil {
			title = ""
		}
	}()
	var v struct {
		Title string `yaml:"title"`
	}
	if err := yaml.Unmarshal(fm, &v); err != nil {
		return ""
	}
	return v.Title
}

// page is a parsed page and its sections.
type page struct {
	name  string
	src   []byte
	doc   ast.Node
	title string
	root  *section
	// all lists the sections in reading order.
	all []*section
	// lineBase is how many lines the front matter takes.
	lineBase int
	// prose is the page without link targets, made when first needed;
	// names caches which candidate names isName has read as names.
	prose string
	names map[string]bool
}

// maxNameChecks bounds the names looked up on the page: each lookup reads
// the whole page.
const maxNameChecks = 16

// isName reports whether the page writes name only as a name: never in
// lower case ("Technical Problems" is also "technical problems").
func (p *page) isName(name string) bool {
	if ok, seen := p.names[name]; seen {
		return ok
	}
	if p.names == nil {
		p.names = map[string]bool{}
		p.prose = withoutLinks(string(p.src))
	}
	if len(p.names) >= maxNameChecks {
		return false
	}
	lower := strings.ToLower(name)
	ok := lower == name || !strings.Contains(p.prose, lower)
	p.names[name] = ok
	return ok
}

// count is how often the page writes name, links left out.
func (p *page) count(name string) int {
	if p.names == nil {
		p.names = map[string]bool{}
		p.prose = withoutLinks(string(p.src))
	}
	return strings.Count(p.prose, name)
}

// section is a heading and what follows it up to the next heading of the
// same or a higher level.
type section struct {
	level    int
	title    string
	numbered bool
	body     int // offset just after the heading
	ownEnd   int // offset of the next heading, or the end of the page
	blocks   []ast.Node
	children []*section
	parent   *section
}

// build splits the page into sections by its top-level headings.
func (p *page) build() {
	p.root = &section{ownEnd: len(p.src)}
	stack := []*section{p.root}
	var prev *section = p.root
	for n := p.doc.FirstChild(); n != nil; n = n.NextSibling() {
		h, ok := n.(*ast.Heading)
		if !ok {
			stack[len(stack)-1].blocks = append(stack[len(stack)-1].blocks, n)
			continue
		}
		start := lineStart(p.src, p.offset(n, prev.body))
		prev.ownEnd = start
		for len(stack) > 1 && stack[len(stack)-1].level >= h.Level {
			stack = stack[:len(stack)-1]
		}
		raw := p.inline(h)
		title, num := stripNumber(raw)
		s := &section{level: h.Level, title: title, numbered: num, body: p.headingEnd(h, start), ownEnd: len(p.src)}
		s.parent = stack[len(stack)-1]
		s.parent.children = append(s.parent.children, s)
		stack = append(stack, s)
		p.all = append(p.all, s)
		prev = s
	}
}

// offset is where block n starts, or fallback when goldmark recorded none.
func (p *page) offset(n ast.Node, fallback int) int {
	if o := n.Pos(); o >= 0 && o <= len(p.src) {
		return o
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	return fallback
}

// headingEnd is the offset after a heading's line, or after the underline
// of a setext heading.
func (p *page) headingEnd(h *ast.Heading, start int) int {
	end := lineEnd(p.src, start)
	if ls := h.Lines(); ls.Len() > 0 {
		end = lineEnd(p.src, ls.At(ls.Len()-1).Start)
	}
	if !isATX(bytes.TrimLeft(p.src[start:], " ")) && end < len(p.src) {
		end = lineEnd(p.src, end)
	}
	return end
}

// isATX reports whether a line is an ATX heading ("## Title"): one to six
// '#' and then a blank or the end of the line; else a heading on it is a
// setext one, underlined on the next line ("#0" over "--").
func isATX(line []byte) bool {
	n := 0
	for n < len(line) && line[n] == '#' {
		n++
	}
	return n >= 1 && n <= 6 && (n == len(line) || line[n] == ' ' || line[n] == '\t' || line[n] == '\n' || line[n] == '\r')
}

// lineStart is the offset of the start of the line holding off.
func lineStart(src []byte, off int) int {
	off = min(off, len(src))
	return bytes.LastIndexByte(src[:off], '\n') + 1
}

// lineEnd is the offset just after the line holding off (after its newline).
func lineEnd(src []byte, off int) int {
	if off >= len(src) {
		return len(src)
	}
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		return off + i + 1
	}
	return len(src)
}

// titleHeading is the page's title when it opens with a lone `#` heading.
func (p *page) titleHeading() string {
	if len(p.root.children) == 1 && p.root.children[0].level == 1 {
		return p.root.children[0].title
	}
	return ""
}

// inline is the plain text of n's inline content: links and emphasis give
// their text, inline HTML nothing.
func (p *page) inline(n ast.Node) string {
	if t, ok := n.FirstChild().(*ast.Text); ok && t.NextSibling() == nil {
		// A slice of the page, not a copy: the page never changes.
		return collapse(unsafe.String(unsafe.SliceData(p.src[t.Segment.Start:]), t.Segment.Len()))
	}
	var b strings.Builder
	p.inlineText(&b, n)
	return collapse(b.String())
}

// collapse trims s and turns each run of white space in it into one space.
func collapse(s string) string {
	clean := true
	for i := 0; i < len(s) && clean; i++ {
		switch s[i] {
		case '\n', '\t', '\r', '\v', '\f':
			clean = false
		case ' ':
			clean = i > 0 && i+1 < len(s) && s[i+1] != ' '
		}
	}
	if clean {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

func (p *page) inlineText(b *strings.Builder, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(p.src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(p.src))
		case *ast.RawHTML, *extast.TaskCheckBox:
		default:
			if c.Type() == ast.TypeInline {
				p.inlineText(b, c)
			}
		}
	}
}

// inlineLines is the plain text of n's inline content, line by line.
func (p *page) inlineLines(n ast.Node) []string {
	var out []string
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		var one strings.Builder
		switch c := c.(type) {
		case *ast.Text:
			one.Write(c.Segment.Value(p.src))
		case *ast.String:
			one.Write(c.Value)
		case *ast.RawHTML, *extast.TaskCheckBox:
		default:
			p.inlineText(&one, c)
		}
		b.WriteString(one.String())
		if t, ok := c.(*ast.Text); ok && (t.SoftLineBreak() || t.HardLineBreak()) {
			out = append(out, strings.Join(strings.Fields(b.String()), " "))
			b.Reset()
		}
	}
	if t := strings.Join(strings.Fields(b.String()), " "); t != "" {
		out = append(out, t)
	}
	return out
}

// quoteLead splits a blockquote into its lead, a first line set in bold
// (a title for what follows), and the rest.
func (p *page) quoteLead(q *ast.Blockquote) (string, []ast.Node) {
	var rest []ast.Node
	for c := q.FirstChild(); c != nil; c = c.NextSibling() {
		rest = append(rest, c)
	}
	if t := p.boldTitle(q.FirstChild()); t != "" {
		return t, rest[1:]
	}
	return "", rest
}

// boldTitle is the text of a paragraph set all in bold, a title for what
// follows it, or "".
func (p *page) boldTitle(n ast.Node) string {
	para, ok := n.(*ast.Paragraph)
	if !ok {
		return ""
	}
	em, ok := para.FirstChild().(*ast.Emphasis)
	if !ok || em.Level != 2 {
		return ""
	}
	if t, ok := em.NextSibling().(*ast.Text); em.NextSibling() != nil && !(ok && strings.TrimSpace(string(t.Segment.Value(p.src))) == "" && t.NextSibling() == nil) {
		return ""
	}
	return p.inline(em)
}

// stripNumber cuts a stage number ("1. ", "2) ", "Step 3: ") from a
// heading's text and says whether there was one.
func stripNumber(title string) (string, bool) {
	t, prefixed := title, false
	for _, w := range []string{"step ", "stage ", "phase "} {
		if len(t) > len(w) && strings.EqualFold(t[:len(w)], w) {
			t, prefixed = t[len(w):], true
			break
		}
	}
	i := 0
	for i < len(t) && i < 3 && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i == 0 {
		return title, false
	}
	rest := t[i:]
	switch {
	case rest == "":
		return title, prefixed
	case rest[0] == '.' || rest[0] == ')' || rest[0] == ':':
		if len(rest) > 1 && rest[1] != ' ' {
			return title, false // 2.5 hours
		}
		rest = rest[1:]
	case rest[0] == ' ' && prefixed:
	default:
		return title, false // 3 ways to close
	}
	rest = strings.TrimLeft(rest, " -–—:")
	if rest == "" {
		return title, true
	}
	return rest, true
}

// withoutLinks is text with its link targets left out: a word with "://"
// in it is dropped, one with "](" keeps only the link text before it.
func withoutLinks(text string) string {
	var b strings.Builder
	for {
		i, j := strings.Index(text, "]("), strings.Index(text, "://")
		if i < 0 || (j >= 0 && j < i) {
			i = j
		}
		if i < 0 {
			if b.Len() == 0 {
				return text
			}
			b.WriteString(text)
			return b.String()
		}
		b.Grow(len(text))
		start := i
		for start > 0 && !isBlank(text[start-1]) {
			start--
		}
		end := i
		for end < len(text) && !isBlank(text[end]) {
			end++
		}
		if text[i] == ']' {
			b.WriteString(text[:i])
		} else {
			b.WriteString(text[:start])
		}
		text = text[end:]
	}
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }
