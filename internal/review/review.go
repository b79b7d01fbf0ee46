// Package review is the manager's side of disputes: it gathers the open
// disputes of every rep, grouped by card in playbook order, and says which
// can still be accepted. Accepting one adds the rep's words to the card's
// key point in the playbook (markdown.AddAlternate); `playdrill review`
// does the files and the prompts.
package review

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/playdrill/playdrill/internal/playbook"
)

// Item is one open dispute.
type Item struct {
	Dispute playbook.Dispute
	// Card is the card in the current playbook, nil when it is gone.
	Card *playbook.Card
	// Points are the indexes (in Card.MustMention) of the points the
	// answer missed that the card still has.
	Points []int
	// Stale says why the dispute can no longer be accepted ("" when it
	// can): the card was edited since, or is gone.
	Stale string
}

// ShortID is the dispute's id as shown: its first 8 characters.
func (it Item) ShortID() string { return ShortID(it.Dispute.ID) }

// ShortID shortens an id for display.
func ShortID(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
}

// Group is the open disputes on one card.
type Group struct {
	CardID string
	Card   *playbook.Card // nil when the card is no longer in the playbook
	Items  []Item
}

// List is every open dispute, grouped by card: cards in playbook order,
// then cards no longer in the playbook by id; disputes in time order.
type List struct {
	Groups  []Group
	Open    int // open disputes
	Decided int // disputes with a decision
	Reps    []string
	// History is every decided dispute with its decision, in the order
	// the decisions were made.
	History []Decided
	reviews []playbook.Review
}

// Decided is a dispute and the decision on it.
type Decided struct {
	Dispute playbook.Dispute
	Review  playbook.Review
}

// Build gathers the disputes that have no review decision yet.
func Build(book *playbook.Playbook, disputes []playbook.Dispute, reviews []playbook.Review) *List {
	l := &List{reviews: reviews}
	decided := map[string]bool{}
	for _, r := range reviews {
		decided[r.Dispute] = true
	}
	byID := map[string]playbook.Dispute{}
	for _, d := range disputes {
		byID[d.ID] = d
	}
	for _, r := range reviews {
		if d, ok := byID[r.Dispute]; ok {
			l.History = append(l.History, Decided{Dispute: d, Review: r})
		}
	}
	byCard := map[string][]Item{}
	reps := map[string]bool{}
	for _, d := range disputes {
		if decided[d.ID] {
			l.Decided++
			continue
		}
		c, _ := book.Card(d.Card)
		it := Item{Dispute: d, Card: c}
		switch {
		case c == nil:
			it.Stale = "the card is no longer in the playbook"
		case !l.cardCurrent(d.Hash, c.Hash):
			it.Stale = "the card was edited since the answer"
		}
		if c != nil {
			it.Points = pointIndexes(c, d.Missed)
			if it.Stale == "" && len(it.Points) == 0 {
				it.Stale = "the card no longer has the points the answer missed"
			}
		}
		byCard[d.Card] = append(byCard[d.Card], it)
		reps[d.Rep] = true
		l.Open++
	}
	for _, c := range book.Cards() {
		if items, ok := byCard[c.ID]; ok {
			l.Groups = append(l.Groups, Group{CardID: c.ID, Card: c, Items: items})
			delete(byCard, c.ID)
		}
	}
	var gone []string
	for id := range byCard {
		gone = append(gone, id)
	}
	sort.Strings(gone)
	for _, id := range gone {
		l.Groups = append(l.Groups, Group{CardID: id, Items: byCard[id]})
	}
	for r := range reps {
		l.Reps = append(l.Reps, r)
	}
	sort.Strings(l.Reps)
	return l
}

// pointIndexes finds the missed points (as written) among the card's.
func pointIndexes(c *playbook.Card, missed []string) []int {
	var out []int
	for i, k := range c.MustMention {
		for _, m := range missed {
			if k.String() == m {
				out = append(out, i)
				break
			}
		}
	}
	return out
}

// cardCurrent reports whether a card at hash from is the card at hash to,
// or became it only through accepted reviews (alternates added here).
func (l *List) cardCurrent(from, to string) bool {
	return reaches(from, to, l.reviews, func(r playbook.Review) (string, string) { return r.Hash, r.NewHash })
}

// FileCurrent reports whether a file whose bytes now have sum is the file
// the dispute was made on, or became it only through accepted reviews. An
// unknown sum at dispute time (an older record) counts as current.
func (l *List) FileCurrent(d playbook.Dispute, sum string) bool {
	if d.FileSum == "" {
		return true
	}
	return reaches(d.FileSum, sum, l.reviews, func(r playbook.Review) (string, string) { return r.FileBefore, r.FileAfter })
}

// reaches follows accepted reviews' edges (before -> after) from from.
func reaches(from, to string, reviews []playbook.Review, edge func(playbook.Review) (string, string)) bool {
	seen := map[string]bool{}
	for cur := from; !seen[cur]; {
		if cur == to {
			return true
		}
		seen[cur] = true
		next := ""
		for _, r := range reviews {
			if a, b := edge(r); r.Verdict == playbook.ReviewAccepted && a == cur && b != "" {
				next = b
			}
		}
		if next == "" {
			return false
		}
		cur = next
	}
	return false
}

// Items returns every open dispute in the list's order.
func (l *List) Items() []Item {
	var out []Item
	for _, g := range l.Groups {
		out = append(out, g.Items...)
	}
	return out
}

// Find returns the open dispute whose id starts with prefix (at least 4
// characters, and only one dispute may match).
func (l *List) Find(prefix string) (Item, error) {
	prefix = strings.ToLower(strings.TrimSpace(prefix))
	if len(prefix) < 4 {
		return Item{}, fmt.Errorf("dispute %q: give at least the first 4 characters of its id", prefix)
	}
	var found []Item
	for _, it := range l.Items() {
		if strings.HasPrefix(strings.ToLower(it.Dispute.ID), prefix) {
			found = append(found, it)
		}
	}
	switch len(found) {
	case 0:
		return Item{}, fmt.Errorf("no open dispute %q (run 'playdrill review' to list them)", prefix)
	case 1:
		return found[0], nil
	}
	return Item{}, fmt.Errorf("dispute %q is ambiguous: %d disputes start with it; give more of the id", prefix, len(found))
}

// MaxDefaultWords is the longest answer offered as the words to add as
// they are: a longer answer is a sentence, and the reviewer picks the
// words that make the point.
const MaxDefaultWords = 8

// DefaultWords is the answer as the words to add, or "" when it is too
// long to be an alternate.
func DefaultWords(d playbook.Dispute) string {
	w := strings.Fields(strings.Trim(strings.TrimSpace(d.Response), ".!?"))
	if len(w) == 0 || len(w) > MaxDefaultWords || strings.ContainsAny(d.Response, ";|") || strings.IndexFunc(d.Response, unicode.IsControl) >= 0 {
		return ""
	}
	return strings.Join(w, " ")
}
