package markdown

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/safe"
)

// maxNesting is the deepest blockquote and list nesting allowed: a
// renderer's cost can double with each level.
const maxNesting = 16

// maxPrefix is the deepest a single line's own blockquote and list markers
// may go before the file is not parsed at all.
const maxPrefix = 2 * maxNesting

// maxReports caps how many invalid bytes and control characters are
// reported per file; one file of binary junk should not bury the rest.
const maxReports = 50

// blockParser is goldmark with the block structure the format uses:
// CommonMark blocks, GitHub tables and task-list checkboxes, and `{#id}`
// heading attributes. It leaves out the other inline parsers (emphasis,
// links, code spans, HTML): the format needs only block structure and the
// text of titles, which is kept as written, and goldmark's inline parsing
// can take seconds per megabyte of crafted brackets and emphasis. Link
// reference definitions are left as text for the same reason (a run of them
// costs time quadratic in its length). A parser
// is safe for concurrent use.
var blockParser = parser.NewParser(
	parser.WithBlockParsers(blockParsers()...),
	parser.WithInlineParsers(util.Prioritized(taskBoxes{}, 0)),
	parser.WithParagraphTransformers(
		util.Prioritized(extension.NewTableParagraphTransformer(), 200),
		util.Prioritized(rawParagraphs{}, 1000), // after tables (lower runs first)
	),
	parser.WithASTTransformers(util.Prioritized(extension.NewTableASTTransformer(), 0)),
)

// parsed is one file's share of the playbook.
type parsed struct {
	name    string
	order   int
	fm      frontMatter
	fmLines map[string]int
	procs   []*playbook.Process
	diags   []Diagnostic
	ids     []idUse
}

type idUse struct {
	id  string
	pos playbook.Pos
}

// parseFile parses one playbook file. It never fails: every problem is a
// diagnostic. src becomes the parser's and must not change after the call:
// the strings it returns share its bytes.
func parseFile(name string, src []byte) *parsed {
	// The text is the file's bytes seen as a string, not a copy of them:
	// nothing writes to src once it is read (goldmark only reads its
	// source), and copying a large playbook shows in its load time.
	f := &fileParser{parsed: &parsed{name: name}, src: src, text: unsafe.String(unsafe.SliceData(src), len(src))}
	// Room for an id every 64 bytes, more than a real playbook has, so
	// the list is not copied as it grows.
	f.ids = make([]idUse, 0, len(src)/64)
	if i := bytes.IndexByte(src, 0); i >= 0 {
		f.errorf(i, msgNotText)
		return f.parsed
	}
	f.checkEncoding()
	f.todos()
	body := 0
	if bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		body = 3
	}
	if fm, line, end, found, closed := splitFrontMatter(src[body:]); found {
		if !closed {
			f.errorf(body, msgFMUnclosed)
			end = len(src[body:]) - len(fm)
		}
		fmv, lines, probs, warns := decodeFrontMatter(fm, line)
		f.fm, f.fmLines, f.order = fmv, lines, fmv.Order
		for i := range f.fm.Glossary {
			f.fm.Glossary[i].Pos.File = name
		}
		for _, p := range probs {
			f.diags = append(f.diags, Diagnostic{Pos: playbook.Pos{File: name, Line: p.line, Col: p.col}, Severity: SevError, Message: p.msg})
		}
		for _, p := range warns {
			f.diags = append(f.diags, Diagnostic{Pos: playbook.Pos{File: name, Line: p.line, Col: p.col}, Severity: SevWarning, Message: p.msg})
		}
		body += end
	}
	f.base = body
	if off, depth := deepestPrefix(src[body:]); depth > maxPrefix {
		// goldmark's cost grows with the depth of every line: refuse the
		// file before parsing it.
		f.errorf(body+off, msgTooDeep, depth, maxNesting)
		return f.parsed
	}
	if off, depth := deepestEmphasis(src[body:]); off >= 0 {
		// The renderer recurses once per level of emphasis.
		f.errorf(body+off, msgEmphasisTooDeep, depth, maxEmphasis)
		return f.parsed
	}
	doc := blockParser.Parse(text.NewReader(src[body:]))
	// The nesting error goes before what the walk reports, where a check
	// of its own before the walk would have put it.
	before := len(f.diags)
	f.nest = nesting{at: -1}
	f.walk(doc)
	if f.nest.at >= 0 {
		f.errorf(f.nest.at, msgTooDeep, f.nest.deepest, maxNesting)
		d := f.diags[len(f.diags)-1]
		f.diags = slices.Insert(f.diags[:len(f.diags)-1], before, d)
	}
	return f.parsed
}

