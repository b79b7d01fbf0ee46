package draft

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"

	"github.com/playdrill/playdrill/internal/markdown"
)

// card kinds a draft writes.
const (
	kindRecall         = "recall"
	kindDifferentiator = "differentiator"
	kindClassify       = "classify"
	kindObjection      = "objection"
	kindCloze          = "cloze"
)

// card is a card the draft proposes.
type card struct {
	kind     string
	question string
	// answer is the model answer as markdown lines; todo replaces it when
	// the page has none.
	answer []string
	todo   string
	// points are key points proposed from the answer; fixed is set when
	// they come from the page itself (an "any N of" list) and are not to be
	// proposed again.
	points []string
	fixed  bool
	// A classify card set: the column names and rows (what, answer, why).
	header []string
	rows   [][]string
}

// findCards finds each step's cards and done-when criteria.
func (d *doc) findCards() {
	for _, pr := range d.procs {
		// The key phrases of a process's introduction (a page's principles,
		// say) are drilled with its first step.
		if len(pr.steps) > 0 {
			for _, c := range pr.intro {
				d.clozes(pr.steps[0], c.sec.blocks, nil)
			}
		}
		for _, st := range pr.steps {
			secs := append([]*section{st.sec}, st.sec.descendants()...)
			for i, s := range secs {
				title := s.title
				if i == 0 {
					title = st.title
				}
				d.sectionCards(st, s, title, i == 0)
			}
			st.limit()
		}
	}
	d.propose()
}

