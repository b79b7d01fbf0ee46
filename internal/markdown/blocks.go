package markdown

import (
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"

	"github.com/playdrill/playdrill/internal/playbook"
)

// marker is a line prefix the format gives meaning to.
type marker int

const (
	mNone marker = iota
	mResult
	mMust
	mNever
	mQ
	mA
	mDone
	mCloze
)

var markers = []struct {
	m      marker
	prefix string
}{
	{mResult, "Result:"},
	{mMust, "Must mention:"},
	{mNever, "Never say:"},
	{mQ, "Q:"},
	{mA, "A:"},
	{mDone, "Done when:"},
	{mCloze, "Cloze:"},
}

// markerOf finds the marker a paragraph line starts with (ignoring case)
// and how many bytes it takes.
func markerOf(line string) (marker, string, int) {
	for _, m := range markers {
		if len(line) >= len(m.prefix) && strings.EqualFold(line[:len(m.prefix)], m.prefix) {
			return m.m, m.prefix, len(m.prefix)
		}
	}
	return mNone, "", 0
}

// pending is a marker line whose text may go on over the next lines.
type pending struct {
	m    marker
	name string
	text string
	off  int
}

// paragraph reads a paragraph line by line: markers start cards, results,
// key points and done-when lists; other lines go on the marker before them
// or are prose.
func (f *fileParser) paragraph(p *ast.Paragraph, off int) {
	s := f.step
	if s != nil {
		f.endDoneWhen()
		s.stem = nil
		if f.tableStem(p) {
			return
		}
	}
	var cur *pending
	var held pending // what cur points at: one per paragraph, not per line
	curOwn := false  // cur is a line readers see apart from the prose
	sawMarker := false
	flush := func() {
		if cur != nil {
			f.flush(cur)
			cur = nil
		}
	}
	lines := p.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		raw := f.text[f.base+seg.Start : f.base+seg.Stop]
		line := strings.TrimSpace(raw)
		lineOff := f.base + seg.Start + (len(raw) - len(strings.TrimLeft(raw, " \t")))
		m, name, n := markerOf(line)
		if m != mNone && s == nil {
			if f.orphanHeading != "" {
				f.errorf(lineOff, msgUnderNonStep, name, "### "+f.orphanHeading, f.orphanHeading)
			} else {
				f.errorf(lineOff, msgSectionOutside, name)
			}
			continue
		}
		if s != nil {
			f.checkLine(m, name, line, lineOff, cur != nil)
		}
		if m == mResult && s.sec != secTop || (m == mQ || m == mA) && s.sec != secDrill && s.sec != secObj || m == mDone && s.sec != secTop || m == mCloze && s.sec != secDrill {
			m = mNone // the prose of another section
		}
		if m == mNone {
			if cur != nil && cur.m != mA {
				cur.text += " " + line
			}
			if curOwn {
				f.cutFromProse(lineOff)
			}
			continue
		}
		sawMarker = true
		flush()
		curOwn = s.sec == secTop && (m == mResult || m == mDone || (m == mMust || m == mNever) && s.target != nil && s.target.c == s.result)
		if curOwn {
			f.cutFromProse(lineOff)
		}
		rest := strings.TrimSpace(line[n:])
		switch m {
		case mA:
			oc := s.card
			if oc == nil || oc.hasA || oc.isDiff || oc.choice {
				f.errorf(lineOff, msgANoQ)
				continue
			}
			oc.hasA = true
			// The answer starts after "A:" and the spaces after it.
			oc.answer = lineOff + n + (len(line[n:]) - len(strings.TrimLeft(line[n:], " \t")))
		case mMust, mNever:
			if s.target == nil {
				switch {
				case s.afterCloze:
					f.errorf(lineOff, msgClozeKeyPoints, name)
				case s.proseQ:
					// The `Q:` above was warned about: these lines go
					// with it.
				default:
					f.errorf(lineOff, msgMarkerOrphan, name)
				}
				continue
			}
			if t := s.target; t.answer >= 0 && lineOff >= t.answer {
				t.cuts = append(t.cuts, [2]int{f.lineStart(lineOff), f.lineEnd(lineOff)})
			}
		case mQ, mCloze:
			f.closeCard(f.lineStart(lineOff))
		}
		if m != mMust && m != mNever {
			s.afterCloze = false
		}
		held = pending{m: m, name: name, text: rest, off: lineOff}
		cur = &held
	}
	flush()
	if s == nil {
		return
	}
	if !sawMarker {
		s.target = s.card
	}
}

