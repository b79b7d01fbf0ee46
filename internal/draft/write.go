package draft

import (
	"bytes"
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/playdrill/playdrill/internal/markdown"
)

// writeSet is what the drafts of one playbook share.
type writeSet struct {
	// ids are the process and step ids used so far; cards the card ids.
	ids         map[string]bool
	cards       map[string]bool
	competitors []string
	files       int
}

// writer writes one draft's markdown.
type writer struct {
	*writeSet
	d     *doc
	b     bytes.Buffer
	sum   Summary
	index int // of the file among the drafts
}

// write renders the draft, the index-th file of set.
func (d *doc) write(set *writeSet, index int) ([]byte, Summary) {
	w := &writer{writeSet: set, d: d, index: index, sum: Summary{Cards: map[string]int{}, Left: map[string]int{}}}
	w.b.Grow(d.size())
	w.frontMatter()
	for _, pr := range d.procs {
		w.process(pr)
	}
	out := flattenEmphasis(w.b.Bytes())
	w.sum.TODOs = countTODOs(out)
	return out, w.sum
}

// flattenEmphasis turns the emphasis marks of a paragraph that nests them
// deeper than a playbook may (a run of stars, say) into look-alike
// characters that are not markup, paragraph by paragraph until none is
// left.
func flattenEmphasis(out []byte) []byte {
	for range 1000 {
		at := markdown.DeepestEmphasis(out)
		if at < 0 {
			return out
		}
		start := bytes.LastIndex(out[:at], []byte("\n\n")) + 1
		end := len(out)
		if i := bytes.Index(out[at:], []byte("\n\n")); i >= 0 {
			end = at + i
		}
		para := bytes.ReplaceAll(bytes.ReplaceAll(out[start:end], []byte("*"), []byte("∗")), []byte("_"), []byte("‗"))
		out = append(out[:start:start], append(para, out[end:]...)...)
	}
	return out
}

// size is about how long the draft will be: the page, and for each step
// and card what is written besides, so the draft is not copied as it
// grows.
func (d *doc) size() int {
	n := len(d.p.src) + 1024
	for _, pr := range d.procs {
		n += len(pr.title) + 64
		for _, st := range pr.steps {
			n += len(st.title) + 256
			for _, dw := range st.done {
				n += len(dw) + 4
			}
			for _, c := range st.cards {
				n += len(c.question) + len(c.todo) + 96
				for _, l := range c.answer {
					n += len(l) + 1
				}
				for _, p := range c.points {
					n += len(p) + 2
				}
				for _, r := range c.rows {
					for _, cell := range r {
						n += len(cell) + 3
					}
				}
			}
		}
	}
	return n
}

func (w *writer) line(parts ...string) {
	for _, p := range parts {
		w.b.WriteString(p)
	}
	w.b.WriteByte('\n')
}

func (w *writer) frontMatter() {
	w.line("---")
	if w.index == 0 {
		w.line("playbook: ", strconv.Quote(w.d.p.title))
		w.line("version: draft")
		if len(w.competitors) > 0 {
			q := make([]string, len(w.competitors))
			for i, c := range w.competitors {
				q[i] = strconv.Quote(c)
			}
			w.line("competitors: [", strings.Join(q, ", "), "]")
		}
	}
	if w.files > 1 {
		w.line("order: ", strconv.Itoa(w.index+1))
	}
	w.line("---")
	w.line()
	w.line("<!-- A draft made by `playdrill draft` from ", strings.ReplaceAll(oneLine(w.d.p.name), "--", "- -"), ".")
	w.line("`playdrill lint` lists what is left to fill in, and the key points are")
	w.line("proposals to check. Remove this note when done. -->")
	w.line()
}

// id returns the explicit `{#id}` a heading needs, if any, for its id to be
// valid and unique.
func (w *writer) id(title, fallback string) string {
	base := markdown.Slug(title)
	if base != "" && !w.ids[base] {
		w.ids[base] = true
		return ""
	}
	if base == "" {
		base = fallback
	}
	for n := 2; ; n++ {
		id := base + "-" + strconv.Itoa(n)
		if !w.ids[id] {
			w.ids[id] = true
			return " {#" + id + "}"
		}
	}
}

// stepID is the id a step heading gets (explicit or from its title).
func stepID(title, attr string) string {
	if attr != "" {
		return strings.TrimSuffix(strings.TrimPrefix(attr, " {#"), "}")
	}
	return markdown.Slug(title)
}