// fileParser walks one file's top-level blocks in order.
type fileParser struct {
	*parsed
	src  []byte
	text string // src as a string, sliced instead of copying each line
	base int    // offset of the markdown after the front matter
	// at is where the last position was found: positions are asked for
	// mostly in order, so each is found by counting lines from the last.
	at cursor

	proc    *playbook.Process
	procOff int // offset of proc's heading
	// orphanHeading is the title of a `###` heading outside any step,
	// most likely a step written one level too deep.
	orphanHeading string
	introStart    int
	step          *stepState
	last          int // offset of the last block seen, for nodes with no position
	// idAttrs are the source ranges of heading `{#id}` attributes: they are
	// for playdrill, not for readers, so rendered markdown leaves them out.
	idAttrs [][2]int
	// cards is where new cards are carved from, many at a time: one
	// allocation per card is most of what a large playbook costs to load.
	// cardLists is the same for steps' lists of cards.
	cards     []playbook.Card
	cardLists []*playbook.Card
	nest      nesting
	// plainSource is set when the file is printable ASCII with no '&':
	// the strings sliced and pieced from it need no cleaning.
	plainSource bool
	// stepBuf is the state of the step being read, reused from step to
	// step with its buffers.
	stepBuf stepState
	// sawHeading is set at the file's first heading: the markdown before
	// it is the preface of the file's first process.
	sawHeading bool
}

// section is the part of a step a block is in.
type section int

const (
	secTop   section = iota // right under the `##` heading
	secDrill                // ### Drill
	secRules                // ### Rules of engagement
	secDiff                 // ### Differentiators
	secObj                  // ### Objections
	secProse                // any other ### heading
)

type stepState struct {
	s        *playbook.Step
	start    int
	sec      section
	secTitle string // the `###` heading sec comes from
	drill    int    // offset of a `### Drill` with no card yet, or -1
	result   *playbook.Card
	target   *openCard // where Must mention / Never say lines go
	card     *openCard // the drill or differentiator card being read
	doneWhen int       // offset of a `Done when:` waiting for its list, or -1
	hasDone  bool
	rules    int // offset of `### Rules of engagement`, or -1 until a table
	diffs    int // offset of `### Differentiators`, or -1 once a card is seen
	objs     int // offset of `### Objections`, or -1 once a card is seen
	// stem is a `Q:` line right above a table, which makes the table's
	// rows classify cards; nil when the last block was none.
	stem *stem
	// afterCloze is set after a `Cloze:` paragraph, whose key points are
	// its bold words: a `Must mention:` after it is named as unused.
	afterCloze bool
	// proseQ is set when a `Q:` under a section that makes no cards was
	// warned about: the key point lines after it are not reported again.
	proseQ bool
	// proseStart is where the step's text starts after its heading, and
	// proseCuts the result, its key points and the done-when list, which
	// readers see apart from the prose.
	proseStart int
	proseCuts  [][2]int
	// resultCard and cardBuf hold the result's and the open card's
	// state: one card is open at a time, and each is closed before the
	// next opens.
	resultCard openCard
	cardBuf    openCard
}