// checkLine warns about a paragraph line of a step that is read as prose
// although its author most likely meant it as part of the format: a card
// outside `### Drill`, a result after a `###` heading, a misspelled label,
// a list item indented into the line above. m is the marker the line
// starts with, before it is turned into prose for its section.
func (f *fileParser) checkLine(m marker, name, line string, off int, continues bool) {
	s := f.step
	switch {
	case m == mQ && s.sec == secProse:
		f.warnf(off, msgQNoCards, s.secTitle)
		s.proseQ = true
	case m == mCloze && s.sec != secDrill:
		f.warnf(off, msgClozeOutside)
	case s.sec == secProse:
		// Other prose sections are the author's own.
	case m == mQ && s.sec != secDrill && s.sec != secObj:
		f.warnf(off, msgQOutsideDrill)
	case (m == mResult || m == mDone) && s.sec != secTop:
		f.warnf(off, msgMarkerInSection, name, "### "+s.secTitle)
	case m == mNone:
		if label, want := nearMarker(line, s.sec); want != "" {
			f.warnf(off, msgLabelTypo, label, want)
		} else if continues && indentedItem(f.text[f.lineStart(off):off], line) {
			f.warnf(off, msgIndentedItem)
		}
	}
}

// nearMarker finds a line that starts with what looks like a label of the
// format but is not one: "Result :", "Must-mention:", "**Never say:**",
// "Question:", or "Done when" with no colon. It returns the label as
// written and the label meant, or "" when the line is ordinary prose.
// Only labels that belong in the section are suggested.
func nearMarker(line string, sec section) (string, string) {
	label, written := line, line
	i := strings.IndexByte(line, ':')
	if i >= 0 {
		label = line[:i]
		j := i + 1
		for j < len(line) && (line[j] == '*' || line[j] == '_') {
			j++
		}
		written = line[:j]
	} else if len(line) > 20 {
		return "", ""
	}
	if len(label) > 30 {
		return "", ""
	}
	for i := 0; i < len(label); i++ {
		switch c := label[i]; {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == ' ', c == '\t', c == '-', c == '\'', c == '*', c == '_':
		default:
			return "", "" // "a) ...", "Note (result): ...": prose
		}
	}
	got := letters(label)
	for _, l := range labels {
		if !l.anywhere && (l.drill && sec != secDrill || !l.drill && sec != secTop) {
			continue
		}
		if l.exact && got != l.letters || !l.exact && !closeTo(got, l.letters) {
			continue
		}
		if i < 0 && got != l.letters {
			return "", "" // no colon: only the label itself, alone on its line
		}
		return written, l.want
	}
	return "", ""
}

// labels are the spellings nearMarker recognises: each marker's own
// letters, close misspellings of them, and a few words authors use instead.
var labels = []struct {
	letters  string
	want     string
	exact    bool // only these letters, no misspelling
	drill    bool // belongs under `### Drill`, else right under the step
	anywhere bool // key points go wherever there is an answer
}{
	{letters: "result", want: "Result:"},
	{letters: "donewhen", want: "Done when:"},
	{letters: "mustmention", want: "Must mention:", anywhere: true},
	{letters: "neversay", want: "Never say:", anywhere: true},
	{letters: "nevermention", want: "Never say:", anywhere: true},
	{letters: "dontsay", want: "Never say:", exact: true, anywhere: true},
	{letters: "mustinclude", want: "Must mention:", anywhere: true},
	{letters: "keypoints", want: "Must mention:", anywhere: true},
	{letters: "q", want: "Q:", exact: true, drill: true},
	{letters: "question", want: "Q:", drill: true},
	{letters: "a", want: "A:", exact: true, drill: true},
	{letters: "answer", want: "A:", drill: true},
}

// indentedItem reports whether a paragraph's continuation line, with the
// indent before it, is a list item indented by a tab or four spaces: CommonMark reads it as more text
// of the line above, so a `Done when:` list written so becomes one
// criterion.
func indentedItem(indent, line string) bool {
	if !strings.Contains(indent, "\t") && len(indent) < 4 {
		return false
	}
	return looksLikeItem(line)
}