func (w *writer) process(pr *proc) {
	title := headingText(pr.title)
	attr := w.id(title, "process")
	if pr.faq {
		// Questions to look up, not stages to go through in order.
		if attr == "" {
			attr = " {.reference}"
		} else {
			attr = strings.TrimSuffix(attr, "}") + " .reference}"
		}
	}
	w.line("# ", title, attr)
	w.line()
	for _, c := range pr.intro {
		w.chunk(c.sec)
	}
	w.sum.Processes++
	for _, st := range pr.steps {
		w.step(pr, st)
	}
}

func (w *writer) step(pr *proc, st *step) {
	title := headingText(st.title)
	attr := w.id(title, "step")
	id := stepID(title, attr)
	w.line("## ", title, attr)
	w.line()
	if !pr.faq {
		if st.result != "" {
			w.line("Result: TODO: check this result, taken from the page: ", escLine(oneLine(st.result)))
			w.sum.Left[LeftProposedResult]++
		} else {
			w.line("Result: TODO: write the result a rep must reach in this step")
			w.sum.Left[LeftResult]++
		}
		w.line()
		w.sum.Cards["result"]++
	}
	if !pr.faq || len(st.done) > 0 {
		w.line("Done when:")
		if len(st.done) == 0 {
			w.line("- TODO: write how a rep shows this step is done")
			w.sum.Left[LeftDoneWhen]++
		}
		for _, d := range st.done {
			w.line("- ", escLine(oneLine(d)))
		}
		w.line()
	}
	w.sum.Steps++
	for _, c := range st.before {
		w.chunk(c.sec)
	}
	w.chunk(st.sec)
	if st.sec != w.d.p.root {
		for _, s := range st.sec.descendants() {
			w.line("### ", headingText(sectionTitle(s.title)))
			w.line()
			w.chunk(s)
		}
	}
	w.cardsOf(id, st)
}

// sectionTitle keeps a page's sub-heading from reading as one of the
// sections the format gives meaning to.
func sectionTitle(t string) string {
	if t == "" {
		return "Notes"
	}
	// Its letters in lower case, as far as a section name's could go.
	var buf [24]byte
	l := buf[:0]
	for i := 0; i < len(t) && len(l) < len(buf); i++ {
		if c := t[i] | 0x20; 'a' <= c && c <= 'z' {
			l = append(l, c)
		}
	}
	for _, s := range []string{"drill", "differentiator", "rulesofengagement", "objection", "objectionhandling", "cloze"} {
		if bytes.HasPrefix(l, []byte(s[:min(len(s), 5)])) && len(l) <= len(s)+3 {
			return "About: " + t
		}
	}
	return t
}

// edit changes the page as it is copied: a backslash to insert at at (end
// < 0), or a block to leave out, [at, end).
type edit struct{ at, end int }