// openStep makes st the step being read, reusing the last step's state
// and buffers.
func (f *fileParser) openStep(st *playbook.Step, start, proseStart int) {
	s := &f.stepBuf
	cuts, rc, cc := s.proseCuts[:0], s.resultCard.cuts[:0], s.cardBuf.cuts[:0]
	*s = stepState{s: st, start: start, proseStart: proseStart, doneWhen: -1, rules: -1, diffs: -1, objs: -1, drill: -1, proseCuts: cuts}
	s.resultCard.cuts, s.cardBuf.cuts = rc, cc
	f.step = s
}

// openCard makes oc the step's open card, reusing the last one's buffer.
func (s *stepState) openCard(oc openCard) *openCard {
	oc.cuts = s.cardBuf.cuts[:0]
	s.cardBuf = oc
	return &s.cardBuf
}

// openCard is a card whose answer is still being read.
type openCard struct {
	c      *playbook.Card
	hasA   bool
	choice bool
	answer int      // offset the answer starts at, or -1
	cuts   [][2]int // marker lines inside the answer, left out of it
	target bool     // takes Must mention / Never say
	isDiff bool     // a `####` card: differentiator or objection
	pos    int
}

// cursor is an offset with its line (counting from 0) and the offset the
// line starts at.
type cursor struct{ off, line, start int }

// locate finds the line holding off and where it starts, counting the
// newlines between off and the last offset located.
func (f *fileParser) locate(off int) cursor {
	off = max(0, min(off, len(f.src)))
	c := &f.at
	if off >= c.off {
		between := f.src[c.off:off]
		if n := bytes.Count(between, []byte("\n")); n > 0 {
			c.line += n
			c.start = c.off + bytes.LastIndexByte(between, '\n') + 1
		}
	} else if n := bytes.Count(f.src[off:c.off], []byte("\n")); n > 0 {
		c.line -= n
		c.start = bytes.LastIndexByte(f.src[:off], '\n') + 1
	}
	c.off = off
	return *c
}

// pos turns a byte offset into a position; the column counts characters.
func (f *fileParser) pos(off int) playbook.Pos {
	c := f.locate(off)
	return playbook.Pos{File: f.name, Line: c.line + 1, Col: utf8.RuneCount(f.src[c.start:c.off]) + 1}
}

func (f *fileParser) lineStart(off int) int {
	return f.locate(off).start
}

// lineEnd is the offset just past the newline of the line holding off.
func (f *fileParser) lineEnd(off int) int {
	if i := bytes.IndexByte(f.src[off:], '\n'); i >= 0 {
		return off + i + 1
	}
	return len(f.src)
}

func (f *fileParser) report(off int, sev Severity, format string, args ...any) {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	blocking := format == msgNotText || format == msgInvalidUTF8 || format == msgTooDeep || format == msgEmphasisTooDeep
	f.diags = append(f.diags, Diagnostic{Pos: f.pos(off), Severity: sev, Message: msg, Unsafe: blocking})
}

func (f *fileParser) errorf(off int, format string, args ...any) {
	f.report(off, SevError, format, args...)
}

func (f *fileParser) warnf(off int, format string, args ...any) {
	f.report(off, SevWarning, format, args...)
}

// checkEncoding reports invalid UTF-8 and control or escape characters,
// raw or spelled as character references. The text itself is cleaned as it
// is stored.
func (f *fileParser) checkEncoding() {
	if safe.Plain(f.text) {
		f.plainSource = true
		return
	}
	n := 0
	for i := 0; i < len(f.src) && n < maxReports; {
		r, size := utf8.DecodeRune(f.src[i:])
		if r == utf8.RuneError && size == 1 {
			f.errorf(i, msgInvalidUTF8, f.src[i])
			n++
		}
		i += size
	}
	for i, fd := range safe.Scan(f.text) {
		if i == maxReports {
			break
		}
		f.warnf(fd.Offset, msgForbidden, fd.What)
	}
}

