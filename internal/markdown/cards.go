package markdown

import (
	"strconv"
	"strings"

	"github.com/agnivade/levenshtein"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"

	"github.com/playdrill/playdrill/internal/playbook"
)

// blank is what stands for the words a cloze card hides.
const blank = "_____"

// cloze makes one card per `**bold**` span of a `Cloze:` paragraph: the
// rep reads the text with that span blanked and writes it. The span is the
// card's one key point; `|` inside it separates alternates, the first of
// which is what the other cards of the paragraph show.
func (f *fileParser) cloze(text string, off int) {
	s := f.step
	s.drill = -1
	s.target = nil
	s.card = nil
	s.afterCloze = true
	text, id := f.explicitID(text, off)
	parts := strings.Split(text, "**")
	if len(parts)%2 == 0 {
		f.errorf(off, msgClozeUnclosed)
		return
	}
	var spans [][]string // each span's alternates
	for i := 1; i < len(parts); i += 2 {
		var alts []string
		for alt := range strings.SplitSeq(parts[i], "|") {
			if alt = f.plain(strings.TrimSpace(alt)); alt != "" {
				alts = append(alts, alt)
			}
		}
		if len(alts) == 0 {
			f.errorf(off, msgEmptyKeyPoint, "Cloze:")
			return
		}
		spans = append(spans, alts)
	}
	if len(spans) == 0 {
		f.errorf(off, msgClozeNoSpan)
		return
	}
	// with writes the paragraph with span hide blanked (-1: none) and
	// span mark in bold (-1: none).
	with := func(hide, mark int) string {
		var b strings.Builder
		for i, p := range parts {
			if i%2 == 0 {
				b.WriteString(p)
				continue
			}
			k := i / 2
			switch k {
			case hide:
				b.WriteString(blank)
			case mark:
				b.WriteString("**" + spans[k][0] + "**")
			default:
				b.WriteString(spans[k][0])
			}
		}
		return strings.Join(strings.Fields(b.String()), " ")
	}
	for k, alts := range spans {
		local := "cloze-" + questionSlug(alts[0])
		switch {
		case id != "" && len(spans) == 1:
			local = id
		case id != "":
			local = id + "-" + strconv.Itoa(k+1)
		}
		c := f.newCard(playbook.KindCloze, local, f.plain(with(k, -1)), off)
		c.Answer = f.plain(with(-1, k))
		c.MustMention = []playbook.KeyPoint{{Alternates: alts}}
	}
}

// stem is a `Q:` line that asks the question a table's rows answer.
type stem struct {
	text, id string
	off      int
}

// tableStem takes a paragraph that is only a `Q:` line (over one or more
// lines) and is followed by a table as the table's question: it returns
// false, leaving the paragraph to be read as usual, for any other.
func (f *fileParser) tableStem(p *ast.Paragraph) bool {
	if _, ok := p.NextSibling().(*extast.Table); !ok {
		return false
	}
	lines := p.Lines()
	var b strings.Builder
	off := -1
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		line := strings.TrimSpace(f.text[f.base+seg.Start : f.base+seg.Stop])
		m, _, n := markerOf(line)
		if i == 0 {
			if m != mQ {
				return false
			}
			raw := f.text[f.base+seg.Start : f.base+seg.Stop]
			off = f.base + seg.Start + len(raw) - len(strings.TrimLeft(raw, " \t"))
			line = line[n:]
		} else if m != mNone {
			return false
		}
		b.WriteString(line)
		b.WriteByte(' ')
	}
	s := f.step
	f.closeCard(f.lineStart(off))
	s.target = nil
	text, id := f.explicitID(strings.TrimSpace(b.String()), off)
	text = f.plain(strings.Join(strings.Fields(text), " "))
	if text == "" {
		f.errorf(off, msgEmptyQ)
	}
	s.stem = &stem{text: text, id: id, off: off}
	return true
}

// questionTable makes a classify card of each row of a table under a
// `Q:` line: the first column is what is classified, the second its
// answer (the options are the column's distinct answers), any further
// columns are shown after answering.
func (f *fileParser) questionTable(q *stem, rows [][]string, rowOff []int, off int) {
	head := rows[0]
	if len(head) < 2 {
		f.errorf(off, msgTableColumns)
		return
	}
	prefix := "tbl-"
	if q.id != "" {
		prefix = q.id + "-"
	}
	var cats []string
	var cards []*playbook.Card
	var catOf []int
	for i, row := range rows[1:] {
		at := rowOff[i+1]
		if row[0] == "" || row[1] == "" {
			col := 0
			if row[0] != "" {
				col = 1
			}
			name := head[col]
			if name == "" {
				name = []string{"first column", "second column"}[col]
			}
			f.errorf(at, msgTableEmptyCell, name)
			continue
		}
		ci := f.category(&cats, row[1], at)
		c := f.newCard(playbook.KindClassify, prefix+slug(row[0]), row[0], at)
		c.Stem = q.text
		c.Why = moreColumns(head, row)
		c.Answer = cats[ci]
		cards = append(cards, c)
		catOf = append(catOf, ci)
	}
	if len(cards) > 0 && len(cats) < 2 {
		f.errorf(off, msgTableOneAnswer, q.text)
	}
	for i, c := range cards {
		c.Options = cats
		c.Correct = []int{catOf[i]}
	}
}

// moreColumns is what a table row says past its answer: the third cell,
// or with more columns each named by its header.
func moreColumns(head, row []string) string {
	if len(row) <= 2 {
		return ""
	}
	if len(row) == 3 {
		return row[2]
	}
	var parts []string
	for i := 2; i < len(row); i++ {
		if row[i] == "" {
			continue
		}
		if i < len(head) && head[i] != "" {
			parts = append(parts, head[i]+": "+row[i])
		} else {
			parts = append(parts, row[i])
		}
	}
	return strings.Join(parts, "; ")
}

// category finds a table's category in cats (ignoring case), adding it
// when it is new. A new category written nearly as one already there
// ("sales ready lead", "sales-ready lead") gets a warning: reps would see
// both as options.
func (f *fileParser) category(cats *[]string, category string, at int) int {
	if ci := indexFold(*cats, category); ci >= 0 {
		return ci
	}
	got := letters(category)
	for _, c := range *cats {
		if want := letters(c); got != "" && (got == want || len(want) >= 6 && levenshtein.ComputeDistance(got, want) == 1) {
			f.warnf(at, msgNearCategory, category, c)
			break
		}
	}
	*cats = append(*cats, category)
	return len(*cats) - 1
}