// chunk copies a section's own markdown (not its heading, not its
// sub-sections) as written, escaping what the format would read.
func (w *writer) chunk(s *section) {
	p := w.d.p
	from, to := s.body, s.ownEnd
	if s == p.root {
		from = 0
	}
	if from >= to {
		return
	}
	var edits []edit
	var code [][2]int // code and HTML, copied untouched
	last := len(s.blocks) - 1
	for i, b := range s.blocks {
		start := lineStart(p.src, p.offset(b, from))
		end := blockEnd(p, s, i)
		if tooDeep(b) || deepPrefix(p.src[start:end]) || b.Kind() == ast.KindList && b.ChildCount() > markdown.MaxListItems {
			edits = append(edits, edit{start, end})
			continue
		}
		switch b.Kind() {
		case ast.KindFencedCodeBlock, ast.KindCodeBlock, ast.KindHTMLBlock:
			code = append(code, [2]int{start, end})
		}
		switch b := b.(type) {
		case *ast.Paragraph:
			for j := 0; j < b.Lines().Len(); j++ {
				seg := b.Lines().At(j)
				line := p.src[seg.Start:seg.Stop]
				lead := len(line) - len(bytes.TrimLeft(line, " \t"))
				if n := labelAt(line[lead:]); n > 0 {
					edits = append(edits, edit{seg.Start + lead + n - 1, -1})
				}
			}
		case *ast.HTMLBlock:
			if i == last && !b.HasClosure() && b.HTMLBlockType <= ast.HTMLBlockType5 {
				// It would run on over everything written after it.
				edits = append(edits, edit{start, to})
			}
		}
	}
	// Written straight into the draft, then trimmed there.
	// A line of only '-' or '=' under a line of text reads as a heading's
	// underline to a parser that splits the text otherwise (a table's rows,
	// say): it is escaped, outside code.
	for _, e := range underlines(p.src, from, to) {
		if !slices.ContainsFunc(code, func(c [2]int) bool { return c[0] <= e.at && e.at < c[1] }) {
			edits = append(edits, e)
		}
	}
	slices.SortStableFunc(edits, func(a, b edit) int { return a.at - b.at })
	mark := w.b.Len()
	pos := from
	for _, e := range edits {
		if e.at < pos {
			continue
		}
		w.b.Write(p.src[pos:e.at])
		if e.end < 0 {
			w.b.WriteByte('\\')
			pos = e.at
			continue
		}
		line := bytes.Count(p.src[:e.at], []byte("\n")) + 1 + w.d.p.lineBase
		w.b.WriteString("\nTODO: a block nested too deep, too long or never closed was left out here (line " + strconv.Itoa(line) + " of the page)\n\n")
		pos = max(e.end, e.at+1)
	}
	if pos < to {
		w.b.Write(p.src[pos:to])
	}
	written := w.b.Bytes()[mark:]
	body := bytes.TrimLeft(bytes.TrimRight(written, " \t\n"), "\n")
	if len(bytes.TrimSpace(body)) == 0 {
		w.b.Truncate(mark)
		return
	}
	lead := len(written) - len(bytes.TrimLeft(written, "\n"))
	if lead > 0 {
		copy(written, written[lead:lead+len(body)])
	}
	w.b.Truncate(mark + len(body))
	w.b.WriteByte('\n')
	if last >= 0 && to == len(p.src) {
		if f, ok := s.blocks[last].(*ast.FencedCodeBlock); ok {
			w.closeFence(f)
		}
	}
	w.line()
}

// underlines finds the lines in src[from:to] that are only '-' or '='
// (a setext heading's underline) right under a line that is not blank, and
// returns an edit that escapes each.
func underlines(src []byte, from, to int) []edit {
	var out []edit
	prevText := false
	for off := from; off < to; {
		end := bytes.IndexByte(src[off:to], '\n')
		if end < 0 {
			end = to - off
		}
		line := src[off : off+end]
		t := bytes.TrimSpace(line)
		under := len(t) > 0 && (bytes.Count(t, []byte("-")) == len(t) || bytes.Count(t, []byte("=")) == len(t))
		escaped := under && prevText
		if escaped {
			lead := len(line) - len(bytes.TrimLeft(line, " \t"))
			out = append(out, edit{off + lead, -1})
		}
		// Escaped, the line is text under which another could underline.
		prevText = len(t) > 0 && (!under || escaped)
		off += end + 1
	}
	return out
}

// blockEnd is where the i-th block of s ends: where the next one starts.
func blockEnd(p *page, s *section, i int) int {
	if i+1 < len(s.blocks) {
		return lineStart(p.src, p.offset(s.blocks[i+1], s.ownEnd))
	}
	return s.ownEnd
}

// closeFence closes a fenced code block the page left open at its end.
func (w *writer) closeFence(f *ast.FencedCodeBlock) {
	p := w.d.p
	open := p.offset(f, 0)
	line := bytes.TrimLeft(p.src[lineStart(p.src, open):lineEnd(p.src, open)], " ")
	if len(line) == 0 || (line[0] != '`' && line[0] != '~') {
		return
	}
	n := 0
	for n < len(line) && line[n] == line[0] {
		n++
	}
	fence := strings.Repeat(string(line[0]), n)
	// Closed when the line after the last content line is a fence as long.
	after := lineEnd(p.src, open)
	if l := f.Lines(); l.Len() > 0 {
		after = lineEnd(p.src, l.At(l.Len()-1).Start)
	}
	if after < len(p.src) {
		next := bytes.TrimSpace(p.src[after:lineEnd(p.src, after)])
		if len(next) >= n && bytes.Count(next, []byte{line[0]}) == len(next) {
			return
		}
	}
	w.line(fence)
}

// maxDepth is the deepest a block of the page may nest quotes and lists
// to be kept in a draft: deeper ones are left out, as a playbook may not
// have them.
const maxDepth = markdown.MaxNesting