// sectionCards finds the cards of one section of a step.
func (d *doc) sectionCards(st *step, s *section, title string, isStep bool) {
	p := d.p
	blocks := s.blocks
	before := len(st.cards)
	used := map[ast.Node]bool{}
	// The text of each paragraph, read once for the passes below.
	txt := make([]string, len(blocks))
	for i, b := range blocks {
		if para, ok := b.(*ast.Paragraph); ok {
			txt[i] = p.inline(para)
		}
	}

	// The step's own words for what it must reach: a list of objectives or
	// goals, or a sentence defining when it is reached.
	if isStep && st.result == "" {
		st.result = p.resultIn(blocks, txt)
	}

	// Checklists: a task list, or a list the section calls a checklist.
	checkTitle := isChecklistText(title)
	lead := ""
	for i, b := range blocks {
		switch b := b.(type) {
		case *ast.Paragraph:
			lead = txt[i]
		case *ast.List:
			if isTaskList(b) || checkTitle || strings.HasSuffix(lead, ":") && isChecklistText(lastSentence(lead)) {
				for it := b.FirstChild(); it != nil; it = it.NextSibling() {
					if t := p.itemText(it.FirstChild()); t != "" {
						st.done = append(st.done, t)
					}
				}
				used[b] = true
				checkTitle = false
			}
			lead = ""
		default:
			lead = ""
		}
	}

	// Tables: a comparison with competitors gives a differentiator per
	// competitor; any other, one classify card per row.
	for _, b := range blocks {
		if t, ok := b.(*extast.Table); ok {
			if cs := d.comparisonTable(t, title); len(cs) > 0 {
				st.cards = append(st.cards, cs...)
				used[b] = true
				continue
			}
			if c := p.tableCard(t, title); c != nil {
				st.cards = append(st.cards, c)
				used[b] = true
			}
		}
	}

	// Objections: a list of "objection - response" items after a line that
	// speaks of objections, or a quoted objection followed by an arrowed
	// response.
	objTitle := containsFold(title, "objection")
	lead = ""
	for i, b := range blocks {
		switch b := b.(type) {
		case *ast.Paragraph:
			t := txt[i]
			if objTitle || containsFold(lead, "objection") {
				if ls := p.inlineLines(b); len(ls) > 1 && isQuoted(ls[0]) {
					if r, ok := cutArrow(strings.Join(ls[1:], " ")); ok {
						st.cards = append(st.cards, &card{kind: kindObjection, question: unquote(ls[0]), answer: []string{escLine(r)}})
						used[b] = true
						continue
					}
				}
			}
			if (objTitle || containsFold(lead, "objection")) && i+1 < len(blocks) {
				if next, ok := blocks[i+1].(*ast.Paragraph); ok {
					resp := p.inline(next)
					if r, ok := cutArrow(resp); ok && isQuoted(t) {
						st.cards = append(st.cards, &card{kind: kindObjection, question: unquote(t), answer: []string{escLine(r)}})
						used[b], used[next] = true, true
						continue
					}
				}
			}
			if !used[b] {
				lead = t
			}
		case *ast.List:
			if !used[b] && containsFold(lead, "objection") {
				for it := b.FirstChild(); it != nil; it = it.NextSibling() {
					obj, resp, ok := cutPair(p.itemText(it.FirstChild()))
					if !ok {
						continue
					}
					st.cards = append(st.cards, &card{kind: kindObjection, question: obj, answer: []string{escLine(resp)}})
				}
				used[b] = true
			}
			lead = ""
		}
	}

	// A list of short items announced by a line ending in ':' (loss
	// reasons, criteria, a question bank): name any few of them.
	lead = ""
	for i, b := range blocks {
		switch b := b.(type) {
		case *ast.Paragraph:
			lead = txt[i]
		case *ast.List:
			if !used[b] && strings.HasSuffix(lead, ":") {
				if c := d.anyOf(b, title, lead); c != nil {
					st.cards = append(st.cards, c)
					used[b] = true
				}
			}
			lead = ""
		default:
			lead = ""
		}
	}

	// A line set all in bold over a list is a title for it ("**Minutes
	// 0-5: Rapport**" and what to do then): one card per titled list.
	for i, b := range blocks {
		if used[b] || i+1 >= len(blocks) {
			continue
		}
		l, ok := blocks[i+1].(*ast.List)
		if !ok || used[l] {
			continue
		}
		if bold := p.boldTitle(b); bold != "" {
			if ans := p.lines([]ast.Node{l}); len(ans) > 0 {
				st.cards = append(st.cards, &card{kind: kindRecall, question: title + ": " + strings.TrimSuffix(bold, ":") + ". What does it cover?", answer: ans})
				used[b], used[l] = true, true
			}
		}
	}

	// Key phrases set in bold in a sentence: one cloze per phrase.
	d.clozes(st, blocks, used)
	clozes := len(st.cards)

	// A question heading: its answer is the section's quoted talk track,
	// else its prose.
	if strings.HasSuffix(title, "?") {
		var quotes, prose []ast.Node
		for _, b := range blocks {
			if used[b] {
				continue
			}
			if _, ok := b.(*ast.Blockquote); ok {
				quotes = append(quotes, b)
			} else {
				prose = append(prose, b)
			}
		}
		c := &card{kind: kindRecall, question: title}
		if names, ok := d.comparison(title); ok {
			c.kind = kindDifferentiator
			d.addCompetitors(names)
		}
		src := quotes
		if len(src) == 0 {
			src = prose
		}
		c.answer = p.lines(src)
		if len(c.answer) == 0 {
			c.todo = "TODO: write the answer"
		} else if text := joinLines(c.answer); len(strings.Fields(text)) < 15 && strings.HasPrefix(text, "See ") {
			c.todo = "TODO: write the answer (the page only says: " + oneLine(text) + ")"
			c.answer = nil
		}
		st.cards = append(st.cards, c)
		return
	}

	// Questions still waiting for answers ("Needs answer", "Open questions").
	if lt := strings.ToLower(title); strings.Contains(lt, "answer") || strings.Contains(lt, "faq") || strings.Contains(lt, "open question") {
		for _, b := range blocks {
			l, ok := b.(*ast.List)
			if !ok || used[b] {
				continue
			}
			for it := l.FirstChild(); it != nil; it = it.NextSibling() {
				if q := p.itemText(it.FirstChild()); strings.HasSuffix(q, "?") {
					st.cards = append(st.cards, &card{kind: kindRecall, question: q, todo: "TODO: write the answer"})
				}
			}
			used[b] = true
		}
	}

	// A "vs X" section compares the product with X.
	if names, ok := d.versus(title); ok {
		ans := p.lines(unused(blocks, used))
		c := &card{kind: kindDifferentiator, question: "How are you different from " + names[0] + "?", answer: ans}
		if len(ans) == 0 {
			c.todo = "TODO: write how you are different"
		}
		d.addCompetitors(names)
		st.cards = append(st.cards, c)
		return
	}

	// Talk tracks: a quotation as a paragraph of its own ("Example: ..."
	// included); and blockquotes, the page's own model answers.
	var track []ast.Node
	intro, prev := "", ""
	for i, b := range blocks {
		if used[b] {
			continue
		}
		switch b := b.(type) {
		case *ast.Blockquote:
			lead, rest := p.quoteLead(b)
			q := title + ": what is the advice?"
			switch {
			case lead != "":
				q = title + ": " + lead
			case strings.HasSuffix(prev, ":") || strings.HasSuffix(prev, "?"):
				q = title + ": " + strings.TrimSuffix(prev, ":")
			}
			if ans := p.lines(rest); len(ans) > 0 {
				st.cards = append(st.cards, &card{kind: kindRecall, question: q, answer: ans})
			}
			used[b] = true
			prev = ""
		case *ast.Paragraph:
			t := txt[i]
			if isQuoted(t) || isQuoted(strings.TrimSpace(strings.TrimPrefix(t, "Example:"))) {
				track = append(track, b)
			} else if intro == "" && len(track) == 0 {
				intro = t
			}
			prev = t
		default:
			prev = ""
		}
	}
	if len(track) > 0 {
		q := title + ": what do you say?"
		if intro != "" {
			q = title + ": " + firstSentence(intro) + " What do you say?"
		}
		ans := p.lines(track)
		for i, l := range ans {
			ans[i] = strings.TrimSpace(strings.TrimPrefix(l, "Example:"))
		}
		st.cards = append(st.cards, &card{kind: kindRecall, question: q, answer: ans})
		return
	}
	if len(st.cards) > before {
		return
	}

	// A technique with prose of its own: explain it.
	if !isStep && (len(st.cards) == before || len(st.cards) == clozes) {
		ans := p.lines(unused(blocks, used))
		if len(strings.Fields(joinLines(ans))) >= 8 {
			st.cards = append(st.cards, &card{kind: kindRecall, question: "Explain \"" + title + "\".", answer: ans})
		}
	}
}