// looksLikeItem reports whether a line starts with a list marker.
func looksLikeItem(line string) bool {
	if len(line) >= 2 && strings.ContainsRune("-*+", rune(line[0])) && (line[1] == ' ' || line[1] == '\t') {
		return true
	}
	i := 0
	for i < len(line) && i < 9 && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(line) && (line[i] == '.' || line[i] == ')') && (line[i+1] == ' ' || line[i+1] == '\t')
}

// flush acts on a complete marker line.
func (f *fileParser) flush(p *pending) {
	s := f.step
	text := strings.TrimSpace(p.text)
	switch p.m {
	case mResult:
		if s.result != nil {
			f.errorf(p.off, msgTwoResults, s.s.ID)
			return
		}
		if text == "" {
			f.errorf(p.off, msgEmptyResult)
		}
		c := f.newCard(playbook.KindResult, "result", resultPrompt(s.s.Title), p.off)
		c.Answer = f.plain(text)
		s.s.Result = f.plain(text)
		s.result = c
		s.resultCard = openCard{c: c, answer: -1, target: true, cuts: s.resultCard.cuts[:0]}
		s.target = &s.resultCard
	case mMust:
		points := f.keyPoints(text, p.name, p.off)
		s.target.c.MustMention = appendOrTake(s.target.c.MustMention, points)
		if s.target.c == s.result {
			s.s.MustMention = s.result.MustMention
		}
	case mNever:
		phrases := f.phrases(text, p.name, p.off)
		s.target.c.NeverSay = appendOrTake(s.target.c.NeverSay, phrases)
		if s.target.c == s.result {
			s.s.NeverSay = s.result.NeverSay
		}
	case mCloze:
		f.cloze(text, p.off)
	case mQ:
		prompt, id := f.explicitID(text, p.off)
		explicit := id != ""
		prompt = f.plain(prompt)
		if prompt == "" {
			f.errorf(p.off, msgEmptyQ)
		}
		if id == "" {
			id = questionSlug(prompt)
		}
		kind := playbook.KindRecall
		if s.sec == secObj {
			kind, prompt = playbook.KindObjection, unquote(prompt)
			if !explicit {
				id = "obj-" + id
			}
			s.objs = -1
		}
		c := f.newCard(kind, id, prompt, p.off)
		s.drill = -1
		s.card = s.openCard(openCard{c: c, answer: -1, target: true, pos: p.off})
		s.target = s.card
	case mDone:
		s.hasDone = true
		if text != "" {
			s.s.DoneWhen = append(s.s.DoneWhen, f.plain(text))
		} else {
			s.doneWhen = p.off
		}
	}
}

// explicitID splits a `{#id}` off the end of a `Q:` or `Cloze:` text that
// starts at off, checking and noting it.
func (f *fileParser) explicitID(text string, off int) (string, string) {
	if !strings.HasSuffix(text, "}") {
		return text, ""
	}
	i := strings.LastIndex(text, "{#")
	if i < 0 {
		return text, ""
	}
	id := text[i+2 : len(text)-1]
	if !validID(id) {
		f.errorf(off, msgBadID, id)
	}
	f.noteQuestionID(off, id)
	return strings.TrimSpace(text[:i]), id
}

// noteQuestionID records the `{#id}` closing the question that starts at
// off, with the blanks before it: like a heading's, it is for playdrill,
// and the step's body leaves it out.
func (f *fileParser) noteQuestionID(off int, id string) {
	i := strings.Index(f.text[off:], "{#"+id+"}")
	if i < 0 {
		return
	}
	end := off + i + len(id) + 3
	cut := off + len(strings.TrimRight(f.text[off:off+i], " \t"))
	at, _ := slices.BinarySearchFunc(f.idAttrs, cut, func(r [2]int, o int) int { return r[0] - o })
	f.idAttrs = slices.Insert(f.idAttrs, at, [2]int{cut, end})
}