// nesting tracks how deep blockquotes and lists go, so that the file
// gets one error at the first block that goes deeper than maxNesting.
type nesting struct {
	deepest int
	at      int // offset of the first block too deep, or -1
}

// checkNesting measures the blockquotes and lists in n, a top-level block.
// It is called as the walk reaches each block, so that the tree is read
// once.
func (f *fileParser) checkNesting(n ast.Node) {
	var visit func(n ast.Node, depth int)
	visit = func(n ast.Node, depth int) {
		if n.Kind() == ast.KindList && n.ChildCount() > maxListItems {
			last := f.last
			f.errorf(f.offset(n), msgLongList, n.ChildCount(), maxListItems)
			f.last = last
		}
		if n.Kind() == ast.KindBlockquote || n.Kind() == ast.KindList {
			depth++
			if depth > f.nest.deepest {
				f.nest.deepest = depth
			}
			if depth > maxNesting && f.nest.at < 0 {
				last := f.last // the walk's, which this must not move
				f.nest.at = f.offset(n)
				f.last = last
			}
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			// Only these blocks hold blocks that can hold a list or a
			// quote: paragraphs, headings and tables need no visit.
			switch c.Kind() {
			case ast.KindBlockquote, ast.KindList, ast.KindListItem:
				visit(c, depth)
			}
		}
	}
	visit(n, 0)
}

// plain cleans text taken from the markdown source for a plain-text field.
// Markdown (not just Text) is used because such text may still be rendered
// as markdown somewhere, where a character reference would decode. Text
// made of pieces of a source that is plain ASCII needs no cleaning.
func (f *fileParser) plain(s string) string {
	if f.plainSource {
		return s
	}
	return safe.Markdown(s)
}

// offset is the file offset of a block, or of the last block seen when
// goldmark did not record one.
func (f *fileParser) offset(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		f.last = f.base + p
		return f.base + p
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		f.last = f.base + n.Lines().At(0).Start
		return f.last
	}
	return f.last
}

// body is the markdown after the front matter, which goldmark's offsets
// count from.
func (f *fileParser) body() []byte { return f.src[f.base:] }

// walk reads the top-level blocks in order.
func (f *fileParser) walk(doc ast.Node) {
	f.last = f.base
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		off := f.offset(n)
		if k := n.Kind(); k == ast.KindList || k == ast.KindBlockquote {
			f.checkNesting(n)
		}
		switch n := n.(type) {
		case *ast.Heading:
			f.heading(n, off)
			f.sawHeading = true
		case *ast.Paragraph:
			f.paragraph(n, off)
		case *rawParagraph:
			f.paragraph(&n.Paragraph, off)
		case *ast.List:
			f.list(n, off)
		case *extast.Table:
			f.table(n, off)
		case *ast.CodeBlock:
			// An indented code block, where a list indented by a tab
			// or four spaces ends up.
			if s := f.step; s != nil && s.sec != secProse && n.Lines().Len() > 0 {
				if first := n.Lines().At(0); looksLikeItem(strings.TrimSpace(string(first.Value(f.body())))) {
					f.warnf(f.base+first.Start, msgIndentedItem)
				}
			}
			f.prose(off)
		default:
			f.prose(off)
		}
	}
	f.closeStep(len(f.src))
	f.closeProcess(len(f.src))
}

// prose is any block that is not part of the format: it stays in the step's
// body and ends a pending `Done when:`.
func (f *fileParser) prose(off int) {
	if s := f.step; s != nil {
		f.endDoneWhen()
		// Key point lines after a block of prose belong to the open card
		// only; a result's must follow it directly.
		s.target = s.card
	}
}

func (f *fileParser) endDoneWhen() {
	if s := f.step; s != nil && s.doneWhen >= 0 {
		f.errorf(s.doneWhen, msgEmptyDoneWhen)
		s.doneWhen = -1
	}
}

