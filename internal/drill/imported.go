package drill

import (
	"time"

	"github.com/playdrill/playdrill/internal/playbook"
)

// NoteProgress brings the store's knowledge of cards up to date after
// records were merged into it (import): reps' progress on card ids that
// neither the playbook nor the store's cards as seen know, which a
// machine that never opened the playbook version they were answered on
// cannot recognise, is matched by what the rep's latest attempt recorded
// of the card (its facts: question, options, right options, items) to
// the playbook's cards, by the same rules and thresholds, and decided as
// a rename once. Then the playbook's cards are noted as seen, as a drill
// would. A store that keeps no identity data is left alone.
func NoteProgress(book *playbook.Playbook, store playbook.Store, now time.Time) error {
	is, ok := store.(playbook.IdentityStore)
	if !ok {
		return nil
	}
	seen, err := is.SeenCards()
	if err != nil {
		return err
	}
	past, err := is.Identities()
	if err != nil {
		return err
	}
	unknown, full, err := unknownCards(book, store, seen, past)
	if err != nil {
		return err
	}
	if len(unknown) == 0 {
		made, save := Reconcile(book, seen, past, now)
		return saveWithDoneElsewhere(book, store, is, seen, past, save, made, now)
	}
	targets := map[string]bool{}
	for _, d := range past {
		if d.Kind == playbook.IdentityRenamed {
			targets[d.To] = true
		}
	}
	var cands []*playbook.Card
	for _, c := range book.Cards() {
		if !targets[c.ID] {
			cands = append(cands, c)
		}
	}
	gone := make([]*playbook.Card, 0, len(unknown))
	for _, c := range unknown {
		gone = append(gone, c)
		seen[c.ID] = *c
	}
	sortCards(gone)
	var made []playbook.Identity
	for _, p := range Match(gone, cands) {
		made = append(made, renameDecisions(p, func(a, b *playbook.Card) (bool, string) {
			if !full[a.ID] {
				return Minor(a, b) // facts without the card's text, judged as they always were
			}
			return minorSinceRecorded(a, b)
		}, now)...)
	}
	more, save := Reconcile(book, seen, append(past, made...), now)
	return saveWithDoneElsewhere(book, store, is, seen, past, append(save, gone...), append(made, more...), now)
}

// saveWithDoneElsewhere saves the cards seen and the decisions made, with
// the minor edits the reps' own machines decided: judged here from what
// the reps' attempts recorded of the older cards (minorByFacts), or else
// known from a step done at this version (doneElsewhere).
func saveWithDoneElsewhere(book *playbook.Playbook, store playbook.Store, is playbook.IdentityStore, seen map[string]playbook.Card, past []playbook.Identity, save []*playbook.Card, made []playbook.Identity, now time.Time) error {
	judged, err := minorByFacts(book, store, seen, append(past, made...), now)
	if err != nil {
		return err
	}
	made = append(made, judged...)
	more, err := doneElsewhere(book, store, seen, append(past, made...), now)
	if err != nil {
		return err
	}
	return is.SaveIdentity(save, append(made, more...))
}

// unknownCards returns, by id, what the latest attempt of any rep recorded
// of each card that reps have progress on but that neither the playbook,
// the cards as seen nor a rename knows, and which of them come with the
// card's text (kept by a rep's first attempt at a content, so taken from
// any attempt at the latest one's hash). Only the attempts of reps with
// such cards are read.
func unknownCards(book *playbook.Playbook, store playbook.Store, seen map[string]playbook.Card, past []playbook.Identity) (map[string]*playbook.Card, map[string]bool, error) {
	renamed := map[string]bool{}
	for _, d := range past {
		renamed[d.From] = true
	}
	reps, err := store.Reps()
	if err != nil {
		return nil, nil, err
	}
	want := map[string]bool{}
	var readFrom []string
	for _, rep := range reps {
		states, err := store.States(rep)
		if err != nil {
			return nil, nil, err
		}
		found := false
		for id := range states {
			if _, ok := book.Card(id); ok {
				continue
			}
			if _, ok := seen[id]; ok || renamed[id] {
				continue
			}
			want[id], found = true, true
		}
		if found {
			readFrom = append(readFrom, rep)
		}
	}
	latest := map[string]playbook.Attempt{}
	text := map[[2]string]*playbook.CardText{}
	for _, rep := range readFrom {
		err := store.Attempts(rep, func(a playbook.Attempt) error {
			if !want[a.Card] || a.Facts == nil {
				return nil
			}
			if a.Facts.Text != nil {
				text[[2]string{a.Card, a.Hash}] = a.Facts.Text
			}
			if l, ok := latest[a.Card]; !ok || !a.At.Before(l.At) {
				latest[a.Card] = a
			}
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	out, full := map[string]*playbook.Card{}, map[string]bool{}
	for id, a := range latest {
		if a.Facts.Text == nil {
			f := *a.Facts
			f.Text = text[[2]string{a.Card, a.Hash}]
			a.Facts = &f
		}
		out[id], full[id] = recordedCard(a)
	}
	return out, full, nil
}