// resultPrompt is the question a result card asks: the title quoted as
// Go's %q would, built without fmt, which shows in a large playbook.
func resultPrompt(title string) string {
	const before, after = "What result must the step ", " reach?"
	for i := 0; i < len(title); i++ {
		if c := title[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			return before + strconv.Quote(title) + after
		}
	}
	// Printable ASCII with no quote or backslash quotes as itself.
	return before + `"` + title + `"` + after
}

// keyPoints parses `Must mention:` text: points separated by ';',
// alternates within a point by '|'. The points share one slice of
// alternates, each capped so that appending to one cannot reach the next.
func (f *fileParser) keyPoints(text, name string, off int) []playbook.KeyPoint {
	bad := text == ""
	parts := strings.Count(text, ";") + 1
	points := make([]playbook.KeyPoint, 0, parts)
	alts := make([]string, 0, parts+strings.Count(text, "|"))
	for part := range strings.SplitSeq(text, ";") {
		if need, items, ok := anyOf(part); ok {
			kp, good, empty := f.anyPoint(part, need, items, off)
			if good {
				points = append(points, kp)
			}
			bad = bad || empty
			continue
		}
		first := len(alts)
		for alt := range strings.SplitSeq(part, "|") {
			alt = f.plain(strings.TrimSpace(alt))
			if alt == "" {
				bad = true
				continue
			}
			alts = append(alts, alt)
		}
		if len(alts) > first {
			points = append(points, playbook.KeyPoint{Alternates: alts[first:len(alts):len(alts)]})
		}
	}
	if bad {
		f.errorf(off, msgEmptyKeyPoint, name)
	}
	if len(points) == 0 {
		return nil
	}
	return points
}

// phrases parses `Never say:` text: phrases separated by ';'.
func (f *fileParser) phrases(text, name string, off int) []string {
	bad := text == ""
	out := make([]string, 0, strings.Count(text, ";")+1)
	for part := range strings.SplitSeq(text, ";") {
		part = f.plain(strings.TrimSpace(part))
		if part == "" {
			bad = true
			continue
		}
		out = append(out, part)
	}
	if bad {
		f.errorf(off, msgEmptyKeyPoint, name)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// appendOrTake appends more to list, or takes more as the list when list
// is empty, saving a copy in the common case of one marker line.
func appendOrTake[T any](list, more []T) []T {
	if len(list) == 0 && more != nil {
		return more
	}
	return append(list, more...)
}

// list is a `Done when:` list, a choice's options, or prose.
func (f *fileParser) list(l *ast.List, off int) {
	s := f.step
	if s == nil {
		return
	}
	switch {
	case s.doneWhen >= 0:
		s.doneWhen = -1
		s.proseCuts = append(s.proseCuts, [2]int{f.lineStart(off), f.nodeEnd(l, off)})
		for it := l.FirstChild(); it != nil; it = it.NextSibling() {
			if t := f.itemText(it); t != "" {
				if s.s.DoneWhen == nil {
					s.s.DoneWhen = make([]string, 0, l.ChildCount())
				}
				s.s.DoneWhen = append(s.s.DoneWhen, t)
			}
		}
		if len(s.s.DoneWhen) == 0 {
			f.errorf(off, msgEmptyDoneWhen)
		}
	case s.sec == secDrill && s.card != nil && !s.card.hasA && !s.card.choice && !s.card.isDiff:
		f.choice(s.card, l)
	}
	s.target = s.card
}

// cutFromProse leaves the line at off out of the step's prose.
func (f *fileParser) cutFromProse(off int) {
	s := f.step
	s.proseCuts = append(s.proseCuts, [2]int{f.lineStart(off), f.lineEnd(off)})
}

// nodeEnd is the offset just after the last source line of n (which
// starts at off).
func (f *fileParser) nodeEnd(n ast.Node, off int) int {
	end := f.lineEnd(off)
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && c.Type() == ast.TypeBlock {
			if ls := c.Lines(); ls.Len() > 0 {
				end = max(end, f.lineEnd(f.base+ls.At(ls.Len()-1).Start))
			}
		}
		return ast.WalkContinue, nil
	})
	return end
}

// itemText is the plain text of a list item's first block.
func (f *fileParser) itemText(it ast.Node) string {
	first := it.FirstChild()
	if first == nil {
		return ""
	}
	return f.plain(strings.TrimSpace(f.inlineString(first)))
}

