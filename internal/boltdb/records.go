package boltdb

import (
	"sort"

	bolt "go.etcd.io/bbolt"

	"github.com/playdrill/playdrill/internal/playbook"
)

// Top-level buckets of the records kept beside the reps' progress. They
// are made on first write, so files made before them need no upgrade and
// a read of a file without them reads nothing.
//
//	disputes  dispute id → JSON Dispute
//	reviews   review id  → JSON Review
//	cards     card id    → JSON Card, as last seen in a playbook
//	identity  seq(8)     → JSON Identity, in the order decided
var (
	bucketDisputes = []byte("disputes")
	bucketReviews  = []byte("reviews")
	bucketCards    = []byte("cards")
	bucketIdentity = []byte("identity")
)

var (
	_ playbook.DisputeStore  = (*DB)(nil)
	_ playbook.IdentityStore = (*DB)(nil)
)

// AddDispute stores a dispute; a stored id is skipped.
func (db *DB) AddDispute(d playbook.Dispute) (bool, error) {
	if d.ID == "" || d.Rep == "" || d.Card == "" || d.At.IsZero() {
		return false, playbook.Errorf(playbook.EInvalid, "a dispute needs an id, a rep, a card and a time")
	}
	added := false
	err := db.update(func(tx *bolt.Tx) error {
		var err error
		added, err = putNew(tx, bucketDisputes, d.ID, d)
		return err
	})
	return added, err
}

// Disputes returns every dispute in time order.
func (db *DB) Disputes() ([]playbook.Dispute, error) {
	out, err := readAll[playbook.Dispute](db, bucketDisputes)
	for i := range out {
		out[i].At = db.in(out[i].At)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out, err
}

// AddReview stores a review decision; a stored id is skipped.
func (db *DB) AddReview(r playbook.Review) (bool, error) {
	if r.ID == "" || r.Dispute == "" || r.At.IsZero() {
		return false, playbook.Errorf(playbook.EInvalid, "a review needs an id, a dispute and a time")
	}
	if r.Verdict != playbook.ReviewAccepted && r.Verdict != playbook.ReviewRejected {
		return false, playbook.Errorf(playbook.EInvalid, "review verdict %q: want %s or %s", r.Verdict, playbook.ReviewAccepted, playbook.ReviewRejected)
	}
	added := false
	err := db.update(func(tx *bolt.Tx) error {
		var err error
		added, err = putNew(tx, bucketReviews, r.ID, r)
		return err
	})
	return added, err
}

// Reviews returns every review decision in time order.
func (db *DB) Reviews() ([]playbook.Review, error) {
	out, err := readAll[playbook.Review](db, bucketReviews)
	for i := range out {
		out[i].At = db.in(out[i].At)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out, err
}

// putNew stores v under id in the named bucket unless id is there already.
func putNew(tx *bolt.Tx, name []byte, id string, v any) (bool, error) {
	b, err := tx.CreateBucketIfNotExists(name)
	if err != nil {
		return false, err
	}
	if b.Get([]byte(id)) != nil {
		return false, nil
	}
	return true, putJSON(b, []byte(id), v)
}

// readAll decodes every value of the named bucket (none when it is absent).
func readAll[T any](db *DB, name []byte) ([]T, error) {
	var out []T
	err := db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(name)
		if b == nil {
			return nil
		}
		return b.ForEach(func(_, v []byte) error {
			var x T
			if err := getJSON(v, &x); err != nil {
				return err
			}
			out = append(out, x)
			return nil
		})
	})
	return out, err
}

// SeenCards returns the last seen content of every card, by id.
func (db *DB) SeenCards() (map[string]playbook.Card, error) {
	out := map[string]playbook.Card{}
	err := db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketCards)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var c playbook.Card
			if err := getJSON(v, &c); err != nil {
				return err
			}
			out[string(k)] = c
			return nil
		})
	})
	return out, err
}

// Identities returns the identity decisions in the order they were made.
func (db *DB) Identities() ([]playbook.Identity, error) {
	out, err := readAll[playbook.Identity](db, bucketIdentity)
	for i := range out {
		out[i].At = db.in(out[i].At)
	}
	return out, err
}

// SaveIdentity stores the cards as seen and appends the decisions. On a
// database open read-only it does nothing.
func (db *DB) SaveIdentity(seen []*playbook.Card, decided []playbook.Identity) error {
	if db.readOnly || len(seen) == 0 && len(decided) == 0 {
		return nil
	}
	return db.update(func(tx *bolt.Tx) error {
		cards, err := tx.CreateBucketIfNotExists(bucketCards)
		if err != nil {
			return err
		}
		for _, c := range seen {
			if c == nil || c.ID == "" {
				continue
			}
			if err := putJSON(cards, []byte(c.ID), c); err != nil {
				return err
			}
		}
		ids, err := tx.CreateBucketIfNotExists(bucketIdentity)
		if err != nil {
			return err
		}
		for _, d := range decided {
			seq, err := ids.NextSequence()
			if err != nil {
				return err
			}
			if err := putJSON(ids, seqKey(0, d.At, seq), d); err != nil {
				return err
			}
		}
		return nil
	})
}