// headingText is a heading's plain text and its `{#id}`, if any.
func (f *fileParser) headingText(h *ast.Heading) (string, string) {
	id := ""
	if v, ok := h.AttributeString("id"); ok {
		if bs, ok := v.([]byte); ok {
			id = string(bs)
		}
	}
	return f.plain(unlink(strings.TrimSpace(f.inlineString(h)))), f.plain(id)
}

// headingReference reports whether a heading's attributes mark it as
// reference: `{.reference}` or `{#id .reference}`.
func headingReference(h *ast.Heading) bool {
	return slices.Contains(headingClasses(h), "reference")
}

// headingClasses are the `.class` names in a heading's braces.
func headingClasses(h *ast.Heading) []string {
	v, ok := h.AttributeString("class")
	if !ok {
		return nil
	}
	bs, _ := v.([]byte)
	return strings.Fields(string(bs))
}

// inlineString is the text of n's inline descendants; a single piece of
// text, as most titles are, is sliced from the source rather than copied.
func (f *fileParser) inlineString(n ast.Node) string {
	if t, ok := n.FirstChild().(*ast.Text); ok && t.NextSibling() == nil && t.Segment.Padding == 0 && !t.SoftLineBreak() && !t.HardLineBreak() {
		return f.text[f.base+t.Segment.Start : f.base+t.Segment.Stop]
	}
	var b strings.Builder
	f.inlineText(&b, n)
	return b.String()
}

// inlineText collects the text of n's inline descendants.
func (f *fileParser) inlineText(b *strings.Builder, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(f.body()))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			// Text goldmark made, not a piece of the source: from now
			// on, every string is cleaned.
			f.plainSource = false
			b.Write(c.Value)
		case *ast.RawHTML:
			// Inline HTML is markup, not title text.
		default:
			f.inlineText(b, c)
		}
	}
}

// headingEnd is the offset just after a heading (after the underline of a
// setext heading).
func (f *fileParser) headingEnd(h *ast.Heading, off int) int {
	end := f.lineEnd(off)
	if ls := h.Lines(); ls.Len() > 0 {
		end = f.lineEnd(f.base + ls.At(ls.Len()-1).Start)
	}
	start := f.lineStart(off)
	if !bytes.HasPrefix(bytes.TrimLeft(f.src[start:], " "), []byte("#")) && end < len(f.src) {
		end = f.lineEnd(end) // setext underline
	}
	return end
}

