package playbook

import "time"

// Identity kinds.
const (
	// IdentityRenamed: a card id disappeared and a card with similar
	// content appeared; it is the same card under a new id. Progress on
	// the old id carries over to the new one (as changed when the content
	// differs).
	IdentityRenamed = "renamed"
	// IdentityMinor: the card's content changed too little to ask reps to
	// drill it again (a typo in the model answer, an alternate added to a
	// key point); passing the old version counts as passing the new one.
	IdentityMinor = "minor"
)

// Identity is a decision, made once and kept, that an edited card is
// still the card it was.
type Identity struct {
	Kind     string // IdentityRenamed or IdentityMinor
	From     string // the card's id before the edit
	FromHash string // its content hash before
	To       string // the card's id after (the same id for a minor edit)
	ToHash   string // its content hash after
	// Similarity of the two versions' content, 0..1 (renames).
	Similarity float64
	Why        string // what changed, in words
	At         time.Time
}

// IdentityStore keeps what a store needs to recognise edited cards: the
// content of each card as last seen, and the decisions made. Like
// DisputeStore it is optional; callers get it with a type assertion.
type IdentityStore interface {
	// SeenCards returns the last seen content of every card, by id.
	SeenCards() (map[string]Card, error)
	// Identities returns the decisions in the order they were made.
	Identities() ([]Identity, error)
	// SaveIdentity stores cards as seen (replacing what was seen under
	// their ids) and appends decisions, in one transaction. A store open
	// read-only keeps nothing and returns nil: the same decisions are made
	// again from the same content next time.
	SaveIdentity(seen []*Card, decided []Identity) error
}
