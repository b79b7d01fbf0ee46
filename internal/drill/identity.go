package drill

import (
	"cmp"
	"slices"
	"sync"
	"time"

	"github.com/playdrill/playdrill/internal/playbook"
)

// identity is what the engine knows about edited cards: the decisions
// that an edited card is still the card it was (renamed, or edited too
// little to drill again), loaded and brought up to date once per engine.
type identity struct {
	once      sync.Once
	decisions []playbook.Identity
	err       error
}

// identities returns the store's decisions about this playbook's cards,
// first making the ones its edits call for: the store remembers each
// card's content as last seen, and the playbook is compared with it. New
// decisions and the cards as now seen are saved (not by a read-only
// store, which makes the same decisions again next time).
func (e *Engine) identities() ([]playbook.Identity, error) {
	e.ident.once.Do(func() {
		is, ok := e.store.(playbook.IdentityStore)
		if !ok {
			return
		}
		seen, err := is.SeenCards()
		if err != nil {
			e.ident.err = err
			return
		}
		past, err := is.Identities()
		if err != nil {
			e.ident.err = err
			return
		}
		made, save := Reconcile(e.book, seen, past, e.Now())
		e.ident.decisions = append(past, made...)
		// A failed save is not worth stopping a drill for: the decisions
		// hold for this run and are made again next time.
		_ = is.SaveIdentity(save, made)
	})
	return e.ident.decisions, e.ident.err
}

// Reconcile compares book with the cards a store saw last (by id) and the
// decisions made before, and returns the new decisions and the cards to
// save as seen. A card whose content changed too little (Minor) keeps its
// progress as it is; a card id that disappeared is matched with a card
// that appeared (Match): renamed, once, as the decision is kept.
func Reconcile(book *playbook.Playbook, seen map[string]playbook.Card, past []playbook.Identity, now time.Time) ([]playbook.Identity, []*playbook.Card) {
	inBook := map[string]bool{}
	var made []playbook.Identity
	var save, fresh []*playbook.Card
	for _, c := range book.Cards() {
		inBook[c.ID] = true
		old, ok := seen[c.ID]
		switch {
		case !ok:
			fresh = append(fresh, c)
			save = append(save, c)
		case old.Hash != c.Hash:
			if minor, why := Minor(&old, c); minor {
				made = append(made, playbook.Identity{Kind: playbook.IdentityMinor, From: c.ID, FromHash: old.Hash, To: c.ID, ToHash: c.Hash, Similarity: 1, Why: why, At: now})
			}
			save = append(save, c)
		}
	}
	renamed := map[string]bool{}
	for _, d := range past {
		if d.Kind == playbook.IdentityRenamed {
			renamed[d.From] = true
		}
	}
	var gone []*playbook.Card
	for id, c := range seen {
		if !inBook[id] && !renamed[id] {
			c := c
			gone = append(gone, &c)
		}
	}
	sortCards(gone)
	for _, p := range Match(gone, fresh) {
		made = append(made, renameDecisions(p, Minor, now)...)
	}
	return made, save
}

// renameDecisions are the decisions a matched pair makes: renamed, and
// minor too when the content barely changed (by minor: Minor, or for a
// card known from an attempt's facts, minorSinceRecorded), so progress
// carries over as it was instead of as changed.
func renameDecisions(p Pair, minor func(a, b *playbook.Card) (bool, string), now time.Time) []playbook.Identity {
	out := []playbook.Identity{{Kind: playbook.IdentityRenamed, From: p.Old.ID, FromHash: p.Old.Hash, To: p.New.ID, ToHash: p.New.Hash, Similarity: p.Similarity, Why: Why(p.Old, p.New), At: now}}
	if p.Old.Hash != p.New.Hash {
		if ok, why := minor(p.Old, p.New); ok {
			out = append(out, playbook.Identity{Kind: playbook.IdentityMinor, From: p.New.ID, FromHash: p.Old.Hash, To: p.New.ID, ToHash: p.New.Hash, Similarity: 1, Why: why, At: now})
		}
	}
	return out
}

// union is a's hashes, then b's not in a, in a new slice.
func union(a, b []string) []string {
	out := append([]string(nil), a...)
	for _, h := range b {
		if !slices.Contains(out, h) {
			out = append(out, h)
		}
	}
	return out
}

// sortCards orders cards by step, then id, so matching does not depend on
// the order a map gave them in.
func sortCards(cards []*playbook.Card) {
	slices.SortFunc(cards, func(a, b *playbook.Card) int {
		return cmp.Or(cmp.Compare(a.Step, b.Step), cmp.Compare(a.ID, b.ID))
	})
}

// applyIdentity rewrites a rep's card states by the decisions, in the
// order they were made: a renamed card's state moves to its new id
// (unless the old id is back in the playbook, or the rep has answered the
// new card since, whose state already carries the old one on); a minor
// edit counts a pass at the old version as a pass at the new one.
func applyIdentity(states map[string]playbook.CardState, decisions []playbook.Identity, inBook func(string) bool) {
	for _, d := range decisions {
		switch d.Kind {
		case playbook.IdentityRenamed:
			if inBook(d.From) {
				continue
			}
			old, ok := states[d.From]
			if !ok {
				continue
			}
			delete(states, d.From)
			if cur, ok := states[d.To]; ok && cur.Attempts > 0 {
				// Answered under its new id since (here, or on another
				// machine whose records were merged): that state leads,
				// and keeps the old versions' passes, so a failed answer
				// leaves the card changed rather than never passed.
				cur.Passed = union(old.Passed, cur.Passed)
				states[d.To] = cur
				continue
			}
			old.Card = d.To
			states[d.To] = old
		case playbook.IdentityMinor:
			st, ok := states[d.To]
			if !ok {
				continue
			}
			if st.PassedHash(d.FromHash) && !st.PassedHash(d.ToHash) {
				st.Passed = append(append([]string(nil), st.Passed...), d.ToHash)
			}
			if st.LastHash == d.FromHash {
				st.LastHash = d.ToHash
			}
			states[d.To] = st
		}
	}
}