// heading starts a process, a step, a section of a step or a card.
func (f *fileParser) heading(h *ast.Heading, off int) {
	start := f.lineStart(off)
	title, id := f.headingText(h)
	if _, class := h.AttributeString("class"); id != "" || class {
		f.noteIDAttr(start)
	}
	for _, c := range headingClasses(h) {
		if c != "reference" {
			f.warnf(off, msgUnknownClass, f.plain(c))
		}
	}
	f.closeCard(start)
	if s := f.step; s != nil {
		f.endDoneWhen()
		s.target = nil
		s.stem = nil
		s.afterCloze = false
		s.proseQ = false
	}
	if title == "" {
		f.errorf(off, msgEmptyHeading)
	}
	if h.Level <= 2 {
		f.orphanHeading = ""
	}
	switch h.Level {
	case 1:
		f.closeStep(start)
		f.closeProcess(start)
		f.proc = &playbook.Process{ID: f.id(id, title, off), Title: title, Pos: f.pos(off), Reference: f.fm.Reference || headingReference(h)}
		if !f.sawHeading {
			f.proc.Preface = f.markdown(f.base, start)
		}
		f.procOff = off
		f.procs = append(f.procs, f.proc)
		f.introStart = f.headingEnd(h, off)
	case 2:
		f.closeStep(start)
		if f.proc != nil && len(f.proc.Steps) == 0 {
			f.proc.Intro = f.markdown(f.introStart, start)
		}
		step := &playbook.Step{ID: f.id(id, title, off), Title: title, Pos: f.pos(off), Reference: headingReference(h)}
		if f.proc == nil {
			f.errorf(off, msgStepOutside, step.ID)
		} else {
			step.Process = f.proc.ID
			step.Reference = step.Reference || f.proc.Reference
			f.proc.Steps = append(f.proc.Steps, step)
		}
		f.openStep(step, start, f.headingEnd(h, off))
	case 3:
		sec := secProse
		switch strings.ToLower(title) {
		case "drill":
			sec = secDrill
		case "rules of engagement":
			sec = secRules
		case "differentiators":
			sec = secDiff
		case "objections", "objection handling":
			sec = secObj
		}
		if f.step == nil {
			if sec != secProse {
				f.errorf(off, msgSectionOutside, "### "+title)
			}
			f.orphanHeading = title
			return
		}
		f.step.sec = sec
		f.step.secTitle = title
		switch sec {
		case secRules:
			f.step.rules = off
		case secDiff:
			f.step.diffs = off
		case secDrill:
			f.step.drill = off
		case secObj:
			f.step.objs = off
		case secProse:
			if want := nearSection(title); want != "" {
				f.warnf(off, msgSectionTypo, title, want)
			}
		}
	case 4:
		if f.step == nil || f.step.sec != secDiff && f.step.sec != secObj {
			if f.step != nil && f.step.sec != secProse && strings.HasSuffix(title, "?") {
				f.warnf(off, msgDiffOutside, title)
			}
			return
		}
		kind, cid := playbook.KindDifferentiator, "diff-"+slug(title)
		if f.step.sec == secObj {
			f.step.objs = -1
			title = unquote(title)
			kind, cid = playbook.KindObjection, "obj-"+questionSlug(title)
		} else {
			f.step.diffs = -1
		}
		if title == "" {
			return
		}
		if id != "" {
			cid = id
		}
		c := f.newCard(kind, cid, title, off)
		f.step.card = f.step.openCard(openCard{c: c, answer: f.headingEnd(h, off), target: true, isDiff: true, pos: off})
		f.step.target = f.step.card
	}
}

// id is an explicit id if given (and valid), else the slug of the title.
func (f *fileParser) id(explicit, title string, off int) string {
	if explicit != "" {
		if !validID(explicit) {
			f.errorf(off, msgBadID, explicit)
		}
		f.ids = append(f.ids, idUse{explicit, f.pos(off)})
		return explicit
	}
	id := slug(title)
	if id == "" {
		if title != "" {
			f.errorf(off, msgNoID, title)
		}
		return ""
	}
	f.ids = append(f.ids, idUse{id, f.pos(off)})
	return id
}

// newCard adds a card to the current step, with id STEP/local.
func (f *fileParser) newCard(kind playbook.Kind, local, prompt string, off int) *playbook.Card {
	s := f.step.s
	if len(f.cards) == 0 {
		f.cards = make([]playbook.Card, 64)
	}
	c := &f.cards[0]
	f.cards = f.cards[1:]
	*c = playbook.Card{Kind: kind, Step: s.ID, Process: s.Process, Prompt: prompt, Pos: f.pos(off)}
	if local == "" {
		f.errorf(off, msgNoID, prompt)
	} else {
		c.ID = s.ID + "/" + local
		f.ids = append(f.ids, idUse{c.ID, c.Pos})
	}
	if cap(s.Cards) == 0 {
		// Most steps have a few cards: room for four, carved from a
		// shared list, grows by itself when a step has more.
		if len(f.cardLists) < 4 {
			f.cardLists = make([]*playbook.Card, 256)
		}
		s.Cards = f.cardLists[:0:4]
		f.cardLists = f.cardLists[4:]
	}
	s.Cards = append(s.Cards, c)
	return c
}

// markdown is the cleaned markdown source between two offsets.
func (f *fileParser) markdown(from, to int) string {
	return f.markdownWithout(from, to, nil)
}

