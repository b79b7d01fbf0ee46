package drill

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/playdrill/playdrill/internal/playbook"
)

// recordedCard is the card as an attempt's facts recorded it, and whether
// they kept its text (without it, whether a later edit was minor cannot
// be judged).
func recordedCard(a playbook.Attempt) (*playbook.Card, bool) {
	f := a.Facts
	c := &playbook.Card{ID: a.Card, Kind: a.Kind, Step: a.Step, Process: a.Process, Hash: a.Hash,
		Prompt: f.Prompt, Options: f.Options, Correct: f.Correct, Items: f.Items}
	t := f.Text
	if t == nil {
		return c, false
	}
	c.Answer, c.NeverSay, c.Why = t.Answer, t.NeverSay, t.Why
	for _, p := range t.Points {
		var alts []string
		for _, alt := range strings.Split(p, "|") {
			alts = append(alts, strings.TrimSpace(alt))
		}
		c.MustMention = append(c.MustMention, playbook.KeyPoint{Alternates: alts})
	}
	return c, true
}

// minorSinceRecorded judges, by Minor, the edit from a card as an
// attempt recorded it (old, with its text) to card c as it is now, both
// seen the same way: as an attempt's facts keep a card.
func minorSinceRecorded(old *playbook.Card, c *playbook.Card) (bool, string) {
	now, _ := recordedCard(playbook.Attempt{Card: c.ID, Kind: c.Kind, Step: c.Step, Process: c.Process, Hash: c.Hash, Facts: factsOfCard(c)})
	return Minor(old, now)
}

// minorByFacts makes, on a machine that never saw an older version of a
// card, the minor-edit decisions the reps' own machines made when they
// opened the edited playbook: for each content hash of a playbook card
// that a rep has progress at (passed, or last answered), that no decision
// covers and that this store did not see as the card's content, the card
// as a rep's attempt at that hash recorded it (its facts, with the card's
// text) is compared with the card now by the same rule (Minor). Hashes
// whose attempts kept no text are left alone: progress there stays
// changed.
func minorByFacts(book *playbook.Playbook, store playbook.Store, seen map[string]playbook.Card, past []playbook.Identity, now time.Time) ([]playbook.Identity, error) {
	decided := decidedPairs(past)
	reps, err := store.Reps()
	if err != nil {
		return nil, err
	}
	want := map[[2]string]*playbook.Card{} // card id and older hash -> the card now
	var readFrom []string
	for _, rep := range reps {
		states, err := store.States(rep)
		if err != nil {
			return nil, err
		}
		found := false
		for _, c := range book.Cards() {
			st, ok := states[c.ID]
			if !ok {
				continue
			}
			for _, h := range append([]string{st.LastHash}, st.Passed...) {
				key := [2]string{c.ID, h}
				if h == "" || h == c.Hash || decided[key] || want[key] != nil {
					continue
				}
				if s, ok := seen[c.ID]; ok && s.Hash == h {
					continue // seen here: the edit from it was judged here
				}
				want[key], found = c, true
			}
		}
		if found {
			readFrom = append(readFrom, rep)
		}
	}
	if len(want) == 0 {
		return nil, nil
	}
	old := map[[2]string]*playbook.Card{}
	for _, rep := range readFrom {
		err := store.Attempts(rep, func(a playbook.Attempt) error {
			key := [2]string{a.Card, a.Hash}
			if want[key] == nil || old[key] != nil || a.Facts == nil {
				return nil
			}
			if c, full := recordedCard(a); full {
				old[key] = c
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	keys := slices.SortedFunc(maps.Keys(old), func(a, b [2]string) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
	var made []playbook.Identity
	for _, key := range keys {
		c := want[key]
		if minor, why := minorSinceRecorded(old[key], c); minor {
			made = append(made, playbook.Identity{Kind: playbook.IdentityMinor, From: c.ID, FromHash: key[1], To: c.ID, ToHash: c.Hash,
				Similarity: 1, Why: why, At: now})
		}
	}
	return made, nil
}

// decidedPairs is the set of card ids and older hashes that decisions
// cover.
func decidedPairs(past []playbook.Identity) map[[2]string]bool {
	decided := map[[2]string]bool{}
	for _, d := range past {
		decided[[2]string{d.To, d.FromHash}] = true
	}
	return decided
}
