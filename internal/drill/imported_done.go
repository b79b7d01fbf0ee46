package drill

import (
	"time"

	"github.com/playdrill/playdrill/internal/playbook"
)

// doneElsewhere finds the minor edits that a rep's own machine decided and
// that this store cannot decide for itself, because it never saw the older
// version of the card (a manager's machine that imported the records).
// The rep's machine records a step done at a playbook version only when
// every card of the step passes at that version: so when a rep has a
// completion of a step at the playbook's current version, later than the
// rep's pass of one of its cards at an older version's hash, that machine
// counted the older pass as a pass at the current content. The same
// decision is made here, once, unless a decision on that card and hash
// exists already or this store saw that hash and judged the edit itself.
func doneElsewhere(book *playbook.Playbook, store playbook.Store, seen map[string]playbook.Card, past []playbook.Identity, now time.Time) ([]playbook.Identity, error) {
	if book.Version == "" {
		return nil, nil
	}
	decided := decidedPairs(past)
	reps, err := store.Reps()
	if err != nil {
		return nil, err
	}
	var made []playbook.Identity
	for _, rep := range reps {
		comps, err := store.Completions(rep)
		if err != nil {
			return nil, err
		}
		doneAt := map[string]time.Time{} // step -> its latest completion at this version
		for _, c := range comps {
			if c.PlaybookVersion == book.Version && c.At.After(doneAt[c.Step]) {
				doneAt[c.Step] = c.At
			}
		}
		if len(doneAt) == 0 {
			continue
		}
		states, err := store.States(rep)
		if err != nil {
			return nil, err
		}
		// The candidates: a card of a step done at this version, passed
		// only at other hashes.
		want := map[string]*playbook.Card{}
		for _, c := range book.Cards() {
			st, ok := states[c.ID]
			if _, done := doneAt[c.Step]; !done || !ok || len(st.Passed) == 0 || st.PassedHash(c.Hash) {
				continue
			}
			if s, ok := seen[c.ID]; ok && s.Hash != c.Hash {
				continue // this store saw the older card and judged the edit
			}
			want[c.ID] = c
		}
		if len(want) == 0 {
			continue
		}
		// The older passes, each from a version before this one, and before
		// the step was done at this version.
		err = store.Attempts(rep, func(a playbook.Attempt) error {
			c, ok := want[a.Card]
			if !ok || a.Hash == c.Hash || a.PlaybookVersion == book.Version || a.At.After(doneAt[c.Step]) {
				return nil
			}
			key := [2]string{c.ID, a.Hash}
			if decided[key] || !states[c.ID].PassedHash(a.Hash) {
				return nil
			}
			decided[key] = true
			made = append(made, playbook.Identity{Kind: playbook.IdentityMinor, From: c.ID, FromHash: a.Hash, To: c.ID, ToHash: c.Hash,
				Similarity: 1, Why: "done at this version on the rep's machine", At: now})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return made, nil
}