// markdownWithout is markdown less the source ranges in cuts (sorted) and
// the heading ids between from and to.
func (f *fileParser) markdownWithout(from, to int, cuts [][2]int) string {
	if from >= to {
		return ""
	}
	// idAttrs are in source order: take only those in range, so that a
	// step costs the same whatever the size of the file.
	i, _ := slices.BinarySearchFunc(f.idAttrs, from, func(r [2]int, off int) int { return r[0] - off })
	var all [][2]int
	for ; i < len(f.idAttrs) && f.idAttrs[i][1] <= to; i++ {
		all = append(all, f.idAttrs[i])
	}
	if len(cuts) > 0 {
		all = append(all, cuts...)
		slices.SortFunc(all, func(a, b [2]int) int { return a[0] - b[0] })
	}
	if len(all) == 0 {
		return f.plain(strings.TrimSpace(f.text[from:to]))
	}
	var b strings.Builder
	b.Grow(to - from)
	for _, r := range all {
		if r[0] < from {
			continue
		}
		b.WriteString(f.text[from:r[0]])
		from = r[1]
	}
	b.WriteString(f.text[from:to])
	return f.plain(strings.TrimSpace(b.String()))
}

// noteIDAttr records the `{#id}` closing the ATX heading line at start,
// with the blanks before it.
func (f *fileParser) noteIDAttr(start int) {
	end := f.lineEnd(start)
	line := bytes.TrimRight(f.src[start:end], " \t\r\n#")
	i := bytes.LastIndexByte(line, '{')
	if i < 0 || i+1 >= len(line) || line[i+1] != '#' && line[i+1] != '.' || !bytes.HasSuffix(line, []byte("}")) {
		return
	}
	cut := start + len(bytes.TrimRight(line[:i], " \t"))
	f.idAttrs = append(f.idAttrs, [2]int{cut, start + len(line)})
}

// closeCard ends the open card at offset end: its answer is the source up
// to there, less any marker lines.
func (f *fileParser) closeCard(end int) {
	s := f.step
	if s == nil || s.card == nil {
		return
	}
	oc := s.card
	s.card = nil
	if s.target == oc {
		s.target = nil
	}
	c := oc.c
	if oc.answer >= 0 && (oc.hasA || oc.isDiff) {
		c.Answer = f.plain(squeezeBlankLines(strings.TrimSpace(f.answerText(oc, end))))
	}
	switch {
	case oc.isDiff:
		if c.Answer == "" && c.Kind == playbook.KindObjection {
			f.errorf(oc.pos, msgObjectionNoA, c.Prompt)
		} else if c.Answer == "" {
			f.errorf(oc.pos, msgDiffNoAnswer, c.Prompt)
		}
	case oc.choice:
	case !oc.hasA:
		f.errorf(oc.pos, msgQNoA)
	case c.Answer == "":
		f.errorf(oc.pos, msgEmptyA)
	}
}

// answerText is the source of oc's answer up to end, less its cuts. When
// all but one of the pieces between the cuts are blank, as when the marker
// lines close the answer, that piece is the answer once trimmed, and it is
// sliced from the source rather than copied.
func (f *fileParser) answerText(oc *openCard, end int) string {
	only, pieces := "", 0
	from := oc.answer
	piece := func(to int) {
		if to > from {
			if p := f.text[from:to]; strings.TrimSpace(p) != "" {
				only = p
				pieces++
			}
		}
	}
	for _, cut := range oc.cuts {
		piece(cut[0])
		from = max(from, cut[1])
	}
	piece(end)
	if pieces <= 1 {
		return only
	}
	var b strings.Builder
	b.Grow(max(end-oc.answer, 0))
	from = oc.answer
	for _, cut := range oc.cuts {
		if cut[0] > from {
			b.Write(f.src[from:cut[0]])
		}
		from = max(from, cut[1])
	}
	if end > from {
		b.Write(f.src[from:end])
	}
	return b.String()
}