// choice reads a task list as the options of the open `Q:`.
func (f *fileParser) choice(oc *openCard, l *ast.List) {
	c := oc.c
	oc.choice = true
	c.Kind = playbook.KindChoice
	for it := l.FirstChild(); it != nil; it = it.NextSibling() {
		off := f.offset(it)
		box := taskBox(it)
		t := f.itemText(it)
		if box == nil {
			f.errorf(off, msgOptionNoBox, t)
			continue
		}
		if t == "" {
			f.errorf(off, msgEmptyOption)
			continue
		}
		for sub := it.FirstChild(); sub != nil; sub = sub.NextSibling() {
			if sub.Kind() == ast.KindList {
				f.errorf(off, msgOptionNested, t)
				break
			}
		}
		if box.IsChecked {
			c.Correct = append(c.Correct, len(c.Options))
		}
		if c.Options == nil {
			c.Options = make([]string, 0, l.ChildCount())
		}
		c.Options = append(c.Options, t)
	}
	if len(c.Options) < 2 {
		f.errorf(oc.pos, msgChoiceFew, c.Prompt)
	}
	if n := len(c.Options); n > maxOptions {
		f.errorf(oc.pos, msgTooManyOptions, c.Prompt, n, maxOptions)
	}
	if len(c.Correct) == 0 {
		f.errorf(oc.pos, msgChoiceNoCorrect, c.Prompt)
	}
	var b strings.Builder
	for _, i := range c.Correct {
		b.WriteString("- ")
		b.WriteString(c.Options[i])
		b.WriteByte('\n')
	}
	c.Answer = strings.TrimSpace(b.String())
}

// taskBox is a list item's checkbox, if it has one.
func taskBox(it ast.Node) *extast.TaskCheckBox {
	first := it.FirstChild()
	if first == nil {
		return nil
	}
	box, _ := first.FirstChild().(*extast.TaskCheckBox)
	return box
}

// table is a rules of engagement table, a table under a `Q:` line, or
// prose.
func (f *fileParser) table(t *extast.Table, off int) {
	s := f.step
	if s == nil || s.sec != secRules && s.stem == nil {
		f.prose(off)
		return
	}
	f.endDoneWhen()
	q := s.stem
	s.stem = nil
	s.target = nil
	var rows [][]string
	var rowOff []int
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		var cells []string
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			var b strings.Builder
			f.inlineText(&b, c)
			cells = append(cells, f.plain(strings.TrimSpace(b.String())))
		}
		rows = append(rows, cells)
		rowOff = append(rowOff, f.offset(r))
	}
	if len(rows) == 0 {
		return
	}
	if s.sec == secRules {
		s.rules = -1
	}
	if q != nil {
		f.questionTable(q, rows, rowOff, off)
		return
	}
	head := rows[0]
	want := []string{"situation", "category", "why"}
	if len(head) != len(want) || !equalFold(head, want) {
		f.errorf(off, msgRulesColumns, strings.Join(head, " | "))
		return
	}
	var cats []string
	var cards []*playbook.Card
	var catOf []int
	for i, row := range rows[1:] {
		at := rowOff[i+1]
		situation, category, why := row[0], row[1], row[2]
		if situation == "" {
			f.errorf(at, msgRulesEmptyCell, "situation")
			continue
		}
		if category == "" {
			f.errorf(at, msgRulesEmptyCell, "category")
			continue
		}
		ci := f.category(&cats, category, at)
		c := f.newCard(playbook.KindClassify, "roe-"+slug(situation), situation, at)
		c.Why = why
		c.Answer = cats[ci]
		cards = append(cards, c)
		catOf = append(catOf, ci)
	}
	if len(cards) > 0 && len(cats) < 2 {
		f.errorf(off, msgRulesOneCat)
	}
	for i, c := range cards {
		c.Options = append([]string(nil), cats...)
		c.Correct = []int{catOf[i]}
	}
}

func equalFold(a, b []string) bool {
	for i := range a {
		if !strings.EqualFold(a[i], b[i]) {
			return false
		}
	}
	return true
}

func indexFold(list []string, s string) int {
	for i, v := range list {
		if strings.EqualFold(v, s) {
			return i
		}
	}
	return -1
}