// clozes makes a cloze card set of each paragraph or list item in blocks
// with key phrases in bold.
func (d *doc) clozes(st *step, blocks []ast.Node, used map[ast.Node]bool) {
	for _, b := range blocks {
		if used[b] {
			continue
		}
		switch b := b.(type) {
		case *ast.Paragraph:
			if t := d.clozeOf(b); t != "" {
				st.cards = append(st.cards, &card{kind: kindCloze, question: t})
			}
		case *ast.List:
			for it := b.FirstChild(); it != nil; it = it.NextSibling() {
				if para := it.FirstChild(); para != nil {
					if t := d.clozeOf(para); t != "" {
						st.cards = append(st.cards, &card{kind: kindCloze, question: t})
					}
				}
			}
		}
	}
}

// resultIn finds what a step's own text says it must reach: the items of
// a list announced as its objectives or goals, or the rest of a sentence
// saying what the step "is defined as", "the goal is" and the like.
func (p *page) resultIn(blocks []ast.Node, txt []string) string {
	for i, b := range blocks {
		if l, ok := b.(*ast.List); ok && i > 0 && strings.HasSuffix(txt[i-1], ":") {
			lead := lastSentence(txt[i-1])
			if containsFold(lead, "objective") || containsFold(lead, "goal") || containsFold(lead, "outcome") {
				var items []string
				for it := l.FirstChild(); it != nil; it = it.NextSibling() {
					if t := p.itemText(it.FirstChild()); t != "" {
						items = append(items, strings.TrimRight(t, ".;"))
					}
				}
				if len(items) > 0 && len(items) <= 6 {
					return strings.Join(items, "; ")
				}
			}
		}
	}
	for _, t := range txt {
		if !strings.Contains(t, " is ") {
			continue // every phrase below has it
		}
		for _, w := range []string{"is defined as ", "the goal is ", "the goal here is ", "the objective is ", "the aim is "} {
			if i := indexFold(t, w); i >= 0 {
				rest := t[i+len(w):]
				if end := strings.IndexAny(rest, ".!?"); end > 0 {
					rest = rest[:end]
				}
				rest = strings.TrimSpace(rest)
				for _, lead := range []string{"when ", "that "} {
					rest = strings.TrimPrefix(rest, lead)
				}
				if n := len(strings.Fields(rest)); n >= 2 && n <= 30 {
					r, size := utf8.DecodeRuneInString(rest)
					return string(unicode.ToUpper(r)) + rest[size:]
				}
			}
		}
	}
	return ""
}

