package markdown

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/playdrill/playdrill/internal/playbook"
)

const altBook = `---
playbook: Alternates
version: "1"
---

# Sales {#sales}

## Discovery {#discovery}

Result: We know why they inquired and the results they want.
Must mention: why they inquired; results | outcomes

Done when:
- the reason is recorded

### Drill

Q: What do you find out at the first encounter?
A: Why they inquired and what results they want.
Must mention: **why** they inquired; results they want

### Differentiators

#### How are you different from Company X?

We onboard in days, with a named support engineer.

Must mention: onboarding in days | fast onboarding; named support engineer
Never say: cheaper

### Drill

Cloze: Discovery names **the budget holder | economic buyer** and
the **date** they need it by.
`

func loadAlt(t *testing.T, src string) *playbook.Playbook {
	t.Helper()
	book, diags, err := Load(fstest.MapFS{"book.md": {Data: []byte(src)}}, "book.md")
	if err != nil || HasErrors(diags) {
		t.Fatalf("%v %v", err, diags)
	}
	return book
}

// Adding an alternate touches one line, and the card reads back with the
// words as the point's last alternate, every other card as it was.
func TestAddAlternate(t *testing.T) {
	book := loadAlt(t, altBook)
	for _, tc := range []struct {
		card  string
		point int
		words string
		line  string
	}{
		{"discovery/result", 1, "what they want to achieve", "Must mention: why they inquired; results | outcomes | what they want to achieve\n"},
		{"discovery/what-do-you-find-out-at", 0, "reason they got in touch", "Must mention: **why** they inquired | reason they got in touch; results they want\n"},
		{"discovery/diff-how-are-you-different-from-company-x", 1, "a dedicated engineer", "Must mention: onboarding in days | fast onboarding; named support engineer | a dedicated engineer\n"},
		{"discovery/cloze-the-budget-holder", 0, "who pays", "**the budget holder | economic buyer | who pays** and\n"},
	} {
		c, ok := book.Card(tc.card)
		if !ok {
			t.Fatalf("no card %s", tc.card)
		}
		out, err := AddAlternate([]byte(altBook), c, tc.point, tc.words)
		if err != nil {
			t.Fatalf("%s: %v", tc.card, err)
		}
		if !strings.Contains(string(out), tc.line) || len(out) != len(altBook)+len(" | "+tc.words) {
			t.Errorf("%s: edit\n%s", tc.card, out)
		}
		after := loadAlt(t, string(out))
		nc, _ := after.Card(tc.card)
		alts := nc.MustMention[tc.point].Alternates
		if alts[len(alts)-1] != tc.words {
			t.Errorf("%s: point reads %v", tc.card, alts)
		}
		for _, o := range book.Cards() {
			if o.ID == tc.card {
				continue
			}
			if n, _ := after.Card(o.ID); n == nil || n.Hash != o.Hash {
				t.Errorf("%s: card %s changed too", tc.card, o.ID)
			}
		}
	}
}

func TestAddAlternateRefuses(t *testing.T) {
	book := loadAlt(t, altBook)
	c, _ := book.Card("discovery/result")
	for _, tc := range []struct {
		src   string
		point int
		words string
		want  string
	}{
		{altBook, 0, "", "empty"},
		{altBook, 0, "a; b", "may not hold"},
		{altBook, 0, "a | b", "may not hold"},
		{altBook, 0, "red \x1b[31m", "control characters"},
		{altBook, 0, strings.Repeat("word ", 30), "at most 120"},
		{altBook, 5, "x", "no key point 6"},
		{altBook, 1, "Outcomes", "already"},
		{strings.Replace(altBook, "results | outcomes", "outcomes", 1), 1, "x", "book.md:11: key point 2 reads \"outcomes\""},
		{strings.Replace(altBook, "results | outcomes", "results | outcomes\nand more", 1), 1, "x", "several lines"},
		{strings.Replace(altBook, "Must mention: why they inquired; results | outcomes", "", 1), 1, "x", "no `Must mention:` line"},
	} {
		_, err := AddAlternate([]byte(tc.src), c, tc.point, tc.words)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("point %d %q: err %v, want %q", tc.point, tc.words, err, tc.want)
		}
	}
}

// FuzzAddAlternate checks that adding an alternate never panics, and that
// an edit it makes reads back as planned: the card's key point has one
// more alternate and no other card changed.
func FuzzAddAlternate(f *testing.F) {
	f.Add([]byte(altBook), "what they want", uint8(1))
	f.Add([]byte(strings.Replace(altBook, "Must mention: why", "must MENTION:   why", 1)), "x", uint8(0))
	f.Add([]byte(strings.Replace(altBook, "\n", "\r\n", -1)), "reason they got in touch", uint8(0))
	f.Add([]byte(strings.Replace(altBook, "results | outcomes", "`results` | **outcomes**", 1)), "aims", uint8(1))
	f.Fuzz(func(t *testing.T, src []byte, words string, point uint8) {
		book, diags, err := Load(fstest.MapFS{"book.md": {Data: src}}, "book.md")
		if err != nil || HasErrors(diags) {
			return
		}
		n := 0
		for _, c := range book.Cards() {
			if len(c.MustMention) == 0 || n > 4 {
				continue
			}
			n++
			p := int(point) % len(c.MustMention)
			out, err := AddAlternate(src, c, p, words)
			if err != nil {
				continue
			}
			after, diags, err := Load(fstest.MapFS{"book.md": {Data: out}}, "book.md")
			if err != nil {
				t.Fatal(err)
			}
			if HasErrors(diags) {
				continue // review refuses such an edit
			}
			nc, ok := after.Card(c.ID)
			if !ok || len(nc.MustMention) != len(c.MustMention) || len(nc.MustMention[p].Alternates) != len(c.MustMention[p].Alternates)+1 {
				t.Fatalf("card %s point %d after adding %q:\n%q\n->\n%q", c.ID, p, words, src, out)
			}
			for _, o := range book.Cards() {
				if o.ID == c.ID {
					continue
				}
				if m, ok := after.Card(o.ID); !ok || m.Hash != o.Hash {
					t.Fatalf("adding %q to %s changed %s", words, c.ID, o.ID)
				}
			}
		}
	})
}

func TestAddClozeAlternateRefuses(t *testing.T) {
	book := loadAlt(t, altBook)
	c, ok := book.Card("discovery/cloze-the-budget-holder")
	if !ok {
		t.Fatal("no cloze card")
	}
	for words, want := range map[string]string{"**x": "may not hold '*'", "economic buyer": "already"} {
		if _, err := AddAlternate([]byte(altBook), c, 0, words); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", words, err, want)
		}
	}
	changed := strings.Replace(altBook, "**the budget holder | economic buyer**", "**the budget owner**", 1)
	if _, err := AddAlternate([]byte(changed), c, 0, "who pays"); err == nil || !strings.Contains(err.Error(), "no bold span") {
		t.Errorf("changed span: %v", err)
	}
}