// tooDeep reports whether a block nests quotes and lists deeper than
// maxDepth.
func tooDeep(n ast.Node) bool {
	var depth func(n ast.Node) int
	depth = func(n ast.Node) int {
		d := 0
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c.Kind() {
			case ast.KindBlockquote, ast.KindList, ast.KindListItem:
				d = max(d, depth(c))
			}
		}
		if n.Kind() == ast.KindBlockquote || n.Kind() == ast.KindList {
			d++
		}
		return d
	}
	if n.Kind() != ast.KindBlockquote && n.Kind() != ast.KindList {
		return false
	}
	return depth(n) > maxDepth
}

// deepPrefix reports whether a line of text starts with more than maxDepth
// quote and list markers ("> - 1. "), which a playbook may not have even
// where they do not nest (a thematic break written "- - - -").
func deepPrefix(text []byte) bool {
	for len(text) > 0 {
		line := text
		if i := bytes.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = nil
		}
		if markdown.PrefixDepth(line) > maxDepth {
			return true
		}
	}
	return false
}

// cardsOf writes a step's cards in the sections the format reads.
func (w *writer) cardsOf(stepID string, st *step) {
	var drill, diffs, objs, clozes, tables []*card
	for _, c := range st.cards {
		switch c.kind {
		case kindDifferentiator:
			diffs = append(diffs, c)
		case kindClassify:
			if c.keep(w, stepID) {
				tables = append(tables, c)
			}
		case kindObjection:
			objs = append(objs, c)
		case kindCloze:
			clozes = append(clozes, c)
		default:
			drill = append(drill, c)
		}
	}
	if len(drill)+len(clozes) > 0 || st.cut {
		w.line("### Drill")
		w.line()
		if st.cut {
			w.line("TODO: the page has more cards for this step than a step may hold: the rest were left out; split the step to keep them.")
			w.line()
		}
		w.proposals(drill)
		for _, c := range drill {
			w.recall(stepID, c.question, c)
		}
		for _, c := range clozes {
			w.cloze(stepID, c)
		}
	}
	if len(tables) > 0 {
		// A section of their own: a `Q:` line over a table is a card
		// under any heading.
		w.line("### Tables")
		w.line()
		for i, c := range tables {
			w.table(stepID, i, c)
		}
	}
	if len(objs) > 0 {
		w.line("### Objections")
		w.line()
		w.proposals(objs)
		for _, c := range objs {
			q := "\"" + strings.Trim(oneLine(c.question), "\"“”") + "\""
			w.line("#### ", headingText(q), w.cardID(stepID, "obj-"+markdown.QuestionSlug(q), "obj"))
			w.line()
			w.answer("", c)
			w.sum.Cards[kindObjection]++
		}
	}
	if len(diffs) > 0 {
		w.line("### Differentiators")
		w.line()
		w.proposals(diffs)
		for _, c := range diffs {
			q := oneLine(c.question)
			w.line("#### ", headingText(q), w.cardID(stepID, "diff-"+markdown.Slug(headingText(q)), "diff"))
			w.line()
			w.answer("", c)
			w.sum.Cards[kindDifferentiator]++
		}
	}
}

// keep drops the rows of a table card whose first cells make the same id
// and says whether the table still classifies (two answers at least).
func (c *card) keep(w *writer, stepID string) bool {
	var rows [][]string
	seen := map[string]bool{}
	answers := map[string]bool{}
	for _, r := range c.rows {
		slug := markdown.Slug(cellText(r[0]))
		if slug == "" || seen[slug] || strings.TrimSpace(cellText(r[1])) == "" {
			continue
		}
		seen[slug] = true
		answers[strings.ToLower(cellText(r[1]))] = true
		rows = append(rows, r)
	}
	c.rows = rows
	return len(answers) >= 2
}

// table writes a classify card set: a `Q:` line with the table under it.
func (w *writer) table(stepID string, n int, c *card) {
	id := ""
	for k := n + 1; ; k++ {
		id = "t" + strconv.Itoa(k)
		if !w.cards[stepID+"/"+id] {
			w.cards[stepID+"/"+id] = true
			break
		}
	}
	w.line("Q: ", oneLine(c.question), " {#", id, "}")
	w.line()
	cols := len(c.header)
	row := func(cells []string) {
		w.b.WriteString("|")
		for i := range cols {
			cell := ""
			if i < len(cells) {
				cell = cellText(cells[i])
			}
			w.b.WriteString(" " + cell + " |")
		}
		w.b.WriteByte('\n')
	}
	row(c.header)
	w.line("|", strings.Repeat(" --- |", cols))
	for _, r := range c.rows {
		row(r)
		w.sum.Cards[kindClassify]++
	}
	w.line()
}