// indexFold is strings.Index ignoring the case of ASCII sub (lower case).
func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i]|0x20 == sub[0] && strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// containsFold reports whether s contains sub (lower-case ASCII), ignoring
// case, without making a lower-case copy of s.
func containsFold(s, sub string) bool { return indexFold(s, sub) >= 0 }

// hasBold reports whether n has a **bold** span among its inline nodes.
func hasBold(n ast.Node) bool {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if em, ok := c.(*ast.Emphasis); ok && em.Level == 2 || c.Type() == ast.TypeInline && c.HasChildren() && hasBold(c) {
			return true
		}
	}
	return false
}

// maxStepCards is the most cards a draft gives a step, under the format's
// limit: a page's long list of questions is cut short rather than refused.
const maxStepCards = markdown.MaxCards - 10

// maxDone is the most done-when criteria a draft gives a step.
const maxDone = 50

// maxRows is the most rows a table card set takes.
const maxRows = 100

// limit keeps a step's cards and criteria within the format's limits.
func (st *step) limit() {
	if len(st.done) > maxDone {
		st.done = st.done[:maxDone]
	}
	n := 1 // the result card
	for i, c := range st.cards {
		switch c.kind {
		case kindClassify:
			if len(c.rows) > maxRows {
				c.rows = c.rows[:maxRows]
			}
			n += len(c.rows)
		case kindCloze:
			n += strings.Count(c.question, "**") / 2
		default:
			n++
		}
		if n > maxStepCards {
			st.cards = st.cards[:i]
			st.cut = true
			return
		}
	}
}

// anyOf makes a card of a list with four or more short items (their
// words before " - " or ": ", seven words at most; longer items are left
// out): the rep names any few of them, an "any N of" key point.
func (d *doc) anyOf(l *ast.List, title, lead string) *card {
	p := d.p
	var items, lines []string
	for it := l.FirstChild(); it != nil; it = it.NextSibling() {
		t := p.itemText(it.FirstChild())
		if a, _, ok := cutPair(t); ok {
			t = a
		}
		t = strings.TrimSpace(strings.Trim(strings.NewReplacer(",", " ", ";", " ", "|", " ").Replace(t), " :"))
		if t == "" || len(strings.Fields(t)) > 7 || !strings.ContainsFunc(t, unicode.IsLetter) || !d.makesAlone(oneLine(t)) {
			continue // a sentence, not an item to name
		}
		items = append(items, oneLine(t))
		lines = append(lines, "- "+escLine(oneLine(t)))
	}
	if len(items) < 4 || len(items) > 30 {
		return nil
	}
	n := min(3, (len(items)+1)/2)
	q := title + ": " + strings.TrimSpace(strings.TrimSuffix(lastSentence(lead), ":")) + " (name any " + strconv.Itoa(n) + ")"
	return &card{kind: kindRecall, question: q, answer: lines, fixed: true,
		points: []string{"any " + strconv.Itoa(n) + " of: " + strings.Join(items, ", ")}}
}

