package drill

import (
	"github.com/playdrill/playdrill/internal/playbook"
)

// Change is what an edit of the playbook did to one card.
type Change string

// Changes, as `playdrill diff` names them.
const (
	ChangeRenamed   Change = "renamed"   // a new id for the same card (Match)
	ChangeChanged   Change = "changed"   // same id, content edited: reps who passed it drill it again
	ChangeMinor     Change = "minor"     // same id, an edit too small to drill again (Minor)
	ChangeAdded     Change = "added"     // a new card
	ChangeRemoved   Change = "removed"   // a card gone, its progress dropped
	ChangeUnchanged Change = "unchanged" // same id, same content
)

// CardChange is one card's fate in an edit.
type CardChange struct {
	Change Change
	Old    *playbook.Card // nil for an added card
	New    *playbook.Card // nil for a removed card
	// Similarity of a renamed card's two versions.
	Similarity float64
	// Why says what changed, in words.
	Why string
	// Redrill: reps who passed the old version see the card as changed
	// and drill it again (changed cards, and renamed ones whose content
	// changed more than a minor edit).
	Redrill bool
}

// Diff says what an edit from old to new does to each card, by the same
// rules a progress database applies when it first opens the edited
// playbook: new cards in playbook order, then removed ones in the old
// playbook's order.
func Diff(old, new *playbook.Playbook) []CardChange {
	oldBy := map[string]*playbook.Card{}
	for _, c := range old.Cards() {
		oldBy[c.ID] = c
	}
	newBy := map[string]bool{}
	var fresh []*playbook.Card
	for _, c := range new.Cards() {
		newBy[c.ID] = true
		if oldBy[c.ID] == nil {
			fresh = append(fresh, c)
		}
	}
	var gone []*playbook.Card
	for _, c := range old.Cards() {
		if !newBy[c.ID] {
			gone = append(gone, c)
		}
	}
	renamedTo := map[string]Pair{}
	matched := map[string]bool{}
	for _, p := range Match(gone, fresh) {
		renamedTo[p.New.ID] = p
		matched[p.Old.ID] = true
	}
	var out []CardChange
	for _, c := range new.Cards() {
		o := oldBy[c.ID]
		switch p, ok := renamedTo[c.ID]; {
		case ok:
			minor, _ := Minor(p.Old, c)
			out = append(out, CardChange{Change: ChangeRenamed, Old: p.Old, New: c, Similarity: p.Similarity, Why: Why(p.Old, c), Redrill: p.Old.Hash != c.Hash && !minor})
		case o == nil:
			out = append(out, CardChange{Change: ChangeAdded, New: c})
		case o.Hash == c.Hash:
			out = append(out, CardChange{Change: ChangeUnchanged, Old: o, New: c, Similarity: 1})
		default:
			if minor, why := Minor(o, c); minor {
				out = append(out, CardChange{Change: ChangeMinor, Old: o, New: c, Similarity: 1, Why: why})
			} else {
				out = append(out, CardChange{Change: ChangeChanged, Old: o, New: c, Similarity: Similarity(o, c), Why: Why(o, c), Redrill: true})
			}
		}
	}
	for _, c := range gone {
		if !matched[c.ID] {
			out = append(out, CardChange{Change: ChangeRemoved, Old: c})
		}
	}
	return out
}

// Touches reports whether a rep's stored card states are touched by the
// change: for a renamed, minor or removed card, the rep answered the old
// card (their progress carries over, stays or is dropped); for a changed card,
// the rep passed the old version (they will drill it again); for an added
// card, the rep answered some card of the new card's step (stepCards
// lists the step's card ids in the old playbook): the step has one more
// card to pass. Unchanged cards touch nobody.
func (ch CardChange) Touches(states map[string]playbook.CardState, stepCards func(step string) []string) bool {
	answered := func(id string) bool { return states[id].Attempts > 0 }
	switch ch.Change {
	case ChangeRenamed, ChangeMinor, ChangeRemoved:
		return answered(ch.Old.ID)
	case ChangeChanged:
		return states[ch.Old.ID].PassedHash(ch.Old.Hash)
	case ChangeAdded:
		for _, id := range stepCards(ch.New.Step) {
			if answered(id) {
				return true
			}
		}
	}
	return false
}
