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