func unused(blocks []ast.Node, used map[ast.Node]bool) []ast.Node {
	var out []ast.Node
	for _, b := range blocks {
		if !used[b] {
			out = append(out, b)
		}
	}
	return out
}

// isChecklistText reports whether a heading or lead-in line announces a
// checklist: what must be true before going on.
func isChecklistText(s string) bool {
	for _, w := range []string{"checklist", "exit criteria", "done when", "definition of done", "before moving on", "before you move on"} {
		if containsFold(s, w) {
			return true
		}
	}
	return false
}

func isTaskList(l *ast.List) bool {
	for it := l.FirstChild(); it != nil; it = it.NextSibling() {
		if p := it.FirstChild(); p != nil {
			if _, ok := p.FirstChild().(*extast.TaskCheckBox); ok {
				return true
			}
		}
	}
	return false
}

// isQuoted reports whether s is a quotation: it opens with a quote mark and
// most of it is inside quotes.
func isQuoted(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasPrefix(s, "\"") || strings.HasPrefix(s, "“")
}

// unquote drops the quote marks around an objection.
func unquote(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimLeft(s, "\"“")
	s = strings.TrimRight(s, "\"”")
	return strings.TrimSpace(s)
}

// cutArrow cuts the arrow a response starts with ("→", "->").
func cutArrow(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, a := range []string{"→", "->", "=>"} {
		if r, ok := strings.CutPrefix(s, a); ok && strings.TrimSpace(r) != "" {
			return strings.TrimSpace(r), true
		}
	}
	return "", false
}

// cutPair splits "objection - response" (or a colon or a dash).
func cutPair(s string) (string, string, bool) {
	for _, sep := range []string{" - ", " – ", " — ", ": "} {
		if a, b, ok := strings.Cut(s, sep); ok && strings.TrimSpace(a) != "" && strings.TrimSpace(b) != "" {
			return strings.TrimSpace(a), strings.TrimSpace(b), true
		}
	}
	return "", "", false
}

// lastSentence is the last sentence of s.
func lastSentence(s string) string {
	for i := len(s) - 2; i > 0; i-- {
		if (s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i+1] == ' ' {
			return s[i+1:]
		}
	}
	return s
}

// firstSentence is the first sentence of s, at most about 200 characters.
func firstSentence(s string) string {
	for i, r := range s {
		if i > 200 {
			return strings.TrimSpace(s[:i]) + "…"
		}
		if (r == '.' || r == '!' || r == '?') && (i+1 == len(s) || s[i+1] == ' ') {
			return s[:i+1]
		}
	}
	s = strings.TrimSuffix(s, ":")
	if strings.HasSuffix(strings.TrimRight(s, "\"”'’)"), ".") {
		return s
	}
	return s + "."
}

// tableCard makes a classify card set from a table: the first column is
// what is classified, the second its answer, further columns why.
func (p *page) tableCard(t *extast.Table, title string) *card {
	var header []string
	var rows [][]string
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		var cells []string
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, p.inline(c))
		}
		if _, ok := r.(*extast.TableHeader); ok {
			header = cells
			continue
		}
		if len(cells) >= 2 && cells[0] != "" && cells[1] != "" {
			rows = append(rows, cells)
		}
	}
	if len(header) < 2 || len(rows) < 2 {
		return nil
	}
	what, answer := strings.ToLower(header[0]), strings.ToLower(header[1])
	if what == "" {
		what = "row"
	}
	if answer == "" {
		answer = "answer"
	}
	q := "Which " + answer + " goes with each " + what + "?"
	if title != "" {
		q = title + ": which " + answer + " goes with each " + what + "?"
	}
	return &card{kind: kindClassify, question: q, header: header, rows: rows}
}

// clozeOf is the `Cloze:` text of n, when its every blank is words the
// grader reads as written.
func (d *doc) clozeOf(n ast.Node) string {
	t := d.p.clozeText(n)
	parts := strings.Split(t, "**")
	for i := 1; i < len(parts); i += 2 {
		if !d.makesAlone(parts[i]) {
			return ""
		}
	}
	return t
}