// cloze writes a `Cloze:` paragraph, one card per bold span.
func (w *writer) cloze(stepID string, c *card) {
	parts := strings.Split(c.question, "**")
	var locals []string
	clash := false
	for i := 1; i < len(parts); i += 2 {
		l := "cloze-" + markdown.QuestionSlug(parts[i])
		if l == "cloze-" || w.cards[stepID+"/"+l] || slices.Contains(locals, l) {
			clash = true
		}
		locals = append(locals, l)
	}
	attr := ""
	if clash {
		for k := 1; ; k++ {
			id := "c" + strconv.Itoa(k)
			free := true
			for j := range locals {
				free = free && !w.cards[stepID+"/"+id+"-"+strconv.Itoa(j+1)] && !w.cards[stepID+"/"+id]
			}
			if free {
				attr = " {#" + id + "}"
				locals = locals[:0]
				if len(parts) == 3 {
					locals = append(locals, id)
				} else {
					for j := 1; j < len(parts); j += 2 {
						locals = append(locals, id+"-"+strconv.Itoa(j/2+1))
					}
				}
				break
			}
		}
	}
	for _, l := range locals {
		w.cards[stepID+"/"+l] = true
	}
	w.line("Cloze: ", c.question, attr)
	w.line()
	w.sum.Cards[kindCloze] += len(locals)
}

// cardID returns the explicit `{#id}` a card needs, if any, for its id
// (local, under the step) to be valid and unique.
func (w *writer) cardID(stepID, local, fallback string) string {
	if tail := strings.TrimPrefix(strings.TrimPrefix(local, "diff-"), "roe-"); tail != "" && !w.cards[stepID+"/"+local] {
		w.cards[stepID+"/"+local] = true
		return ""
	}
	for n := 2; ; n++ {
		id := fallback + "-" + strconv.Itoa(n)
		if !w.cards[stepID+"/"+id] && !w.cards[stepID+"/diff-"+id] {
			w.cards[stepID+"/"+id] = true
			w.cards[stepID+"/diff-"+id] = true
			return " {#" + id + "}"
		}
	}
}

func (w *writer) recall(stepID, question string, c *card) {
	q := oneLine(question)
	if strings.HasSuffix(q, "}") {
		q += "."
	}
	w.line("Q: ", q, w.cardID(stepID, markdown.QuestionSlug(q), "q"))
	w.answer("A: ", c)
	w.sum.Cards[kindRecall]++
}

// answer writes a model answer (after label, on its first line) and its
// proposed key points.
func (w *writer) answer(label string, c *card) {
	if len(c.answer) == 0 {
		w.line(label, c.todo)
		w.sum.Left[LeftAnswer]++
		w.line()
		return
	}
	for i, l := range c.answer {
		if i == 0 && !strings.HasPrefix(l, "- ") {
			w.line(label, l)
			continue
		}
		if i == 0 && label != "" {
			// A list starts on the line after the label, to read as one.
			w.line(strings.TrimSpace(label))
		}
		w.line(l)
	}
	w.line()
	if len(c.points) > 0 {
		w.line("Must mention: ", strings.Join(c.points, "; "))
		w.line()
	}
}

// What a draft leaves to do, as Summary.Left counts it.
const (
	LeftResult         = "result"
	LeftProposedResult = "proposed result"
	LeftDoneWhen       = "done-when list"
	LeftAnswer         = "answer"
	LeftKeyPoints      = "key point check"
)

// countTODOs counts the lines of a draft with a TODO on them.
func countTODOs(out []byte) int {
	n := 0
	for {
		i := bytes.Index(out, []byte(TODO))
		if i < 0 {
			return n
		}
		n++
		j := bytes.IndexByte(out[i:], '\n')
		if j < 0 {
			return n
		}
		out = out[i+j:]
	}
}

// proposals notes, above cards with proposed key points, that the author
// has to check them.
func (w *writer) proposals(cards []*card) {
	for _, c := range cards {
		if len(c.points) > 0 {
			w.line("TODO: check the key points (`Must mention:`) below: playdrill proposed them from each answer.")
			w.sum.Left[LeftKeyPoints]++
			w.line()
			return
		}
	}
}