// closeStep ends the current step at offset end.
func (f *fileParser) closeStep(end int) {
	s := f.step
	if s == nil {
		return
	}
	f.closeCard(end)
	f.endDoneWhen()
	s.s.Body = f.markdown(s.start, end)
	s.s.Prose = f.markdownWithout(s.proseStart, end, s.proseCuts)
	// A reference topic (an FAQ answer, a part of a framework) is read,
	// not reached: it needs neither a result nor a done-when list.
	if s.result == nil && !s.s.Reference {
		f.errorf(s.start, msgNoResult, s.s.ID)
	}
	if n := len(s.s.Cards); n > maxCards {
		f.errorf(s.start, msgTooManyCards, s.s.ID, n, maxCards)
	}
	if !s.hasDone && !s.s.Reference {
		f.warnf(s.start, msgNoDoneWhen, s.s.ID)
	}
	if s.rules >= 0 {
		f.errorf(s.rules, msgRulesNoTable)
	}
	if s.diffs >= 0 {
		f.errorf(s.diffs, msgDiffNone)
	}
	if s.drill >= 0 {
		f.warnf(s.drill, msgDrillNone)
	}
	if s.objs >= 0 {
		f.errorf(s.objs, msgObjectionNone, s.secTitle)
	}
	f.step = nil
}

// closeProcess ends the current process at offset end and gives it its
// order card.
func (f *fileParser) closeProcess(end int) {
	p := f.proc
	if p == nil {
		return
	}
	f.proc = nil
	if len(p.Steps) == 0 {
		p.Intro = f.markdown(f.introStart, end)
		f.warnf(f.procOff, msgProcessNoSteps, p.ID)
		return
	}
	// Only steps in order make an ordering card, and only two or more of
	// them: a reference process, or a process of one step, has none.
	var ordered []*playbook.Step
	for _, s := range p.Steps {
		if !s.Reference {
			ordered = append(ordered, s)
		}
	}
	if len(ordered) < 2 {
		return
	}
	last := ordered[len(ordered)-1]
	c := &playbook.Card{
		Kind:    playbook.KindOrder,
		Step:    last.ID,
		Process: p.ID,
		Prompt:  fmt.Sprintf("Put the steps of %q in order.", p.Title),
		Pos:     p.Pos,
	}
	if p.ID != "" {
		c.ID = p.ID + "/order"
		f.ids = append(f.ids, idUse{c.ID, c.Pos})
	}
	for _, s := range ordered {
		c.Items = append(c.Items, s.Title)
	}
	c.Answer = numbered(c.Items)
	last.Cards = append(last.Cards, c)
	p.Order = c
}

func numbered(items []string) string {
	var b strings.Builder
	for i, it := range items {
		fmt.Fprintf(&b, "%d. %s\n", i+1, it)
	}
	return strings.TrimSpace(b.String())
}

// deepestPrefix finds the line whose leading blockquote and list markers
// ("> - 1. ") go deepest, and how deep. It looks only at line prefixes, to
// keep goldmark from being handed a crafted file.
func deepestPrefix(src []byte) (at, depth int) {
	for start := 0; start < len(src); {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		if d := prefixDepth(src[start:end]); d > depth {
			at, depth = start, d
		}
		start = end + 1
	}
	return at, depth
}

func prefixDepth(line []byte) int {
	depth, i := 0, 0
	for i < len(line) {
		switch c := line[i]; {
		case c == ' ' || c == '\t':
			i++
		case c == '>':
			depth++
			i++
		case c == '-' || c == '*' || c == '+':
			if i+1 < len(line) && line[i+1] != ' ' && line[i+1] != '\t' {
				return depth
			}
			depth++
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j >= len(line) || (line[j] != '.' && line[j] != ')') || (j+1 < len(line) && line[j+1] != ' ' && line[j+1] != '\t') {
				return depth
			}
			depth++
			i = j + 1
		default:
			return depth
		}
	}
	return depth
}