// clozeSpan reports whether bold text can be a cloze's blank: words, with
// a letter in them, and no more punctuation than words carry (an
// apostrophe, a hyphen), so that the grader reads
// the rep's answer as the same words.
func clozeSpan(t string) bool {
	letter := false
	for _, r := range t {
		switch {
		case unicode.IsLetter(r):
			letter = true
		case unicode.IsDigit(r), r == ' ', r == '\'', r == '’', r == '-':
		default:
			return false
		}
	}
	return letter
}

// clozeText is a paragraph or list item with **bold** words in a sentence
// of its own, written as a `Cloze:` text (the bold spans kept, other markup
// dropped); "" when it is not one: no bold, all bold, or bold too long to
// be a word or phrase to recall.
func (p *page) clozeText(n ast.Node) string {
	if !hasBold(n) {
		return ""
	}
	var b strings.Builder
	spans, outside := 0, 0
	var walk func(n ast.Node) bool
	walk = func(n ast.Node) bool {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if em, ok := c.(*ast.Emphasis); ok && em.Level == 2 {
				t := p.inline(em)
				if t == "" || !clozeSpan(t) || len(strings.Fields(t)) > 8 {
					return false
				}
				b.WriteString("**" + t + "**")
				spans++
				continue
			}
			switch c := c.(type) {
			case *ast.Text:
				t := string(c.Segment.Value(p.src))
				if strings.Contains(t, "*") {
					return false
				}
				outside += len(strings.Fields(t))
				b.WriteString(t)
				if c.SoftLineBreak() || c.HardLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				if strings.Contains(string(c.Value), "*") {
					return false
				}
				b.Write(c.Value)
			case *ast.RawHTML, *extast.TaskCheckBox:
			default:
				if !walk(c) {
					return false
				}
			}
		}
		return true
	}
	if !walk(n) || spans == 0 || spans > 3 || outside < 4 {
		return ""
	}
	t := oneLine(b.String())
	// A blank is whole words: bold inside a word ("re**sell**ers") is not
	// a word the rep can write on its own.
	parts := strings.Split(t, "**")
	for i := 1; i < len(parts); i += 2 {
		before, _ := utf8.DecodeLastRuneInString(parts[i-1])
		after, _ := utf8.DecodeRuneInString(parts[i+1])
		if unicode.IsLetter(before) || unicode.IsDigit(before) || unicode.IsLetter(after) || unicode.IsDigit(after) {
			return ""
		}
	}
	if len(t) > 300 {
		// Only the sentences with the key phrases.
		var keep []string
		for _, sentence := range strings.SplitAfter(t, ". ") {
			if strings.Contains(sentence, "**") {
				keep = append(keep, strings.TrimSpace(sentence))
			}
		}
		t = strings.Join(keep, " ")
		if strings.Count(t, "**")%2 != 0 || len(t) > 400 {
			return ""
		}
	}
	return t
}

// comparisonTable reads a table that compares the product with others
// (| Feature | Us | Rival A | Rival B |): under a heading that compares
// ("vs", "comparison", "competitors", "alternatives"), or whose first
// column is features, or whose second is "us". Each column after the
// second is a competitor; its differentiator's answer is every row where
// the two differ.
func (d *doc) comparisonTable(t *extast.Table, title string) []*card {
	p := d.p
	var rows [][]string
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		var cells []string
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, p.inline(c))
		}
		rows = append(rows, cells)
	}
	if len(rows) < 2 || len(rows[0]) < 3 {
		return nil
	}
	head := rows[0]
	first, second := strings.ToLower(head[0]), strings.ToLower(head[1])
	comparing := containsFold(title, " vs") || containsFold(title, "compar") || containsFold(title, "competit") || containsFold(title, "alternative") ||
		strings.HasPrefix(first, "feature") || strings.HasPrefix(first, "capabilit") || second == "us" || second == "we" || second == "ours"
	if !comparing {
		return nil
	}
	self := head[1]
	if second == "us" || second == "we" || second == "ours" || self == "" {
		self = "we"
	}
	var out []*card
	for j := 2; j < len(head); j++ {
		name := strings.TrimSpace(head[j])
		if name == "" || len(strings.Fields(name)) > 4 {
			continue
		}
		var ans []string
		for _, r := range rows[1:] {
			if len(r) <= j || r[0] == "" || strings.EqualFold(r[1], r[j]) {
				continue
			}
			ans = append(ans, "- "+escLine(r[0]+": "+self+" "+r[1]+"; "+name+" "+r[j]))
		}
		if len(ans) == 0 {
			continue
		}
		d.addCompetitors([]string{name})
		out = append(out, &card{kind: kindDifferentiator, question: "How are you different from " + name + "?", answer: ans})
	}
	return out
}

// comparison finds the names a question compares the product with: "How
// is A different from B?", "the difference between A and B", "A vs B".
func (d *doc) comparison(q string) ([]string, bool) {
	l := strings.ToLower(q)
	for _, w := range []string{"different from ", "differ from ", "compared to ", "compared with ", "compare to ", "compare with ", "alternative to "} {
		if i := strings.Index(l, w); i >= 0 {
			return d.names(q[i+len(w):]), true
		}
	}
	if i := strings.Index(l, "difference between "); i >= 0 {
		rest := q[i+len("difference between "):]
		a, b, _ := strings.Cut(rest, " and ")
		return d.names(a, b), true
	}
	if names, ok := d.versus(q); ok {
		return names, true
	}
	return nil, false
}

// versus finds "A vs B" and returns the names in it other than the
// product's own; ok is false when there is no name.
func (d *doc) versus(s string) ([]string, bool) {
	l := strings.ToLower(s)
	for _, w := range []string{" vs. ", " vs ", " versus "} {
		if i := strings.Index(l, w); i >= 0 {
			left := s[:i]
			if j := strings.LastIndexAny(left, ",:;?(—–"); j >= 0 {
				left = left[j+1:]
			}
			right := s[i+len(w):]
			want := 0
			for _, c := range []string{left, right} {
				if strings.TrimSpace(c) != "" {
					want++
				}
			}
			all := d.names(left, right)
			if len(all) == 0 || d.dropped < want {
				return nil, false
			}
			return all, true
		}
	}
	return nil, false
}

// names keeps the candidates that read as names (capitalised, at most four
// words, never written in lower case on the page) and drops the product's
// own name: the one the page names far more often.
func (d *doc) names(cands ...string) []string {
	d.dropped = 0
	var out []string
	for _, c := range cands {
		c = strings.TrimSpace(c)
		if i := strings.IndexAny(c, "?(,;:!"); i >= 0 {
			c = c[:i]
		}
		for _, w := range []string{" for ", " in ", " when ", " if ", " on ", " at "} {
			if i := strings.Index(c, w); i >= 0 {
				c = c[:i]
			}
		}
		c = strings.TrimSpace(strings.TrimPrefix(c, "the "))
		c = strings.Trim(c, " .\"'“”")
		if c == "" || len(strings.Fields(c)) > 4 || len(c) > 40 {
			continue
		}
		r := []rune(c)
		if !unicode.IsUpper(r[0]) && !unicode.IsDigit(r[0]) {
			continue
		}
		if !d.p.isName(c) {
			continue // "Technical Problems" is also "technical problems"
		}
		out = append(out, c)
	}
	// dropped counts the names found, the product's own included.
	d.dropped = len(out)
	if len(out) == 2 {
		counts := []int{d.p.count(out[0]), d.p.count(out[1])}
		switch {
		case counts[0] >= 2*counts[1]:
			out = out[1:]
		case counts[1] >= 2*counts[0]:
			out = out[:1]
		}
	}
	return out
}

// addCompetitors adds names to the draft's competitors, once each.
func (d *doc) addCompetitors(names []string) {
	for _, n := range names {
		dup := false
		for _, c := range d.competitors {
			dup = dup || strings.EqualFold(c, n)
		}
		if !dup && len(d.competitors) < 50 {
			d.competitors = append(d.competitors, n)
		}
	}
}
